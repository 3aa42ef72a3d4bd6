#include "traject/trajectory.h"

#include <gtest/gtest.h>

#include <set>
#include <utility>

namespace traject {
namespace {

using S = TrajectoryState;

TEST(LifecycleTest, ExactlyTheDocumentedTransitionsAreLegal) {
  const std::set<std::pair<S, S>> legal = {
      {S::kAangemeld, S::kIntake},       {S::kAangemeld, S::kAfgebroken},
      {S::kIntake, S::kInLeerwerk},      {S::kIntake, S::kGeplaatst},
      {S::kIntake, S::kAfgebroken},      {S::kInLeerwerk, S::kGeplaatst},
      {S::kInLeerwerk, S::kAfgebroken},  {S::kGeplaatst, S::kInLeerwerk},
      {S::kGeplaatst, S::kUitgestroomd}, {S::kGeplaatst, S::kAfgebroken},
      {S::kUitgestroomd, S::kTerugval}};
  for (S from : kAllTrajectoryStates) {
    for (S to : kAllTrajectoryStates) {
      EXPECT_EQ(IsLegalTransition(from, to), legal.count({from, to}) == 1)
          << ToString(from) << " -> " << ToString(to);
    }
  }
}

TEST(LifecycleTest, IllegalTransitionExplainsWhereToGo) {
  Status s = CheckTransition(S::kAangemeld, S::kUitgestroomd);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find("aangemeld -> uitgestroomd"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("intake, afgebroken"), std::string::npos) << s.message();
  Status final_state = CheckTransition(S::kTerugval, S::kIntake);
  EXPECT_NE(final_state.message().find("final state"), std::string::npos);
}

TEST(LifecycleTest, StateNamesRoundTrip) {
  for (S state : kAllTrajectoryStates) {
    Result<S> parsed = ParseTrajectoryState(ToString(state));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, state);
  }
  EXPECT_FALSE(ParseTrajectoryState("placed").ok());
}

}  // namespace
}  // namespace traject

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
      {S::kIntake, S::kUitgestroomd},    {S::kInLeerwerk, S::kUitgestroomd},
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

TEST(LifecycleTest, TrajectoryOnADateFollowsTheHistory) {
  auto d = [](const char* iso) { return *ParseDate(iso); };
  Trajectory t;
  t.id = 1;
  t.started = d("2024-01-10");
  t.state = S::kUitgestroomd;
  t.state_since = d("2024-09-01");
  t.exit_reason = ExitReason::kWork;
  t.milestones = {{"intake", d("2024-01-20"), ""}, {"vog", d("2024-02-15"), ""}};
  t.history = {{S::kAangemeld, S::kIntake, d("2024-01-20"), ""},
               {S::kIntake, S::kGeplaatst, d("2024-03-01"), ""},
               {S::kGeplaatst, S::kUitgestroomd, d("2024-09-01"), ""}};
  EXPECT_FALSE(TrajectoryOn(t, d("2024-01-09")).has_value());
  std::optional<Trajectory> start = TrajectoryOn(t, d("2024-01-10"));
  ASSERT_TRUE(start.has_value());
  EXPECT_EQ(start->state, S::kAangemeld);
  EXPECT_EQ(start->state_since, d("2024-01-10"));
  std::optional<Trajectory> feb = TrajectoryOn(t, d("2024-02-15"));
  EXPECT_EQ(feb->state, S::kIntake);
  EXPECT_EQ(feb->milestones.size(), 2u);
  EXPECT_EQ(feb->history.size(), 1u);
  EXPECT_FALSE(feb->exit_reason.has_value());
  std::optional<Trajectory> later = TrajectoryOn(t, d("2025-01-01"));
  EXPECT_EQ(later->state, S::kUitgestroomd);
  EXPECT_EQ(later->exit_reason, ExitReason::kWork);
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

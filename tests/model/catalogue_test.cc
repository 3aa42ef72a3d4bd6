#include "traject/catalogue.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "testutil.h"

namespace traject {
namespace {

TEST(CatalogueTest, AcceptsTheTestProgramme) {
  EXPECT_TRUE(ValidateProgramme(test::TestProgramme()).ok());
}

TEST(CatalogueTest, RejectsCyclesUnknownAnchorsAndDuplicates) {
  ProgrammeDefinition p = test::TestProgramme();
  p.tracks[0].milestones[0].after = {"diploma"};  // intake after diploma: a cycle
  Status cycle = ValidateProgramme(p);
  ASSERT_FALSE(cycle.ok());
  EXPECT_NE(cycle.message().find("track 'zorg': 'after' has a cycle"), std::string::npos)
      << cycle.message();

  p = test::TestProgramme();
  p.tracks[0].milestones[1].deadline = Deadline{"nope", 10};
  Status anchor = ValidateProgramme(p);
  ASSERT_FALSE(anchor.ok());
  EXPECT_NE(anchor.message().find("unknown milestone 'nope'"), std::string::npos)
      << anchor.message();

  p = test::TestProgramme();
  p.tracks[0].milestones[2].id = "intake";
  EXPECT_NE(ValidateProgramme(p).message().find("duplicate id"), std::string::npos);

  p = test::TestProgramme();
  p.tracks[0].milestones[2].deadline = Deadline{"", 0};
  EXPECT_NE(ValidateProgramme(p).message().find("not in 1..3660"), std::string::npos);

  p = test::TestProgramme();
  p.id = "Bad Id";
  EXPECT_NE(ValidateProgramme(p).message().find("malformed programme id"), std::string::npos);
}

TEST(CatalogueTest, MilestonesMayEnterOnlyIntakeOrInLeerwerk) {
  for (TrajectoryState state : kAllTrajectoryStates) {
    ProgrammeDefinition p = test::TestProgramme();
    p.tracks[0].milestones[3].enters = state;  // diploma
    Status s = ValidateProgramme(p);
    if (state == TrajectoryState::kIntake || state == TrajectoryState::kInLeerwerk) {
      EXPECT_TRUE(s.ok()) << ToString(state) << ": " << s.message();
      continue;
    }
    ASSERT_FALSE(s.ok()) << ToString(state);
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
    EXPECT_EQ(s.message(), "track 'zorg', milestone 'diploma': enters " +
                               std::string(ToString(state)) + ", which only the host sets");
    // The catalogue refuses it too, naming the source.
    ProgrammeCatalogue catalogue;
    Status added = catalogue.Add(p, "x.so");
    EXPECT_EQ(added.code(), Status::Code::kInvalidArgument);
    EXPECT_EQ(added.message().rfind("x.so: track 'zorg', milestone 'diploma': enters", 0), 0u)
        << added.message();
    EXPECT_TRUE(catalogue.empty());
  }
}

TEST(CatalogueTest, MilestonesMustBeListedInTopologicalOrderOfAfter) {
  ProgrammeDefinition p = test::TestProgramme();
  // diploma (after start-leren) listed before start-leren: no cycle, but out of order.
  std::swap(p.tracks[0].milestones[1], p.tracks[0].milestones[3]);
  Status s = ValidateProgramme(p);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(),
            "track 'zorg', milestone 'diploma': after 'start-leren', which is listed later; list "
            "every milestone after those in its 'after'");
  // A deadline anchor may be listed later: only `after` fixes the order.
  p = test::TestProgramme();
  p.tracks[0].milestones[2].deadline = Deadline{"diploma", 30};  // vog, anchored to diploma
  EXPECT_TRUE(ValidateProgramme(p).ok()) << ValidateProgramme(p).message();
}

TEST(CatalogueTest, EveryProblemIsReportedOncePerLineWithItsRule) {
  ProgrammeDefinition p = test::TestProgramme();
  p.tracks[0].milestones[0].enters = TrajectoryState::kGeplaatst;
  p.tracks[0].milestones[1].after = {"diploma"};  // start-leren after diploma after start-leren
  p.tracks[0].milestones[2].deadline = Deadline{"nope", 0};
  p.tracks[0].name = "";
  p.tracks[0].milestones[3].outcome = static_cast<MilestoneOutcome>(3);  // diploma
  const std::vector<ProgrammeProblem> problems = FindProgrammeProblems(p);
  std::vector<std::pair<std::string, std::string>> got;
  for (const ProgrammeProblem& problem : problems) {
    got.emplace_back(std::string(problem.rule), problem.message);
  }
  const std::vector<std::string_view> rules = ProgrammeRuleNames();
  ASSERT_EQ(rules.size(), 6u);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {std::string(rules[1]), "track 'zorg': empty name"},
      {std::string(rules[2]),
       "track 'zorg', milestone 'start-leren': after 'diploma', which is listed later; list every "
       "milestone after those in its 'after'"},
      {std::string(rules[2]), "track 'zorg': 'after' has a cycle"},
      {std::string(rules[3]),
       "track 'zorg', milestone 'intake': enters geplaatst, which only the host sets"},
      {std::string(rules[4]), "track 'zorg', milestone 'vog': deadline of 0 days not in 1..3660"},
      {std::string(rules[4]),
       "track 'zorg', milestone 'vog': deadline refers to unknown milestone 'nope'"},
      {std::string(rules[5]),
       "programme 'test-plan', track 'zorg', milestone 'diploma': outcome 3 is not none, "
       "skill-gain or credential"},
  };
  EXPECT_EQ(got, expected);
  std::string joined;
  for (const auto& [rule, message] : expected) joined += (joined.empty() ? "" : "\n") + message;
  EXPECT_EQ(ValidateProgramme(p).message(), joined);
  EXPECT_EQ(rules[0], "ids well-formed and unique");
  EXPECT_EQ(rules[2], "milestones in topological order of 'after'");
  EXPECT_EQ(rules[3], "milestones enter only intake or in-leerwerk");
  EXPECT_EQ(rules[4], "deadlines 1..3660 days with known anchors, no cycles");
  EXPECT_EQ(rules[5], "milestone outcomes none, skill-gain or credential");
}

TEST(CatalogueTest, MilestoneOutcomesAreNamedValues) {
  const std::vector<std::pair<MilestoneOutcome, std::string>> named = {
      {MilestoneOutcome::kNone, "none"},
      {MilestoneOutcome::kSkillGain, "skill-gain"},
      {MilestoneOutcome::kCredential, "credential"},
  };
  for (const auto& [outcome, name] : named) {
    EXPECT_EQ(ToString(outcome), name);
    Result<MilestoneOutcome> parsed = ParseMilestoneOutcome(name);
    ASSERT_TRUE(parsed.ok()) << name;
    EXPECT_EQ(*parsed, outcome);
  }
  Result<MilestoneOutcome> unknown = ParseMilestoneOutcome("diploma");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(unknown.status().message(),
            "unknown milestone outcome 'diploma' (none, skill-gain or credential)");
  // The default is none; the test programme's diploma is a credential.
  EXPECT_EQ(MilestoneDefinition{}.outcome, MilestoneOutcome::kNone);
  const ProgrammeDefinition p = test::TestProgramme();
  EXPECT_EQ(FindMilestone(p.tracks[0], "diploma")->outcome, MilestoneOutcome::kCredential);
  EXPECT_EQ(FindMilestone(p.tracks[0], "vog")->outcome, MilestoneOutcome::kNone);
}

TEST(CatalogueTest, RefusesAnOutcomeOutsideTheNamedValues) {
  for (MilestoneOutcome outcome :
       {MilestoneOutcome::kNone, MilestoneOutcome::kSkillGain, MilestoneOutcome::kCredential}) {
    ProgrammeDefinition p = test::TestProgramme();
    p.tracks[0].milestones[2].outcome = outcome;  // vog
    EXPECT_TRUE(ValidateProgramme(p).ok()) << ToString(outcome);
  }
  for (unsigned value : {3u, 7u, 255u}) {
    ProgrammeDefinition p = test::TestProgramme();
    p.tracks[0].milestones[2].outcome = static_cast<MilestoneOutcome>(value);  // vog
    Status s = ValidateProgramme(p);
    ASSERT_FALSE(s.ok()) << value;
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
    const std::string expected = "programme 'test-plan', track 'zorg', milestone 'vog': outcome " +
                                 std::to_string(value) + " is not none, skill-gain or credential";
    EXPECT_EQ(s.message(), expected);
    // Nothing of it gets into a catalogue.
    ProgrammeCatalogue catalogue;
    Status added = catalogue.Add(p, "x.so");
    EXPECT_EQ(added.code(), Status::Code::kInvalidArgument);
    EXPECT_EQ(added.message(), "x.so: " + expected);
    EXPECT_TRUE(catalogue.empty());
  }
}

TEST(CatalogueTest, AnchorsClosingACycleWithAfterAreRefused) {
  ProgrammeDefinition p = test::TestProgramme();
  // intake's deadline counts from diploma, which comes (indirectly) after intake.
  p.tracks[0].milestones[0].deadline = Deadline{"diploma", 30};
  Status s = ValidateProgramme(p);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "track 'zorg': deadline anchors and 'after' form a cycle");
}

TEST(CatalogueTest, SameIdFromTwoSourcesIsAConflictNamingBoth) {
  ProgrammeCatalogue catalogue;
  ASSERT_TRUE(catalogue.Add(test::TestProgramme(), "a.so").ok());
  Status twice = catalogue.Add(test::TestProgramme(), "b.so");
  EXPECT_EQ(twice.code(), Status::Code::kConflict);
  EXPECT_NE(twice.message().find("a.so"), std::string::npos);
  EXPECT_NE(twice.message().find("b.so"), std::string::npos);
  EXPECT_EQ(catalogue.All().size(), 1u);
}

}  // namespace
}  // namespace traject

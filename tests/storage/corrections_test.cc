// Corrections are events: the projections, history and views use the corrected facts, the log
// keeps what was recorded first, and replay gives the same projections.
#include <gtest/gtest.h>

#include "testutil.h"
#include "traject/schedule.h"
#include "traject/store.h"

namespace traject {
namespace {

using test::D;

class CorrectionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::OpenTestStore(dir_.Database("t"));
    ASSERT_NE(store_, nullptr);
    ASSERT_OK(store_->Record(ParticipantRegistered{
        "P-1", D("1990-01-01"), "Bijlmer Oost", "", {}, D("2024-01-02"), false}));
    ASSERT_OK(store_->Record(TrajectoryStarted{0, "P-1", "test-plan", "zorg", D("2024-01-08")}));
    ASSERT_OK(store_->Record(MilestoneReached{1, "intake", D("2024-01-15"), ""}));
  }

  void Place() {
    ASSERT_OK(store_->Record(MilestoneReached{1, "vog", D("2024-02-10"), "VOG 1"}));
    ASSERT_OK(store_->Record(PlacementStarted{0, 1, "Zorggroep", 3200, 230000, D("2024-03-01")}));
  }

  Status Refused(const Command& command) {
    const std::string before = test::Everything(*store_);
    Result<Recorded> recorded = store_->Record(command);
    EXPECT_EQ(test::Everything(*store_), before);
    return recorded.status();
  }

  void ExpectReplayGivesTheSame() {
    const std::string live = *store_->DumpProjections();
    ASSERT_OK(store_->RebuildProjections());
    EXPECT_EQ(*store_->DumpProjections(), live);
  }

  test::TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(CorrectionsTest, AMilestoneDateCorrectionMovesTheStateChangeItCaused) {
  ASSERT_OK(store_->Record(MilestoneCorrected{1, "intake", D("2024-03-05"), D("2024-01-12"),
                                              std::string("gesprek 12 jan"), "typo in the date"}));
  Result<Trajectory> t = store_->GetTrajectory(1);
  ASSERT_OK(t);
  EXPECT_EQ(t->milestones[0].reached, D("2024-01-12"));
  EXPECT_EQ(t->milestones[0].evidence, "gesprek 12 jan");
  ASSERT_EQ(t->history.size(), 1u);
  EXPECT_EQ(t->history[0].date, D("2024-01-12"));
  EXPECT_EQ(t->history[0].caused_by_milestone, "intake");
  EXPECT_EQ(t->state_since, D("2024-01-12"));
  ASSERT_EQ(t->corrections.size(), 1u);
  const Correction& c = t->corrections[0];
  EXPECT_EQ(c.kind, "milestone.corrected");
  EXPECT_EQ(c.actor, "tester");
  EXPECT_EQ(c.reason, "typo in the date");
  EXPECT_EQ(c.date, D("2024-03-05"));
  EXPECT_EQ(c.recorded_at_ms, test::kTestClockMs);
  EXPECT_NE(c.what.find("reached 2024-01-15 → 2024-01-12"), std::string::npos) << c.what;

  // The log keeps what was recorded first, then the correction.
  std::vector<std::string> kinds;
  Date first_recorded{};
  ASSERT_OK(store_->ForEachEvent([&](const Event& e) {
    kinds.emplace_back(KindOf(e.payload));
    if (const auto* m = std::get_if<MilestoneReached>(&e.payload)) first_recorded = m->date;
    return Status::OK();
  }));
  EXPECT_EQ(first_recorded, D("2024-01-15"));
  EXPECT_EQ(kinds.back(), "milestone.corrected");
  ExpectReplayGivesTheSame();
}

TEST_F(CorrectionsTest, AMilestoneCorrectionKeepsTheRecordConsistent) {
  ASSERT_OK(store_->Record(MilestoneReached{1, "start-leren", D("2024-02-01"), ""}));
  // intake is required by start-leren (2024-02-01): it cannot move after it.
  Status after = Refused(
      MilestoneCorrected{1, "intake", D("2024-03-05"), D("2024-02-05"), std::nullopt, "typo"});
  EXPECT_EQ(after.field(), "reached");
  EXPECT_NE(after.message().find("which requires it"), std::string::npos) << after.message();
  // start-leren requires intake (2024-01-15): it cannot move before it.
  Status before = Refused(
      MilestoneCorrected{1, "start-leren", D("2024-03-05"), D("2024-01-10"), std::nullopt, "typo"});
  EXPECT_NE(before.message().find("which it requires"), std::string::npos) << before.message();
  // Not before the trajectory's start, not in the future, not a milestone never reached.
  EXPECT_EQ(Refused(MilestoneCorrected{1, "intake", D("2024-03-05"), D("2024-01-07"), std::nullopt,
                                       "typo"})
                .field(),
            "reached");
  EXPECT_EQ(Refused(MilestoneCorrected{1, "diploma", D("2024-03-05"), D("2024-02-07"), std::nullopt,
                                       "typo"})
                .code(),
            Status::Code::kNotFound);
  EXPECT_EQ(Refused(MilestoneCorrected{1, "intake", D("2024-03-05"), D("2024-01-15"), std::nullopt,
                                       "same date"})
                .field(),
            "reason");
}

TEST_F(CorrectionsTest, RetractingAMilestoneUndoesTheMoveItMadeWhileThatIsTheLatest) {
  ASSERT_OK(store_->Record(MilestoneReached{1, "start-leren", D("2024-02-01"), ""}));
  // intake is required by start-leren: retract that first.
  Status required = Refused(MilestoneRetracted{1, "intake", D("2024-03-01"), "wrong trajectory"});
  EXPECT_NE(required.message().find("retract 'start-leren' first"), std::string::npos)
      << required.message();
  ASSERT_OK(store_->Record(MilestoneRetracted{1, "start-leren", D("2024-03-01"), "not started"}));
  Result<Trajectory> t = store_->GetTrajectory(1);
  ASSERT_OK(t);
  EXPECT_EQ(t->state, TrajectoryState::kIntake);
  EXPECT_EQ(t->state_since, D("2024-01-15"));
  EXPECT_EQ(t->milestones.size(), 1u);
  EXPECT_EQ(t->history.size(), 1u);
  ASSERT_OK(store_->Record(MilestoneRetracted{1, "intake", D("2024-03-01"), "wrong trajectory"}));
  t = store_->GetTrajectory(1);
  EXPECT_EQ(t->state, TrajectoryState::kAangemeld);
  EXPECT_EQ(t->state_since, D("2024-01-08"));
  EXPECT_EQ(t->corrections.size(), 2u);
  ExpectReplayGivesTheSame();
}

TEST_F(CorrectionsTest, ALifecycleIsNotRewound) {
  ASSERT_OK(store_->Record(TrajectoryStateChanged{
      1, {}, TrajectoryState::kAfgebroken, D("2024-02-01"), "verhuisd", std::nullopt}));
  Status moved_on = Refused(MilestoneRetracted{1, "intake", D("2024-03-01"), "oops"});
  EXPECT_NE(moved_on.message().find("moved on"), std::string::npos) << moved_on.message();
}

TEST_F(CorrectionsTest, APlacementCorrectionChangesTheFactsTheRulesUse) {
  Place();
  Result<PlacementSchedule> before = ComputeSchedule(BuiltinParameters(), *store_->GetPlacement(1));
  ASSERT_OK(store_->Record(PlacementCorrected{1, D("2024-04-01"), std::string("Zorggroep Zuid"),
                                              3600, 240000, D("2024-02-15"), std::nullopt, false,
                                              "contract said 36 hours from 15 Feb"}));
  Result<Placement> p = store_->GetPlacement(1);
  ASSERT_OK(p);
  EXPECT_EQ(p->employer, "Zorggroep Zuid");
  EXPECT_EQ(p->hours_per_week, 3600);
  EXPECT_EQ(p->gross_monthly_wage, 240000);
  EXPECT_EQ(p->start, D("2024-02-15"));
  Result<PlacementSchedule> after = ComputeSchedule(BuiltinParameters(), *p);
  ASSERT_OK(after);
  EXPECT_EQ(after->months.front().month, D("2024-02-01"));
  EXPECT_GT(after->total, before->total);

  Result<Trajectory> t = store_->GetTrajectory(1);
  ASSERT_EQ(t->history.back().to, TrajectoryState::kGeplaatst);
  EXPECT_EQ(t->history.back().date, D("2024-02-15"));
  EXPECT_EQ(t->history.back().caused_by_placement, 1);
  ASSERT_EQ(t->corrections.size(), 1u);
  EXPECT_EQ(t->corrections[0].placement_id, 1);
  EXPECT_NE(t->corrections[0].what.find("start 2024-03-01 → 2024-02-15"), std::string::npos)
      << t->corrections[0].what;
  EXPECT_NE(t->corrections[0].what.find("hours 32 → 36"), std::string::npos);
  ExpectReplayGivesTheSame();
}

TEST_F(CorrectionsTest, APlacementStartStillNeedsItsMilestones) {
  Place();
  // vog (required for placement) was reached on 2024-02-10.
  Status s =
      Refused(PlacementCorrected{1, D("2024-04-01"), std::nullopt, std::nullopt, std::nullopt,
                                 D("2024-02-01"), std::nullopt, false, "earlier start"});
  EXPECT_EQ(s.field(), "start");
  EXPECT_NE(s.message().find("'vog'"), std::string::npos) << s.message();
  // And the vog milestone cannot move after the placement start.
  Status vog =
      Refused(MilestoneCorrected{1, "vog", D("2024-04-01"), D("2024-03-02"), std::nullopt, "typo"});
  EXPECT_NE(vog.message().find("placement 1"), std::string::npos) << vog.message();
}

TEST_F(CorrectionsTest, EndsAreCorrectedOrRemoved) {
  Place();
  ASSERT_OK(store_->Record(PlacementEnded{1, D("2024-05-31"), "contract ended"}));
  // A correction is dated on or after what it says: not on 2024-06-10 for an end on 06-30.
  EXPECT_EQ(Refused(PlacementCorrected{1, D("2024-06-10"), std::nullopt, std::nullopt, std::nullopt,
                                       std::nullopt, D("2024-06-30"), false, "ended a month later"})
                .field(),
            "date");
  ASSERT_OK(store_->Record(PlacementCorrected{1, D("2024-07-01"), std::nullopt, std::nullopt,
                                              std::nullopt, std::nullopt, D("2024-06-30"), false,
                                              "ended a month later"}));
  EXPECT_EQ(store_->GetPlacement(1)->end, D("2024-06-30"));
  ASSERT_OK(store_->Record(PlacementCorrected{1, D("2024-07-02"), std::nullopt, std::nullopt,
                                              std::nullopt, std::nullopt, std::nullopt, true,
                                              "recorded on the wrong placement"}));
  Result<Placement> p = store_->GetPlacement(1);
  EXPECT_FALSE(p->end.has_value());
  EXPECT_EQ(p->end_reason, "");
  EXPECT_EQ(Refused(PlacementCorrected{1, D("2024-07-03"), std::nullopt, std::nullopt, std::nullopt,
                                       std::nullopt, std::nullopt, true, "again"})
                .field(),
            "reopen");  // a running placement has no end to remove
  ExpectReplayGivesTheSame();
}

TEST_F(CorrectionsTest, ACorrectionIsNotDatedBeforeWhatItCorrects) {
  Place();  // vog reached 2024-02-10, placement from 2024-03-01
  ASSERT_OK(store_->Record(LoonwaardeAssessed{1, D("2024-04-01"), 60}));
  for (const Command& early :
       {Command(MilestoneCorrected{1, "vog", D("2024-02-01"), std::nullopt, std::string("VOG 2"),
                                   "typo"}),
        Command(MilestoneRetracted{1, "diploma", D("2024-01-01"), "x"}),
        Command(PlacementCorrected{1, D("2024-02-20"), std::nullopt, 3000, std::nullopt,
                                   std::nullopt, std::nullopt, false, "typo"}),
        Command(LoonwaardeWithdrawn{1, D("2024-04-01"), D("2024-03-31"), "typo"})}) {
    Status s = Refused(early);
    if (std::holds_alternative<MilestoneRetracted>(early)) {
      EXPECT_EQ(s.code(), Status::Code::kNotFound);  // diploma was never reached
      continue;
    }
    EXPECT_EQ(s.field(), "date") << KindOf(early) << ": " << s.message();
    EXPECT_NE(s.message().find("before the fact it corrects"), std::string::npos) << s.message();
  }
}

TEST_F(CorrectionsTest, BackToLearningOnlyOnceTheJobHasEnded) {
  Place();  // geplaatst since 2024-03-01
  Status running = Refused(TrajectoryStateChanged{
      1, {}, TrajectoryState::kInLeerwerk, D("2024-05-01"), "", std::nullopt});
  EXPECT_NE(running.message().find("placement 1 is still running"), std::string::npos)
      << running.message();
  ASSERT_OK(store_->Record(PlacementEnded{1, D("2024-05-31"), "einde"}));
  EXPECT_EQ(Refused(TrajectoryStateChanged{
                        1, {}, TrajectoryState::kInLeerwerk, D("2024-05-15"), "", std::nullopt})
                .field(),
            "to");  // still running on the 15th
  ASSERT_OK(store_->Record(TrajectoryStateChanged{
      1, {}, TrajectoryState::kInLeerwerk, D("2024-05-31"), "", std::nullopt}));
}

TEST_F(CorrectionsTest, AWithdrawnAssessmentNoLongerCounts) {
  Place();
  ASSERT_OK(store_->Record(LoonwaardeAssessed{1, D("2024-04-01"), 60}));
  ASSERT_OK(store_->Record(
      LoonwaardeWithdrawn{1, D("2024-04-01"), D("2024-04-20"), "assessed the wrong person"}));
  EXPECT_TRUE(store_->GetPlacement(1)->assessments.empty());
  EXPECT_EQ(Refused(LoonwaardeWithdrawn{1, D("2024-04-01"), D("2024-04-21"), "again"}).code(),
            Status::Code::kNotFound);
  Result<Trajectory> t = store_->GetTrajectory(1);
  ASSERT_EQ(t->corrections.size(), 1u);
  EXPECT_NE(t->corrections[0].what.find("loonwaarde 60% of 2024-04-01 withdrawn"),
            std::string::npos);
  // A placement cannot end before an assessment that still counts.
  ASSERT_OK(store_->Record(LoonwaardeAssessed{1, D("2024-05-01"), 55}));
  EXPECT_NE(Refused(PlacementEnded{1, D("2024-04-30"), ""}).message().find("withdraw that first"),
            std::string::npos);
  ExpectReplayGivesTheSame();
}

TEST_F(CorrectionsTest, ParticipantDetailsChangeWithAReason) {
  ASSERT_OK(
      store_->Record(ParticipantChanged{"P-1", D("2024-03-01"), std::string("Osdorp"), std::nullopt,
                                        std::vector<TargetGroup>{TargetGroup::kStatushouder},
                                        D("1991-01-01"), "verhuisd; geboortedatum verbeterd"}));
  Result<Participant> p = store_->GetParticipant("P-1");
  ASSERT_OK(p);
  EXPECT_EQ(p->area, "Osdorp");
  EXPECT_EQ(p->birth, D("1991-01-01"));
  EXPECT_EQ(p->groups, std::vector<TargetGroup>{TargetGroup::kStatushouder});
  ASSERT_EQ(p->corrections.size(), 1u);
  EXPECT_NE(p->corrections[0].what.find("area Bijlmer Oost → Osdorp"), std::string::npos);
  EXPECT_NE(p->corrections[0].what.find("birth 1990-01-01 → 1991-01-01"), std::string::npos);
  // A birth date that makes them younger than 15 on registration is refused.
  EXPECT_EQ(Refused(ParticipantChanged{"P-1", D("2024-03-02"), std::nullopt, std::nullopt,
                                       std::nullopt, D("2015-01-01"), "typo"})
                .field(),
            "birth");
  EXPECT_EQ(Refused(ParticipantChanged{"P-1", D("2024-03-02"), std::string("Osdorp"), std::nullopt,
                                       std::nullopt, std::nullopt, "same"})
                .field(),
            "reason");
  ExpectReplayGivesTheSame();
}

TEST_F(CorrectionsTest, CaseworkerAssignmentsEndAndKeepTheirHistory) {
  ASSERT_OK(store_->Record(
      CaseworkerAssigned{"P-1", CaseworkerRole::kKlantmanager, "K. Smit", D("2024-01-03")}));
  ASSERT_OK(store_->Record(
      CaseworkerAssigned{"P-1", CaseworkerRole::kKlantmanager, "A. Bakker", D("2024-02-01")}));
  EXPECT_EQ(Refused(CaseworkerAssigned{"P-1", CaseworkerRole::kKlantmanager, "A. Bakker",
                                       D("2024-02-02")})
                .code(),
            Status::Code::kConflict);
  EXPECT_EQ(Refused(CaseworkerUnassigned{"P-1", CaseworkerRole::kKlantmanager, D("2024-01-31"),
                                         "too early"})
                .field(),
            "date");
  ASSERT_OK(store_->Record(CaseworkerUnassigned{"P-1", CaseworkerRole::kKlantmanager,
                                                D("2024-06-01"), "caseload verdeeld"}));
  EXPECT_EQ(
      Refused(CaseworkerUnassigned{"P-1", CaseworkerRole::kKlantmanager, D("2024-06-02"), "again"})
          .code(),
      Status::Code::kNotFound);
  Result<Participant> p = store_->GetParticipant("P-1");
  ASSERT_OK(p);
  EXPECT_EQ(p->klantmanager, "");
  ASSERT_EQ(p->assignments.size(), 2u);
  EXPECT_EQ(p->assignments[0].name, "K. Smit");
  EXPECT_EQ(p->assignments[0].until, D("2024-02-01"));
  EXPECT_EQ(p->assignments[1].name, "A. Bakker");
  EXPECT_EQ(p->assignments[1].until, D("2024-06-01"));
  EXPECT_EQ(p->assignments[1].end_reason, "caseload verdeeld");
  ASSERT_EQ(p->corrections.size(), 1u);
  EXPECT_EQ(p->corrections[0].kind, "caseworker.unassigned");
  ExpectReplayGivesTheSame();
}

}  // namespace
}  // namespace traject

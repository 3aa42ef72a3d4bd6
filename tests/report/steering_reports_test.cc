// Every figure of the outcome reports on a small data set worked out by hand. Six people in the
// test programme (test-plan/zorg: intake -> start-leren -> vog -> diploma, the diploma a
// credential), looked at on 2026-05-31 unless a test says otherwise:
//
//   P-A  Noord, born 1990. Registered 2024-01-01, klantmanager K. One. Invited 01-02, spoken
//        01-15, spoken again 2026-03-01. Trajectory 1 from 2024-02-01: intake 02-10,
//        start-leren 03-01, vog 03-10, placed at Zorg BV (36 h, €2,400) from 2024-04-01 with
//        loonwaarde 50 % from that day, diploma 05-15, left bijstand for work 2024-06-01.
//        Still working there.
//   P-B  Noord, born 2000 (jongere). Registered 2024-01-01, klantmanager K. One. Invited 01-02,
//        no response 02-01, home visit 03-01, spoken 03-15. Trajectory 2 from 2024-04-01:
//        intake 04-05, vog 04-20, placed at Haven NV (24 h) from 2024-05-01, left bijstand
//        2024-07-01, the job ended 2024-09-30, back on bijstand 2024-10-15.
//   P-C  Zuid, born 1970, statushouder. Registered 2024-06-01, invited 06-02. No klantmanager.
//   P-D  Zuid, born 1985. Registered 2025-01-01, klantmanager K. Two, jobhunter J. Hunt from
//        02-01. Spoken 2025-01-10 and 2026-02-01. Trajectory 3 from 2025-02-01: intake 02-05
//        (start-leren due 30 days later: 2025-03-07, never reached), vog 02-20, placed at
//        Thuiszorg West (36 h) from 2025-09-01, never assessed: the forfait ends 2026-03-01.
//   P-E  Noord, born 1960. Registered 2023-01-01, klantmanager K. Two, K. One from 2025-06-01.
//        Trajectory 4 from 2023-02-01, afgebroken 2023-03-01.
//   P-F  Zuid, no birth date. Registered 2026-05-01; trajectory 5 from 2026-05-10, intake due
//        2026-06-09.
//
// Subsidy amounts (36 hours, LW 50 % or the forfait, both half the base): with the parameters
// of 2025-01-01 €1,462.76 a month, of 2025-09-01 €1,498.13, of 2026-01-01 €1,530.37 (the three
// figures `traject subsidy lks --date D --hours 36 --forfait` prints; rules_test has the
// arithmetic). The test programme is a catalogue, not a plugin: figures that need plugin rules
// are asked for with kFlag.
#include <gtest/gtest.h>

#include <map>

#include "testutil.h"
#include "traject/reports.h"

namespace traject {
namespace {

using test::D;

constexpr Cents k2025 = 146276, kSeptember2025 = 149813, k2026 = 153037;

class ReportsSteeringTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::OpenTestStore(dir_.Database("steering"));
    ASSERT_NE(store_, nullptr);
    const auto km = CaseworkerRole::kKlantmanager;
    // P-A
    Register("P-A", D("1990-05-05"), "Noord", {}, D("2024-01-01"));
    Do(CaseworkerAssigned{"P-A", km, "K. One", D("2024-01-01")});
    Do(ContactRecorded{"P-A", ContactKind::kInvited, D("2024-01-02")});
    Do(ContactRecorded{"P-A", ContactKind::kConversation, D("2024-01-15")});
    Do(TrajectoryStarted{1, "P-A", "test-plan", "zorg", D("2024-02-01")});
    Do(MilestoneReached{1, "intake", D("2024-02-10"), ""});
    Do(MilestoneReached{1, "start-leren", D("2024-03-01"), ""});
    Do(MilestoneReached{1, "vog", D("2024-03-10"), "VOG"});
    Do(PlacementStarted{1, 1, "Zorg BV", 3600, 240000, D("2024-04-01")});
    Do(LoonwaardeAssessed{1, D("2024-04-01"), 50});
    Do(MilestoneReached{1, "diploma", D("2024-05-15"), "diploma"});
    Exit(1, D("2024-06-01"));
    Do(ContactRecorded{"P-A", ContactKind::kConversation, D("2026-03-01")});
    // P-B
    Register("P-B", D("2000-01-01"), "Noord", {}, D("2024-01-01"));
    Do(CaseworkerAssigned{"P-B", km, "K. One", D("2024-01-01")});
    Do(ContactRecorded{"P-B", ContactKind::kInvited, D("2024-01-02")});
    Do(ContactRecorded{"P-B", ContactKind::kNoResponse, D("2024-02-01")});
    Do(ContactRecorded{"P-B", ContactKind::kHomeVisit, D("2024-03-01")});
    Do(ContactRecorded{"P-B", ContactKind::kConversation, D("2024-03-15")});
    Do(TrajectoryStarted{2, "P-B", "test-plan", "zorg", D("2024-04-01")});
    Do(MilestoneReached{2, "intake", D("2024-04-05"), ""});
    Do(MilestoneReached{2, "vog", D("2024-04-20"), "VOG"});
    Do(PlacementStarted{2, 2, "Haven NV", 2400, 170000, D("2024-05-01")});
    Exit(2, D("2024-07-01"));
    Do(PlacementEnded{2, D("2024-09-30"), "einde contract"});
    Do(TrajectoryStateChanged{
        2, {}, TrajectoryState::kTerugval, D("2024-10-15"), "", std::nullopt});
    // P-C
    Register("P-C", D("1970-03-03"), "Zuid", {TargetGroup::kStatushouder}, D("2024-06-01"));
    Do(ContactRecorded{"P-C", ContactKind::kInvited, D("2024-06-02")});
    // P-D
    Register("P-D", D("1985-01-01"), "Zuid", {}, D("2025-01-01"));
    Do(CaseworkerAssigned{"P-D", km, "K. Two", D("2025-01-01")});
    Do(CaseworkerAssigned{"P-D", CaseworkerRole::kJobhunter, "J. Hunt", D("2025-02-01")});
    Do(ContactRecorded{"P-D", ContactKind::kConversation, D("2025-01-10")});
    Do(TrajectoryStarted{3, "P-D", "test-plan", "zorg", D("2025-02-01")});
    Do(MilestoneReached{3, "intake", D("2025-02-05"), ""});
    Do(MilestoneReached{3, "vog", D("2025-02-20"), "VOG"});
    Do(PlacementStarted{3, 3, "Thuiszorg West", 3600, 250000, D("2025-09-01")});
    Do(ContactRecorded{"P-D", ContactKind::kConversation, D("2026-02-01")});
    // P-E
    Register("P-E", D("1960-01-01"), "Noord", {}, D("2023-01-01"));
    Do(CaseworkerAssigned{"P-E", km, "K. Two", D("2023-01-01")});
    Do(TrajectoryStarted{4, "P-E", "test-plan", "zorg", D("2023-02-01")});
    Do(TrajectoryStateChanged{
        4, {}, TrajectoryState::kAfgebroken, D("2023-03-01"), "verhuisd", std::nullopt});
    Do(CaseworkerAssigned{"P-E", km, "K. One", D("2025-06-01")});
    // P-F
    Register("P-F", std::nullopt, "Zuid", {}, D("2026-05-01"));
    Do(TrajectoryStarted{5, "P-F", "test-plan", "zorg", D("2026-05-10")});
  }

  void Do(const Command& command) { ASSERT_OK(store_->Record(command)); }
  void Register(const std::string& ref, std::optional<Date> birth, const std::string& area,
                std::vector<TargetGroup> groups, Date registered) {
    Do(ParticipantRegistered{ref, birth, area, "", std::move(groups), registered, false});
  }
  void Exit(std::int64_t trajectory, Date day) {
    Do(TrajectoryStateChanged{
        trajectory, {}, TrajectoryState::kUitgestroomd, day, "", ExitReason::kWork});
  }

  static void ExpectShare(const Share& share, std::int64_t count, std::int64_t base) {
    EXPECT_EQ(share.count, count);
    EXPECT_EQ(share.base, base);
  }

  const ProgrammeCatalogue* programmes() const { return &test::TestCatalogue(); }

  test::TempDir dir_;
  std::unique_ptr<Store> store_;
  const Date as_of_ = D("2026-05-31");
};

TEST_F(ReportsSteeringTest, CaseloadPerKlantmanagerAndJobhunterOnADate) {
  Result<CaseloadReport> report = BuildCaseloadReport(*store_, CaseloadOptions{as_of_, {}});
  ASSERT_OK(report);
  // K. One: P-A (off bijstand, working), P-B (back on), P-E (since 2025-06-01); K. Two: P-D
  // (placed in open trajectory 3); nobody: P-C and P-F, both on bijstand (P-F in trajectory 5).
  ASSERT_EQ(report->rows.size(), 4u);
  const auto expect = [](const CaseloadRow& row, CaseworkerRole role, const std::string& name,
                         int participants, int on, int in_trajectory, int placed) {
    EXPECT_EQ(row.role, role);
    EXPECT_EQ(row.name, name);
    EXPECT_EQ(row.participants, participants) << name;
    EXPECT_EQ(row.on_bijstand, on) << name;
    EXPECT_EQ(row.in_trajectory, in_trajectory) << name;
    EXPECT_EQ(row.placed, placed) << name;
  };
  const auto km = CaseworkerRole::kKlantmanager, jh = CaseworkerRole::kJobhunter;
  expect(report->rows[0], km, "K. One", 3, 2, 0, 1);
  expect(report->rows[1], km, "K. Two", 1, 1, 1, 1);
  expect(report->rows[2], km, "", 2, 2, 1, 0);
  expect(report->rows[3], jh, "J. Hunt", 1, 1, 1, 1);
  expect(report->total_klantmanager, km, "", 3 + 1 + 2, 2 + 1 + 2, 0 + 1 + 1, 1 + 1 + 0);
  expect(report->total_jobhunter, jh, "", 1, 1, 1, 1);

  // On 2025-03-01 P-E was still K. Two's, and P-C the only one without a klantmanager.
  Result<CaseloadReport> earlier =
      BuildCaseloadReport(*store_, CaseloadOptions{D("2025-03-01"), CaseworkerRole::kKlantmanager});
  ASSERT_OK(earlier);
  ASSERT_EQ(earlier->rows.size(), 3u);
  expect(earlier->rows[0], km, "K. One", 2, 1, 0, 1);  // P-A working, P-B back on bijstand
  expect(earlier->rows[1], km, "K. Two", 2, 2, 1, 0);  // P-D (trajectory 3, not yet placed), P-E
  expect(earlier->rows[2], km, "", 1, 1, 0, 0);        // P-C

  Result<std::map<std::string, CaseworkersOnDate>> on = CaseworkersOn(*store_, D("2025-03-01"));
  ASSERT_OK(on);
  EXPECT_EQ(on->size(), 5u);  // P-F registered later
  EXPECT_EQ((*on)["P-E"].klantmanager, "K. Two");
  EXPECT_EQ((*on)["P-D"].jobhunter, "J. Hunt");
  EXPECT_EQ((*on)["P-C"].klantmanager, "");
}

TEST_F(ReportsSteeringTest, OverdueAndDueMilestones) {
  MilestoneReportOptions options;
  options.as_of = as_of_;
  options.due_within_days = 28;
  Result<MilestoneReport> report = BuildMilestoneReport(*store_, programmes(), options);
  ASSERT_OK(report);
  // Trajectory 3: start-leren was due 30 days after the intake of 2025-02-05, on 2025-03-07:
  // 365 days to 2026-03-07, then 24 + 30 + 31 to 2026-05-31.
  ASSERT_EQ(report->overdue.size(), 1u);
  const MilestoneDue& late = report->overdue[0];
  EXPECT_EQ(late.participant_ref, "P-D");
  EXPECT_EQ(late.klantmanager, "K. Two");
  EXPECT_EQ(late.trajectory_id, 3);
  EXPECT_EQ(late.milestone_id, "start-leren");
  EXPECT_EQ(late.deadline, D("2025-03-07"));
  EXPECT_EQ(late.days, 365 + 24 + 30 + 31);
  EXPECT_TRUE(late.overdue);
  // Trajectory 5's intake is due 30 days after 2026-05-10: 2026-06-09, 9 days on.
  ASSERT_EQ(report->due.size(), 1u);
  EXPECT_EQ(report->due[0].trajectory_id, 5);
  EXPECT_EQ(report->due[0].milestone_id, "intake");
  EXPECT_EQ(report->due[0].deadline, D("2026-06-09"));
  EXPECT_EQ(report->due[0].days, 9);
  EXPECT_EQ(report->total.open_trajectories, 2);  // 3 and 5; the others are closed
  EXPECT_EQ(report->total.behind, 1);

  // With a window of a week, trajectory 5's intake is not due yet.
  options.due_within_days = 7;
  options.by = ReportGrouping::kArea;
  Result<MilestoneReport> week = BuildMilestoneReport(*store_, programmes(), options);
  ASSERT_OK(week);
  EXPECT_TRUE(week->due.empty());
  ASSERT_EQ(week->rows.size(), 1u);
  EXPECT_EQ(week->rows[0].key, "Zuid");
  EXPECT_EQ(week->rows[0].open_trajectories, 2);
  EXPECT_EQ(week->rows[0].overdue, 1);

  // One klantmanager's participants only.
  options.klantmanager = "K. One";
  Result<MilestoneReport> one = BuildMilestoneReport(*store_, programmes(), options);
  ASSERT_OK(one);
  EXPECT_EQ(one->total.open_trajectories, 0);

  // On 2023-02-15 trajectory 4 (P-E), afgebroken since 2023-03-01, was open, its intake due 30
  // days after its start of 2023-02-01: on 2023-03-03, 16 days on. The report reads only those
  // whose trajectory may be open on the day (FactScope::kMaybeOpenOn): a trajectory closed now
  // but not yet then must be among them.
  options = MilestoneReportOptions{};
  options.as_of = D("2023-02-15");
  Result<MilestoneReport> before = BuildMilestoneReport(*store_, programmes(), options);
  ASSERT_OK(before);
  EXPECT_EQ(before->total.open_trajectories, 1);
  ASSERT_EQ(before->due.size(), 1u);
  EXPECT_EQ(before->due[0].participant_ref, "P-E");
  EXPECT_EQ(before->due[0].trajectory_id, 4);
  EXPECT_EQ(before->due[0].deadline, D("2023-03-03"));
  EXPECT_EQ(before->due[0].days, 16);

  // Without the programme's definition the deadlines are unknown: refused, or left out.
  options = MilestoneReportOptions{};
  options.as_of = as_of_;
  Result<MilestoneReport> refused = BuildMilestoneReport(*store_, nullptr, options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Status::Code::kPlugin);
  EXPECT_NE(refused.status().message().find("'test-plan' (2 trajectories)"), std::string::npos)
      << refused.status().message();
  options.missing_plugins = MissingPlugins::kFlag;
  Result<MilestoneReport> flagged = BuildMilestoneReport(*store_, nullptr, options);
  ASSERT_OK(flagged);
  EXPECT_TRUE(flagged->overdue.empty());
  EXPECT_EQ(flagged->missing_plugins, std::vector<std::string>{"test-plan"});
}

TEST_F(ReportsSteeringTest, PlacementsWithoutALoonwaardeAssessment) {
  LoonwaardeReportOptions options;
  options.as_of = as_of_;
  Result<LoonwaardeReport> report = BuildLoonwaardeReport(*store_, BuiltinParameters(), options);
  ASSERT_OK(report);
  // Running on 2026-05-31: placement 1 (assessed) and 3 (never: its forfait of 6 months from
  // 2025-09-01 ended on 2026-03-01, 30 + 30 + 31 days before).
  EXPECT_EQ(report->running_placements, 2);
  ASSERT_EQ(report->placements.size(), 1u);
  const UnassessedPlacement& p = report->placements[0];
  EXPECT_EQ(p.placement_id, 3);
  EXPECT_EQ(p.participant_ref, "P-D");
  EXPECT_EQ(p.klantmanager, "K. Two");
  EXPECT_EQ(p.employer, "Thuiszorg West");
  EXPECT_EQ(p.forfait_ends, D("2026-03-01"));
  EXPECT_EQ(p.status, ForfaitStatus::kExpired);
  EXPECT_EQ(p.days, 30 + 30 + 31);
  EXPECT_EQ(report->expired, 1);

  // One klantmanager's: K. One has P-A's placement 1 (assessed), K. Two P-D's placement 3.
  options.klantmanager = "K. One";
  Result<LoonwaardeReport> one = BuildLoonwaardeReport(*store_, BuiltinParameters(), options);
  ASSERT_OK(one);
  EXPECT_EQ(one->running_placements, 1);
  EXPECT_TRUE(one->placements.empty());
  options.klantmanager = "K. Two";
  Result<LoonwaardeReport> two = BuildLoonwaardeReport(*store_, BuiltinParameters(), options);
  ASSERT_OK(two);
  EXPECT_EQ(two->running_placements, 1);
  ASSERT_EQ(two->placements.size(), 1u);
  EXPECT_EQ(two->placements[0].placement_id, 3);
  // A name nobody had (names match exactly) is not found, not an empty list; nor is K. One
  // before anyone had them; an empty name is refused.
  for (const char* unknown : {"K. Nobody", "k. one", "K. One "}) {
    options.klantmanager = unknown;
    EXPECT_EQ(BuildLoonwaardeReport(*store_, BuiltinParameters(), options).status().code(),
              Status::Code::kNotFound)
        << unknown;
  }
  options.klantmanager = "";
  EXPECT_EQ(BuildLoonwaardeReport(*store_, BuiltinParameters(), options).status().code(),
            Status::Code::kInvalidArgument);
  EXPECT_EQ(
      RequireCaseworker(*store_, CaseworkerRole::kKlantmanager, "K. One", D("2023-12-31")).code(),
      Status::Code::kNotFound);
  EXPECT_TRUE(
      RequireCaseworker(*store_, CaseworkerRole::kKlantmanager, "K. One", D("2024-01-01")).ok());
  EXPECT_EQ(RequireCaseworker(*store_, CaseworkerRole::kJobhunter, "K. One", as_of_).code(),
            Status::Code::kNotFound);
  MilestoneReportOptions milestones;
  milestones.as_of = as_of_;
  milestones.klantmanager = "K. Nobody";
  EXPECT_EQ(BuildMilestoneReport(*store_, programmes(), milestones).status().code(),
            Status::Code::kNotFound);
  options.klantmanager.reset();

  // On 2026-02-01 it ends in 28 days: within six weeks.
  options.as_of = D("2026-02-01");
  options.ending_within_days = 42;
  Result<LoonwaardeReport> ending = BuildLoonwaardeReport(*store_, BuiltinParameters(), options);
  ASSERT_OK(ending);
  ASSERT_EQ(ending->placements.size(), 1u);
  EXPECT_EQ(ending->placements[0].status, ForfaitStatus::kEnding);
  EXPECT_EQ(ending->placements[0].days, 28);
  // On 2025-12-01 it is 90 days away.
  options.as_of = D("2025-12-01");
  Result<LoonwaardeReport> running = BuildLoonwaardeReport(*store_, BuiltinParameters(), options);
  ASSERT_OK(running);
  EXPECT_EQ(running->placements[0].status, ForfaitStatus::kRunning);
  EXPECT_EQ(running->placements[0].days, 90);
  // On 2024-09-01 placement 2 (P-B, from 2024-05-01) was running without one too.
  options.as_of = D("2024-09-01");
  Result<LoonwaardeReport> then = BuildLoonwaardeReport(*store_, BuiltinParameters(), options);
  ASSERT_OK(then);
  EXPECT_EQ(then->running_placements, 2);
  ASSERT_EQ(then->placements.size(), 1u);
  EXPECT_EQ(then->placements[0].placement_id, 2);
  EXPECT_EQ(then->placements[0].forfait_ends, D("2024-11-01"));
}

// The milestone and loonwaarde reports read only their scope's participants, whose refs reach
// the query as a JSON array: a ref may hold a backslash, which JSON escapes.
TEST_F(ReportsSteeringTest, ScopedReportsReadRefsThatJsonEscapes) {
  const std::string ref = R"(P\G)";
  Register(ref, D("1980-01-01"), "Zuid", {}, D("2026-01-01"));
  Do(CaseworkerAssigned{ref, CaseworkerRole::kKlantmanager, "K. Three", D("2026-01-01")});
  Do(TrajectoryStarted{6, ref, "test-plan", "zorg", D("2026-01-05")});
  Do(MilestoneReached{6, "intake", D("2026-01-10"), ""});
  Do(MilestoneReached{6, "vog", D("2026-01-20"), "VOG"});
  Do(PlacementStarted{6, 6, "Zorg BV", 3600, 250000, D("2026-02-01")});

  LoonwaardeReportOptions loonwaarde;
  loonwaarde.as_of = as_of_;
  Result<LoonwaardeReport> unassessed =
      BuildLoonwaardeReport(*store_, BuiltinParameters(), loonwaarde);
  ASSERT_OK(unassessed);
  EXPECT_EQ(unassessed->running_placements, 3);  // placements 1, 3 and 6
  ASSERT_EQ(unassessed->placements.size(), 2u);
  EXPECT_EQ(unassessed->placements[1].participant_ref, ref);  // its forfait ends 2026-08-01
  EXPECT_EQ(unassessed->placements[1].klantmanager, "K. Three");

  MilestoneReportOptions milestones;
  milestones.as_of = as_of_;
  milestones.klantmanager = "K. Three";
  milestones.due_within_days = 366;
  Result<MilestoneReport> due = BuildMilestoneReport(*store_, programmes(), milestones);
  ASSERT_OK(due);
  EXPECT_EQ(due->total.open_trajectories, 1);
  // start-leren was due 30 days after intake (2026-02-09), and diploma not reached either.
  ASSERT_FALSE(due->overdue.empty());
  EXPECT_EQ(due->overdue[0].participant_ref, ref);
}

TEST_F(ReportsSteeringTest, SubsidyPaidCommittedAndBlocked) {
  SubsidyReportOptions options;
  options.period = ReportPeriod{D("2025-01-01"), std::nullopt, as_of_};
  options.committed_months = 2;
  options.missing_plugins = MissingPlugins::kFlag;
  Result<SubsidyReport> report = BuildSubsidyReport(*store_, nullptr, BuiltinParameters(), options);
  ASSERT_OK(report);
  EXPECT_EQ(report->committed_to, D("2026-07-31"));
  // Placement 1 (LW 50 %): twelve months of 2025, January to May 2026; June and July to come.
  const Cents paid_1 = 12 * k2025 + 5 * k2026, committed_1 = 2 * k2026;
  // Placement 3 (forfait from 2025-09-01): September to December at the parameters of its
  // start, January and February 2026 at those of 1 January; from 1 March nothing: blocked.
  const Cents paid_3 = 4 * kSeptember2025 + 2 * k2026;
  ASSERT_EQ(report->rows.size(), 2u);
  const SubsidyRow& thuiszorg = report->rows[0];
  EXPECT_EQ(thuiszorg.key, "Thuiszorg West");
  EXPECT_EQ(thuiszorg.placements, 1);
  EXPECT_EQ(thuiszorg.running, 1);
  EXPECT_EQ(thuiszorg.paid, paid_3);
  EXPECT_EQ(thuiszorg.committed, 0);
  EXPECT_EQ(thuiszorg.blocked, 1);
  const SubsidyRow& zorg = report->rows[1];
  EXPECT_EQ(zorg.key, "Zorg BV");
  EXPECT_EQ(zorg.paid, paid_1);
  EXPECT_EQ(zorg.committed, committed_1);
  EXPECT_EQ(zorg.blocked, 0);
  EXPECT_EQ(report->total.paid, paid_1 + paid_3);
  EXPECT_EQ(report->total.paid, 3425823);
  EXPECT_EQ(report->total.committed, 306074);
  EXPECT_EQ(report->total.placements, 2);  // placement 2 ended in 2024
  EXPECT_EQ(report->total.rules_missing, 2);
  ASSERT_EQ(report->blocked.size(), 1u);
  EXPECT_EQ(report->blocked[0].placement_id, 3);
  EXPECT_EQ(report->blocked[0].reason, BlockReason::kAssessmentOverdue);
  EXPECT_EQ(report->blocked[0].since, D("2026-03-01"));

  options.by = ReportGrouping::kProgramme;
  Result<SubsidyReport> by_programme =
      BuildSubsidyReport(*store_, nullptr, BuiltinParameters(), options);
  ASSERT_OK(by_programme);
  ASSERT_EQ(by_programme->rows.size(), 1u);
  EXPECT_EQ(by_programme->rows[0].paid, paid_1 + paid_3);

  // Plugin rules decide the money: without the programme's plugin, refused unless flagged.
  options.missing_plugins = MissingPlugins::kRefuse;
  EXPECT_EQ(BuildSubsidyReport(*store_, nullptr, BuiltinParameters(), options).status().code(),
            Status::Code::kPlugin);
  options.by = ReportGrouping::kMonth;
  EXPECT_EQ(BuildSubsidyReport(*store_, nullptr, BuiltinParameters(), options).status().code(),
            Status::Code::kInvalidArgument);
}

// Blocked is judged on a placement's last day in the window. Two more placements from
// 2025-01-01 (forfait to 2025-07-01): 7 assessed at 50 % on 2025-08-01 after a month without
// one, 8 assessed at 100 % on 2025-08-01 and at 40 % on 2026-03-01.
TEST_F(ReportsSteeringTest, BlockedIsJudgedOnTheLastDayInTheWindow) {
  for (const auto& [n, employer] : {std::pair<int, const char*>{7, "Gap BV"}, {8, "Full BV"}}) {
    const std::string ref = "P-" + std::to_string(n);
    Register(ref, D("1980-01-01"), "Zuid", {}, D("2024-06-01"));
    Do(TrajectoryStarted{n, ref, "test-plan", "zorg", D("2024-07-01")});
    Do(MilestoneReached{n, "intake", D("2024-07-10"), ""});
    Do(MilestoneReached{n, "vog", D("2024-07-20"), "VOG"});
    Do(PlacementStarted{n, n, employer, 3600, 250000, D("2025-01-01")});
  }
  Do(LoonwaardeAssessed{7, D("2025-08-01"), 50});
  Do(LoonwaardeAssessed{8, D("2025-08-01"), 100});
  Do(LoonwaardeAssessed{8, D("2026-03-01"), 40});

  const auto blocked = [&](Date from, Date to) {
    SubsidyReportOptions options;
    options.period = ReportPeriod{from, to, as_of_};
    options.missing_plugins = MissingPlugins::kFlag;
    Result<SubsidyReport> report =
        BuildSubsidyReport(*store_, nullptr, BuiltinParameters(), options);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    std::map<std::int64_t, std::pair<BlockReason, Date>> out;
    if (report.ok()) {
      for (const BlockedPlacement& b : report->blocked) out[b.placement_id] = {b.reason, b.since};
    }
    return out;
  };
  // To the as-of date: 7 and 8 are paid (the month without an assessment, and the months at
  // 100 %, long past); only placement 3 (never assessed) is blocked.
  auto now = blocked(D("2025-01-01"), as_of_);
  EXPECT_EQ(now.count(7), 0u);
  EXPECT_EQ(now.count(8), 0u);
  EXPECT_EQ(now.count(3), 1u);
  // To 2025-07-15: 7 and 8 had no assessment past the forfait's end.
  auto july = blocked(D("2025-01-01"), D("2025-07-15"));
  ASSERT_EQ(july.count(7), 1u);
  EXPECT_EQ(july[7], std::make_pair(BlockReason::kAssessmentOverdue, D("2025-07-01")));
  EXPECT_EQ(july.count(8), 1u);
  // Through 2025: 8 is at 100 % since 2025-08-01, 7 is paid at 50 %.
  auto year = blocked(D("2025-01-01"), D("2025-12-31"));
  EXPECT_EQ(year.count(7), 0u);
  ASSERT_EQ(year.count(8), 1u);
  EXPECT_EQ(year[8], std::make_pair(BlockReason::kFullLoonwaarde, D("2025-08-01")));
  // To 2025-06-30 the forfait still runs for both.
  auto june = blocked(D("2025-01-01"), D("2025-06-30"));
  EXPECT_EQ(june.count(7), 0u);
  EXPECT_EQ(june.count(8), 0u);
}

// The test store's today is 2026-06-01: a report as of a later day would count what has not
// happened yet (a return not known, a forfait not yet ended) as settled, so it is refused.
TEST_F(ReportsSteeringTest, AReportAsOfAfterTodayIsRefused) {
  const Date today = D("2026-06-01"), tomorrow = D("2026-06-02");
  const auto refused = [](const Status& s) {
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << s.ToString();
    EXPECT_NE(s.message().find("is after today (2026-06-01)"), std::string::npos) << s.ToString();
  };
  LoonwaardeReportOptions loonwaarde;
  loonwaarde.as_of = tomorrow;
  refused(BuildLoonwaardeReport(*store_, BuiltinParameters(), loonwaarde).status());
  loonwaarde.as_of = today;
  EXPECT_TRUE(BuildLoonwaardeReport(*store_, BuiltinParameters(), loonwaarde).ok());

  OutcomeReportOptions outcomes;
  outcomes.period = ReportPeriod{D("2026-01-01"), std::nullopt, tomorrow};
  refused(BuildOutcomeReport(*store_, programmes(), outcomes).status());

  PlacementReportOptions placements;
  placements.as_of = tomorrow;
  placements.missing_plugins = MissingPlugins::kFlag;
  refused(BuildPlacementReport(*store_, nullptr, BuiltinParameters(), placements).status());

  CommitmentOptions commitments;
  commitments.first_month = D("2026-07-01");
  commitments.as_of = tomorrow;
  commitments.missing_plugins = MissingPlugins::kFlag;
  refused(BuildCommitments(*store_, nullptr, BuiltinParameters(), commitments).status());

  Result<std::unique_ptr<Store>> recorded = store_->AsRecorded(tomorrow);
  ASSERT_FALSE(recorded.ok());
  EXPECT_EQ(recorded.status().code(), Status::Code::kInvalidArgument);
  EXPECT_TRUE(store_->AsRecorded(today).ok());
}

TEST_F(ReportsSteeringTest, OutcomesCountedFromTheHistory) {
  OutcomeReportOptions options;
  options.period = ReportPeriod{D("2024-01-01"), D("2024-12-31"), as_of_};
  Result<OutcomeReport> report = BuildOutcomeReport(*store_, programmes(), options);
  ASSERT_OK(report);
  const OutcomeRow& t = report->total;
  // Exits in 2024: P-A (2024-06-01) and P-B (2024-07-01), both for work, both with work a month
  // later (P-A's placement runs on, P-B's until 09-30). P-B came back on 2024-10-15, within six
  // months: one of two stayed out 6 and 12 months.
  EXPECT_EQ(t.uitstroom, 2);
  EXPECT_EQ(t.uitstroom_work, 2);
  ExpectShare(t.naar_werk, 2, 2);
  ExpectShare(t.duurzaam_short, 1, 2);
  ExpectShare(t.duurzaam_long, 1, 2);
  EXPECT_EQ(t.terugval, 1);
  // Placements started in 2024: 1 (2024-04-01, still running on 10-01 and 2025-04-01) and 2
  // (2024-05-01, ended before 11-01).
  ExpectShare(t.werkbehoud_short, 1, 2);
  ExpectShare(t.werkbehoud_long, 1, 2);
  ASSERT_EQ(report->rows.size(), 1u);
  EXPECT_EQ(report->rows[0].key, "test-plan");
  EXPECT_EQ(report->rows[0].label, "Test banenplan");

  // Seen from the end of 2024: P-B's six months are not over (2025-01-01), nobody's twelve.
  options.period.as_of = D("2024-12-31");
  Result<OutcomeReport> early = BuildOutcomeReport(*store_, programmes(), options);
  ASSERT_OK(early);
  ExpectShare(early->total.duurzaam_short, 1, 1);
  ExpectShare(early->total.duurzaam_long, 0, 0);
  ExpectShare(early->total.werkbehoud_short, 1, 2);
  ExpectShare(early->total.werkbehoud_long, 0, 0);

  // By month: each exit, return and placement under its own month.
  options.period.as_of = as_of_;
  options.by = ReportGrouping::kMonth;
  Result<OutcomeReport> monthly = BuildOutcomeReport(*store_, programmes(), options);
  ASSERT_OK(monthly);
  std::map<std::string, OutcomeRow> months;
  for (const OutcomeRow& row : monthly->rows) months[row.key] = row;
  ASSERT_EQ(months.size(), 5u);  // 2024-04, -05, -06, -07, -10
  EXPECT_EQ(months["2024-06"].uitstroom, 1);
  ExpectShare(months["2024-06"].duurzaam_short, 1, 1);
  ExpectShare(months["2024-07"].duurzaam_short, 0, 1);
  EXPECT_EQ(months["2024-10"].terugval, 1);
  ExpectShare(months["2024-04"].werkbehoud_long, 1, 1);
  ExpectShare(months["2024-05"].werkbehoud_short, 0, 1);

  // By klantmanager on the day of each exit: K. One for both.
  options.by = ReportGrouping::kKlantmanager;
  Result<OutcomeReport> by_klantmanager = BuildOutcomeReport(*store_, programmes(), options);
  ASSERT_OK(by_klantmanager);
  ASSERT_EQ(by_klantmanager->rows.size(), 1u);
  EXPECT_EQ(by_klantmanager->rows[0].key, "K. One");
  EXPECT_EQ(by_klantmanager->rows[0].uitstroom, 2);

  options.short_months = 12;
  EXPECT_EQ(BuildOutcomeReport(*store_, programmes(), options).status().code(),
            Status::Code::kInvalidArgument);
}

TEST_F(ReportsSteeringTest, InAndOutflowOfBijstand) {
  FlowReportOptions options;
  options.period = ReportPeriod{D("2024-01-01"), D("2024-12-31"), as_of_};
  Result<FlowReport> report = BuildFlowReport(*store_, options);
  ASSERT_OK(report);
  // On 2023-12-31 only P-E was on bijstand. In 2024 P-A, P-B and P-C registered, P-A and P-B
  // left, P-B came back: on 2024-12-31 P-E, P-B and P-C. The rates are against the average
  // bestand (1 + 3) / 2 = 2: inflow (3 + 1) / 2 = 200 %, outflow 2 / 2 = 100 %.
  const FlowRow& t = report->total;
  EXPECT_EQ(t.bestand_start, 1);
  EXPECT_EQ(t.instroom, 3);
  EXPECT_EQ(t.herinstroom, 1);
  EXPECT_EQ(t.uitstroom, 2);
  EXPECT_EQ(t.bestand_end, 3);
  EXPECT_EQ(t.inflow_rate.TenthsOfPercent(), 2000);
  EXPECT_EQ(t.outflow_rate.TenthsOfPercent(), 1000);
  ASSERT_EQ(report->rows.size(), 2u);
  // Noord: P-E at the start; P-A and P-B in, both out, P-B back; P-E and P-B at the end. Outflow
  // 2 against (1 + 2) / 2: 133.3 %.
  const FlowRow& noord = report->rows[0];
  EXPECT_EQ(noord.key, "Noord");
  EXPECT_EQ(noord.bestand_start, 1);
  EXPECT_EQ(noord.instroom, 2);
  EXPECT_EQ(noord.uitstroom, 2);
  EXPECT_EQ(noord.herinstroom, 1);
  EXPECT_EQ(noord.bestand_end, 2);
  EXPECT_EQ(noord.outflow_rate.PercentText(), "133.3");
  const FlowRow& zuid = report->rows[1];
  EXPECT_EQ(zuid.key, "Zuid");
  EXPECT_EQ(zuid.instroom, 1);
  EXPECT_EQ(zuid.bestand_end, 1);
  EXPECT_EQ(zuid.outflow_rate.PercentText(), "0.0");

  // Month by month, each month its own bestand; the total stays the whole window.
  options.by = ReportGrouping::kMonth;
  Result<FlowReport> monthly = BuildFlowReport(*store_, options);
  ASSERT_OK(monthly);
  ASSERT_EQ(monthly->rows.size(), 12u);
  const FlowRow& june = monthly->rows[5];
  EXPECT_EQ(june.key, "2024-06");
  EXPECT_EQ(june.bestand_start, 3);  // P-E, P-A, P-B on 05-31
  EXPECT_EQ(june.instroom, 1);       // P-C
  EXPECT_EQ(june.uitstroom, 1);      // P-A
  EXPECT_EQ(june.bestand_end, 3);
  EXPECT_EQ(monthly->rows[9].herinstroom, 1);  // October: P-B
  EXPECT_EQ(monthly->total.bestand_start, 1);
  EXPECT_EQ(monthly->total.bestand_end, 3);

  options.period.from.reset();
  EXPECT_EQ(BuildFlowReport(*store_, options).status().code(), Status::Code::kInvalidArgument);
}

TEST_F(ReportsSteeringTest, CohortProgressPerArea) {
  CohortReportOptions options;
  options.as_of = as_of_;
  Result<CohortReport> report = BuildCohortReport(*store_, options);
  ASSERT_OK(report);
  ASSERT_EQ(report->rows.size(), 2u);
  // Noord: P-A, P-B, P-E. Invited and spoken: P-A and P-B; all three had a trajectory; P-A and
  // P-B were placed and left bijstand; on bijstand now: P-B and P-E, neither seen in the last 12
  // months (P-A was, but is off bijstand).
  const CohortRow& noord = report->rows[0];
  EXPECT_EQ(noord.key, "Noord");
  EXPECT_EQ(noord.participants, 3);
  EXPECT_EQ(noord.invited, 2);
  EXPECT_EQ(noord.spoken, 2);
  EXPECT_EQ(noord.in_trajectory, 3);
  EXPECT_EQ(noord.placed, 2);
  EXPECT_EQ(noord.uitgestroomd, 2);
  EXPECT_EQ(noord.on_bijstand, 2);
  ExpectShare(noord.recent_picture, 0, 2);
  // Zuid: P-C (invited), P-D (spoken, placed, seen 2026-02-01), P-F (in trajectory 5).
  const CohortRow& zuid = report->rows[1];
  EXPECT_EQ(zuid.participants, 3);
  EXPECT_EQ(zuid.invited, 1);
  EXPECT_EQ(zuid.spoken, 1);
  EXPECT_EQ(zuid.in_trajectory, 2);
  EXPECT_EQ(zuid.placed, 1);
  EXPECT_EQ(zuid.uitgestroomd, 0);
  EXPECT_EQ(zuid.on_bijstand, 3);
  ExpectShare(zuid.recent_picture, 1, 3);
  EXPECT_EQ(report->total.participants, 6);
  ExpectShare(report->total.recent_picture, 1, 5);

  // With a window of 2 months P-D's conversation of 2026-02-01 is not recent.
  options.recent_months = 2;
  Result<CohortReport> short_window = BuildCohortReport(*store_, options);
  ASSERT_OK(short_window);
  ExpectShare(short_window->total.recent_picture, 0, 5);

  // By target group on the day: P-B is 26 (jongere); P-C 56 and statushouder, P-E 66
  // (50-plusser); P-A, P-D and P-F (no birth date) in none. P-C counts in two rows, once in the
  // total.
  options.recent_months = 12;
  options.by = ReportGrouping::kGroup;
  Result<CohortReport> by_group = BuildCohortReport(*store_, options);
  ASSERT_OK(by_group);
  std::map<std::string, int> groups;
  for (const CohortRow& row : by_group->rows) groups[row.key] = row.participants;
  EXPECT_EQ(groups,
            (std::map<std::string, int>{
                {"(no target group)", 3}, {"50-plusser", 2}, {"jongere", 1}, {"statushouder", 1}}));
  EXPECT_EQ(by_group->total.participants, 6);
}

TEST_F(ReportsSteeringTest, WioaPrimaryIndicators) {
  WioaReportOptions options;
  options.period = ReportPeriod{D("2024-01-01"), D("2024-12-31"), as_of_};
  Result<WioaReport> report = BuildWioaReport(*store_, programmes(), options);
  ASSERT_OK(report);
  const WioaRow& t = report->total;
  // Exits in 2024: trajectory 1 (2024-06-01, 2nd quarter; so 2024-Q4 and 2025-Q2 count) and 2
  // (2024-07-01: 2025-Q1 and 2025-Q3). P-A works at Zorg BV in both; P-B in neither.
  EXPECT_EQ(t.exits, 2);
  ExpectShare(t.employment_q2, 1, 2);
  ExpectShare(t.employment_q4, 1, 2);
  // P-A's 2024-Q4: three whole months of €2,400.
  EXPECT_EQ(t.median_earnings_q2, Cents{3 * 240000});
  // The diploma (a credential) of 2024-05-15 falls between P-A's start and a year after exit.
  ExpectShare(t.credential, 1, 2);
  ExpectShare(t.retention, 1, 1);
  // In training in 2024: trajectories 1 and 2 (4 ended in 2023); 1 reached its diploma.
  ExpectShare(t.skill_gains, 1, 2);

  // Seen from 2024-12-31 only P-A's 2nd quarter is over, and nobody's year.
  options.period.as_of = D("2024-12-31");
  Result<WioaReport> early = BuildWioaReport(*store_, programmes(), options);
  ASSERT_OK(early);
  ExpectShare(early->total.employment_q2, 1, 1);
  ExpectShare(early->total.employment_q4, 0, 0);
  ExpectShare(early->total.credential, 0, 0);

  // An afgebroken trajectory is an exit too (WIOA's program exit).
  options.period = ReportPeriod{D("2023-01-01"), D("2023-12-31"), as_of_};
  Result<WioaReport> y2023 = BuildWioaReport(*store_, programmes(), options);
  ASSERT_OK(y2023);
  EXPECT_EQ(y2023->total.exits, 1);
  ExpectShare(y2023->total.employment_q2, 0, 1);
  EXPECT_FALSE(y2023->total.median_earnings_q2.has_value());

  // Credentials are the programme's to declare: without its definition, refused.
  EXPECT_EQ(BuildWioaReport(*store_, nullptr, options).status().code(), Status::Code::kPlugin);
}

TEST_F(ReportsSteeringTest, GroupingsAReportDoesNotHaveAreRefused) {
  CohortReportOptions cohort;
  cohort.as_of = as_of_;
  cohort.by = ReportGrouping::kEmployer;
  Result<CohortReport> refused = BuildCohortReport(*store_, cohort);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(refused.status().field(), "by");
  EXPECT_NE(refused.status().message().find("area, group, klantmanager"), std::string::npos);
  PlacementReportOptions placements;
  placements.as_of = as_of_;
  placements.by = ReportGrouping::kMonth;
  EXPECT_EQ(BuildPlacementReport(*store_, nullptr, BuiltinParameters(), placements).status().code(),
            Status::Code::kInvalidArgument);
  // No as-of date is no default "today".
  EXPECT_EQ(BuildCaseloadReport(*store_, CaseloadOptions{}).status().code(),
            Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace traject

// Reports over a small, fully known data set: the numbers are derived in comments from the
// schedules of rules/schedule_test.cc (2025 parameters, 36 h: LW 50 or forfait → 146276 a month).
#include "traject/reports.h"

#include <gtest/gtest.h>

#include "testutil.h"

namespace traject {
namespace {

using test::D;

class ReportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::OpenTestStore(dir_.Database("r"));
    ASSERT_NE(store_, nullptr);
    // P-1: statushouder in Osdorp, placed 2025-01-01 at LW 50, still working.
    // P-2: born 2001 (jongere) in Noord, placed 2025-03-01 with no assessment, ended 2025-04-30.
    Place("P-1", "Osdorp", {TargetGroup::kStatushouder}, D("1980-01-01"), D("2025-01-01"),
          "Zorggroep");
    ASSERT_OK(store_->Record(LoonwaardeAssessed{1, D("2025-01-01"), 50}));
    Place("P-2", "Noord", {}, D("2001-06-01"), D("2025-03-01"), "Thuiszorg");
    ASSERT_OK(store_->Record(PlacementEnded{2, D("2025-04-30"), "einde"}));
  }

  void Place(const std::string& ref, const std::string& area, std::vector<TargetGroup> groups,
             Date birth, Date start, const std::string& employer) {
    ASSERT_OK(store_->Record(
        ParticipantRegistered{ref, birth, area, "", groups, D("2024-09-02"), false}));
    Result<Recorded> started =
        store_->Record(TrajectoryStarted{0, ref, "test-plan", "zorg", D("2024-10-01")});
    ASSERT_OK(started);
    const std::int64_t id = std::get<TrajectoryStarted>(started->events[0].payload).trajectory_id;
    ASSERT_OK(store_->Record(MilestoneReached{id, "intake", D("2024-10-10"), ""}));
    ASSERT_OK(store_->Record(MilestoneReached{id, "vog", D("2024-11-01"), "VOG"}));
    ASSERT_OK(store_->Record(PlacementStarted{0, id, employer, 3600, 240000, start}));
  }

  test::TempDir dir_;
  std::unique_ptr<Store> store_;
};

// The test programme comes from a catalogue, not a plugin: every figure here is computed with
// the statutory rules only, which the caller must ask for (kFlag) and which the result flags.
TEST_F(ReportsTest, FiguresWithoutTheProgrammesPluginAreRefusedUnlessFlagged) {
  PlacementReportOptions options;  // missing_plugins: kRefuse by default
  options.as_of = D("2025-06-30");
  Result<PlacementReport> refused =
      BuildPlacementReport(*store_, nullptr, BuiltinParameters(), options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Status::Code::kPlugin);
  EXPECT_NE(refused.status().message().find("'test-plan' (2 placements)"), std::string::npos)
      << refused.status().message();
  CommitmentOptions commitments;
  commitments.first_month = D("2025-04-01");
  EXPECT_EQ(BuildCommitments(*store_, nullptr, BuiltinParameters(), commitments).status().code(),
            Status::Code::kPlugin);
  EXPECT_EQ(BuildTrajectoryPremiums(*store_, nullptr, BuiltinParameters(), 1, D("2025-03-31"))
                .status()
                .code(),
            Status::Code::kPlugin);
  EXPECT_EQ(BuildPlacementSchedules(*store_, nullptr, BuiltinParameters(), 1).status().code(),
            Status::Code::kPlugin);

  options.missing_plugins = MissingPlugins::kFlag;
  Result<PlacementReport> flagged =
      BuildPlacementReport(*store_, nullptr, BuiltinParameters(), options);
  ASSERT_OK(flagged);
  EXPECT_EQ(flagged->missing_plugins, std::vector<std::string>{"test-plan"});
  EXPECT_EQ(flagged->total.rules_missing, 2);
}

TEST_F(ReportsTest, PlacementReportByProgrammeAndGroup) {
  PlacementReportOptions options;
  options.missing_plugins = MissingPlugins::kFlag;
  options.as_of = D("2025-06-30");
  options.from = D("2025-01-01");
  Result<PlacementReport> report =
      BuildPlacementReport(*store_, nullptr, BuiltinParameters(), options);
  ASSERT_OK(report);
  ASSERT_EQ(report->rows.size(), 1u);
  const PlacementReportRow& row = report->rows[0];
  EXPECT_EQ(row.key, "test-plan");
  EXPECT_EQ(row.placements, 2);
  EXPECT_EQ(row.started, 2);
  EXPECT_EQ(row.active, 1);
  EXPECT_EQ(row.ended, 1);
  // P-1: January–June at 146276 = 877656. P-2: March and April at the forfait = 292552.
  EXPECT_EQ(row.lks_total, 146276 * 6 + 146276 * 2);
  // Werkbehoud counts placements started on or before 2025-06-30 minus six months
  // (2024-12-30): neither has been running long enough yet.
  EXPECT_EQ(row.werkbehoud_6m_base, 0);
  EXPECT_EQ(row.average_wage, 240000);

  options.by = ReportGrouping::kGroup;
  Result<PlacementReport> by_group =
      BuildPlacementReport(*store_, nullptr, BuiltinParameters(), options);
  ASSERT_OK(by_group);
  ASSERT_EQ(by_group->rows.size(), 2u);
  EXPECT_EQ(by_group->rows[0].key, "jongere");       // P-2, 24 on 2025-06-30
  EXPECT_EQ(by_group->rows[1].key, "statushouder");  // P-1
  EXPECT_EQ(by_group->total.placements, 2);

  // As of 2025-03-31, P-2's end is not known yet and P-1's later months do not count.
  options.by = ReportGrouping::kArea;
  options.as_of = D("2025-03-31");
  Result<PlacementReport> early =
      BuildPlacementReport(*store_, nullptr, BuiltinParameters(), options);
  ASSERT_OK(early);
  EXPECT_EQ(early->total.active, 2);
  EXPECT_EQ(early->total.ended, 0);
  EXPECT_EQ(early->total.lks_total, 146276 * 3 + 146276);
}

TEST_F(ReportsTest, CommitmentsPerEmployer) {
  CommitmentOptions options;
  options.by = ReportGrouping::kEmployer;
  options.first_month = D("2025-04-15");
  options.months = 3;
  options.missing_plugins = MissingPlugins::kFlag;
  Result<Commitments> c = BuildCommitments(*store_, nullptr, BuiltinParameters(), options);
  ASSERT_OK(c);
  ASSERT_EQ(c->months.size(), 3u);
  EXPECT_EQ(c->months[0], D("2025-04-01"));
  ASSERT_EQ(c->rows.size(), 2u);
  EXPECT_EQ(c->rows[0].key, "Thuiszorg");  // April only, forfait, then ended
  EXPECT_EQ(c->rows[0].per_month, (std::vector<Cents>{146276, 0, 0}));
  EXPECT_EQ(c->rows[1].key, "Zorggroep");
  EXPECT_EQ(c->rows[1].total, 146276 * 3);
  EXPECT_EQ(c->total.total, 146276 * 4);
  options.by = ReportGrouping::kArea;
  EXPECT_EQ(BuildCommitments(*store_, nullptr, BuiltinParameters(), options).status().code(),
            Status::Code::kInvalidArgument);
}

TEST_F(ReportsTest, TrajectoryPremiums) {
  // P-1 worked from 2025-01-01 while on bijstand: a bijverdienpremie per whole month (30 % of
  // €2,400 = €720, capped at €219), and the part-time uitstroompremie after two months.
  Result<TrajectoryPremiums> premiums = BuildTrajectoryPremiums(
      *store_, nullptr, BuiltinParameters(), 1, D("2025-03-31"), MissingPlugins::kFlag);
  ASSERT_OK(premiums);
  EXPECT_TRUE(premiums->rules_missing);
  const std::vector<PremiumLine>* lines = &premiums->lines;
  ASSERT_EQ(lines->size(), 4u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ((*lines)[static_cast<std::size_t>(i)].premium_id, "bijverdienpremie");
    EXPECT_EQ((*lines)[static_cast<std::size_t>(i)].amount, 21900);
  }
  EXPECT_EQ((*lines)[3].premium_id, "uitstroompremie");
  EXPECT_EQ((*lines)[3].amount, 30000);
  EXPECT_EQ((*lines)[3].earned, D("2025-03-01"));
  EXPECT_EQ((*lines)[3].payable, D("2025-06-01"));
}

}  // namespace
}  // namespace traject

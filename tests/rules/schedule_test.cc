// Monthly schedules, hand-worked. Full-month amounts come from lks_test.cc's examples:
// 2025 parameters, 36 h: LW 50 or forfait → 146276; LW 70 → share 30 %: lks 71064.9 → 71065,
// wgl 16700.275 → 16700, subsidy 87765. 2024-03 parameters, LW 50 → 138057.
#include "traject/schedule.h"

#include <gtest/gtest.h>

#include "testutil.h"

namespace traject {
namespace {

using test::D;

Placement MakePlacement(const char* start, std::vector<LoonwaardeAssessment> assessments,
                        std::optional<Date> end = std::nullopt) {
  Placement p;
  p.id = 1;
  p.employer = "Zorggroep";
  p.hours_per_week = 3600;
  p.gross_monthly_wage = 230000;
  p.start = D(start);
  p.end = end;
  p.assessments = std::move(assessments);
  return p;
}

TEST(ScheduleTest, ReassessmentMidMonthSplitsTheMonth) {
  Placement p = MakePlacement("2025-01-01", {{D("2025-01-01"), 50}, {D("2025-03-17"), 70}});
  ScheduleOptions window;
  window.to = D("2025-04-30");
  Result<PlacementSchedule> s = ComputeSchedule(BuiltinParameters(), p, window);
  ASSERT_OK(s);
  ASSERT_EQ(s->months.size(), 4u);
  EXPECT_EQ(s->months[0].amount, 146276);  // January, LW 50
  EXPECT_EQ(s->months[1].amount, 146276);  // February
  // March: 1–16 at LW 50: 146276 × 16/31 = 75497.29 → 75497; 17–31 at LW 70:
  // 87765 × 15/31 = 42466.94 → 42467; together 117964.
  ASSERT_EQ(s->months[2].segments.size(), 2u);
  EXPECT_EQ(s->months[2].segments[0].amount, 75497);
  EXPECT_EQ(s->months[2].segments[1].amount, 42467);
  EXPECT_EQ(s->months[2].amount, 117964);
  EXPECT_EQ(s->months[3].amount, 87765);  // April, LW 70
  EXPECT_EQ(s->total, 146276 * 2 + 117964 + 87765);
}

TEST(ScheduleTest, ForfaitRunsOutAfterSixMonthsWithoutAssessment) {
  Placement p = MakePlacement("2025-02-10", {});
  ScheduleOptions window;
  window.to = D("2025-09-30");
  Result<PlacementSchedule> s = ComputeSchedule(BuiltinParameters(), p, window);
  ASSERT_OK(s);
  EXPECT_EQ(s->forfait_ends, D("2025-08-10"));
  // February 10–28: 146276 × 19/28 = 99258.71 → 99259.
  EXPECT_EQ(s->months[0].amount, 99259);
  EXPECT_TRUE(s->months[0].segments[0].forfait);
  // March–July in full at the forfait.
  for (int i = 1; i <= 5; ++i) EXPECT_EQ(s->months[static_cast<std::size_t>(i)].amount, 146276);
  // August 1–9: 146276 × 9/31 = 42467.23 → 42467; from the 10th nothing.
  EXPECT_EQ(s->months[6].amount, 42467);
  ASSERT_EQ(s->months[6].segments.size(), 2u);
  EXPECT_TRUE(s->months[6].segments[1].overdue);
  EXPECT_EQ(s->months[7].amount, 0);
  EXPECT_TRUE(s->overdue_assessment);
}

TEST(ScheduleTest, AmountIsFixedAtDecisionAndResetOnFirstJanuary) {
  // Decided 2024-03-01 at LW 50: 138057 a month through December 2024, although the WML rose
  // on 2024-07-01; re-set on 2025-01-01 to the 2025 amount 146276.
  Placement p = MakePlacement("2024-03-01", {{D("2024-03-01"), 50}});
  ScheduleOptions window;
  window.to = D("2025-01-31");
  Result<PlacementSchedule> s = ComputeSchedule(BuiltinParameters(), p, window);
  ASSERT_OK(s);
  ASSERT_EQ(s->months.size(), 11u);
  EXPECT_EQ(s->months[3].month, D("2024-06-01"));
  EXPECT_EQ(s->months[3].amount, 138057);
  EXPECT_EQ(s->months[4].month, D("2024-07-01"));
  EXPECT_EQ(s->months[4].amount, 138057);
  EXPECT_EQ(s->months[10].segments[0].parameter_date, D("2025-01-01"));
  EXPECT_EQ(s->months[10].amount, 146276);
}

TEST(ScheduleTest, LastMonthProratedAtEnd) {
  // Ends 2025-05-20: May 1–20 = 20 of 31 days: 146276 × 20/31 = 94371.61 → 94372.
  Placement p = MakePlacement("2025-01-01", {{D("2025-01-01"), 50}}, D("2025-05-20"));
  Result<PlacementSchedule> s = ComputeSchedule(BuiltinParameters(), p);
  ASSERT_OK(s);
  ASSERT_EQ(s->months.size(), 5u);
  EXPECT_EQ(s->months[4].amount, 94372);
}

}  // namespace
}  // namespace traject

namespace traject {
namespace {

// A month is split only where the amount changes. Where the forfait would have run out but a
// loonwaarde already applies, nothing changes: every month wholly at one rate gets exactly its
// monthly amount (before, prorating both halves could add a cent). Checked for a placement
// starting on every day of a year, assessed a month after its start.
TEST(ScheduleTest, AWholeMonthAtOneRateGetsExactlyItsMonthlyAmount) {
  using test::D;
  int checked = 0;
  for (Date start = D("2025-01-01"); start <= D("2025-12-31");
       start = Date(std::chrono::sys_days(start) + std::chrono::days(1))) {
    Placement p;
    p.id = 1;
    p.hours_per_week = 3250;
    p.start = start;
    p.assessments = {{AddMonths(start, 1), 37}};
    Result<PlacementSchedule> schedule = ComputeSchedule(BuiltinParameters(), p);
    ASSERT_OK(schedule);
    for (const ScheduleMonth& month : schedule->months) {
      if (month.segments.size() != 1) continue;
      const ScheduleSegment& only = month.segments.front();
      if (only.from != month.month || only.to != LastOfMonth(month.month) || !only.monthly) {
        continue;
      }
      EXPECT_EQ(month.amount, only.monthly->total)
          << FormatDate(start) << " " << FormatDate(month.month);
      ++checked;
    }
    // The month in which the forfait would have ended is one segment at the loonwaarde.
    for (const ScheduleMonth& month : schedule->months) {
      if (month.month != FirstOfMonth(schedule->forfait_ends) ||
          FirstOfMonth(schedule->forfait_ends) == schedule->forfait_ends) {
        continue;
      }
      ASSERT_EQ(month.segments.size(), 1u) << FormatDate(start);
      EXPECT_EQ(month.segments.front().loonwaarde, 37);
    }
  }
  EXPECT_GT(checked, 3000);
}

// The totals a report computes without explanations are the schedule's own, month by month,
// for placements starting on every day of two years, with assessments and an end.
TEST(ScheduleTest, WithoutExplanationTheAmountsAreTheSame) {
  for (int offset = 0; offset < 2 * 365; offset += 3) {
    const Date start(std::chrono::sys_days(D("2023-11-01")) + std::chrono::days(offset));
    Placement p = MakePlacement("2023-11-01", {},
                                Date(std::chrono::sys_days(start) + std::chrono::days(500)));
    p.start = start;
    p.assessments = {{Date(std::chrono::sys_days(start) + std::chrono::days(40 + offset % 90)),
                      35 + offset % 40}};
    ScheduleOptions window;
    Result<PlacementSchedule> explained = ComputeSchedule(BuiltinParameters(), p, window);
    window.explain = false;
    Result<PlacementSchedule> plain = ComputeSchedule(BuiltinParameters(), p, window);
    ASSERT_OK(explained);
    ASSERT_OK(plain);
    ASSERT_EQ(plain->months.size(), explained->months.size());
    for (std::size_t m = 0; m < plain->months.size(); ++m) {
      EXPECT_EQ(plain->months[m].amount, explained->months[m].amount) << FormatDate(start);
    }
    EXPECT_EQ(plain->total, explained->total);
    EXPECT_GT(plain->total, 0);
    EXPECT_EQ(plain->provisional, explained->provisional);
  }
}

}  // namespace
}  // namespace traject

#include "traject/premiums.h"

#include <gtest/gtest.h>

#include "testutil.h"

namespace traject {
namespace {

using test::D;

TEST(PremiumsTest, PaymentInJuneAndNovember) {
  EXPECT_EQ(NextPremiumPaymentDate(D("2024-05-31")), D("2024-06-01"));
  EXPECT_EQ(NextPremiumPaymentDate(D("2024-06-01")), D("2024-11-01"));
  EXPECT_EQ(NextPremiumPaymentDate(D("2024-10-15")), D("2024-11-01"));
  EXPECT_EQ(NextPremiumPaymentDate(D("2024-11-30")), D("2025-06-01"));
}

TEST(PremiumsTest, BijverdienpremieIsThirtyPercentUpToTheMaximum) {
  // €500 earned in April 2022: 30 % = €150.00, under the €215 maximum; paid 1 June 2022.
  Result<PremiumAmount> small =
      ComputeBijverdienpremie(BuiltinParameters(), D("2022-04-01"), 50000);
  ASSERT_OK(small);
  EXPECT_EQ(small->amount, 15000);
  EXPECT_EQ(small->payable, D("2022-06-01"));
  // €1,000.05: 30 % = 300.015 → 30002 cents, capped at €215.
  EXPECT_EQ(ComputeBijverdienpremie(BuiltinParameters(), D("2022-04-01"), 100005)->amount, 21500);
  // From 2024 the maximum is €219.
  EXPECT_EQ(ComputeBijverdienpremie(BuiltinParameters(), D("2024-04-01"), 100000)->amount, 21900);
  // Before 2021-03-01 there was none.
  Result<PremiumAmount> before =
      ComputeBijverdienpremie(BuiltinParameters(), D("2021-01-01"), 50000);
  ASSERT_OK(before);
  EXPECT_FALSE(before->eligible);
  EXPECT_EQ(before->amount, 0);
}

TEST(PremiumsTest, UitstroompremieByMonthsInBijstand) {
  // 20 months in bijstand, work from 2024-01-15, exit 2024-04-01 (after 2 months of work):
  // the 18-month step, €1,000, earned on exit, paid 1 June 2024.
  UitstroomInput long_stay{D("2022-08-01"), D("2024-01-15"), D("2024-04-01")};
  Result<PremiumAmount> full = ComputeUitstroompremie(BuiltinParameters(), long_stay);
  ASSERT_OK(full);
  EXPECT_TRUE(full->eligible);
  EXPECT_EQ(full->amount, 100000);
  EXPECT_EQ(full->payable, D("2024-06-01"));
  // 6 months in bijstand: €300.
  UitstroomInput short_stay{D("2023-10-01"), D("2024-01-15"), D("2024-04-01")};
  EXPECT_EQ(ComputeUitstroompremie(BuiltinParameters(), short_stay)->amount, 30000);
  // Exit after 1 month of work: earned only when 2 months of work are reached (2024-03-15).
  UitstroomInput quick{D("2023-10-01"), D("2024-02-15"), D("2024-03-01")};
  EXPECT_EQ(ComputeUitstroompremie(BuiltinParameters(), quick)->earned, D("2024-04-15"));
  // Part-time work keeping bijstand: €300 once, after 2 months.
  UitstroomInput part_time{D("2023-10-01"), D("2024-02-15"), std::nullopt};
  Result<PremiumAmount> pt = ComputeUitstroompremie(BuiltinParameters(), part_time);
  EXPECT_EQ(pt->amount, 30000);
  EXPECT_EQ(pt->earned, D("2024-04-15"));
  // Before the experiment (mid-2023): none.
  UitstroomInput early{D("2020-01-01"), D("2022-01-10"), D("2022-05-01")};
  Result<PremiumAmount> none = ComputeUitstroompremie(BuiltinParameters(), early);
  ASSERT_OK(none);
  EXPECT_FALSE(none->eligible);
}

}  // namespace
}  // namespace traject

namespace traject {
namespace {

// A placement that began before the uitstroompremie existed (2023-07-01) earns it counting
// its work from the premium's first day, instead of being refused.
TEST(PremiumsBeforeTheyExistedTest, WorkIsCountedFromThePremiumsStart) {
  using test::D;
  UitstroomInput full{D("2019-01-07"), D("2020-06-01"), D("2023-10-02")};
  Result<PremiumAmount> exit = ComputeUitstroompremie(BuiltinParameters(), full);
  ASSERT_OK(exit);
  EXPECT_TRUE(exit->eligible) << exit->reason;
  EXPECT_EQ(exit->earned, D("2023-10-02"));  // after 2023-07-01 + 2 months of work
  EXPECT_EQ(exit->amount, 100000);           // 56 months in bijstand: the 18-month step
  bool explained = false;
  for (const ExplainedInput& input : exit->explanation.inputs) {
    explained = explained || input.name == "work counted from";
  }
  EXPECT_TRUE(explained);

  UitstroomInput part_time{D("2019-01-07"), D("2020-06-01"), std::nullopt};
  Result<PremiumAmount> kept = ComputeUitstroompremie(BuiltinParameters(), part_time);
  ASSERT_OK(kept);
  EXPECT_TRUE(kept->eligible) << kept->reason;
  EXPECT_EQ(kept->earned, D("2023-09-01"));
  EXPECT_EQ(kept->amount, 30000);
}

}  // namespace
}  // namespace traject

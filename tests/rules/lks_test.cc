// Loonkostensubsidie, hand-worked. Every expected number is derived in the comment above it
// from docs/rules.md; "→" marks one of the three rounding points (half away from zero).
#include "traject/lks.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "testutil.h"

namespace traject {
namespace {

using test::D;

LksAmount Compute(const char* date, CentiHours hours, std::optional<int> loonwaarde,
                  std::optional<CentiHours> normal_week = std::nullopt) {
  LksInput input;
  input.date = D(date);
  input.hours = hours;
  input.loonwaarde = loonwaarde;
  input.normal_week = normal_week;
  Result<LksAmount> amount = ComputeLks(BuiltinParameters(), input);
  EXPECT_TRUE(amount.ok()) << amount.status().ToString();
  return amount.ok() ? *amount : LksAmount{};
}

TEST(LksTest, Rule2024FullTime) {
  // 2025-03-01: WML €14.06/h × 156 h = 219336 cents; base = 219336 × 1.08 = 236882.88 → 236883.
  // Loonwaarde 40 %: share 60 %; 36 h / 36: lks = 236883 × 0.60 = 142129.8 → 142130.
  // Werkgeverslasten 23.5 %: 142130 × 0.235 = 33400.55 → 33401. Subsidy 142130 + 33401 = 175531.
  LksAmount a = Compute("2025-03-01", 3600, 40);
  EXPECT_EQ(a.rule_version, "lks-2024");
  EXPECT_EQ(a.wml_monthly, 219336);
  EXPECT_EQ(a.base, 236883);
  EXPECT_EQ(a.percentage_bp, 6000);
  EXPECT_FALSE(a.capped);
  EXPECT_EQ(a.lks, 142130);
  EXPECT_EQ(a.werkgeverslasten, 33401);
  EXPECT_EQ(a.total, 175531);
  EXPECT_FALSE(a.provisional);
}

TEST(LksTest, Rule2015PartTimeWithNormalWeek38) {
  // 2023-03-01: monthly WML €1,934.40; base = 193440 × 1.08 = 208915.2 → 208915.
  // Loonwaarde 50 %: share 50 %; 32 h of N = 38: lks = 208915 × 0.5 × 32/38 = 87964.21 → 87964.
  // Werkgeverslasten: 87964 × 0.235 = 20671.54 → 20672. Subsidy 108636.
  LksAmount a = Compute("2023-03-01", 3200, 50);
  EXPECT_EQ(a.rule_version, "lks-2015");
  EXPECT_EQ(a.base, 208915);
  EXPECT_EQ(a.lks, 87964);
  EXPECT_EQ(a.werkgeverslasten, 20672);
  EXPECT_EQ(a.total, 108636);
  // Over N the hours factor stays 1: 40 h → min(40, 38)/38: lks = 104457.5 → 104458 (half
  // away from zero); wgl = 104458 × 0.235 = 24547.63 → 24548; subsidy 129006.
  EXPECT_EQ(Compute("2023-03-01", 4000, 50).total, 129006);
  // With N = 36 given, 32 h count as 32/36: lks = 104457.5 × 32/36 = 92851.1 → 92851;
  // wgl = 92851 × 0.235 = 21819.985 → 21820; subsidy 114671.
  EXPECT_EQ(Compute("2023-03-01", 3200, 50, 3600).total, 114671);
}

TEST(LksTest, CapBindsBelowThirtyPercentLoonwaarde) {
  // Loonwaarde 20 %: 100 − 20 = 80 % > cap 70 % → share 70 %.
  // lks = 236883 × 0.70 = 165818.1 → 165818; wgl = 38967.23 → 38967; subsidy 204785.
  LksAmount a = Compute("2025-03-01", 3600, 20);
  EXPECT_TRUE(a.capped);
  EXPECT_EQ(a.percentage_bp, 7000);
  EXPECT_EQ(a.total, 204785);
  // Loonwaarde 0 % gives the same capped amount; 30 % is exactly at the cap.
  EXPECT_EQ(Compute("2025-03-01", 3600, 0).total, 204785);
  EXPECT_FALSE(Compute("2025-03-01", 3600, 30).capped);
  EXPECT_EQ(Compute("2025-03-01", 3600, 30).total, 204785);
  // Loonwaarde 100 %: nothing.
  EXPECT_EQ(Compute("2025-03-01", 3600, 100).total, 0);
}

TEST(LksTest, HoursUnderAndOverThirtySixAndOverTheCap) {
  // 20 h: lks = 142129.8 × 20/36 = 78961 → 78961; wgl = 18555.835 → 18556; subsidy 97517.
  EXPECT_EQ(Compute("2025-03-01", 2000, 40).total, 97517);
  // 40 h: lks = 142129.8 × 40/36 = 157922; wgl = 37111.67 → 37112; subsidy 195034.
  EXPECT_EQ(Compute("2025-03-01", 4000, 40).total, 195034);
  // 45 h: counted at most the 40 h cap → the same 195034.
  EXPECT_EQ(Compute("2025-03-01", 4500, 40).total, 195034);
}

TEST(LksTest, WmlChangesMidYear) {
  // 2024-06-30: €13.27 × 156 = 207012; base 223572.96 → 223573; LW 50: lks 111786.5 → 111787;
  // wgl 26269.945 → 26270; subsidy 138057.
  EXPECT_EQ(Compute("2024-06-30", 3600, 50).total, 138057);
  // 2024-07-01: €13.68 × 156 = 213408; base 230480.64 → 230481; lks 115240.5 → 115241;
  // wgl 27081.635 → 27082; subsidy 142323.
  EXPECT_EQ(Compute("2024-07-01", 3600, 50).total, 142323);
}

TEST(LksTest, ForfaitIsHalfTheBase) {
  LksAmount a = Compute("2025-03-01", 3600, std::nullopt);
  EXPECT_TRUE(a.forfait);
  EXPECT_EQ(a.percentage_bp, 5000);
  EXPECT_EQ(a.total, Compute("2025-03-01", 3600, 50).total);  // 146276
  EXPECT_EQ(a.total, 146276);
}

TEST(LksTest, WmlOverrideForWhatIf) {
  LksInput input;
  input.date = D("2025-03-01");
  input.hours = 3600;
  input.loonwaarde = 50;
  input.wml_monthly_override = 200000;
  // base = 200000 × 1.08 = 216000; lks = 108000; wgl = 25380; subsidy 133380.
  EXPECT_EQ(ComputeLks(BuiltinParameters(), input)->total, 133380);
}

TEST(LksTest, ExplainsInputsParametersAndRoundings) {
  LksAmount a = Compute("2025-03-01", 3600, 40);
  const Explanation& ex = a.explanation;
  EXPECT_EQ(ex.rule, "loonkostensubsidie lks-2024");
  int rounded = 0;
  for (const ExplainedStep& step : ex.steps) rounded += step.rounded ? 1 : 0;
  EXPECT_EQ(rounded, 3);
  bool saw_wml = false;
  for (const ExplainedParameter& p : ex.parameters) {
    if (p.name == "wml.hourly") {
      saw_wml = true;
      EXPECT_EQ(p.value, "€14.06");
      EXPECT_EQ(p.valid_from, D("2025-01-01"));
    }
  }
  EXPECT_TRUE(saw_wml);
  EXPECT_EQ(ex.steps[1].exact, "236882.88");
}

// Without the explanation: the same amounts and flags, on both rules, with and without a
// loonwaarde, in known and provisional years.
TEST(LksTest, AmountsWithoutExplanationAreTheSame) {
  for (const char* date : {"2023-05-01", "2024-01-01", "2025-03-01", "2026-11-01"}) {
    for (std::optional<int> loonwaarde :
         {std::optional<int>(), std::optional<int>(20), std::optional<int>(65)}) {
      for (CentiHours hours : {1200, 3600, 4000}) {
        LksInput input;
        input.date = D(date);
        input.hours = hours;
        input.loonwaarde = loonwaarde;
        Result<LksAmount> explained = ComputeLks(BuiltinParameters(), input);
        input.explain = false;
        Result<LksAmount> plain = ComputeLks(BuiltinParameters(), input);
        ASSERT_OK(explained);
        ASSERT_OK(plain);
        SCOPED_TRACE(fmt::format("{} {} h {}", date, hours, loonwaarde.value_or(-1)));
        EXPECT_EQ(plain->total, explained->total);
        EXPECT_EQ(plain->lks, explained->lks);
        EXPECT_EQ(plain->werkgeverslasten, explained->werkgeverslasten);
        EXPECT_EQ(plain->base, explained->base);
        EXPECT_EQ(plain->percentage_bp, explained->percentage_bp);
        EXPECT_EQ(plain->forfait, explained->forfait);
        EXPECT_EQ(plain->provisional, explained->provisional);
        EXPECT_EQ(plain->rule_version, explained->rule_version);
        EXPECT_FALSE(explained->explanation.steps.empty());
        EXPECT_TRUE(plain->explanation.steps.empty());
        EXPECT_TRUE(plain->explanation.parameters.empty());
      }
    }
  }
}

TEST(LksTest, BeyondTheLastKnownWmlIsProvisional) {
  LksAmount a = Compute("2026-11-01", 3600, 50);
  EXPECT_TRUE(a.provisional);
  EXPECT_EQ(a.wml_monthly, 1471 * 156);
  EXPECT_FALSE(Compute("2026-06-30", 3600, 50).provisional);
}

TEST(LksTest, RefusesBadInput) {
  LksInput input;
  input.date = D("2025-03-01");
  input.hours = 0;
  EXPECT_EQ(ComputeLks(BuiltinParameters(), input).status().code(), Status::Code::kInvalidArgument);
  input.hours = 3600;
  input.loonwaarde = 101;
  EXPECT_EQ(ComputeLks(BuiltinParameters(), input).status().code(), Status::Code::kInvalidArgument);
  input.loonwaarde = 50;
  input.date = D("2018-06-01");  // before the first WML value traject ships
  EXPECT_EQ(ComputeLks(BuiltinParameters(), input).status().code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace traject

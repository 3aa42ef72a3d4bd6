#include "traject/money.h"

#include <gtest/gtest.h>

namespace traject {
namespace {

TEST(MoneyTest, DivideRoundedRoundsHalfAwayFromZero) {
  EXPECT_EQ(DivideRounded(5, 2), 3);            // 2.5 -> 3
  EXPECT_EQ(DivideRounded(-5, 2), -3);          // -2.5 -> -3
  EXPECT_EQ(DivideRounded(7, 3), 2);            // 2.33 -> 2
  EXPECT_EQ(DivideRounded(8, 3), 3);            // 2.67 -> 3
  EXPECT_EQ(DivideRounded(174528, 100), 1745);  // 1745.28
  EXPECT_EQ(DivideRounded(174550, 100), 1746);  // 1745.50
}

TEST(MoneyTest, FormatsEuros) {
  EXPECT_EQ(FormatEuro(0), "€0.00");
  EXPECT_EQ(FormatEuro(5), "€0.05");
  EXPECT_EQ(FormatEuro(123456), "€1,234.56");
  EXPECT_EQ(FormatEuro(-100000000), "-€1,000,000.00");
}

TEST(MoneyTest, ParsesEuros) {
  EXPECT_EQ(*ParseEuro("2150"), 215000);
  EXPECT_EQ(*ParseEuro("2150.5"), 215050);
  EXPECT_EQ(*ParseEuro("2150,05"), 215005);
  for (const char* bad : {"", "12.345", "abc", "1,2,3", "12.", "€12"}) {
    EXPECT_FALSE(ParseEuro(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace traject

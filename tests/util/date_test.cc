#include "traject/date.h"

#include <gtest/gtest.h>

#include "testutil.h"

namespace traject {
namespace {

using test::D;

TEST(DateTest, ParsesStrictIsoDates) {
  Result<Date> date = ParseDate("2024-02-29");
  ASSERT_TRUE(date.ok());
  EXPECT_EQ(FormatDate(*date), "2024-02-29");
  for (const char* bad : {"2023-02-29", "2024-13-01", "2024-1-01", "20240101", "", "2024-01-0x",
                          "1899-12-31", "2024-00-10"}) {
    Result<Date> parsed = ParseDate(bad);
    EXPECT_FALSE(parsed.ok()) << bad;
    if (!parsed.ok()) {
      EXPECT_NE(parsed.status().message().find("not a date: "), std::string::npos);
      // The text is not repeated: it may be a birth date.
      EXPECT_TRUE(std::string(bad).empty() ||
                  parsed.status().message().find(bad) == std::string::npos);
    }
  }
}

TEST(DateTest, DaysRoundTrip) {
  EXPECT_EQ(ToDays(D("1970-01-01")), 0);
  EXPECT_EQ(ToDays(D("1970-01-02")), 1);
  EXPECT_EQ(FromDays(ToDays(D("2026-11-24"))), D("2026-11-24"));
}

TEST(DateTest, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(AddMonths(D("2024-01-31"), 1), D("2024-02-29"));
  EXPECT_EQ(AddMonths(D("2023-01-31"), 1), D("2023-02-28"));
  EXPECT_EQ(AddMonths(D("2024-03-15"), -3), D("2023-12-15"));
  EXPECT_EQ(AddMonths(D("2024-03-15"), 12), D("2025-03-15"));
}

TEST(DateTest, WholeMonthsBetween) {
  EXPECT_EQ(WholeMonthsBetween(D("2024-01-15"), D("2024-07-14")), 5);
  EXPECT_EQ(WholeMonthsBetween(D("2024-01-15"), D("2024-07-15")), 6);
  EXPECT_EQ(WholeMonthsBetween(D("2024-01-31"), D("2024-02-29")), 1);
  EXPECT_EQ(WholeMonthsBetween(D("2024-07-15"), D("2024-01-15")), -6);
}

TEST(DateTest, MonthBoundsAndAge) {
  EXPECT_EQ(FirstOfMonth(D("2024-02-17")), D("2024-02-01"));
  EXPECT_EQ(LastOfMonth(D("2024-02-17")), D("2024-02-29"));
  EXPECT_EQ(AgeOn(D("2000-06-15"), D("2026-06-14")), 25);
  EXPECT_EQ(AgeOn(D("2000-06-15"), D("2026-06-15")), 26);
}

}  // namespace
}  // namespace traject

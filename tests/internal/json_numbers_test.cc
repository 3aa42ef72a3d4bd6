// util/json_numbers.h: the scan every JSON reader runs before rapidjson, so that no number with a
// fraction or an exponent reaches rapidjson 1.1.0's double conversion.
#include "util/json_numbers.h"

#include <gtest/gtest.h>

namespace traject {
namespace {

TEST(JsonNumbersTest, IntegersPassAndTheFirstOtherNumberIsFound) {
  EXPECT_EQ(FirstNonIntegerNumber(R"({"a": 1, "b": -20, "c": [0, 123456]})"), std::nullopt);
  EXPECT_EQ(FirstNonIntegerNumber(""), std::nullopt);
  EXPECT_EQ(FirstNonIntegerNumber("true false null"), std::nullopt);  // their e is no exponent
  EXPECT_EQ(FirstNonIntegerNumber(R"({"a": 1.5})"), 6u);
  EXPECT_EQ(FirstNonIntegerNumber(R"({"a": 3, "b": 2e091})"), 14u);
  EXPECT_EQ(FirstNonIntegerNumber(R"([-0E1])"), 1u);
  EXPECT_EQ(FirstNonIntegerNumber("1e5"), 0u);
}

TEST(JsonNumbersTest, TextInsideStringsIsNotANumber) {
  EXPECT_EQ(FirstNonIntegerNumber(R"({"date": "2024-01-02", "note": "1.5e3 euro"})"), std::nullopt);
  // An escaped quote does not end the string; an escaped backslash does not escape the quote.
  EXPECT_EQ(FirstNonIntegerNumber(R"(["a \" 1.5", 2])"), std::nullopt);
  EXPECT_EQ(FirstNonIntegerNumber(R"(["a \\", 1.5])"), 9u);
  // An unterminated string or escape at the end reads as the rest being text.
  EXPECT_EQ(FirstNonIntegerNumber(R"(["1.5)"), std::nullopt);
  EXPECT_EQ(FirstNonIntegerNumber("[\"\\"), std::nullopt);
}

}  // namespace
}  // namespace traject

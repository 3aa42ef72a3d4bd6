// util/json_screen.h: the scan every JSON reader runs before rapidjson, so that no number with a
// fraction or an exponent reaches rapidjson 1.1.0's double conversion, and no nesting deep
// enough to overflow the stack reaches its recursive parser.
#include "util/json_screen.h"

#include <gtest/gtest.h>

#include <string>

namespace traject {
namespace {

// The offset of the first flaw of `kind`, or nullopt when the text passes (or fails otherwise).
std::optional<std::size_t> Found(std::string_view json, JsonFlaw::Kind kind) {
  const std::optional<JsonFlaw> flaw = ScreenJson(json);
  if (!flaw || flaw->kind != kind) return std::nullopt;
  return flaw->offset;
}
std::optional<std::size_t> NotInteger(std::string_view json) {
  return Found(json, JsonFlaw::Kind::kNotAnInteger);
}
std::optional<std::size_t> TooDeep(std::string_view json) {
  return Found(json, JsonFlaw::Kind::kTooDeep);
}

TEST(JsonScreenTest, IntegersPassAndTheFirstOtherNumberIsFound) {
  EXPECT_EQ(ScreenJson(R"({"a": 1, "b": -20, "c": [0, 123456]})"), std::nullopt);
  EXPECT_EQ(ScreenJson(""), std::nullopt);
  EXPECT_EQ(ScreenJson("true false null"), std::nullopt);  // their e is no exponent
  EXPECT_EQ(NotInteger(R"({"a": 1.5})"), 6u);
  EXPECT_EQ(NotInteger(R"({"a": 3, "b": 2e091})"), 14u);
  EXPECT_EQ(NotInteger(R"([-0E1])"), 1u);
  EXPECT_EQ(NotInteger("1e5"), 0u);
}

TEST(JsonScreenTest, NumbersRapidjsonWouldReadAsADoubleAreFound) {
  // cereal's parse flags make NaN and Infinity numbers, with or without a sign.
  EXPECT_EQ(NotInteger(R"({"a": NaN})"), 6u);
  EXPECT_EQ(NotInteger(R"([1, Infinity])"), 4u);
  EXPECT_EQ(NotInteger(R"([-Infinity])"), 1u);
  EXPECT_EQ(NotInteger(R"([-NaN])"), 1u);
  EXPECT_EQ(ScreenJson(R"(["NaN", "Infinity"])"), std::nullopt);
  // The largest and smallest int64 pass; one digit more is a double to rapidjson.
  EXPECT_EQ(ScreenJson("[9223372036854775807, -9223372036854775808]"), std::nullopt);
  EXPECT_EQ(Found("[18446744073709551616]", JsonFlaw::Kind::kTooLong), 1u);
  EXPECT_EQ(Found("[1, -" + std::string(400, '7') + "]", JsonFlaw::Kind::kTooLong), 4u);
  const std::optional<JsonFlaw> long_number = ScreenJson(std::string(20, '1'));
  ASSERT_TRUE(long_number.has_value());
  EXPECT_EQ(long_number->Describe(),
            "a number of more than 19 digits: every number is a 64-bit integer");
}

TEST(JsonScreenTest, TextInsideStringsIsNotANumberNorABracket) {
  EXPECT_EQ(ScreenJson(R"({"date": "2024-01-02", "note": "1.5e3 euro"})"), std::nullopt);
  // An escaped quote does not end the string; an escaped backslash does not escape the quote.
  EXPECT_EQ(ScreenJson(R"(["a \" 1.5", 2])"), std::nullopt);
  EXPECT_EQ(NotInteger(R"(["a \\", 1.5])"), 9u);
  // An unterminated string or escape at the end reads as the rest being text.
  EXPECT_EQ(ScreenJson(R"(["1.5)"), std::nullopt);
  EXPECT_EQ(ScreenJson("[\"\\"), std::nullopt);
  // Brackets in a string (a payload inside an archive line is one) are text.
  EXPECT_EQ(ScreenJson("[\"" + std::string(1000, '[') + "\"]"), std::nullopt);
}

TEST(JsonScreenTest, NestingDeeperThanTheLimitIsFoundAtItsBracket) {
  const std::size_t limit = kMaxJsonDepth;
  // At the limit: passes, however often it is reached.
  const std::string deepest = std::string(limit, '[') + std::string(limit, ']');
  EXPECT_EQ(ScreenJson(deepest), std::nullopt);
  EXPECT_EQ(ScreenJson(deepest + "," + deepest), std::nullopt);
  // One level more, of arrays or objects or both: found at the bracket that opens it.
  EXPECT_EQ(TooDeep(std::string(limit + 1, '[')), limit);
  std::string objects;
  for (std::size_t i = 0; i <= limit; ++i) objects += "{\"a\":";
  EXPECT_EQ(TooDeep(objects), 5 * limit);
  EXPECT_EQ(TooDeep("{\"a\": " + std::string(limit, '[')), 6 + limit - 1);
  // What a stack overflow needed: a few hundred thousand levels, found just as quickly.
  EXPECT_EQ(TooDeep(std::string(300000, '[')), limit);
  // Closing brackets with nothing open do not buy depth for later.
  EXPECT_EQ(TooDeep(std::string(limit, ']') + std::string(limit + 1, '[')), 2 * limit);
}

TEST(JsonScreenTest, TheDescriptionSaysWhatAndTheLineWhere) {
  const std::string text = "{\n\"a\": [\n" + std::string(kMaxJsonDepth, '[');
  const std::optional<JsonFlaw> deep = ScreenJson(text);
  ASSERT_TRUE(deep.has_value());
  EXPECT_EQ(deep->Describe(), "arrays or objects nested deeper than 64 levels");
  EXPECT_EQ(deep->Line(text), 3u);
  const std::optional<JsonFlaw> number = ScreenJson("[1,\n 2.5]");
  ASSERT_TRUE(number.has_value());
  EXPECT_EQ(number->Describe(),
            "a number with a fraction or an exponent: every number is an integer");
  EXPECT_EQ(number->Line("[1,\n 2.5]"), 2u);
}

}  // namespace
}  // namespace traject

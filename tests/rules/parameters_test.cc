#include "traject/parameters.h"

#include <gtest/gtest.h>

#include <fstream>

#include "testutil.h"

namespace traject {
namespace {

using test::D;

std::string Write(const test::TempDir& dir, const std::string& text) {
  const std::string path = dir.File("params.json");
  std::ofstream(path) << text;
  return path;
}

TEST(ParametersTest, ValueInForceOnADate) {
  const ParameterSet& p = BuiltinParameters();
  EXPECT_EQ(p.At(param::kWmlMonthly, D("2023-06-30"))->value, 193440);
  EXPECT_EQ(p.At(param::kWmlMonthly, D("2023-07-01"))->value, 199500);
  EXPECT_EQ(p.At(param::kWerkgeverslasten, D("2017-12-31"))->value, 2300);
  EXPECT_EQ(p.At(param::kWerkgeverslasten, D("2018-01-01"))->value, 2350);
  EXPECT_EQ(p.At(param::kWmlHourly, D("2025-07-01"))->valid_from, D("2025-07-01"));
  EXPECT_EQ(p.At(param::kWmlHourly, D("2023-12-31")).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(p.At("no.such", D("2025-01-01")).status().code(), Status::Code::kNotFound);
}

TEST(ParametersTest, OverrideFileReplacesAndExtends) {
  test::TempDir dir;
  const std::string path = Write(dir, R"({"parameters": [
    {"name": "wml.hourly", "known_until": "2026-12-31", "source": "Stcrt. test",
     "values": [{"from": "2026-01-01", "value": 1475}, {"from": "2026-07-01", "value": 1499}]},
    {"name": "amsterdam.extra", "unit": "cents", "known_until": "",
     "values": [{"from": "2025-01-01", "value": 5000}]}
  ]})");
  Result<ParameterSet> set = ParametersWithOverrides(path);
  ASSERT_OK(set);
  Result<ParameterLookup> july = set->At(param::kWmlHourly, D("2026-08-01"));
  EXPECT_EQ(july->value, 1499);
  EXPECT_FALSE(july->provisional);
  EXPECT_EQ(set->At(param::kWmlHourly, D("2026-03-01"))->value, 1475);  // replaced
  EXPECT_EQ(set->At(param::kWmlHourly, D("2025-03-01"))->value, 1406);  // kept
  EXPECT_TRUE(set->At(param::kWmlHourly, D("2027-01-01"))->provisional);
  EXPECT_EQ(set->At("amsterdam.extra", D("2025-06-01"))->value, 5000);
  // The built-in set is not changed by a merge.
  EXPECT_TRUE(BuiltinParameters().At(param::kWmlHourly, D("2026-08-01"))->provisional);
}

TEST(ParametersTest, BadFilesGiveClearErrors) {
  test::TempDir dir;
  struct Case {
    std::string text;
    const char* expected;
  };
  const Case cases[] = {
      {R"({"parameters": [ {"name": "wml.hourly", "values": [)", "malformed JSON"},
      {"{\n\"parameters\": [\n oops ]}", "params.json:3: malformed JSON"},
      {R"({"params": []})", "'parameters' array"},
      {R"({"parameters": [{"name": "wml.hourly", "values": [{"from": "2026-07-01", "value": 1},
          {"from": "2026-01-01", "value": 2}]}]})",
       "ascending date order"},
      {R"({"parameters": [{"name": "wml.hourly", "values": [{"from": "2026-07-01", "value": 1},
          {"from": "2026-07-01", "value": 2}]}]})",
       "overlapping"},
      {R"({"parameters": [{"name": "wml.hourly", "values": [{"from": "2026-02-30", "value": 1}]}]})",
       "value #1, from: not a date: no such day"},
      {R"({"parameters": [{"name": "x.new", "values": [{"from": "2026-01-01", "value": 1}]}]})",
       "needs a 'unit'"},
      {R"({"parameters": [{"name": "x.new", "unit": "euros", "values": []}]})", "unknown unit"},
      {R"({"parameters": [{"name": "wml.hourly", "values": [{"from": "2026-01-01", "value": "1"}]}]})",
       "whole number"},
      {"{\"parameters\": [{\"name\": \"wml.hourly\",\n \"values\": [{\"from\": \"2026-01-01\", "
       "\"value\": 14.99}]}]}",
       "params.json:2: a number with a fraction or an exponent"},
      // Nesting that overflowed rapidjson's recursive parser's stack, found at its line.
      {"{\"parameters\": [\n" + std::string(300000, '['),
       "params.json:2: arrays or objects nested deeper than 64 levels"},
      {R"({"parameters": [{"name": "wml.hourly", "colour": "red", "values": []}]})",
       "unknown field 'colour'"},
      {R"({"parameters": [{"name": "lks.cap", "values": [{"from": "2026-01-01", "value": 1}]},
                          {"name": "lks.cap", "values": [{"from": "2027-01-01", "value": 1}]}]})",
       "appears twice"},
  };
  for (const Case& c : cases) {
    const std::string path = Write(dir, c.text);
    Result<ParameterSet> set = ParametersWithOverrides(path);
    ASSERT_FALSE(set.ok()) << c.text;
    EXPECT_NE(set.status().message().find(c.expected), std::string::npos)
        << "expected '" << c.expected << "' in: " << set.status().message();
    EXPECT_NE(set.status().message().find("params.json"), std::string::npos);
  }
}

}  // namespace
}  // namespace traject

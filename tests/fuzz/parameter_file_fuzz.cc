// Fuzz target: the parameter file reader, LoadParameterFile(path) (rules/parameters.cc and its
// syntax check, rules/json_syntax.cc), which reads the --parameters file a municipality writes.
// The input is the file.
//
// Invariants: no crash, no exception out of the API; an error is InvalidArgument naming the
// file; a file read has series with a name, no name twice, and values in strictly ascending
// date order; merged into the built-in set (as ParametersWithOverrides does), or refused with a
// reason, every value read is the one in force from its date; every value prints.
// (Parameter files hold no personal data: their errors may quote names and units.)
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_util.h"
#include "traject/parameters.h"

using namespace traject;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string path = fuzz::WriteInput(input, "parameters.json");

  Result<std::vector<ParameterSeries>> loaded = LoadParameterFile(path);
  if (!loaded.ok()) {
    FUZZ_CHECK(loaded.status().code() == Status::Code::kInvalidArgument,
               loaded.status().ToString());
    FUZZ_CHECK(loaded.status().message().starts_with(path), loaded.status().ToString());
    return 0;
  }
  std::set<std::string> names;
  for (const ParameterSeries& series : *loaded) {
    FUZZ_CHECK(!series.name.empty(), "a series without a name");
    FUZZ_CHECK(names.insert(series.name).second, "two series named " + series.name);
    FUZZ_CHECK(!series.values.empty(), series.name + " has no values");
    for (std::size_t i = 1; i < series.values.size(); ++i) {
      FUZZ_CHECK(std::chrono::sys_days(series.values[i - 1].from) <
                     std::chrono::sys_days(series.values[i].from),
                 series.name + ": values out of order");
    }
    for (const ParameterValue& value : series.values) {
      FUZZ_CHECK(!FormatParameter(series.unit, value.value).empty(), series.name);
    }
  }

  ParameterSet set = BuiltinParameters();
  const Status merged = set.Merge(*loaded, path);
  if (!merged.ok()) {
    FUZZ_CHECK(merged.code() == Status::Code::kInvalidArgument, merged.ToString());
    return 0;
  }
  for (const ParameterSeries& series : *loaded) {
    for (const ParameterValue& value : series.values) {
      Result<ParameterLookup> found = set.At(series.name, value.from);
      FUZZ_CHECK(found.ok(), series.name + ": " + found.status().ToString());
      FUZZ_CHECK(found->value == value.value && found->valid_from == value.from,
                 series.name + " " + FormatDate(value.from) + ": another value is in force");
    }
  }
  return 0;
}

// Dated parameters: every number a rule uses, each value valid from a date, with its source.
//
// traject ships the values of ../docs/rules.md (BuiltinParameters). A municipality overrides or
// extends them with a JSON file (LoadParameterFile), read through cereal:
//
//   {"parameters": [
//     {"name": "wml.hourly", "known_until": "2026-12-31", "source": "Stcrt. 2026, 12345",
//      "values": [{"from": "2026-07-01", "value": 1499}]}
//   ]}
//
// Values are integers: cents for amounts, basis points (1/100 %) for rates, centi-hours for
// hours, plain numbers for counts. In a file, a series' values must be in strictly ascending
// `from` order; file values replace built-in values with the same `from` date and add the rest.
// `known_until` ("" for open-ended) is the last date the newest value is known to hold: a
// lookup past it still uses that value but is marked provisional.
//
// Thread safety: const methods may be called concurrently.
#ifndef TRAJECT_PARAMETERS_H_
#define TRAJECT_PARAMETERS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "traject/date.h"
#include "traject/export.h"
#include "traject/status.h"

namespace traject {

// How a parameter's integer value reads. Persisted by name in files: do not rename.
enum class ParameterUnit { kCents, kBasisPoints, kCentiHours, kCount };

struct ParameterValue {
  Date from;
  std::int64_t value = 0;
  std::string source;  // empty: the series' source
};

struct ParameterSeries {
  std::string name;
  ParameterUnit unit = ParameterUnit::kCount;
  std::string description;
  std::string source;
  std::optional<Date> known_until;
  std::vector<ParameterValue> values;  // strictly ascending by `from`
};

// A value in force on a date, with where it came from.
struct ParameterLookup {
  std::int64_t value = 0;
  Date valid_from;
  std::string source;
  bool provisional = false;
  ParameterUnit unit = ParameterUnit::kCount;
};

class TRAJECT_EXPORT ParameterSet {
 public:
  // Adds or replaces a whole series.
  void Put(ParameterSeries series);

  // The value of `name` in force on `date`: the last value whose `from` <= date.
  // NotFound when the name is unknown or `date` is before its first value.
  Result<ParameterLookup> At(std::string_view name, Date date) const;

  // Merges `overrides` into this set (see the header comment); a series unknown so far is added.
  Status Merge(const std::vector<ParameterSeries>& overrides, std::string_view origin);

  const ParameterSeries* Find(std::string_view name) const;
  std::vector<const ParameterSeries*> All() const;

 private:
  std::map<std::string, ParameterSeries, std::less<>> series_;
};

// "€14.06", "23.5 %", "36 h", "6": a value as a person reads it.
TRAJECT_EXPORT std::string FormatParameter(ParameterUnit unit, std::int64_t value);
TRAJECT_EXPORT std::string_view ToString(ParameterUnit unit);

// The values shipped with this build (sources in docs/rules.md).
TRAJECT_EXPORT const ParameterSet& BuiltinParameters();

// Reads an override file. InvalidArgument naming the file, the series and the value at fault
// for malformed JSON, a missing field, a bad date, an unknown unit, values out of order or two
// values on one date, or the same series twice.
TRAJECT_EXPORT Result<std::vector<ParameterSeries>> LoadParameterFile(const std::string& path);

// BuiltinParameters() merged with the file at `path` (none when empty).
TRAJECT_EXPORT Result<ParameterSet> ParametersWithOverrides(const std::string& path);

// Parameter names used by the rules.
namespace param {
inline constexpr const char* kWmlMonthly = "wml.monthly";           // cents / month, until 2023
inline constexpr const char* kWmlHourly = "wml.hourly";             // cents / hour, from 2024
inline constexpr const char* kVakantiebijslag = "vakantiebijslag";  // basis points
inline constexpr const char* kWerkgeverslasten = "lks.werkgeverslasten";  // basis points
inline constexpr const char* kLksCap = "lks.cap";                         // basis points of base
inline constexpr const char* kLksForfait = "lks.forfait";                 // basis points of base
inline constexpr const char* kLksForfaitMonths = "lks.forfait-months";    // count
inline constexpr const char* kLksNormalWeek = "lks.normal-week";  // centi-hours (before 2024)
inline constexpr const char* kLksHoursBasis = "lks.hours-basis";  // centi-hours (from 2024)
inline constexpr const char* kLksHoursCap = "lks.hours-cap";      // centi-hours (from 2024)
inline constexpr const char* kWmlHoursPerMonth = "wml.hours-per-month";  // centi-hours: 15600
inline constexpr const char* kBijverdienRate = "bijverdienpremie.rate";  // basis points
inline constexpr const char* kBijverdienMax = "bijverdienpremie.max";    // cents / month
inline constexpr const char* kPremiumWorkMonths = "premie.work-months";  // count
inline constexpr const char* kUitstroomPartTime = "uitstroompremie.part-time";  // cents
// Uitstroompremie steps: "uitstroompremie.step.<months in bijstand>" -> cents.
inline constexpr const char* kUitstroomStepPrefix = "uitstroompremie.step.";
}  // namespace param

}  // namespace traject

#endif  // TRAJECT_PARAMETERS_H_

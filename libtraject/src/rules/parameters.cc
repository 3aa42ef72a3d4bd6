#include "traject/parameters.h"

#include <fmt/format.h>
#include <cereal/archives/json.hpp>
#include <cereal/types/string.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "rules/json_syntax.h"
#include "traject/money.h"

namespace traject {

using std::chrono::sys_days;

std::string_view ToString(ParameterUnit unit) {
  switch (unit) {
    case ParameterUnit::kCents:
      return "cents";
    case ParameterUnit::kBasisPoints:
      return "basis-points";
    case ParameterUnit::kCentiHours:
      return "centi-hours";
    case ParameterUnit::kCount:
      return "count";
  }
  return "?";
}

namespace {

Result<ParameterUnit> ParseUnit(std::string_view text) {
  for (ParameterUnit unit : {ParameterUnit::kCents, ParameterUnit::kBasisPoints,
                             ParameterUnit::kCentiHours, ParameterUnit::kCount}) {
    if (ToString(unit) == text) return unit;
  }
  return Status::InvalidArgument(
      fmt::format("unknown unit '{}' (expected cents, basis-points, centi-hours or count)", text));
}

// Values ascending and on distinct dates.
Status CheckOrder(const ParameterSeries& series) {
  for (std::size_t i = 1; i < series.values.size(); ++i) {
    const Date previous = series.values[i - 1].from;
    const Date current = series.values[i].from;
    if (previous == current) {
      return Status::InvalidArgument(
          fmt::format("'{}': two values from {} (overlapping)", series.name, FormatDate(current)));
    }
    if (sys_days(current) < sys_days(previous)) {
      return Status::InvalidArgument(fmt::format(
          "'{}': value #{} from {} comes after a value from {}: values must be in ascending "
          "date order",
          series.name, i + 1, FormatDate(current), FormatDate(previous)));
    }
  }
  return Status::OK();
}

}  // namespace

std::string FormatParameter(ParameterUnit unit, std::int64_t value) {
  switch (unit) {
    case ParameterUnit::kCents:
      return FormatEuro(value);
    case ParameterUnit::kBasisPoints:
      return value % 100 == 0 ? fmt::format("{} %", value / 100)
                              : fmt::format("{}.{:02} %", value / 100, value % 100);
    case ParameterUnit::kCentiHours:
      return value % 100 == 0 ? fmt::format("{} h", value / 100)
                              : fmt::format("{}.{:02} h", value / 100, value % 100);
    case ParameterUnit::kCount:
      return std::to_string(value);
  }
  return std::to_string(value);
}

void ParameterSet::Put(ParameterSeries series) {
  std::string name = series.name;
  series_[std::move(name)] = std::move(series);
}

const ParameterSeries* ParameterSet::Find(std::string_view name) const {
  auto it = series_.find(name);
  return it == series_.end() ? nullptr : &it->second;
}

std::vector<const ParameterSeries*> ParameterSet::All() const {
  std::vector<const ParameterSeries*> all;
  for (const auto& [name, series] : series_) all.push_back(&series);
  return all;
}

Result<ParameterLookup> ParameterSet::At(std::string_view name, Date date) const {
  const ParameterSeries* series = Find(name);
  if (!series) return Status::NotFound(fmt::format("no parameter '{}'", name));
  const ParameterValue* found = nullptr;
  for (const ParameterValue& value : series->values) {
    if (sys_days(value.from) <= sys_days(date)) found = &value;
  }
  if (!found) {
    return Status::NotFound(fmt::format(
        "parameter '{}' has no value on {}: its first value is from {}", name, FormatDate(date),
        series->values.empty() ? std::string("(none)") : FormatDate(series->values.front().from)));
  }
  ParameterLookup lookup;
  lookup.value = found->value;
  lookup.valid_from = found->from;
  lookup.source = found->source.empty() ? series->source : found->source;
  lookup.unit = series->unit;
  lookup.provisional = found == &series->values.back() && series->known_until &&
                       sys_days(date) > sys_days(*series->known_until);
  return lookup;
}

Status ParameterSet::Merge(const std::vector<ParameterSeries>& overrides, std::string_view origin) {
  for (const ParameterSeries& incoming : overrides) {
    auto it = series_.find(incoming.name);
    if (it == series_.end()) {
      Put(incoming);
      continue;
    }
    ParameterSeries& existing = it->second;
    if (existing.unit != incoming.unit) {
      return Status::InvalidArgument(fmt::format("{}: '{}' has unit {}, not {}", origin,
                                                 incoming.name, ToString(existing.unit),
                                                 ToString(incoming.unit)));
    }
    for (const ParameterValue& value : incoming.values) {
      auto same = std::find_if(existing.values.begin(), existing.values.end(),
                               [&](const ParameterValue& v) { return v.from == value.from; });
      if (same != existing.values.end()) {
        *same = value;
      } else {
        existing.values.push_back(value);
      }
    }
    std::sort(existing.values.begin(), existing.values.end(),
              [](const ParameterValue& a, const ParameterValue& b) {
                return sys_days(a.from) < sys_days(b.from);
              });
    existing.known_until = incoming.known_until;
    if (!incoming.description.empty()) existing.description = incoming.description;
  }
  return Status::OK();
}

const ParameterSet& BuiltinParameters() {
  static const ParameterSet builtin = [] {
    using U = ParameterUnit;
    auto d = [](const char* iso) { return *ParseDate(iso); };
    ParameterSet set;
    set.Put({param::kWmlMonthly,
             U::kCents,
             "adult statutory minimum wage per month (21+; 22+ before 2019-07-01)",
             "Wet minimumloon en minimumvakantiebijslag, half-yearly amounts (Rijksoverheid)",
             d("2023-12-31"),
             {{d("2019-01-01"), 161580, ""},
              {d("2019-07-01"), 163560, ""},
              {d("2020-01-01"), 165360, ""},
              {d("2020-07-01"), 168000, ""},
              {d("2021-01-01"), 168480, ""},
              {d("2021-07-01"), 170100, ""},
              {d("2022-01-01"), 172500, ""},
              {d("2022-07-01"), 175620, ""},
              {d("2023-01-01"), 193440, ""},
              {d("2023-07-01"), 199500, ""}}});
    set.Put({param::kWmlHourly,
             U::kCents,
             "adult statutory minimum wage per hour (from 2024)",
             "Wet minimumloon en minimumvakantiebijslag (hourly WML from 2024-01-01)",
             d("2026-06-30"),
             {{d("2024-01-01"), 1327, ""},
              {d("2024-07-01"), 1368, ""},
              {d("2025-01-01"), 1406, ""},
              {d("2025-07-01"), 1440, ""},
              {d("2026-01-01"), 1471, ""}}});
    set.Put({param::kWmlHoursPerMonth,
             U::kCentiHours,
             "hours per month to turn the hourly WML into a monthly base: 36 h × 52 / 12",
             "Participatiewet art. 10d (from 2024), SV Land rekentool",
             std::nullopt,
             {{d("2024-01-01"), 15600, ""}}});
    set.Put({param::kVakantiebijslag,
             U::kBasisPoints,
             "holiday allowance on top of the WML",
             "Wet minimumloon en minimumvakantiebijslag art. 15",
             std::nullopt,
             {{d("2015-01-01"), 800, ""}}});
    set.Put({param::kWerkgeverslasten,
             U::kBasisPoints,
             "employer's costs as a share of the loonkostensubsidie",
             "Regeling loonkostensubsidie Participatiewet",
             std::nullopt,
             {{d("2015-01-01"), 2300, ""}, {d("2018-01-01"), 2350, "Stcrt. 2017, 68248"}}});
    set.Put({param::kLksCap,
             U::kBasisPoints,
             "maximum loonkostensubsidie as a share of the base (without werkgeverslasten)",
             "Participatiewet art. 10d lid 4",
             std::nullopt,
             {{d("2015-01-01"), 7000, ""}}});
    set.Put({param::kLksForfait,
             U::kBasisPoints,
             "forfait while no loonwaarde is assessed, as a share of the base",
             "Participatiewet art. 10d lid 5",
             std::nullopt,
             {{d("2015-01-01"), 5000, ""}}});
    set.Put({param::kLksForfaitMonths,
             U::kCount,
             "months the forfait may last",
             "Participatiewet art. 10d lid 5",
             std::nullopt,
             {{d("2015-01-01"), 6, ""}}});
    set.Put({param::kLksNormalWeek,
             U::kCentiHours,
             "normal full-time week N of the sector (rule before 2024)",
             "traject default (36, 38 or 40 by sector; see docs/rules.md)",
             std::nullopt,
             {{d("2015-01-01"), 3800, ""}}});
    set.Put({param::kLksHoursBasis,
             U::kCentiHours,
             "hours the WML base stands for (from 2024)",
             "Participatiewet art. 10d (from 2024)",
             std::nullopt,
             {{d("2024-01-01"), 3600, ""}}});
    set.Put({param::kLksHoursCap,
             U::kCentiHours,
             "hours counted at most: the normal full-time week of comparable jobs (from 2024)",
             "traject default (see docs/rules.md)",
             std::nullopt,
             {{d("2024-01-01"), 4000, ""}}});
    set.Put({param::kBijverdienRate,
             U::kBasisPoints,
             "bijverdienpremie as a share of earnings",
             "Gemeente Amsterdam, bijverdienpremie (from 2021-03-01)",
             std::nullopt,
             {{d("2021-03-01"), 3000, ""}}});
    set.Put({param::kBijverdienMax,
             U::kCents,
             "bijverdienpremie maximum per month",
             "Gemeente Amsterdam, bijverdienpremie",
             std::nullopt,
             {{d("2021-03-01"), 21500, ""},
              {d("2024-01-01"), 21900, "traject assumption: the raise to €219 dated 2024-01-01"}}});
    set.Put({param::kPremiumWorkMonths,
             U::kCount,
             "months of work before a participant premium is earned",
             "Gemeente Amsterdam, uitstroompremie experiment",
             std::nullopt,
             {{d("2021-03-01"), 2, ""}}});
    set.Put({param::kUitstroomPartTime,
             U::kCents,
             "one-off premium for starting part-time work while keeping bijstand",
             "Gemeente Amsterdam, uitstroompremie experiment (from mid-2023)",
             std::nullopt,
             {{d("2023-07-01"), 30000, ""}}});
    set.Put({std::string(param::kUitstroomStepPrefix) + "0",
             U::kCents,
             "uitstroompremie for full exit to work, from 0 months in bijstand",
             "Gemeente Amsterdam, uitstroompremie experiment (from mid-2023)",
             std::nullopt,
             {{d("2023-07-01"), 30000, ""}}});
    set.Put({std::string(param::kUitstroomStepPrefix) + "18",
             U::kCents,
             "uitstroompremie for full exit to work, from 18 months in bijstand",
             "Gemeente Amsterdam, uitstroompremie experiment (steps not published; traject "
             "default)",
             std::nullopt,
             {{d("2023-07-01"), 100000, ""}}});
    return set;
  }();
  return builtin;
}

namespace {

class FileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads the members of the current JSON object by name, refusing unknown ones.
template <typename OnMember>
void ForEachMember(cereal::JSONInputArchive& ar, const std::string& where, OnMember&& on_member) {
  while (const char* name = ar.getNodeName()) {
    if (!on_member(std::string(name))) {
      throw FileError(fmt::format("{}: unknown field '{}'", where, name));
    }
  }
}

Date ReadDate(cereal::JSONInputArchive& ar, const std::string& where) {
  std::string text;
  ar(text);
  Result<Date> date = ParseDate(text);
  if (!date.ok()) throw FileError(fmt::format("{}: {}", where, date.status().message()));
  return *date;
}

ParameterSeries ReadSeries(cereal::JSONInputArchive& ar, std::size_t index) {
  ParameterSeries series;
  std::string where = fmt::format("parameter #{}", index + 1);
  bool has_unit = false, has_values = false;
  ForEachMember(ar, where, [&](const std::string& field) {
    if (field == "name") {
      ar(series.name);
      where = fmt::format("parameter #{} '{}'", index + 1, series.name);
    } else if (field == "unit") {
      std::string unit;
      ar(unit);
      Result<ParameterUnit> parsed = ParseUnit(unit);
      if (!parsed.ok()) throw FileError(fmt::format("{}: {}", where, parsed.status().message()));
      series.unit = *parsed;
      has_unit = true;
    } else if (field == "description") {
      ar(series.description);
    } else if (field == "source") {
      ar(series.source);
    } else if (field == "known_until") {
      std::string text;
      ar(text);
      if (!text.empty()) {
        Result<Date> date = ParseDate(text);
        if (!date.ok())
          throw FileError(fmt::format("{}, known_until: {}", where, date.status().message()));
        series.known_until = *date;
      }
    } else if (field == "values") {
      has_values = true;
      ar.startNode();
      cereal::size_type count = 0;
      ar(cereal::make_size_tag(count));
      for (cereal::size_type i = 0; i < count; ++i) {
        const std::string at = fmt::format("{}, value #{}", where, i + 1);
        ParameterValue value;
        bool has_from = false, has_value = false;
        ar.startNode();
        ForEachMember(ar, at, [&](const std::string& member) {
          if (member == "from") {
            value.from = ReadDate(ar, at + ", from");
            has_from = true;
          } else if (member == "value") {
            std::int64_t v = 0;
            try {
              ar(v);
            } catch (const std::exception&) {
              throw FileError(fmt::format("{}: 'value' must be a whole number", at));
            }
            value.value = v;
            has_value = true;
          } else if (member == "source") {
            ar(value.source);
          } else {
            return false;
          }
          return true;
        });
        ar.finishNode();
        if (!has_from || !has_value)
          throw FileError(fmt::format("{}: needs 'from' and 'value'", at));
        series.values.push_back(std::move(value));
      }
      ar.finishNode();
    } else {
      return false;
    }
    return true;
  });
  if (series.name.empty()) throw FileError(fmt::format("{}: needs a 'name'", where));
  if (!has_values || series.values.empty())
    throw FileError(fmt::format("{}: needs 'values'", where));
  if (!has_unit) {
    const ParameterSeries* builtin = BuiltinParameters().Find(series.name);
    if (!builtin) throw FileError(fmt::format("{}: a new parameter needs a 'unit'", where));
    series.unit = builtin->unit;
  }
  if (Status s = CheckOrder(series); !s.ok()) throw FileError(s.message());
  return series;
}

}  // namespace

Result<std::vector<ParameterSeries>> LoadParameterFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(fmt::format("{}: cannot open the parameter file", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  if (Status s = rules::CheckJsonObjectWithArray(path, text, "parameters"); !s.ok()) return s;
  try {
    std::istringstream stream(text);
    cereal::JSONInputArchive ar(stream);
    std::vector<ParameterSeries> all;
    std::set<std::string> names;
    ar.setNextName("parameters");
    ar.startNode();
    cereal::size_type count = 0;
    ar(cereal::make_size_tag(count));
    for (cereal::size_type i = 0; i < count; ++i) {
      ar.startNode();
      ParameterSeries series = ReadSeries(ar, i);
      ar.finishNode();
      if (!names.insert(series.name).second) {
        throw FileError(fmt::format("parameter '{}' appears twice", series.name));
      }
      all.push_back(std::move(series));
    }
    ar.finishNode();
    return all;
  } catch (const std::exception& e) {
    return Status::InvalidArgument(fmt::format("{}: {}", path, e.what()));
  }
}

Result<ParameterSet> ParametersWithOverrides(const std::string& path) {
  ParameterSet set = BuiltinParameters();
  if (path.empty()) return set;
  Result<std::vector<ParameterSeries>> overrides = LoadParameterFile(path);
  if (!overrides.ok()) return overrides.status();
  if (Status s = set.Merge(*overrides, path); !s.ok()) return s;
  return set;
}

}  // namespace traject

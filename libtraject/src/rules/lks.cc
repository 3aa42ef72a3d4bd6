#include "traject/lks.h"

#include <fmt/format.h>

#include "rules/exact.h"

namespace traject {
namespace {

using rules::Exact;

constexpr Date kRule2024{std::chrono::year{2024}, std::chrono::January, std::chrono::day{1}};

// Looks parameters up on one date and records each in the explanation (when explaining; the
// provisional flag always).
class Params {
 public:
  Params(const ParameterSet& set, Date date, Explanation& explanation, bool explain)
      : set_(set), date_(date), explanation_(explanation), explain_(explain) {}

  Result<std::int64_t> Get(const char* name) {
    Result<ParameterLookup> lookup = set_.At(name, date_);
    if (!lookup.ok()) return lookup.status();
    if (explain_) {
      explanation_.parameters.push_back({name, FormatParameter(lookup->unit, lookup->value),
                                         lookup->valid_from, lookup->source, lookup->provisional});
    }
    if (lookup->provisional) explanation_.provisional = true;
    return lookup->value;
  }

 private:
  const ParameterSet& set_;
  Date date_;
  Explanation& explanation_;
  bool explain_;
};

// Adds what `make` returns to `list` when explaining; builds nothing otherwise.
template <typename List, typename Make>
void Explain(bool explain, List& list, Make&& make) {
  if (explain) list.push_back(make());
}

#define TRAJECT_TRY_ASSIGN(var, expr)                   \
  auto var##_result = (expr);                           \
  if (!var##_result.ok()) return var##_result.status(); \
  const auto var = *var##_result

}  // namespace

Result<LksAmount> ComputeLks(const ParameterSet& parameters, const LksInput& input) {
  if (input.hours <= 0) return Status::InvalidArgument("hours per week must be more than 0");
  if (input.loonwaarde && (*input.loonwaarde < 0 || *input.loonwaarde > 100)) {
    return Status::InvalidArgument(fmt::format("loonwaarde {}% not in 0..100", *input.loonwaarde));
  }
  if (input.normal_week && *input.normal_week <= 0) {
    return Status::InvalidArgument("normal week must be more than 0 hours");
  }
  LksAmount out;
  Explanation& ex = out.explanation;
  const bool v2024 = std::chrono::sys_days(input.date) >= std::chrono::sys_days(kRule2024);
  out.rule_version = v2024 ? "lks-2024" : "lks-2015";
  if (input.explain) {
    ex.rule = "loonkostensubsidie " + out.rule_version;
    ex.inputs = {{"date", FormatDate(input.date)},
                 {"hours per week", FormatHours(input.hours)},
                 {"loonwaarde", input.loonwaarde ? fmt::format("{} %", *input.loonwaarde)
                                                 : "not assessed (forfait)"}};
  }
  Params p(parameters, input.date, ex, input.explain);

  // Step 1: base = monthly WML × (1 + vakantiebijslag).
  if (input.wml_monthly_override) {
    out.wml_monthly = *input.wml_monthly_override;
    Explain(input.explain, ex.inputs, [&]() -> ExplainedInput {
      return {"monthly WML (override)", FormatEuro(out.wml_monthly)};
    });
  } else if (v2024) {
    TRAJECT_TRY_ASSIGN(hourly, p.Get(param::kWmlHourly));
    TRAJECT_TRY_ASSIGN(hours_per_month, p.Get(param::kWmlHoursPerMonth));
    const Exact wml = Exact(hourly) * hours_per_month / 100;
    out.wml_monthly = wml.Rounded();
    Explain(input.explain, ex.steps, [&]() -> ExplainedStep {
      return {"monthly WML = hourly WML × hours per month",
              fmt::format("{} × {}", FormatEuro(hourly),
                          FormatParameter(ParameterUnit::kCentiHours, hours_per_month)),
              wml.ToString(), out.wml_monthly, !wml.IsWhole()};
    });
  } else {
    TRAJECT_TRY_ASSIGN(monthly, p.Get(param::kWmlMonthly));
    out.wml_monthly = monthly;
  }
  TRAJECT_TRY_ASSIGN(vb, p.Get(param::kVakantiebijslag));
  const Exact base = Exact(out.wml_monthly) * (10000 + vb) / 10000;
  out.base = base.Rounded();
  Explain(input.explain, ex.steps, [&]() -> ExplainedStep {
    return {"base = monthly WML × (1 + vakantiebijslag)",
            fmt::format("{} × {}", out.wml_monthly, Exact(10000 + vb, 10000).ToString()),
            base.ToString(), out.base, true};
  });

  // Step 2: the share of the base.
  TRAJECT_TRY_ASSIGN(cap, p.Get(param::kLksCap));
  if (input.loonwaarde) {
    const std::int64_t gap = (100 - *input.loonwaarde) * 100;
    out.capped = gap > cap;
    out.percentage_bp = static_cast<int>(out.capped ? cap : gap);
    Explain(input.explain, ex.steps, [&]() -> ExplainedStep {
      return {out.capped ? "share = 100 % − loonwaarde, capped" : "share = 100 % − loonwaarde",
              out.capped
                  ? fmt::format("min({}, {})", FormatParameter(ParameterUnit::kBasisPoints, gap),
                                FormatParameter(ParameterUnit::kBasisPoints, cap))
                  : fmt::format("100 % − {} %", *input.loonwaarde),
              FormatParameter(ParameterUnit::kBasisPoints, out.percentage_bp), out.percentage_bp,
              false};
    });
  } else {
    TRAJECT_TRY_ASSIGN(forfait, p.Get(param::kLksForfait));
    out.forfait = true;
    out.percentage_bp = static_cast<int>(std::min(forfait, cap));
    Explain(input.explain, ex.steps, [&]() -> ExplainedStep {
      return {"share = forfait (no loonwaarde yet)", "",
              FormatParameter(ParameterUnit::kBasisPoints, out.percentage_bp), out.percentage_bp,
              false};
    });
  }

  // Step 3: hours.
  std::int64_t counted = 0, divisor = 0;
  if (v2024) {
    TRAJECT_TRY_ASSIGN(basis, p.Get(param::kLksHoursBasis));
    std::int64_t hours_cap = 0;
    if (input.normal_week) {
      hours_cap = *input.normal_week;
      Explain(input.explain, ex.inputs, [&]() -> ExplainedInput {
        return {"hours cap (normal week)", FormatHours(hours_cap)};
      });
    } else {
      TRAJECT_TRY_ASSIGN(default_cap, p.Get(param::kLksHoursCap));
      hours_cap = default_cap;
    }
    counted = std::min<std::int64_t>(input.hours, hours_cap);
    divisor = basis;
  } else {
    std::int64_t normal_week = 0;
    if (input.normal_week) {
      normal_week = *input.normal_week;
      Explain(input.explain, ex.inputs, [&]() -> ExplainedInput {
        return {"normal week N", FormatHours(normal_week)};
      });
    } else {
      TRAJECT_TRY_ASSIGN(default_week, p.Get(param::kLksNormalWeek));
      normal_week = default_week;
    }
    counted = std::min<std::int64_t>(input.hours, normal_week);
    divisor = normal_week;
  }
  const Exact lks = Exact(out.base) * out.percentage_bp * counted / (Int128{10000} * divisor);
  out.lks = lks.Rounded();
  Explain(input.explain, ex.steps, [&]() -> ExplainedStep {
    return {"lks = base × share × counted hours / " + std::string(v2024 ? "36" : "N"),
            fmt::format("{} × {} × {} / {}", out.base,
                        FormatParameter(ParameterUnit::kBasisPoints, out.percentage_bp),
                        FormatHours(counted), FormatHours(divisor)),
            lks.ToString(), out.lks, true};
  });

  // Step 4: werkgeverslasten.
  TRAJECT_TRY_ASSIGN(rate, p.Get(param::kWerkgeverslasten));
  const Exact wgl = Exact(out.lks) * rate / 10000;
  out.werkgeverslasten = wgl.Rounded();
  Explain(input.explain, ex.steps, [&]() -> ExplainedStep {
    return {"werkgeverslasten = lks × rate",
            fmt::format("{} × {}", out.lks, FormatParameter(ParameterUnit::kBasisPoints, rate)),
            wgl.ToString(), out.werkgeverslasten, true};
  });

  // Step 5.
  out.total = out.lks + out.werkgeverslasten;
  Explain(input.explain, ex.steps, [&]() -> ExplainedStep {
    return {"monthly subsidy = lks + werkgeverslasten",
            fmt::format("{} + {}", out.lks, out.werkgeverslasten), std::to_string(out.total),
            out.total, false};
  });
  out.provisional = ex.provisional;
  return out;
}

}  // namespace traject

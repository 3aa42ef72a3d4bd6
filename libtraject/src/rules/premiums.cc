#include "traject/premiums.h"

#include <fmt/format.h>

#include <cstdlib>

#include "rules/exact.h"

namespace traject {

using std::chrono::sys_days;

namespace {
constexpr std::string_view kBijverdienpremie = "bijverdienpremie";
constexpr std::string_view kUitstroompremie = "uitstroompremie";
}  // namespace

std::vector<std::string_view> BuiltinPremiumIds() { return {kBijverdienpremie, kUitstroompremie}; }

Date NextPremiumPaymentDate(Date earned) {
  // Payment months: June and November; the month earned must have ended.
  for (Date month = AddMonths(FirstOfMonth(earned), 1);; month = AddMonths(month, 1)) {
    const unsigned m = static_cast<unsigned>(month.month());
    if (m == 6 || m == 11) return month;
  }
}

Result<PremiumAmount> ComputeBijverdienpremie(const ParameterSet& parameters, Date month,
                                              Cents earnings) {
  if (earnings < 0) return Status::InvalidArgument("earnings must not be negative");
  PremiumAmount out;
  out.premium_id = kBijverdienpremie;
  out.earned = LastOfMonth(month);
  out.payable = NextPremiumPaymentDate(out.earned);
  Explanation& ex = out.explanation;
  ex.rule = "bijverdienpremie (Amsterdam, from 2021-03-01)";
  ex.inputs = {{"month", FormatDate(FirstOfMonth(month)).substr(0, 7)},
               {"earnings from work", FormatEuro(earnings)}};
  Result<ParameterLookup> rate = parameters.At(param::kBijverdienRate, month);
  Result<ParameterLookup> max = parameters.At(param::kBijverdienMax, month);
  if (!rate.ok() || !max.ok()) {
    out.reason = fmt::format("no bijverdienpremie before it started: {}",
                             (!rate.ok() ? rate.status() : max.status()).message());
    return out;
  }
  for (auto [name, lookup] :
       {std::pair{param::kBijverdienRate, &*rate}, std::pair{param::kBijverdienMax, &*max}}) {
    ex.parameters.push_back({name, FormatParameter(lookup->unit, lookup->value), lookup->valid_from,
                             lookup->source, lookup->provisional});
  }
  const rules::Exact share = rules::Exact(earnings) * rate->value / 10000;
  const Cents rounded = share.Rounded();
  ex.steps.push_back(
      {"premium = earnings × rate",
       fmt::format("{} × {}", earnings, FormatParameter(ParameterUnit::kBasisPoints, rate->value)),
       share.ToString(), rounded, true});
  out.amount = std::min(rounded, max->value);
  ex.steps.push_back({"at most the monthly maximum",
                      fmt::format("min({}, {})", rounded, max->value), std::to_string(out.amount),
                      out.amount, false});
  out.eligible = out.amount > 0;
  out.reason = out.eligible ? "earnings from work while on bijstand" : "no earnings";
  return out;
}

Result<PremiumAmount> ComputeUitstroompremie(const ParameterSet& parameters,
                                             const UitstroomInput& input) {
  PremiumAmount out;
  out.premium_id = kUitstroompremie;
  Explanation& ex = out.explanation;
  ex.rule = "uitstroompremie (Amsterdam experiment, from 2023-07-01)";
  ex.inputs = {{"bijstand since", FormatDate(input.bijstand_start)},
               {"work since", FormatDate(input.work_start)},
               {"exit", input.exit ? FormatDate(*input.exit) : "none (part-time, keeps bijstand)"}};
  // Work that began before the premium existed counts from the premium's first day.
  std::optional<Date> premium_start;
  for (const ParameterSeries* series : parameters.All()) {
    const bool amount = series->name == param::kUitstroomPartTime ||
                        series->name.rfind(param::kUitstroomStepPrefix, 0) == 0;
    if (amount && !series->values.empty() &&
        (!premium_start || sys_days(series->values.front().from) < sys_days(*premium_start))) {
      premium_start = series->values.front().from;
    }
  }
  if (premium_start && input.exit && sys_days(*input.exit) < sys_days(*premium_start)) {
    out.earned = *input.exit;
    out.payable = NextPremiumPaymentDate(out.earned);
    out.reason =
        fmt::format("no uitstroompremie: the exit on {} came before the premium began on {}",
                    FormatDate(*input.exit), FormatDate(*premium_start));
    return out;
  }
  Date work_counted_from = input.work_start;
  if (premium_start && sys_days(work_counted_from) < sys_days(*premium_start)) {
    work_counted_from = *premium_start;
    ex.inputs.push_back({"work counted from", FormatDate(work_counted_from) +
                                                  " (the premium's first day: the work began "
                                                  "before it existed)"});
  }
  Result<ParameterLookup> months_needed =
      parameters.At(param::kPremiumWorkMonths, work_counted_from);
  if (!months_needed.ok()) return months_needed.status();
  const Date enough_work = AddMonths(work_counted_from, static_cast<int>(months_needed->value));
  // Earned once both hold: enough months of work, and (for the full premium) the exit.
  out.earned =
      input.exit && sys_days(*input.exit) > sys_days(enough_work) ? *input.exit : enough_work;
  out.payable = NextPremiumPaymentDate(out.earned);
  ex.parameters.push_back({param::kPremiumWorkMonths, std::to_string(months_needed->value),
                           months_needed->valid_from, months_needed->source, false});
  if (!input.exit) {
    Result<ParameterLookup> part_time = parameters.At(param::kUitstroomPartTime, out.earned);
    if (!part_time.ok()) {
      out.reason = fmt::format("no uitstroompremie on {}: the experiment had not started",
                               FormatDate(out.earned));
      return out;
    }
    ex.parameters.push_back({param::kUitstroomPartTime, FormatEuro(part_time->value),
                             part_time->valid_from, part_time->source, part_time->provisional});
    out.amount = part_time->value;
    out.eligible = true;
    out.reason =
        fmt::format("part-time work kept {} months while on bijstand", months_needed->value);
    ex.steps.push_back(
        {"one-off part-time premium", "", std::to_string(out.amount), out.amount, false});
    return out;
  }
  const int months_in_bijstand = std::max(0, WholeMonthsBetween(input.bijstand_start, *input.exit));
  // The highest step at or below the months in bijstand.
  int best_step = -1;
  const ParameterSeries* best = nullptr;
  for (const ParameterSeries* series : parameters.All()) {
    if (series->name.rfind(param::kUitstroomStepPrefix, 0) != 0) continue;
    const int step =
        std::atoi(series->name.c_str() + std::string_view(param::kUitstroomStepPrefix).size());
    if (step <= months_in_bijstand && step > best_step &&
        parameters.At(series->name, out.earned).ok()) {
      best_step = step;
      best = series;
    }
  }
  if (!best) {
    out.reason = fmt::format("no uitstroompremie on {}: the experiment had not started",
                             FormatDate(out.earned));
    return out;
  }
  Result<ParameterLookup> amount = parameters.At(best->name, out.earned);
  ex.parameters.push_back({best->name, FormatEuro(amount->value), amount->valid_from,
                           amount->source, amount->provisional});
  ex.steps.push_back({"months in bijstand until exit", "", std::to_string(months_in_bijstand),
                      months_in_bijstand, false});
  out.amount = amount->value;
  out.eligible = true;
  out.reason = fmt::format("full exit to work after {} months of work; {} months in bijstand",
                           months_needed->value, months_in_bijstand);
  ex.steps.push_back({fmt::format("step for {}+ months", best_step), "", std::to_string(out.amount),
                      out.amount, false});
  return out;
}

}  // namespace traject

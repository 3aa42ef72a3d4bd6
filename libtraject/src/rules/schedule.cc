#include "traject/schedule.h"

#include <fmt/format.h>

#include <set>

namespace traject {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

sys_days S(Date d) { return sys_days(d); }
Date Max(Date a, Date b) { return S(a) < S(b) ? b : a; }
Date Min(Date a, Date b) { return S(a) < S(b) ? a : b; }
Date PreviousDay(Date d) { return Date(S(d) - days(1)); }
std::int64_t DaysInclusive(Date from, Date to) { return (S(to) - S(from)).count() + 1; }

// Two adjacent segments that pay the same monthly amount on the same basis.
bool SameBasis(const ScheduleSegment& a, const ScheduleSegment& b) {
  if (a.overdue != b.overdue || a.forfait != b.forfait || a.loonwaarde != b.loonwaarde) {
    return false;
  }
  if (a.overdue) return true;
  return a.monthly && b.monthly && a.monthly->total == b.monthly->total;
}

bool SameInput(const LksInput& a, const LksInput& b) {
  return S(a.date) == S(b.date) && a.hours == b.hours && a.loonwaarde == b.loonwaarde &&
         a.wml_monthly_override == b.wml_monthly_override && a.normal_week == b.normal_week &&
         a.explain == b.explain;
}

}  // namespace

Result<PlacementSchedule> ComputeSchedule(const ParameterSet& parameters,
                                          const Placement& full_placement,
                                          const ScheduleOptions& options) {
  const Placement placement =
      options.as_of ? PlacementOn(full_placement, *options.as_of) : full_placement;
  PlacementSchedule schedule;
  Date from = Max(options.from.value_or(placement.start), placement.start);
  Date to =
      options.to.value_or(placement.end.value_or(PreviousDay(AddMonths(placement.start, 12))));
  if (placement.end) to = Min(to, *placement.end);
  Result<ParameterLookup> forfait_months = parameters.At(param::kLksForfaitMonths, placement.start);
  if (!forfait_months.ok()) return forfait_months.status();
  schedule.forfait_ends = AddMonths(placement.start, static_cast<int>(forfait_months->value));
  if (S(to) < S(from)) return schedule;  // nothing covered in the window

  // Months in a row mostly ask for the same full-month amount (same parameter date, hours and
  // loonwaarde): computed once and reused.
  std::optional<LksInput> last_input;
  std::optional<LksAmount> last_amount;
  for (Date month = FirstOfMonth(from); S(month) <= S(to); month = AddMonths(month, 1)) {
    ScheduleMonth out;
    out.month = month;
    const Date month_end = LastOfMonth(month);
    const std::int64_t days_in_month = DaysInclusive(month, month_end);
    const Date start = Max(month, from);
    const Date end = Min(month_end, to);
    // Days on which a new segment starts.
    std::set<sys_days> cuts = {S(start)};
    for (const LoonwaardeAssessment& a : placement.assessments) {
      if (S(a.date) > S(start) && S(a.date) <= S(end)) cuts.insert(S(a.date));
    }
    if (S(schedule.forfait_ends) > S(start) && S(schedule.forfait_ends) <= S(end)) {
      cuts.insert(S(schedule.forfait_ends));
    }
    for (auto it = cuts.begin(); it != cuts.end(); ++it) {
      ScheduleSegment segment;
      segment.from = Date(*it);
      auto next = std::next(it);
      segment.to = next == cuts.end() ? end : PreviousDay(Date(*next));
      const LoonwaardeAssessment* latest = nullptr;
      for (const LoonwaardeAssessment& a : placement.assessments) {
        if (S(a.date) <= S(segment.from)) latest = &a;
      }
      if (latest) {
        segment.loonwaarde = latest->percent;
        segment.decision_date = latest->date;
      } else if (S(segment.from) < S(schedule.forfait_ends)) {
        segment.forfait = true;
        segment.decision_date = placement.start;
      } else {
        segment.overdue = true;
        segment.decision_date = placement.start;
        schedule.overdue_assessment = true;
      }
      const Date january = Date(month.year() / std::chrono::January / 1);
      segment.parameter_date = Max(segment.decision_date, january);
      if (!segment.overdue) {
        LksInput input;
        input.date = segment.parameter_date;
        input.hours = placement.hours_per_week;
        input.loonwaarde = segment.loonwaarde;
        input.normal_week = options.normal_week;
        input.explain = options.explain;
        if (!last_input || !SameInput(*last_input, input)) {
          Result<LksAmount> monthly = ComputeLks(parameters, input);
          if (!monthly.ok()) {
            return monthly.status().WithContext(
                fmt::format("placement {}, {}", placement.id, FormatDate(segment.from)));
          }
          last_input = input;
          last_amount = std::move(monthly).value();
        }
        if (last_amount->provisional) out.provisional = true;
        segment.monthly = *last_amount;
      }
      // A cut where nothing changes (e.g. where the forfait would have ended while a loonwaarde
      // already applies) is no cut: prorating both halves could cost or add a cent.
      if (!out.segments.empty() && SameBasis(out.segments.back(), segment)) {
        out.segments.back().to = segment.to;
      } else {
        out.segments.push_back(std::move(segment));
      }
    }
    for (ScheduleSegment& segment : out.segments) {
      if (segment.monthly) {
        const std::int64_t covered = DaysInclusive(segment.from, segment.to);
        segment.amount =
            covered == days_in_month
                ? segment.monthly->total
                : DivideRounded(Int128{segment.monthly->total} * covered, days_in_month);
      }
      out.amount += segment.amount;
    }
    schedule.total += out.amount;
    if (out.provisional) schedule.provisional = true;
    schedule.months.push_back(std::move(out));
  }
  return schedule;
}

}  // namespace traject

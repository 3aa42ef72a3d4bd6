#include "traject/schedule.h"

#include <fmt/format.h>

#include <algorithm>

namespace traject {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

sys_days S(Date d) { return sys_days(d); }
Date Max(Date a, Date b) { return S(a) < S(b) ? b : a; }
Date Min(Date a, Date b) { return S(a) < S(b) ? a : b; }
Date PreviousDay(Date d) { return Date(S(d) - days(1)); }

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
  std::optional<Placement> known;  // the placement as of options.as_of, when given
  if (options.as_of) known = PlacementOn(full_placement, *options.as_of);
  const Placement& placement = known ? *known : full_placement;
  PlacementSchedule schedule;
  Date from = Max(options.from.value_or(placement.start), placement.start);
  Date to =
      options.to.value_or(placement.end.value_or(PreviousDay(AddMonths(placement.start, 12))));
  if (placement.end) to = Min(to, *placement.end);
  Result<ParameterLookup> forfait_months = parameters.At(param::kLksForfaitMonths, placement.start);
  if (!forfait_months.ok()) return forfait_months.status();
  schedule.forfait_ends = AddMonths(placement.start, static_cast<int>(forfait_months->value));
  if (S(to) < S(from)) return schedule;  // nothing covered in the window

  // Reports compute this for every placement, month by month: the loop works on day numbers and
  // reuses its buffers, so a month costs one allocation (its segments).
  const sys_days first_day = S(from), last_day = S(to), forfait_ends = S(schedule.forfait_ends);
  std::vector<sys_days> assessed;  // placement.assessments[i].date
  assessed.reserve(placement.assessments.size());
  for (const LoonwaardeAssessment& a : placement.assessments) assessed.push_back(S(a.date));
  std::vector<sys_days> cuts;  // days on which a segment of the month starts, the first first
  cuts.reserve(assessed.size() + 2);
  const int month_count = (static_cast<int>(to.year()) - static_cast<int>(from.year())) * 12 +
                          static_cast<int>(static_cast<unsigned>(to.month())) -
                          static_cast<int>(static_cast<unsigned>(from.month())) + 1;
  schedule.months.reserve(static_cast<std::size_t>(month_count));

  // Months in a row mostly ask for the same full-month amount (same parameter date, hours and
  // loonwaarde): computed once and reused.
  std::optional<LksInput> last_input;
  std::optional<LksAmount> last_amount;
  for (Date month = FirstOfMonth(from); S(month) <= last_day; month = AddMonths(month, 1)) {
    ScheduleMonth out;
    out.month = month;
    const sys_days month_first = S(month), month_last = S(LastOfMonth(month));
    const std::int64_t days_in_month = (month_last - month_first).count() + 1;
    const sys_days start = std::max(month_first, first_day);
    const sys_days end = std::min(month_last, last_day);
    cuts.assign(1, start);
    for (sys_days day : assessed) {
      if (day > start && day <= end) cuts.push_back(day);
    }
    if (forfait_ends > start && forfait_ends <= end) cuts.push_back(forfait_ends);
    if (cuts.size() > 2) {
      std::sort(cuts.begin() + 1, cuts.end());
      cuts.erase(std::unique(cuts.begin() + 1, cuts.end()), cuts.end());
    }
    const Date january = Date(month.year() / std::chrono::January / 1);
    out.segments.reserve(cuts.size());
    for (std::size_t i = 0; i < cuts.size(); ++i) {
      ScheduleSegment segment;
      segment.from = Date(cuts[i]);
      segment.to = i + 1 == cuts.size() ? Date(end) : Date(cuts[i + 1] - days(1));
      const LoonwaardeAssessment* latest = nullptr;
      for (std::size_t a = 0; a < assessed.size(); ++a) {
        if (assessed[a] <= cuts[i]) latest = &placement.assessments[a];
      }
      if (latest) {
        segment.loonwaarde = latest->percent;
        segment.decision_date = latest->date;
      } else if (cuts[i] < forfait_ends) {
        segment.forfait = true;
        segment.decision_date = placement.start;
      } else {
        segment.overdue = true;
        segment.decision_date = placement.start;
        schedule.overdue_assessment = true;
      }
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
        const std::int64_t covered = (S(segment.to) - S(segment.from)).count() + 1;
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

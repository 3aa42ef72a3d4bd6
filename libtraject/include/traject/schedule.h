// The monthly loonkostensubsidie schedule of a placement (docs/rules.md, "Schedules").
//
// Each calendar month the placement covers gets an amount. Within a month, the days are split
// into segments wherever something changes: the placement starts or ends, a loonwaarde
// assessment takes effect, or the forfait runs out. Each segment uses:
//   - the loonwaarde of the latest assessment on or before its first day (decision date: that
//     assessment's date); without one, within the first `lks.forfait-months` months of the
//     placement, the forfait (decision date: the placement start); after that, nothing, and the
//     schedule flags an overdue assessment;
//   - the parameters in force on max(decision date, 1 January of the month's year) (lid 7);
//   - the full-month amount × segment days / days in the month, rounded to cents.
// Adjacent segments with the same basis and the same full-month amount are one segment: a month
// is split only where the amount changes, so a whole month at one rate gets exactly its monthly
// amount.
#ifndef TRAJECT_SCHEDULE_H_
#define TRAJECT_SCHEDULE_H_

#include <optional>
#include <vector>

#include "traject/export.h"
#include "traject/lks.h"
#include "traject/placement.h"

namespace traject {

struct ScheduleSegment {
  Date from;                      // first day covered
  Date to;                        // last day covered
  std::optional<int> loonwaarde;  // empty: forfait or nothing
  bool forfait = false;
  bool overdue = false;  // no subsidy: the forfait ran out without an assessment
  Date decision_date;
  Date parameter_date;               // max(decision date, 1 January)
  std::optional<LksAmount> monthly;  // the full-month amount used (empty when overdue)
  Cents amount = 0;                  // prorated
};

struct ScheduleMonth {
  Date month;  // first day of the month
  std::vector<ScheduleSegment> segments;
  Cents amount = 0;
  bool provisional = false;
};

struct PlacementSchedule {
  std::vector<ScheduleMonth> months;
  Cents total = 0;
  Date forfait_ends;  // first day without forfait
  bool overdue_assessment = false;
  bool provisional = false;
};

struct ScheduleOptions {
  std::optional<Date> from{};               // default: the placement start
  std::optional<Date> to{};                 // default: the placement end, or 12 months on
  std::optional<CentiHours> normal_week{};  // passed to ComputeLks
  // The schedule as known on this date: an end or assessments dated later are not known yet
  // (PlacementOn). Default: every fact.
  std::optional<Date> as_of{};
  // Whether each segment's LksAmount carries its explanation (LksInput::explain). false for
  // figures that need only the amounts (reports over every placement): the schedule is the
  // same in every field but the explanations.
  bool explain = true;
};

// The statutory schedule only: a banenplan's plugin may exclude the placement from
// loonkostensubsidie, which this function does not ask. To pay out, use
// BuildPlacementSchedules (reports.h), which applies the plugin's eligibility as the CLI does.
// InvalidArgument when `to` is before `from`; errors of ComputeLks otherwise.
TRAJECT_EXPORT Result<PlacementSchedule> ComputeSchedule(const ParameterSet& parameters,
                                                         const Placement& placement,
                                                         const ScheduleOptions& options = {});

}  // namespace traject

#endif  // TRAJECT_SCHEDULE_H_

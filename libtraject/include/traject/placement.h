// Placement: a job (or BBL contract) of a participant with an employer, within a trajectory,
// and the loonwaarde assessments that set its loonkostensubsidie.
#ifndef TRAJECT_PLACEMENT_H_
#define TRAJECT_PLACEMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "traject/date.h"
#include "traject/export.h"
#include "traject/money.h"
#include "traject/status.h"

namespace traject {

// Hours per week in hundredths of an hour (3250 = 32.5 hours), so that hour factors stay
// exact integers. Persisted as BIGINT.
using CentiHours = std::int64_t;

// Parses "32", "32.5" or "32,25" (at most two decimals, 0 < h <= 80).
TRAJECT_EXPORT Result<CentiHours> ParseHours(std::string_view text);
// "32.5" / "32" / "32.25".
TRAJECT_EXPORT std::string FormatHours(CentiHours hours);

struct LoonwaardeAssessment {
  Date date{};      // date of the assessment; applies from this day
  int percent = 0;  // productive value as % of the minimum wage, 0..100
};

struct Placement {
  std::int64_t id = 0;  // unique per organisation, assigned by the store
  std::int64_t trajectory_id = 0;
  std::string employer{};
  CentiHours hours_per_week = 0;
  Cents gross_monthly_wage = 0;  // agreed gross monthly wage
  Date start{};
  std::optional<Date> end{};                        // last day worked; empty while running
  std::string end_reason{};                         // free text; empty while running
  std::vector<LoonwaardeAssessment> assessments{};  // oldest first (withdrawn ones left out)
};

// True when the placement covers `day` (start <= day and not ended before it).
TRAJECT_EXPORT bool IsActiveOn(const Placement& placement, Date day);

// The placement as known at the end of `day`: assessments dated later are dropped, and an end
// after `day` (with its reason) is not known yet.
TRAJECT_EXPORT Placement PlacementOn(Placement placement, Date day);

}  // namespace traject

#endif  // TRAJECT_PLACEMENT_H_

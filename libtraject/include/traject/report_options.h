// What every report shares: the window of dates it covers and the date it looks from, how its
// rows are grouped, what it does when a programme's plugin is missing, and shares (a count of a
// base) as exact fractions.
//
// "As of" a date D: the facts dated on or before D, with every correction recorded since
// applied (a corrected start is the corrected start). For what the database knew on D, before
// later corrections, open the store as recorded on D (Store::AsRecorded) and report on that.
// Definitions of every figure: docs/reports.md.
#ifndef TRAJECT_REPORT_OPTIONS_H_
#define TRAJECT_REPORT_OPTIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "traject/date.h"
#include "traject/export.h"
#include "traject/status.h"

namespace traject {

// What a figure that needs a programme's plugin does when it is not loaded.
enum class MissingPlugins {
  kRefuse,  // Status::Plugin naming each such programme and how many placements it holds
  kFlag,    // statutory rules only for those placements; the result names the programmes
};

// How rows are grouped. Persisted in scripts and JSON output by name: do not rename. Each
// report says which it accepts (InvalidArgument for another).
enum class ReportGrouping {
  kProgramme,     // "programme": the trajectory's programme (banenplan)
  kTrack,         // "track": programme/track
  kArea,          // "area": the participant's area ("(no area)" when empty)
  kGroup,         // "group": target groups on the day counted (age groups follow from birth);
                  // a participant in two groups counts in both, the total once
  kEmployer,      // "employer": the placement's employer
  kKlantmanager,  // "klantmanager": the participant's klantmanager on the day counted
  kMonth,         // "month": the month of the day counted, YYYY-MM
};
TRAJECT_EXPORT Result<ReportGrouping> ParseReportGrouping(std::string_view text);
TRAJECT_EXPORT std::string_view ToString(ReportGrouping grouping);

// A window of dates seen from a date.
struct ReportPeriod {
  std::optional<Date> from{};  // first day counted; default: no lower bound
  std::optional<Date> to{};    // last day counted; default: as_of. A later day is cut to as_of.
  Date as_of{};                // REQUIRES: set. Facts dated later are not known.
};

// A period with its defaults applied.
struct ResolvedPeriod {
  Date from{};  // 1900-01-01 when the period has no lower bound
  Date to{};    // never after as_of
  Date as_of{};
};
// InvalidArgument when as_of is not a calendar date or `to` comes before `from`.
TRAJECT_EXPORT Result<ResolvedPeriod> Resolve(const ReportPeriod& period);

// `count` of `base`, e.g. exits that lasted 6 months of the exits seen 6 months on.
struct TRAJECT_EXPORT Share {
  std::int64_t count = 0;
  std::int64_t base = 0;

  // count / base in tenths of a percent, rounded half away from zero (143 = 14.3 %); empty when
  // the base is 0.
  std::optional<std::int64_t> TenthsOfPercent() const;
  // "14.3" (no sign); "" when the base is 0.
  std::string PercentText() const;
};

}  // namespace traject

#endif  // TRAJECT_REPORT_OPTIONS_H_

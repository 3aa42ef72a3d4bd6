// The six primary indicators of performance of the US Workforce Innovation and Opportunity Act
// (WIOA §116(b)(2)(A)), computed the same way for a banenplan so that it can be compared with
// workforce programmes abroad (docs/reports.md, "WIOA indicators").
//
// A trajectory's exit is the first day it entered uitgestroomd or afgebroken (WIOA's "program
// exit": the participant stops being served, whatever the reason). Quarters are calendar
// quarters; "the 2nd quarter after exit" is the second full quarter after the one holding the
// exit day. Employment comes from placements (a placement running on some day of the quarter);
// earnings are the placements' gross monthly wages prorated by the days worked in each month.
// Of the exits dated in the window:
//   employment_q2 / _q4   of the exits whose 2nd (4th) quarter ended by as_of, those employed in it
//   median_earnings_q2    median earnings in the 2nd quarter of those employed in it
//   credential            of the exits on a track with a credential milestone, seen a year on,
//                         those who reached a credential (any of their trajectories) between
//                         the start and a year after the exit
//   retention             of those employed in the 2nd quarter, with the 4th ended by as_of,
//                         those working for the same employer in both quarters
// And of the trajectories in training in the window (open on some day of it, on a track with a
// credential or skill-gain milestone):
//   skill_gains           those reaching a skill-gain or credential milestone in the window
// Milestones are credentials or skill gains as their plugin declares (MilestoneOutcome), read
// from the programme catalogue (PluginRegistry::catalogue()), so a programme missing from it is
// refused (kRefuse) or counted without them (kFlag).
//
// Thread safety: the function only reads; it shares the store's thread-safety rules.
#ifndef TRAJECT_WIOA_REPORT_H_
#define TRAJECT_WIOA_REPORT_H_

#include <optional>
#include <string>
#include <vector>

#include "traject/catalogue.h"
#include "traject/export.h"
#include "traject/money.h"
#include "traject/report_options.h"
#include "traject/status.h"
#include "traject/store.h"

namespace traject {

struct WioaReportOptions {
  // kProgramme (default), kTrack, kArea, kGroup, kKlantmanager or kMonth (of the exit).
  ReportGrouping by = ReportGrouping::kProgramme;
  ReportPeriod period{};  // exits dated in it; REQUIRES: as_of set
  MissingPlugins missing_plugins = MissingPlugins::kRefuse;
};

struct WioaRow {
  std::string key{};
  std::string label{};
  int exits = 0;
  Share employment_q2{};
  Share employment_q4{};
  std::optional<Cents> median_earnings_q2{};  // empty when nobody counted was employed in it
  Share credential{};
  Share skill_gains{};
  Share retention{};
};

struct WioaReport {
  WioaReportOptions options{};
  ResolvedPeriod window{};
  std::vector<WioaRow> rows{};  // ordered by key
  WioaRow total{};
  std::vector<std::string> missing_plugins{};
};

// `programmes` may be null (every programme missing); it also names the rows.
TRAJECT_EXPORT Result<WioaReport> BuildWioaReport(Store& store,
                                                  const ProgrammeCatalogue* programmes,
                                                  const WioaReportOptions& options);

}  // namespace traject

#endif  // TRAJECT_WIOA_REPORT_H_

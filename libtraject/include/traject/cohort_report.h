// Cohort progress: how far the cohortaanpak has come with each area's participants on a date,
// and how many of those on bijstand the municipality has a recent picture of (docs/reports.md,
// "cohort"). Every count is of participants registered by the date, each counted once per row:
//   invited        an invitation recorded
//   spoken         a conversation held
//   in_trajectory  a trajectory started
//   placed         a placement started
//   uitgestroomd   an exit (uitstroom) recorded, whether or not they came back
//   on_bijstand    on bijstand on the date (outcome_report.h, "flow")
//   recent_picture of those on bijstand, the ones with a conversation, a home visit or a
//                  loonwaarde assessment in the `recent_months` months up to the date
//
// Thread safety: the function only reads; it shares the store's thread-safety rules.
#ifndef TRAJECT_COHORT_REPORT_H_
#define TRAJECT_COHORT_REPORT_H_

#include <string>
#include <vector>

#include "traject/date.h"
#include "traject/export.h"
#include "traject/report_options.h"
#include "traject/status.h"
#include "traject/store.h"

namespace traject {

struct CohortReportOptions {
  ReportGrouping by = ReportGrouping::kArea;  // kArea, kGroup or kKlantmanager
  Date as_of{};                               // REQUIRES: set
  int recent_months = 12;                     // 1..60
};

struct CohortRow {
  std::string key{};
  std::string label{};
  int participants = 0;
  int invited = 0;
  int spoken = 0;
  int in_trajectory = 0;
  int placed = 0;
  int uitgestroomd = 0;
  int on_bijstand = 0;
  Share recent_picture{};  // base: on_bijstand
};

struct CohortReport {
  CohortReportOptions options{};
  std::vector<CohortRow> rows{};  // ordered by key
  CohortRow total{};
};

TRAJECT_EXPORT Result<CohortReport> BuildCohortReport(Store& store,
                                                      const CohortReportOptions& options);

}  // namespace traject

#endif  // TRAJECT_COHORT_REPORT_H_

// Loonkostensubsidie paid and committed, per employer or per programme, with the placements
// whose subsidy is blocked (docs/reports.md, "subsidy").
//
//   paid       what the placements' schedules (traject/schedule.h) pay for the days of the
//              window up to the as-of date; traject records no payments: this is what the
//              rules owe for those days
//   committed  what they will pay for the `committed_months` calendar months after the as-of
//              date's month (and the rest of its month), for the placements running on the as-of
//              date, as if they keep running as known on it
//   blocked    placements active in the window whose subsidy is €0 for a reason the
//              coordinator can act on: the banenplan excludes them, or the forfait ran out
//              without a loonwaarde assessment, or the loonwaarde is 100 %
//
// Each placement's eligibility is its programme plugin's, decided on its start, as in `report
// placements`; a programme whose plugin is not loaded is refused or flagged (MissingPlugins).
//
// Thread safety: the function only reads; it shares the store's thread-safety rules.
#ifndef TRAJECT_SUBSIDY_REPORT_H_
#define TRAJECT_SUBSIDY_REPORT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "traject/date.h"
#include "traject/export.h"
#include "traject/money.h"
#include "traject/parameters.h"
#include "traject/plugin_host.h"
#include "traject/report_options.h"
#include "traject/status.h"
#include "traject/store.h"

namespace traject {

struct SubsidyReportOptions {
  ReportGrouping by = ReportGrouping::kEmployer;  // kEmployer or kProgramme
  ReportPeriod period{};                          // REQUIRES: as_of set
  int committed_months = 12;                      // 0..120
  MissingPlugins missing_plugins = MissingPlugins::kRefuse;
};

// Persisted in JSON output by name: do not rename.
enum class BlockReason {
  kExcluded,           // "excluded": the banenplan's plugin excludes the placement
  kAssessmentOverdue,  // "assessment-overdue": no loonwaarde after the forfait
  kFullLoonwaarde,     // "loonwaarde-100": assessed at 100 %, nothing to compensate
};
TRAJECT_EXPORT std::string_view ToString(BlockReason reason);

struct BlockedPlacement {
  std::int64_t placement_id = 0;
  std::int64_t trajectory_id = 0;
  std::string participant_ref{};
  std::string programme_id{};
  std::string employer{};
  BlockReason reason = BlockReason::kExcluded;
  std::string detail{};  // the plugin's reason, or since when
  Date since{};          // start (excluded), forfait end (overdue) or the assessment
};

struct SubsidyRow {
  std::string key{};
  std::string label{};
  int placements = 0;  // active on some day of the window
  int running = 0;     // running on the as-of date
  Cents paid = 0;
  Cents committed = 0;
  int blocked = 0;
  int rules_missing = 0;  // computed without their programme's plugin (kFlag)
};

struct SubsidyReport {
  SubsidyReportOptions options{};
  ResolvedPeriod window{};
  Date committed_to{};             // last day of the committed months
  std::vector<SubsidyRow> rows{};  // ordered by key
  SubsidyRow total{};
  std::vector<BlockedPlacement> blocked{};  // by placement id
  bool provisional = false;                 // some amount used parameters past their known period
  std::vector<std::string> missing_plugins{};
};

TRAJECT_EXPORT Result<SubsidyReport> BuildSubsidyReport(Store& store, const PluginRegistry* plugins,
                                                        const ParameterSet& parameters,
                                                        const SubsidyReportOptions& options);

}  // namespace traject

#endif  // TRAJECT_SUBSIDY_REPORT_H_

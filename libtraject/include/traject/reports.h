// Reports over one organisation's placements. Computed from the store's projections, the
// programme plugins (for their eligibility rules) and a parameter set, for a window of dates
// and "as of" a date: only facts whose date is on or before the as-of date count.
//
// Thread safety: the functions only read; they share the store's thread-safety rules.
#ifndef TRAJECT_REPORTS_H_
#define TRAJECT_REPORTS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "traject/date.h"
#include "traject/export.h"
#include "traject/money.h"
#include "traject/parameters.h"
#include "traject/plugin_host.h"
#include "traject/schedule.h"
#include "traject/status.h"
#include "traject/store.h"

namespace traject {

// Persisted in scripts and JSON output by name: do not rename.
enum class ReportGrouping { kProgramme, kTrack, kArea, kGroup, kEmployer };
TRAJECT_EXPORT Result<ReportGrouping> ParseReportGrouping(std::string_view text);
TRAJECT_EXPORT std::string_view ToString(ReportGrouping grouping);

struct PlacementReportOptions {
  ReportGrouping by = ReportGrouping::kProgramme;  // default: per programme
  std::optional<Date> from;  // placements active on or after; default: no lower bound
  std::optional<Date> to;    // ... and started on or before; default: as_of
  Date as_of;                // REQUIRES: set; facts after it are ignored
};

struct PlacementReportRow {
  std::string key;              // programme id, track id, area, target group or employer
  std::string label;            // human-readable name of the key
  int placements = 0;           // placements active at some day in the window
  int started = 0;              // of which started in the window
  int active = 0;               // still running on the window's last day
  int ended = 0;                // ended in the window
  int werkbehoud_6m = 0;        // started ≥ 6 months before as_of and lasted 6 months
  int werkbehoud_6m_base = 0;   // started ≥ 6 months before as_of
  Cents average_wage = 0;       // mean gross monthly wage, rounded to cents
  Cents lks_total = 0;          // loonkostensubsidie over the window
  int lks_ineligible = 0;       // placements a plugin excluded from loonkostensubsidie
  int overdue_assessments = 0;  // forfait ran out without a loonwaarde assessment
};

struct PlacementReport {
  PlacementReportOptions options;
  Date window_from;
  Date window_to;
  std::vector<PlacementReportRow> rows;  // ordered by key
  PlacementReportRow total;              // over all placements (counted once)
  bool provisional = false;              // some amount used provisional parameters
};

// `plugins` may be null: then no plugin eligibility rule applies.
TRAJECT_EXPORT Result<PlacementReport> BuildPlacementReport(Store& store,
                                                            const PluginRegistry* plugins,
                                                            const ParameterSet& parameters,
                                                            const PlacementReportOptions& options);

// The facts a plugin rule sees for one placement on `on`.
TRAJECT_EXPORT PlacementFacts FactsFor(const PlacementView& view,
                                       const std::vector<MilestoneRecord>& milestones, Date on);

// Loonkostensubsidie commitments: the scheduled amounts of running placements for the months
// from `first_month` on, per employer or per programme.
struct CommitmentRow {
  std::string key;
  std::vector<Cents> per_month;  // one entry per month
  Cents total = 0;
};
struct Commitments {
  std::vector<Date> months;         // first day of each month
  std::vector<CommitmentRow> rows;  // ordered by key
  CommitmentRow total;
  bool provisional = false;
};
TRAJECT_EXPORT Result<Commitments> BuildCommitments(Store& store, const PluginRegistry* plugins,
                                                    const ParameterSet& parameters,
                                                    ReportGrouping by, Date first_month,
                                                    int months);

// The premiums of one trajectory as of a date: Amsterdam's participant premiums (bijverdienpremie
// per month worked while still on bijstand, uitstroompremie on exit to work or for part-time
// work kept two months), each subject to the programme plugin's eligibility, plus the premiums
// the plugin itself grants. Bijstand is taken to start at the participant's registration.
struct PremiumLine {
  std::string premium_id;
  std::string name;
  Payee payee = Payee::kParticipant;
  std::int64_t placement_id = 0;
  bool eligible = false;
  std::string reason;
  Cents amount = 0;
  Date earned;
  Date payable;
  Explanation explanation;  // empty for plugin premiums
};
TRAJECT_EXPORT Result<std::vector<PremiumLine>> BuildTrajectoryPremiums(
    Store& store, const PluginRegistry* plugins, const ParameterSet& parameters,
    std::int64_t trajectory_id, Date as_of);

}  // namespace traject

#endif  // TRAJECT_REPORTS_H_

// Reports. This header brings in every report (traject/*_report.h, one file each); what follows
// here are the reports over one organisation's placements and subsidy.
//
// Reports over one organisation's placements. Computed from the store's projections, the
// programme plugins (for their eligibility rules) and a parameter set, for a window of dates
// and "as of" a date: only facts whose date is on or before the as-of date count.
//
// Banenplan rules come from plugins: a programme's plugin may exclude placements from
// loonkostensubsidie, refuse a participant premium or add premiums of its own. When a figure
// involves a programme whose plugin is not loaded (`plugins` null, a plugin missing from the
// directories, or skipped because it failed to load), its money could silently differ, so every
// function here refuses by default (MissingPlugins::kRefuse) with Status::Plugin naming the
// programmes; with kFlag it computes with the statutory rules alone and names them in the result.
//
// Thread safety: the functions only read; they share the store's thread-safety rules.
#ifndef TRAJECT_REPORTS_H_
#define TRAJECT_REPORTS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "traject/caseload_report.h"
#include "traject/cohort_report.h"
#include "traject/date.h"
#include "traject/export.h"
#include "traject/loonwaarde_report.h"
#include "traject/milestone_report.h"
#include "traject/money.h"
#include "traject/outcome_report.h"
#include "traject/parameters.h"
#include "traject/plugin_host.h"
#include "traject/report_options.h"
#include "traject/schedule.h"
#include "traject/status.h"
#include "traject/store.h"
#include "traject/subsidy_report.h"
#include "traject/wioa_report.h"

namespace traject {

struct PlacementReportOptions {
  // kProgramme (default), kTrack, kArea, kGroup or kEmployer; another is InvalidArgument.
  ReportGrouping by = ReportGrouping::kProgramme;
  std::optional<Date> from{};  // placements active on or after; default: no lower bound
  std::optional<Date> to{};    // ... and started on or before; default: as_of
  Date as_of{};                // REQUIRES: set; facts after it are ignored
  MissingPlugins missing_plugins = MissingPlugins::kRefuse;
};

struct PlacementReportRow {
  std::string key;              // programme id, track id, area, target group or employer
  std::string label;            // human-readable name of the key
  int placements = 0;           // placements active at some day in the window
  int started = 0;              // of which started in the window
  int active = 0;               // still running on the window's last day
  int ended = 0;                // ended in the window
  int werkbehoud_6m = 0;        // of the base, those that lasted 6 months
  int werkbehoud_6m_base = 0;   // start + 6 months on or before as_of
  Cents average_wage = 0;       // mean gross monthly wage, rounded to cents
  Cents lks_total = 0;          // loonkostensubsidie over the window
  int lks_ineligible = 0;       // placements a plugin excluded from loonkostensubsidie
  int overdue_assessments = 0;  // forfait ran out without a loonwaarde assessment
  int rules_missing = 0;        // placements computed without their programme's plugin (kFlag)
};

struct PlacementReport {
  PlacementReportOptions options;
  Date window_from;
  Date window_to;
  std::vector<PlacementReportRow> rows;      // ordered by key
  PlacementReportRow total;                  // over all placements (counted once)
  bool provisional = false;                  // some amount used provisional parameters
  std::vector<std::string> missing_plugins;  // programmes computed without their plugin (kFlag)
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
struct CommitmentOptions {
  ReportGrouping by = ReportGrouping::kEmployer;  // kEmployer or kProgramme
  Date first_month{};                             // REQUIRES: set; its month is the first
  int months = 12;                                // 1..120
  // Facts known on this date only: placements started later, and ends and assessments dated
  // later, do not count. Default: every fact.
  std::optional<Date> as_of{};
  MissingPlugins missing_plugins = MissingPlugins::kRefuse;
};
struct CommitmentRow {
  std::string key{};
  std::vector<Cents> per_month{};  // one entry per month
  Cents total = 0;
  int rules_missing = 0;  // placements computed without their programme's plugin (kFlag)
};
struct Commitments {
  std::vector<Date> months{};         // first day of each month
  std::vector<CommitmentRow> rows{};  // ordered by key
  CommitmentRow total{};
  bool provisional = false;
  std::vector<std::string> missing_plugins{};  // programmes computed without their plugin (kFlag)
};
// InvalidArgument for months outside 1..120 or a grouping other than employer or programme.
TRAJECT_EXPORT Result<Commitments> BuildCommitments(Store& store, const PluginRegistry* plugins,
                                                    const ParameterSet& parameters,
                                                    const CommitmentOptions& options);

// The monthly loonkostensubsidie schedules of a trajectory's placements, as the CLI's `subsidy
// schedule` shows them: each placement's eligibility under its programme's plugin (decided on
// the placement's start) and, when eligible, its schedule over `window`. With window.as_of,
// placements started after it are left out and later facts are not known.
struct PlacementScheduleLine {
  PlacementView view{};
  Decision eligibility{};                       // the plugin's; eligible when it has no objection
  std::optional<PlacementSchedule> schedule{};  // empty when not eligible
  bool rules_missing = false;                   // computed without the programme's plugin (kFlag)
};
// NotFound for an unknown trajectory; the errors of ComputeSchedule and of the plugin.
TRAJECT_EXPORT Result<std::vector<PlacementScheduleLine>> BuildPlacementSchedules(
    Store& store, const PluginRegistry* plugins, const ParameterSet& parameters,
    std::int64_t trajectory_id, const ScheduleOptions& window = {},
    MissingPlugins missing_plugins = MissingPlugins::kRefuse);

// The premiums of one trajectory as of a date: Amsterdam's participant premiums (bijverdienpremie
// per month worked while still on bijstand, uitstroompremie on exit to work or for part-time
// work kept two months), each subject to the programme plugin's eligibility, plus the premiums
// the plugin itself grants. Bijstand is taken to start at the participant's registration.
// A placement that began before a premium existed earns it from the premium's first day.
struct PremiumLine {
  std::string premium_id{};
  std::string name{};
  Payee payee = Payee::kParticipant;
  std::int64_t placement_id = 0;
  bool eligible = false;
  std::string reason{};
  Cents amount = 0;
  Date earned{};
  Date payable{};
  Explanation explanation{};  // empty for plugin premiums
};
struct TrajectoryPremiums {
  std::vector<PremiumLine> lines{};
  bool rules_missing = false;  // the programme's plugin was not loaded (kFlag)
};
// Plugin errors: a plugin that throws, or awards a malformed premium or one with a built-in
// premium's id.
TRAJECT_EXPORT Result<TrajectoryPremiums> BuildTrajectoryPremiums(
    Store& store, const PluginRegistry* plugins, const ParameterSet& parameters,
    std::int64_t trajectory_id, Date as_of,
    MissingPlugins missing_plugins = MissingPlugins::kRefuse);

}  // namespace traject

#endif  // TRAJECT_REPORTS_H_

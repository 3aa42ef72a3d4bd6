// Milestones across all trajectories: which are overdue on a date (who, which milestone, since
// when) and which fall due in the weeks after it (docs/reports.md, "milestones"). Deadlines and
// status follow traject/milestones.h; a trajectory's track comes from the programme catalogue
// (the loaded plugins' catalogue, PluginRegistry::catalogue()), so a programme missing from it
// (its plugin not loaded) is refused (kRefuse) or left out and named (kFlag).
//
// Thread safety: the function only reads; it shares the store's thread-safety rules.
#ifndef TRAJECT_MILESTONE_REPORT_H_
#define TRAJECT_MILESTONE_REPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "traject/catalogue.h"
#include "traject/date.h"
#include "traject/export.h"
#include "traject/report_options.h"
#include "traject/status.h"
#include "traject/store.h"

namespace traject {

struct MilestoneReportOptions {
  Date as_of{};              // REQUIRES: set
  int due_within_days = 28;  // "due": deadline in (as_of, as_of + this]; 0..366
  // Only the participants of this klantmanager on as_of. Default: everyone.
  std::optional<std::string> klantmanager{};
  // When set, the summary per group: kProgramme, kTrack, kArea, kGroup or kKlantmanager.
  std::optional<ReportGrouping> by{};
  MissingPlugins missing_plugins = MissingPlugins::kRefuse;
};

struct MilestoneDue {
  std::string participant_ref{};
  std::string klantmanager{};  // on as_of; "" when none
  std::int64_t trajectory_id = 0;
  std::string programme_id{};
  std::string track_id{};
  std::string milestone_id{};
  std::string milestone_name{};
  Date deadline{};
  bool overdue = false;  // deadline before as_of; else due within the window
  int days = 0;          // overdue: days since the deadline; due: days until it
};

struct MilestoneSummaryRow {
  std::string key{};
  std::string label{};
  int open_trajectories = 0;  // open on as_of
  int overdue = 0;            // overdue milestones
  int behind = 0;             // open trajectories with at least one overdue milestone
  int due = 0;                // milestones due within the window
};

struct MilestoneReport {
  MilestoneReportOptions options{};
  std::vector<MilestoneDue> overdue{};      // longest overdue first, then by trajectory
  std::vector<MilestoneDue> due{};          // soonest first, then by trajectory
  std::vector<MilestoneSummaryRow> rows{};  // with options.by: ordered by key
  MilestoneSummaryRow total{};
  std::vector<std::string> missing_plugins{};  // programmes left out (kFlag)
};

// `programmes` may be null (every programme missing). InvalidArgument for a bad option; Plugin
// for a programme missing from `programmes` (kRefuse).
TRAJECT_EXPORT Result<MilestoneReport> BuildMilestoneReport(Store& store,
                                                            const ProgrammeCatalogue* programmes,
                                                            const MilestoneReportOptions& options);

}  // namespace traject

#endif  // TRAJECT_MILESTONE_REPORT_H_

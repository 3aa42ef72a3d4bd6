#include "traject/milestone_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "report/facts_view.h"
#include "report/rules_guard.h"
#include "traject/caseload_report.h"
#include "traject/milestones.h"

namespace traject {
namespace {

using report::Day;

}  // namespace

Result<MilestoneReport> BuildMilestoneReport(Store& store, const ProgrammeCatalogue* programmes,
                                             const MilestoneReportOptions& options) {
  if (options.due_within_days < 0 || options.due_within_days > 366) {
    return Status::InvalidArgument("due within: 0..366 days").WithField("due_within_days");
  }
  if (options.by) {
    if (Status s = report::RequireGrouping(
            *options.by,
            {ReportGrouping::kProgramme, ReportGrouping::kTrack, ReportGrouping::kArea,
             ReportGrouping::kGroup, ReportGrouping::kKlantmanager},
            "milestone");
        !s.ok()) {
      return s;
    }
  }
  report::FactParts parts;
  parts.trajectories = parts.history = parts.milestones = parts.assignments = true;
  parts.scope = report::FactScope::kMaybeOpenOn;  // the trajectories counted: open on the day
  if (options.by) report::AddPartsFor(*options.by, parts);
  if (options.klantmanager) {
    if (Status s = RequireCaseworker(store, CaseworkerRole::kKlantmanager, *options.klantmanager,
                                     options.as_of);
        !s.ok()) {
      return s;
    }
  }
  Result<report::ReportFacts> loaded = report::ReadFacts(store, parts, options.as_of);
  if (!loaded.ok()) return loaded.status();
  const report::ReportFacts& f = *loaded;
  const Day day = f.as_of;
  const report::NameId only = options.klantmanager ? f.FindName(*options.klantmanager) : -1;

  MilestoneReport out;
  out.options = options;
  report::DefinitionGuard guard(
      programmes, options.missing_plugins,
      {"trajectory", "trajectories", "define the milestones and deadlines of"});
  const report::Grouper grouper(f, options.by.value_or(ReportGrouping::kProgramme), programmes);
  report::RowSet<MilestoneSummaryRow> rows;
  for (const report::FactTrajectory& t : f.trajectories) {
    if (!report::IsOpenOn(f, t, day)) continue;
    const report::NameId klantmanager =
        report::CaseworkerOn(f, t.person, CaseworkerRole::kKlantmanager, day);
    if (options.klantmanager && (only < 0 || klantmanager != only)) continue;
    const std::string& programme_id = f.Name(t.programme);
    const ProgrammeDefinition* programme = guard.Need(programme_id);
    const TrackDefinition* track = programme ? FindTrack(*programme, f.Name(t.track)) : nullptr;
    if (!track) continue;  // without its plugin the deadlines are not known (guard noted it)

    const auto reached = [&](std::string_view id) -> std::optional<Date> {
      const report::NameId name = f.FindName(id);
      for (std::uint32_t i = t.milestones_begin; i < t.milestones_end; ++i) {
        if (f.milestones[i].milestone == name) return report::ToDate(f.milestones[i].reached);
      }
      return std::nullopt;
    };
    int overdue = 0, due = 0;
    for (const MilestoneProgress& m :
         MilestonesOn(*track, report::ToDate(t.started), report::StateOn(f, t, day), reached,
                      report::ToDate(day))) {
      if (m.status != MilestoneStatus::kOverdue && m.status != MilestoneStatus::kOpen) continue;
      if (!m.deadline) continue;
      const Day deadline = report::ToDay(*m.deadline);
      const bool is_overdue = m.status == MilestoneStatus::kOverdue;
      if (!is_overdue && deadline > day + options.due_within_days) continue;
      MilestoneDue line;
      line.participant_ref = f.people[static_cast<std::size_t>(t.person)].ref;
      line.klantmanager = klantmanager < 0 ? std::string() : f.Name(klantmanager);
      line.trajectory_id = t.id;
      line.programme_id = programme_id;
      line.track_id = f.Name(t.track);
      line.milestone_id = m.definition->id;
      line.milestone_name = m.definition->name;
      line.deadline = *m.deadline;
      line.overdue = is_overdue;
      line.days = is_overdue ? day - deadline : deadline - day;
      (is_overdue ? out.overdue : out.due).push_back(std::move(line));
      (is_overdue ? overdue : due) += 1;
    }
    const auto count = [&](MilestoneSummaryRow& row) {
      row.open_trajectories += 1;
      row.overdue += overdue;
      row.behind += overdue > 0 ? 1 : 0;
      row.due += due;
    };
    if (options.by) {
      rows.Count(grouper.KeysOf(t.person, &t, nullptr, day), count);
    } else {
      rows.Count({}, count);
    }
  }
  if (Status s = guard.Check(); !s.ok()) return s;
  out.missing_plugins = guard.Missing();
  std::stable_sort(out.overdue.begin(), out.overdue.end(),
                   [](const MilestoneDue& a, const MilestoneDue& b) {
                     return a.days != b.days ? a.days > b.days : a.trajectory_id < b.trajectory_id;
                   });
  std::stable_sort(out.due.begin(), out.due.end(),
                   [](const MilestoneDue& a, const MilestoneDue& b) {
                     return a.days != b.days ? a.days < b.days : a.trajectory_id < b.trajectory_id;
                   });
  if (options.by) out.rows = rows.Rows(grouper);
  out.total = rows.Total();
  return out;
}

}  // namespace traject

#include "traject/subsidy_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "report/facts_view.h"
#include "report/rules_guard.h"
#include "traject/reports.h"

namespace traject {
namespace {

using report::Day;

}  // namespace

std::string_view ToString(BlockReason reason) {
  switch (reason) {
    case BlockReason::kExcluded:
      return "excluded";
    case BlockReason::kAssessmentOverdue:
      return "assessment-overdue";
    case BlockReason::kFullLoonwaarde:
      return "loonwaarde-100";
  }
  return "?";
}

Result<SubsidyReport> BuildSubsidyReport(Store& store, const PluginRegistry* plugins,
                                         const ParameterSet& parameters,
                                         const SubsidyReportOptions& options) {
  if (Status s = report::RequireGrouping(options.by,
                                         {ReportGrouping::kEmployer, ReportGrouping::kProgramme,
                                          ReportGrouping::kTrack, ReportGrouping::kArea},
                                         "subsidy");
      !s.ok()) {
    return s;
  }
  if (options.committed_months < 0 || options.committed_months > 120) {
    return Status::InvalidArgument("committed months: 0..120").WithField("committed_months");
  }
  Result<ResolvedPeriod> window = Resolve(options.period);
  if (!window.ok()) return window.status();
  report::FactParts parts;
  parts.people = parts.trajectories = parts.milestones = parts.evidence = parts.placements = true;
  // The placements counted: active some day of the window, or running on the as-of day.
  parts.scope = report::FactScope::kPlacedIn;
  parts.window_from = report::ToDay(window->from);
  parts.window_to = report::ToDay(window->to);
  Result<report::ReportFacts> loaded = report::ReadFacts(store, parts, window->as_of);
  if (!loaded.ok()) return loaded.status();
  const report::ReportFacts& f = *loaded;
  const Day as_of = f.as_of;
  const Day from = report::ToDay(window->from), to = report::ToDay(window->to);

  SubsidyReport out;
  out.options = options;
  out.window = *window;
  out.committed_to = LastOfMonth(AddMonths(window->as_of, options.committed_months));
  report::RulesGuard guard(plugins, options.missing_plugins);
  const report::Grouper grouper(f, options.by, plugins ? &plugins->catalogue() : nullptr);
  report::RowSet<SubsidyRow> rows;
  for (const report::FactPlacement& fp : f.placements) {
    const bool in_window = fp.start <= to && (!fp.end || *fp.end >= from);
    const bool running = !fp.end || *fp.end >= as_of;
    if (!in_window && !running) continue;
    const PlacementView view = report::ViewOf(f, fp);
    const Placement& p = view.placement;
    const LoadedPlugin* plugin = guard.Need(view.programme_id);
    Decision eligibility;
    if (plugin) {
      Result<Decision> decided = plugin->LksEligibility(FactsFor(view, view.milestones, p.start));
      if (!decided.ok()) return decided.status();
      eligibility = *decided;
    }
    Cents paid = 0, committed = 0;
    std::optional<BlockedPlacement> blocked;
    if (!eligibility.eligible) {
      blocked = BlockedPlacement{
          p.id,       p.trajectory_id,        view.participant_ref, view.programme_id,
          p.employer, BlockReason::kExcluded, eligibility.reason,   p.start};
    } else {
      ScheduleOptions schedule_options;
      schedule_options.explain = false;
      if (in_window) {
        schedule_options.from = window->from;
        schedule_options.to = window->to;
        Result<PlacementSchedule> schedule = ComputeSchedule(parameters, p, schedule_options);
        if (!schedule.ok()) return schedule.status();
        paid = schedule->total;
        out.provisional = out.provisional || schedule->provisional;
        // Blocked: on its last day in the window it earns nothing, for a reason to act on. An
        // overdue month long past, or a 100 % assessment later revised, does not block it.
        const Day last = fp.end ? std::min(*fp.end, to) : to;
        const LoonwaardeAssessment* latest = nullptr;
        for (const LoonwaardeAssessment& a : p.assessments) {
          if (report::ToDay(a.date) <= last) latest = &a;
        }
        if (latest && latest->percent >= 100) {
          blocked = BlockedPlacement{p.id,
                                     p.trajectory_id,
                                     view.participant_ref,
                                     view.programme_id,
                                     p.employer,
                                     BlockReason::kFullLoonwaarde,
                                     "loonwaarde 100 %",
                                     latest->date};
        } else if (!latest && last >= report::ToDay(schedule->forfait_ends)) {
          blocked = BlockedPlacement{p.id,
                                     p.trajectory_id,
                                     view.participant_ref,
                                     view.programme_id,
                                     p.employer,
                                     BlockReason::kAssessmentOverdue,
                                     "no loonwaarde assessment after the forfait",
                                     schedule->forfait_ends};
        }
      }
      if (running) {
        schedule_options.from = Date(std::chrono::sys_days(window->as_of) + std::chrono::days(1));
        schedule_options.to = out.committed_to;
        Result<PlacementSchedule> schedule = ComputeSchedule(parameters, p, schedule_options);
        if (!schedule.ok()) return schedule.status();
        committed = schedule->total;
        out.provisional = out.provisional || schedule->provisional;
      }
    }
    if (blocked && !in_window) blocked.reset();  // blocked in the window only
    const bool rules_missing = plugin == nullptr;
    rows.Count(grouper.KeysOf(fp.person, &f.trajectories[static_cast<std::size_t>(fp.trajectory)],
                              &fp, fp.start),
               [&](SubsidyRow& row) {
                 row.placements += in_window ? 1 : 0;
                 row.running += running ? 1 : 0;
                 row.paid += paid;
                 row.committed += committed;
                 row.blocked += blocked ? 1 : 0;
                 row.rules_missing += rules_missing ? 1 : 0;
               });
    if (blocked) out.blocked.push_back(std::move(*blocked));
  }
  if (Status s = guard.Check(); !s.ok()) return s;
  out.missing_plugins = guard.Missing();
  out.rows = rows.Rows(grouper);
  out.total = rows.Total();
  std::sort(out.blocked.begin(), out.blocked.end(),
            [](const BlockedPlacement& a, const BlockedPlacement& b) {
              return a.placement_id < b.placement_id;
            });
  return out;
}

}  // namespace traject

#include <fmt/format.h>

#include <map>
#include <set>

#include "report/facts_view.h"
#include "report/rules_guard.h"
#include "report/trajectory_placements.h"
#include "traject/reports.h"

namespace traject {
namespace {

using std::chrono::sys_days;

sys_days S(Date d) { return sys_days(d); }

// Keys a placement counts under (a participant can be in several target groups).
std::vector<std::string> KeysOf(const PlacementView& view, ReportGrouping by, Date on) {
  switch (by) {
    case ReportGrouping::kProgramme:
      return {view.programme_id};
    case ReportGrouping::kTrack:
      return {view.programme_id + "/" + view.track_id};
    case ReportGrouping::kArea:
      return {view.area.empty() ? "(no area)" : view.area};
    case ReportGrouping::kEmployer:
      return {view.placement.employer};
    case ReportGrouping::kGroup: {
      Participant p;
      p.groups = view.groups;
      p.birth = view.birth;
      std::vector<std::string> keys;
      for (TargetGroup g : GroupsOn(p, on)) keys.emplace_back(ToString(g));
      if (keys.empty()) keys.emplace_back("(no target group)");
      return keys;
    }
    case ReportGrouping::kKlantmanager:
    case ReportGrouping::kMonth:
      break;  // refused before
  }
  return {"?"};
}

std::string LabelOf(const std::string& key, ReportGrouping by, const PluginRegistry* plugins) {
  if (!plugins) return key;
  if (by == ReportGrouping::kProgramme) {
    if (const ProgrammeDefinition* p = plugins->catalogue().Find(key)) return p->name;
  }
  if (by == ReportGrouping::kTrack) {
    const auto slash = key.find('/');
    if (const ProgrammeDefinition* p = plugins->catalogue().Find(key.substr(0, slash))) {
      if (const TrackDefinition* t = FindTrack(*p, key.substr(slash + 1))) return t->name;
    }
  }
  return key;
}

// A placement's loonkostensubsidie eligibility under its programme's plugin.
struct Verdict {
  Decision decision;           // not eligible, with the plugin's reason, when it excludes it
  bool rules_missing = false;  // no plugin: statutory rules only (the guard noted it)
};

Result<Verdict> Eligibility(report::RulesGuard& guard, const PlacementView& view, Date on) {
  const LoadedPlugin* plugin = guard.Need(view.programme_id);
  if (!plugin) return Verdict{Decision{}, true};
  Result<Decision> decision = plugin->LksEligibility(FactsFor(view, view.milestones, on));
  if (!decision.ok()) return decision.status();
  return Verdict{*decision, false};
}

}  // namespace

PlacementFacts FactsFor(const PlacementView& view, const std::vector<MilestoneRecord>& milestones,
                        Date on) {
  PlacementFacts facts;
  facts.programme_id = view.programme_id;
  facts.track_id = view.track_id;
  facts.trajectory_started = view.trajectory_started;
  for (const MilestoneRecord& m : milestones) {
    if (S(m.reached) <= S(on)) facts.milestones.push_back(m);
  }
  facts.placement = PlacementOn(view.placement, on);
  facts.birth = view.birth;
  Participant p;
  p.groups = view.groups;
  p.birth = view.birth;
  facts.groups = GroupsOn(p, on);
  facts.on = on;
  return facts;
}

Result<PlacementReport> BuildPlacementReport(Store& store, const PluginRegistry* plugins,
                                             const ParameterSet& parameters,
                                             const PlacementReportOptions& options) {
  if (options.by == ReportGrouping::kKlantmanager || options.by == ReportGrouping::kMonth) {
    return Status::InvalidArgument(
        fmt::format("the placement report is by programme, track, area, group or employer, not {}",
                    ToString(options.by)));
  }
  PlacementReport report;
  report.options = options;
  report.window_to = options.to.value_or(options.as_of);
  if (S(report.window_to) > S(options.as_of)) report.window_to = options.as_of;
  report.window_from = options.from.value_or(
      Date{std::chrono::year{1900}, std::chrono::January, std::chrono::day{1}});
  if (S(report.window_to) < S(report.window_from)) {
    return Status::InvalidArgument(fmt::format("--to {} is before --from {}",
                                               FormatDate(report.window_to),
                                               FormatDate(report.window_from)));
  }
  if (Status s = report::RequireKnown(store, options.as_of); !s.ok()) return s;
  Result<std::vector<PlacementView>> views = store.ListPlacementViews();
  if (!views.ok()) return views.status();

  report::RulesGuard guard(plugins, options.missing_plugins);
  std::map<std::string, PlacementReportRow> rows;
  std::map<std::string, Cents> wage_sums;
  Cents total_wages = 0;
  for (PlacementView& view : *views) {  // ours: changed in place, not copied
    view.placement = PlacementOn(std::move(view.placement), options.as_of);
    const Placement& p = view.placement;
    if (S(p.start) > S(report.window_to)) continue;
    if (p.end && S(*p.end) < S(report.window_from)) continue;

    Result<Verdict> verdict = Eligibility(guard, view, p.start);
    if (!verdict.ok()) return verdict.status();
    const Decision& eligible = verdict->decision;
    Cents lks = 0;
    bool overdue = false;
    if (eligible.eligible) {
      ScheduleOptions window;
      window.from = report.window_from;
      window.to = report.window_to;
      window.explain = false;
      Result<PlacementSchedule> schedule = ComputeSchedule(parameters, p, window);
      if (!schedule.ok()) return schedule.status();
      lks = schedule->total;
      overdue = schedule->overdue_assessment;
      if (schedule->provisional) report.provisional = true;
    }
    const bool started = S(p.start) >= S(report.window_from);
    const bool active = !p.end || S(*p.end) >= S(report.window_to);
    const bool ended = p.end && S(*p.end) <= S(report.window_to);
    // Seen six months on, as the outcome report's werkbehoud: start + 6 months by as_of.
    const bool werkbehoud_base = S(AddMonths(p.start, 6)) <= S(options.as_of);
    const bool werkbehoud = werkbehoud_base && (!p.end || S(*p.end) >= S(AddMonths(p.start, 6)));
    auto count = [&](PlacementReportRow& row) {
      row.placements += 1;
      row.started += started ? 1 : 0;
      row.active += active ? 1 : 0;
      row.ended += ended ? 1 : 0;
      row.werkbehoud_6m_base += werkbehoud_base ? 1 : 0;
      row.werkbehoud_6m += werkbehoud ? 1 : 0;
      row.lks_total += lks;
      row.lks_ineligible += eligible.eligible ? 0 : 1;
      row.overdue_assessments += overdue ? 1 : 0;
      row.rules_missing += verdict->rules_missing ? 1 : 0;
    };
    for (const std::string& key : KeysOf(view, options.by, report.window_to)) {
      PlacementReportRow& row = rows[key];
      row.key = key;
      count(row);
      wage_sums[key] += p.gross_monthly_wage;
    }
    count(report.total);
    total_wages += p.gross_monthly_wage;
  }
  if (Status s = guard.Check(); !s.ok()) return s;
  report.missing_plugins = guard.Missing();
  for (auto& [key, row] : rows) {
    row.label = LabelOf(key, options.by, plugins);
    row.average_wage = row.placements ? DivideRounded(wage_sums[key], row.placements) : 0;
    report.rows.push_back(row);
  }
  report.total.key = "total";
  report.total.label = "Total";
  report.total.average_wage =
      report.total.placements ? DivideRounded(total_wages, report.total.placements) : 0;
  return report;
}

Result<Commitments> BuildCommitments(Store& store, const PluginRegistry* plugins,
                                     const ParameterSet& parameters,
                                     const CommitmentOptions& options) {
  const int months = options.months;
  if (months < 1 || months > 120) return Status::InvalidArgument("months must be 1..120");
  if (options.by != ReportGrouping::kEmployer && options.by != ReportGrouping::kProgramme) {
    return Status::InvalidArgument("commitments are per employer or per programme");
  }
  Commitments out;
  const Date start = FirstOfMonth(options.first_month);
  for (int i = 0; i < months; ++i) out.months.push_back(AddMonths(start, i));
  const Date end = LastOfMonth(out.months.back());
  if (options.as_of) {
    if (Status s = report::RequireKnown(store, *options.as_of); !s.ok()) return s;
  }
  Result<std::vector<PlacementView>> views = store.ListPlacementViews();
  if (!views.ok()) return views.status();
  report::RulesGuard guard(plugins, options.missing_plugins);
  std::map<std::string, CommitmentRow> rows;
  out.total.per_month.assign(static_cast<std::size_t>(months), 0);
  for (PlacementView& view : *views) {  // ours: changed in place, not copied
    if (options.as_of && S(view.placement.start) > S(*options.as_of)) continue;
    if (options.as_of) view.placement = PlacementOn(std::move(view.placement), *options.as_of);
    const Placement& p = view.placement;
    if (p.end && S(*p.end) < S(start)) continue;
    Result<Verdict> verdict = Eligibility(guard, view, p.start);
    if (!verdict.ok()) return verdict.status();
    if (!verdict->decision.eligible) continue;
    ScheduleOptions window;
    window.from = start;
    window.to = end;
    window.explain = false;
    Result<PlacementSchedule> schedule = ComputeSchedule(parameters, p, window);
    if (!schedule.ok()) return schedule.status();
    if (schedule->provisional) out.provisional = true;
    const std::string key =
        options.by == ReportGrouping::kEmployer ? p.employer : view.programme_id;
    CommitmentRow& row = rows[key];
    row.key = key;
    row.per_month.resize(static_cast<std::size_t>(months), 0);
    row.rules_missing += verdict->rules_missing ? 1 : 0;
    out.total.rules_missing += verdict->rules_missing ? 1 : 0;
    for (const ScheduleMonth& month : schedule->months) {
      const int index = WholeMonthsBetween(start, month.month);
      if (index < 0 || index >= months) continue;
      row.per_month[static_cast<std::size_t>(index)] += month.amount;
      out.total.per_month[static_cast<std::size_t>(index)] += month.amount;
      row.total += month.amount;
      out.total.total += month.amount;
    }
  }
  if (Status s = guard.Check(); !s.ok()) return s;
  out.missing_plugins = guard.Missing();
  for (auto& [key, row] : rows) {
    if (row.total > 0) out.rows.push_back(row);
  }
  out.total.key = "total";
  return out;
}

Result<std::vector<PlacementScheduleLine>> BuildPlacementSchedules(
    Store& store, const PluginRegistry* plugins, const ParameterSet& parameters,
    std::int64_t trajectory_id, const ScheduleOptions& window, MissingPlugins missing_plugins) {
  if (window.as_of) {
    if (Status s = report::RequireKnown(store, *window.as_of); !s.ok()) return s;
  }
  Result<report::TrajectoryPlacements> loaded =
      report::LoadTrajectoryPlacements(store, trajectory_id);
  if (!loaded.ok()) return loaded.status();
  report::RulesGuard guard(plugins, missing_plugins);
  std::vector<PlacementScheduleLine> lines;
  for (const PlacementView& full_view : loaded->placements) {
    if (window.as_of && S(full_view.placement.start) > S(*window.as_of)) continue;
    PlacementView view = full_view;
    if (window.as_of) view.placement = PlacementOn(full_view.placement, *window.as_of);
    PlacementScheduleLine line;
    line.view = view;
    Result<Verdict> verdict = Eligibility(guard, view, view.placement.start);
    if (!verdict.ok()) return verdict.status();
    line.eligibility = verdict->decision;
    line.rules_missing = verdict->rules_missing;
    if (line.eligibility.eligible) {
      Result<PlacementSchedule> schedule = ComputeSchedule(parameters, view.placement, window);
      if (!schedule.ok()) return schedule.status();
      line.schedule = std::move(schedule).value();
    }
    lines.push_back(std::move(line));
  }
  if (Status s = guard.Check(); !s.ok()) return s;
  return lines;
}

}  // namespace traject

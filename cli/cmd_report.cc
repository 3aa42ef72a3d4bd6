// `traject report NAME`: the questions coordinators and the municipality steer on, each a
// library report (traject/reports.h) printed as a table, CSV or JSON. Definitions of every
// figure: docs/reports.md.
#include <fmt/format.h>

#include "commands.h"
#include "traject/reports.h"

namespace traject::cli {
namespace {

using std::chrono::sys_days;

std::string Heading(const char* what, Context& context, const ReportState& state,
                    const std::string& window) {
  std::string heading =
      fmt::format("{} — organisation {}, {}", what, state.store->organisation(), window);
  if (!context.options.as_recorded.empty()) {
    heading += fmt::format(" (as recorded on {})", context.options.as_recorded);
  }
  return heading;
}

std::string WindowText(const ResolvedPeriod& window, bool bounded) {
  return bounded ? fmt::format("{} to {}", FormatDate(window.from), FormatDate(window.to))
                 : fmt::format("all up to {}", FormatDate(window.to));
}

// --from and --to as a period seen from the as-of date; a --to past it is cut, and said.
Result<ReportPeriod> PeriodOf(Context& context, const ReportState& state, const std::string& from,
                              const std::string& to) {
  ReportPeriod period;
  period.as_of = state.as_of;
  if (!from.empty()) {
    Result<Date> d = DateOption(from, state.as_of, "--from");
    if (!d.ok()) return d.status();
    period.from = *d;
  }
  if (!to.empty()) {
    Result<Date> d = DateOption(to, state.as_of, "--to");
    if (!d.ok()) return d.status();
    period.to = *d;
    if (sys_days(*d) > sys_days(state.as_of)) {
      // Facts after the as-of date are not known: the window ends there, and the user is told.
      context.err() << fmt::format(
          "traject: note: --to {} is after the as-of date {}: the window ends on {} (facts after "
          "it are not known yet; pass --as-of to look from a later date)\n",
          FormatDate(*d), FormatDate(state.as_of), FormatDate(state.as_of));
    }
  }
  return period;
}

Result<ReportGrouping> GroupingOf(const std::string& by) {
  Result<ReportGrouping> g = ParseReportGrouping(by);
  if (!g.ok()) return g.status().WithContext("--by");
  return g;
}

// The loaded plugins' programmes.
const ProgrammeCatalogue* Programmes(const ReportState& state) {
  return state.plugins ? &state.plugins->catalogue() : nullptr;
}

ShareCell ShareOf(const Share& share) { return ShareCell{share.count, share.base}; }
Cell Count(int n) { return std::int64_t{n}; }

// Prints a heading (tables only) and the table.
void Print(Context& context, const std::string& heading, const Table& table,
           const std::string& footer = "") {
  if (context.format() == Format::kTable) context.out() << heading << "\n\n";
  table.Print(context.out(), context.format());
  if (context.format() == Format::kTable && !footer.empty()) {
    context.out() << "\n" << footer << "\n";
  }
}

// --- placements ------------------------------------------------------------------------------

void AddPlacementRow(Table& table, const PlacementReportRow& row) {
  table.AddRow({row.key, row.label, Count(row.placements), Count(row.started), Count(row.active),
                Count(row.ended),
                row.werkbehoud_6m_base
                    ? Cell{std::int64_t{row.werkbehoud_6m * 100 / row.werkbehoud_6m_base}}
                    : Cell{std::monostate{}},
                Money{row.average_wage}, Money{row.lks_total}, Count(row.lks_ineligible),
                Count(row.overdue_assessments), Count(row.rules_missing)});
}

}  // namespace

Status RunPlacementReport(Context& context, const PlacementsOptions& o) {
  Result<ReportGrouping> by = GroupingOf(o.by);
  if (!by.ok()) return by.status();
  Result<ReportState> state = context.ForReports();
  if (!state.ok()) return state.status();
  Result<ReportPeriod> period = PeriodOf(context, *state, o.from, o.to);
  if (!period.ok()) return period.status();
  PlacementReportOptions options;
  options.by = *by;
  options.as_of = state->as_of;
  options.from = period->from;
  options.to = period->to;
  options.missing_plugins = state->missing_plugins;
  Result<PlacementReport> report =
      BuildPlacementReport(*state->store, state->plugins, *state->parameters, options);
  if (!report.ok()) return context.WithPluginAdvice(report.status());
  context.WarnMissingPlugins(report->missing_plugins);
  Table table(
      {o.by, "name", "placements", "started", "active", "ended", "werkbehoud_6m_pct",
       "average_wage", "lks_total", "lks_ineligible", "overdue_assessments", "rules_missing"},
      {o.by, "name", "placements", "started", "active", "ended", "werkbehoud 6m %", "avg wage",
       "loonkostensubsidie", "no LKS", "LW overdue", "no plugin"});
  for (const PlacementReportRow& row : report->rows) AddPlacementRow(table, row);
  AddPlacementRow(table, report->total);
  const std::string window =
      options.from
          ? fmt::format("{} to {}", FormatDate(report->window_from), FormatDate(report->window_to))
          : fmt::format("all up to {}", FormatDate(report->window_to));
  Print(context,
        Heading(("Placements by " + o.by).c_str(), context, *state, window) +
            (report->provisional ? " (amounts partly PROVISIONAL)" : ""),
        table);
  return Status::OK();
}

namespace {

// --- caseload --------------------------------------------------------------------------------

struct CaseloadArgs {
  std::string role;
};

Status RunCaseload(Context& context, const CaseloadArgs& o) {
  CaseloadOptions options;
  if (!o.role.empty()) {
    Result<CaseworkerRole> role = ParseCaseworkerRole(o.role);
    if (!role.ok()) return role.status().WithContext("--role");
    options.role = *role;
  }
  Result<ReportState> state = context.ForReports();
  if (!state.ok()) return state.status();
  options.as_of = state->as_of;
  Result<CaseloadReport> report = BuildCaseloadReport(*state->store, options);
  if (!report.ok()) return report.status();
  Table table({"role", "name", "participants", "on_bijstand", "in_trajectory", "placed"},
              {"role", "name", "participants", "on bijstand", "in trajectory", "placed"});
  const auto add = [&](const CaseloadRow& row, const std::string& name) {
    table.AddRow({std::string(ToString(row.role)), name, Count(row.participants),
                  Count(row.on_bijstand), Count(row.in_trajectory), Count(row.placed)});
  };
  for (const CaseloadRow& row : report->rows) {
    add(row, row.name.empty() ? "(none)" : row.name);
  }
  if (!options.role || *options.role == CaseworkerRole::kKlantmanager) {
    add(report->total_klantmanager, "total");
  }
  if (!options.role || *options.role == CaseworkerRole::kJobhunter) {
    add(report->total_jobhunter, "total");
  }
  Print(context,
        Heading("Caseload per klantmanager and jobhunter", context, *state,
                "on " + FormatDate(state->as_of)),
        table,
        "(none): on bijstand without a klantmanager on the date. A participant counts once per "
        "role.");
  return Status::OK();
}

// --- milestones ------------------------------------------------------------------------------

struct MilestoneArgs {
  int due_weeks = 4;
  std::optional<std::string> klantmanager;  // the library refuses "" and unknown names
  std::string by;
};

Status RunMilestones(Context& context, const MilestoneArgs& o) {
  MilestoneReportOptions options;
  options.due_within_days = o.due_weeks * 7;
  options.klantmanager = o.klantmanager;
  if (!o.by.empty()) {
    Result<ReportGrouping> by = GroupingOf(o.by);
    if (!by.ok()) return by.status();
    options.by = *by;
  }
  Result<ReportState> state = context.ForReports();
  if (!state.ok()) return state.status();
  options.as_of = state->as_of;
  options.missing_plugins = state->missing_plugins;
  Result<MilestoneReport> report = BuildMilestoneReport(*state->store, Programmes(*state), options);
  if (!report.ok()) return context.WithPluginAdvice(report.status());
  context.WarnMissingPlugins(report->missing_plugins);
  const std::string heading = Heading(
      options.by ? ("Milestones by " + o.by).c_str() : "Overdue milestones and milestones due",
      context, *state,
      fmt::format("on {}, due within {} weeks", FormatDate(state->as_of), o.due_weeks));
  if (options.by) {
    Table table({o.by, "name", "open_trajectories", "behind", "overdue", "due"},
                {o.by, "name", "open trajectories", "behind", "overdue", "due"});
    const auto add = [&](const MilestoneSummaryRow& row) {
      table.AddRow({row.key, row.label, Count(row.open_trajectories), Count(row.behind),
                    Count(row.overdue), Count(row.due)});
    };
    for (const MilestoneSummaryRow& row : report->rows) add(row);
    add(report->total);
    Print(context, heading, table,
          "behind: open trajectories with at least one overdue milestone.");
    return Status::OK();
  }
  Table table({"status", "days", "deadline", "participant", "klantmanager", "trajectory",
               "programme", "track", "milestone", "name"});
  const auto add = [&](const MilestoneDue& m) {
    table.AddRow({std::string(m.overdue ? "overdue" : "due"), std::int64_t{m.days},
                  FormatDate(m.deadline), m.participant_ref, m.klantmanager,
                  std::int64_t{m.trajectory_id}, m.programme_id, m.track_id, m.milestone_id,
                  m.milestone_name});
  };
  for (const MilestoneDue& m : report->overdue) add(m);
  for (const MilestoneDue& m : report->due) add(m);
  Print(context, heading, table,
        fmt::format("{} overdue (days: since the deadline), {} due (days: until it), over {} open "
                    "trajectories.",
                    report->overdue.size(), report->due.size(), report->total.open_trajectories));
  return Status::OK();
}

// --- loonwaarde ------------------------------------------------------------------------------

struct LoonwaardeArgs {
  int ending_weeks = 6;
  std::optional<std::string> klantmanager;  // the library refuses "" and unknown names
};

Status RunLoonwaarde(Context& context, const LoonwaardeArgs& o) {
  LoonwaardeReportOptions options;
  options.ending_within_days = o.ending_weeks * 7;
  options.klantmanager = o.klantmanager;
  Result<ReportState> state = context.ForReports();
  if (!state.ok()) return state.status();
  options.as_of = state->as_of;
  Result<LoonwaardeReport> report =
      BuildLoonwaardeReport(*state->store, *state->parameters, options);
  if (!report.ok()) return report.status();
  Table table({"status", "days", "forfait_ends", "placement", "trajectory", "participant",
               "klantmanager", "programme", "employer", "start"},
              {"forfait", "days", "forfait ends", "placement", "trajectory", "participant",
               "klantmanager", "programme", "employer", "start"});
  for (const UnassessedPlacement& p : report->placements) {
    table.AddRow({std::string(ToString(p.status)), std::int64_t{p.days}, FormatDate(p.forfait_ends),
                  std::int64_t{p.placement_id}, std::int64_t{p.trajectory_id}, p.participant_ref,
                  p.klantmanager, p.programme_id, p.employer, FormatDate(p.start)});
  }
  Print(context,
        Heading("Placements without a loonwaarde assessment", context, *state,
                fmt::format("on {}", FormatDate(state->as_of))),
        table,
        fmt::format("{} of {} running placements: {} expired (the forfait ended: no subsidy until "
                    "assessed), {} ending within {} weeks, {} running.",
                    report->placements.size(), report->running_placements, report->expired,
                    report->ending, o.ending_weeks, report->running));
  return Status::OK();
}

// --- subsidy ---------------------------------------------------------------------------------

struct SubsidyArgs {
  std::string by = "employer", from, to;
  int months = 12;
  bool blocked = false;
};

Status RunSubsidy(Context& context, const SubsidyArgs& o) {
  SubsidyReportOptions options;
  Result<ReportGrouping> by = GroupingOf(o.by);
  if (!by.ok()) return by.status();
  options.by = *by;
  options.committed_months = o.months;
  Result<ReportState> state = context.ForReports();
  if (!state.ok()) return state.status();
  Result<ReportPeriod> period = PeriodOf(context, *state, o.from, o.to);
  if (!period.ok()) return period.status();
  options.period = *period;
  options.missing_plugins = state->missing_plugins;
  Result<SubsidyReport> report =
      BuildSubsidyReport(*state->store, state->plugins, *state->parameters, options);
  if (!report.ok()) return context.WithPluginAdvice(report.status());
  context.WarnMissingPlugins(report->missing_plugins);
  const std::string heading =
      Heading(o.blocked ? "Placements whose subsidy is blocked"
                        : ("Loonkostensubsidie by " + o.by).c_str(),
              context, *state, WindowText(report->window, period->from.has_value())) +
      (report->provisional ? " (amounts partly PROVISIONAL)" : "");
  if (o.blocked) {
    Table table({"placement", "trajectory", "participant", "programme", "employer", "reason",
                 "since", "detail"});
    for (const BlockedPlacement& b : report->blocked) {
      table.AddRow({std::int64_t{b.placement_id}, std::int64_t{b.trajectory_id}, b.participant_ref,
                    b.programme_id, b.employer, std::string(ToString(b.reason)),
                    FormatDate(b.since), b.detail});
    }
    Print(context, heading, table);
    return Status::OK();
  }
  Table table(
      {o.by, "name", "placements", "running", "paid", "committed", "blocked", "rules_missing"},
      {o.by, "name", "placements", "running", "paid",
       fmt::format("committed to {}", FormatDate(report->committed_to)), "blocked", "no plugin"});
  const auto add = [&](const SubsidyRow& row) {
    table.AddRow({row.key, row.label, Count(row.placements), Count(row.running), Money{row.paid},
                  Money{row.committed}, Count(row.blocked), Count(row.rules_missing)});
  };
  for (const SubsidyRow& row : report->rows) add(row);
  add(report->total);
  Print(context, heading, table,
        "paid: what the schedules pay for the window's days; committed: for running placements, "
        "from the day after the as-of date. 'report subsidy --blocked' lists the blocked.");
  return Status::OK();
}

// --- outcomes and flow -----------------------------------------------------------------------

struct OutcomeArgs {
  std::string by = "programme", from, to;
  int short_months = 6, long_months = 12;
};

Status RunOutcomes(Context& context, const OutcomeArgs& o) {
  OutcomeReportOptions options;
  Result<ReportGrouping> by = GroupingOf(o.by);
  if (!by.ok()) return by.status();
  options.by = *by;
  options.short_months = o.short_months;
  options.long_months = o.long_months;
  Result<ReportState> state = context.ForReports();
  if (!state.ok()) return state.status();
  Result<ReportPeriod> period = PeriodOf(context, *state, o.from, o.to);
  if (!period.ok()) return period.status();
  options.period = *period;
  Result<OutcomeReport> report = BuildOutcomeReport(*state->store, Programmes(*state), options);
  if (!report.ok()) return report.status();
  const std::string s = std::to_string(o.short_months), l = std::to_string(o.long_months);
  Table table(
      {o.by, "name", "uitstroom", "uitstroom_work", "naar_werk", "duurzaam_" + s + "m",
       "duurzaam_" + l + "m", "terugval", "werkbehoud_" + s + "m", "werkbehoud_" + l + "m"},
      {o.by, "name", "uitstroom", "of which work", "naar werk (CBS)", "duurzaam " + s + "m",
       "duurzaam " + l + "m", "terugval", "werkbehoud " + s + "m", "werkbehoud " + l + "m"});
  const auto add = [&](const OutcomeRow& row) {
    table.AddRow({row.key, row.label, Count(row.uitstroom), Count(row.uitstroom_work),
                  ShareOf(row.naar_werk), ShareOf(row.duurzaam_short), ShareOf(row.duurzaam_long),
                  Count(row.terugval), ShareOf(row.werkbehoud_short),
                  ShareOf(row.werkbehoud_long)});
  };
  for (const OutcomeRow& row : report->rows) add(row);
  add(report->total);
  Print(context,
        Heading(("Outcomes by " + o.by).c_str(), context, *state,
                WindowText(report->window, period->from.has_value())),
        table,
        "Counted from each trajectory's history. A share is n/base: exits (placements for "
        "werkbehoud) seen long enough after by the as-of date.");
  return Status::OK();
}

struct FlowArgs {
  std::string by = "area", from, to;
};

Status RunFlow(Context& context, const FlowArgs& o) {
  FlowReportOptions options;
  Result<ReportGrouping> by = GroupingOf(o.by);
  if (!by.ok()) return by.status();
  options.by = *by;
  if (o.from.empty()) {
    return Status::InvalidArgument(
        "--from: required (the bestand is counted the day before it); e.g. --from 2025-01-01");
  }
  Result<ReportState> state = context.ForReports();
  if (!state.ok()) return state.status();
  Result<ReportPeriod> period = PeriodOf(context, *state, o.from, o.to);
  if (!period.ok()) return period.status();
  options.period = *period;
  Result<FlowReport> report = BuildFlowReport(*state->store, options);
  if (!report.ok()) return report.status();
  Table table({o.by, "name", "bestand_start", "instroom", "herinstroom", "uitstroom", "bestand_end",
               "inflow_rate_pct", "outflow_rate_pct"},
              {o.by, "name", "bestand start", "instroom", "herinstroom", "uitstroom", "bestand end",
               "inflow %", "outflow %"});
  const auto pct = [](const Share& share) { return PercentCell{share.TenthsOfPercent()}; };
  const auto add = [&](const FlowRow& row) {
    table.AddRow({row.key, row.label, Count(row.bestand_start), Count(row.instroom),
                  Count(row.herinstroom), Count(row.uitstroom), Count(row.bestand_end),
                  pct(row.inflow_rate), pct(row.outflow_rate)});
  };
  for (const FlowRow& row : report->rows) add(row);
  add(report->total);
  Print(context,
        Heading(("Bijstand in- and outflow by " + o.by).c_str(), context, *state,
                WindowText(report->window, true)),
        table, "Rates: the flow against the average bestand, (start + end) / 2 (Divosa, CBS).");
  return Status::OK();
}

// --- cohort ----------------------------------------------------------------------------------

struct CohortArgs {
  std::string by = "area";
  int recent_months = 12;
};

Status RunCohort(Context& context, const CohortArgs& o) {
  CohortReportOptions options;
  Result<ReportGrouping> by = GroupingOf(o.by);
  if (!by.ok()) return by.status();
  options.by = *by;
  options.recent_months = o.recent_months;
  Result<ReportState> state = context.ForReports();
  if (!state.ok()) return state.status();
  options.as_of = state->as_of;
  Result<CohortReport> report = BuildCohortReport(*state->store, options);
  if (!report.ok()) return report.status();
  Table table({o.by, "participants", "invited", "spoken", "in_trajectory", "placed", "uitgestroomd",
               "on_bijstand", "recent_picture"},
              {o.by, "participants", "invited", "spoken", "in trajectory", "placed", "uitgestroomd",
               "on bijstand", fmt::format("recent picture ({} months)", o.recent_months)});
  const auto add = [&](const CohortRow& row) {
    table.AddRow({row.key, Count(row.participants), Count(row.invited), Count(row.spoken),
                  Count(row.in_trajectory), Count(row.placed), Count(row.uitgestroomd),
                  Count(row.on_bijstand), ShareOf(row.recent_picture)});
  };
  for (const CohortRow& row : report->rows) add(row);
  add(report->total);
  Print(context,
        Heading(("Cohort progress by " + o.by).c_str(), context, *state,
                "on " + FormatDate(state->as_of)),
        table,
        "recent picture: of those on bijstand, with a conversation, home visit or loonwaarde "
        "assessment in the months before.");
  return Status::OK();
}

// --- WIOA ------------------------------------------------------------------------------------

struct WioaArgs {
  std::string by = "programme", from, to;
};

Status RunWioa(Context& context, const WioaArgs& o) {
  WioaReportOptions options;
  Result<ReportGrouping> by = GroupingOf(o.by);
  if (!by.ok()) return by.status();
  options.by = *by;
  Result<ReportState> state = context.ForReports();
  if (!state.ok()) return state.status();
  Result<ReportPeriod> period = PeriodOf(context, *state, o.from, o.to);
  if (!period.ok()) return period.status();
  options.period = *period;
  options.missing_plugins = state->missing_plugins;
  Result<WioaReport> report = BuildWioaReport(*state->store, Programmes(*state), options);
  if (!report.ok()) return context.WithPluginAdvice(report.status());
  context.WarnMissingPlugins(report->missing_plugins);
  Table table({o.by, "name", "exits", "employment_q2", "employment_q4", "median_earnings_q2",
               "credential", "skill_gains", "retention"},
              {o.by, "name", "exits", "employed Q2", "employed Q4", "median earnings Q2",
               "credential", "skill gains", "same employer Q2+Q4"});
  const auto add = [&](const WioaRow& row) {
    table.AddRow(
        {row.key, row.label, Count(row.exits), ShareOf(row.employment_q2),
         ShareOf(row.employment_q4),
         row.median_earnings_q2 ? Cell{Money{*row.median_earnings_q2}} : Cell{std::monostate{}},
         ShareOf(row.credential), ShareOf(row.skill_gains), ShareOf(row.retention)});
  };
  for (const WioaRow& row : report->rows) add(row);
  add(report->total);
  Print(context,
        Heading(("WIOA primary indicators by " + o.by).c_str(), context, *state,
                "exits " + WindowText(report->window, period->from.has_value())),
        table,
        "Quarters after the exit's quarter; skill gains: of trajectories in training in the "
        "window.");
  return Status::OK();
}

// Options every windowed report shares.
void WindowOptions(CLI::App* command, std::string& from, std::string& to) {
  command->add_option("--from", from, "Window start (YYYY-MM-DD); default: no lower bound")
      ->check(NonEmptyDate());
  command->add_option("--to", to, "Window end (default: --as-of or today)")->check(NonEmptyDate());
}

}  // namespace

void AddReportCommands(CLI::App& app, Context& context) {
  CLI::App* group = app.add_subcommand(
      "report",
      "Reports: placements, caseload, milestones, loonwaarde, subsidy, outcomes, flow, "
      "cohort, wioa, html (definitions: docs/reports.md)");
  group->require_subcommand(1);

  auto placements_options = std::make_shared<PlacementsOptions>();
  CLI::App* placements =
      group->add_subcommand("placements", "Placements and their loonkostensubsidie per group");
  placements->add_option("--by", placements_options->by,
                         "programme (default), track, area, group or employer");
  WindowOptions(placements, placements_options->from, placements_options->to);
  placements->footer(
      "Example:\n  traject report placements --by area --from 2024-01-01 --to 2024-12-31");
  OnRun(placements, context, placements_options, &RunPlacementReport);

  auto caseload_options = std::make_shared<CaseloadArgs>();
  CLI::App* caseload = group->add_subcommand(
      "caseload", "Participants per klantmanager and jobhunter on the --as-of date");
  caseload->add_option("--role", caseload_options->role,
                       "klantmanager or jobhunter (default both)");
  caseload->footer("Example:\n  traject --as-of 2025-06-30 report caseload --role klantmanager");
  OnRun(caseload, context, caseload_options, &RunCaseload);

  auto milestone_options = std::make_shared<MilestoneArgs>();
  CLI::App* milestones = group->add_subcommand(
      "milestones", "Overdue milestones (who, which, since when) and those due soon");
  milestones
      ->add_option("--due-weeks", milestone_options->due_weeks,
                   "Due: deadline within this many weeks after the as-of date (default 4)")
      ->check(CLI::Range(0, 52));
  milestones->add_option("--klantmanager", milestone_options->klantmanager,
                         "Only this klantmanager's participants");
  milestones->add_option("--by", milestone_options->by,
                         "Counts per programme, track, area, group or klantmanager instead of "
                         "the list");
  milestones->footer(
      "Examples:\n  traject report milestones --klantmanager \"A. Bakker\"\n  traject report "
      "milestones --by programme --due-weeks 8");
  OnRun(milestones, context, milestone_options, &RunMilestones);

  auto loonwaarde_options = std::make_shared<LoonwaardeArgs>();
  CLI::App* loonwaarde = group->add_subcommand(
      "loonwaarde", "Running placements without a loonwaarde assessment, by forfait end");
  loonwaarde
      ->add_option("--ending-weeks", loonwaarde_options->ending_weeks,
                   "Flag a forfait ending within this many weeks (default 6)")
      ->check(CLI::Range(0, 52));
  loonwaarde->add_option("--klantmanager", loonwaarde_options->klantmanager,
                         "Only this klantmanager's participants");
  loonwaarde->footer("Example:\n  traject report loonwaarde --ending-weeks 4 --csv > lw.csv");
  OnRun(loonwaarde, context, loonwaarde_options, &RunLoonwaarde);

  auto subsidy_options = std::make_shared<SubsidyArgs>();
  CLI::App* subsidy = group->add_subcommand(
      "subsidy", "Loonkostensubsidie paid and committed per employer or programme; blocked");
  subsidy->add_option("--by", subsidy_options->by, "employer (default), programme, track or area");
  WindowOptions(subsidy, subsidy_options->from, subsidy_options->to);
  subsidy
      ->add_option("--months", subsidy_options->months,
                   "Committed: months after the as-of month (default 12)")
      ->check(CLI::Range(0, 120));
  subsidy->add_flag("--blocked", subsidy_options->blocked,
                    "List the placements whose subsidy is blocked (€0) instead");
  subsidy->footer(
      "Examples:\n  traject report subsidy --by programme --from 2025-01-01\n  traject report "
      "subsidy --blocked");
  OnRun(subsidy, context, subsidy_options, &RunSubsidy);

  auto outcome_options = std::make_shared<OutcomeArgs>();
  CLI::App* outcomes = group->add_subcommand(
      "outcomes", "Uitstroom, naar werk, duurzame uitstroom, terugval, werkbehoud (from the log)");
  outcomes->add_option("--by", outcome_options->by,
                       "programme (default), track, area, group, klantmanager or month");
  WindowOptions(outcomes, outcome_options->from, outcome_options->to);
  outcomes
      ->add_option("--short-months", outcome_options->short_months,
                   "Shorter window of duurzaam and werkbehoud (default 6)")
      ->check(CLI::Range(1, 59));
  outcomes->add_option("--long-months", outcome_options->long_months, "Longer window (default 12)")
      ->check(CLI::Range(2, 60));
  outcomes->footer(
      "Examples:\n  traject report outcomes --from 2025-01-01 --to 2025-12-31\n  traject report "
      "outcomes --by month --from 2024-01-01 --json");
  OnRun(outcomes, context, outcome_options, &RunOutcomes);

  auto flow_options = std::make_shared<FlowArgs>();
  CLI::App* flow = group->add_subcommand(
      "flow", "Bijstand in- and outflow and their rates, as Divosa and CBS count them");
  flow->add_option("--by", flow_options->by, "area (default), group, klantmanager or month");
  WindowOptions(flow, flow_options->from, flow_options->to);
  flow->footer("Example:\n  traject report flow --by month --from 2025-01-01 --to 2025-12-31");
  OnRun(flow, context, flow_options, &RunFlow);

  auto cohort_options = std::make_shared<CohortArgs>();
  CLI::App* cohort = group->add_subcommand(
      "cohort", "Cohort progress per area: invited, spoken, in trajectory, placed, uitgestroomd");
  cohort->add_option("--by", cohort_options->by, "area (default), group or klantmanager");
  cohort
      ->add_option("--recent-months", cohort_options->recent_months,
                   "A picture is recent within this many months (default 12)")
      ->check(CLI::Range(1, 60));
  cohort->footer("Example:\n  traject --as-of 2022-12-31 report cohort --recent-months 6");
  OnRun(cohort, context, cohort_options, &RunCohort);

  auto wioa_options = std::make_shared<WioaArgs>();
  CLI::App* wioa = group->add_subcommand(
      "wioa", "The six WIOA primary indicators, to compare with workforce programmes abroad");
  wioa->add_option("--by", wioa_options->by,
                   "programme (default), track, area, group, klantmanager or month");
  WindowOptions(wioa, wioa_options->from, wioa_options->to);
  wioa->footer("Example:\n  traject report wioa --from 2023-01-01 --to 2023-12-31");
  OnRun(wioa, context, wioa_options, &RunWioa);

  AddDashboardCommand(*group, context);
}

}  // namespace traject::cli

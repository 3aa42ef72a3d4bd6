#include <fmt/format.h>

#include "commands.h"
#include "traject/reports.h"

namespace traject::cli {
namespace {

void AddRow(Table& table, const PlacementReportRow& row) {
  table.AddRow({row.key, row.label, std::int64_t{row.placements}, std::int64_t{row.started},
                std::int64_t{row.active}, std::int64_t{row.ended},
                row.werkbehoud_6m_base
                    ? Cell{std::int64_t{row.werkbehoud_6m * 100 / row.werkbehoud_6m_base}}
                    : Cell{std::monostate{}},
                Money{row.average_wage}, Money{row.lks_total}, std::int64_t{row.lks_ineligible},
                std::int64_t{row.overdue_assessments}, std::int64_t{row.rules_missing}});
}

}  // namespace

Status RunPlacementReport(Context& context, const PlacementsOptions& o) {
  Result<ReportGrouping> by = ParseReportGrouping(o.by);
  if (!by.ok()) return by.status().WithContext("--by");
  Result<ReportState> state = context.ForReports();
  if (!state.ok()) return state.status();
  PlacementReportOptions options;
  options.by = *by;
  options.as_of = state->as_of;
  if (!o.from.empty()) {
    Result<Date> from = DateOption(o.from, state->as_of, "--from");
    if (!from.ok()) return from.status();
    options.from = *from;
  }
  if (!o.to.empty()) {
    Result<Date> to = DateOption(o.to, state->as_of, "--to");
    if (!to.ok()) return to.status();
    options.to = *to;
    if (std::chrono::sys_days(*to) > std::chrono::sys_days(state->as_of)) {
      // Facts after the as-of date are not known: the window ends there, and the user is told.
      context.err() << fmt::format(
          "traject: note: --to {} is after the as-of date {}: the window ends on {} (facts after "
          "it are not known yet; pass --as-of to look from a later date)\n",
          FormatDate(*to), FormatDate(state->as_of), FormatDate(state->as_of));
    }
  }
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
  for (const PlacementReportRow& row : report->rows) AddRow(table, row);
  AddRow(table, report->total);
  if (context.format() == Format::kTable) {
    context.out() << fmt::format(
        "Placements by {} — organisation {}, {}{}\n\n", o.by, state->store->organisation(),
        options.from ? fmt::format("{} to {}", FormatDate(report->window_from),
                                   FormatDate(report->window_to))
                     : fmt::format("all up to {}", FormatDate(report->window_to)),
        report->provisional ? " (amounts partly PROVISIONAL)" : "");
  }
  table.Print(context.out(), context.format());
  return Status::OK();
}

void AddReportCommands(CLI::App& app, Context& context) {
  CLI::App* group = app.add_subcommand("report", "Reports");
  group->require_subcommand(1);
  auto options = std::make_shared<PlacementsOptions>();
  CLI::App* placements =
      group->add_subcommand("placements", "Placements and their loonkostensubsidie per group");
  placements->add_option("--by", options->by,
                         "programme (default), track, area, group or employer");
  placements->add_option("--from", options->from, "Window start (placements active from this date)")
      ->check(NonEmptyDate());
  placements->add_option("--to", options->to, "Window end (default: --as-of or today)")
      ->check(NonEmptyDate());
  placements->footer(
      "Example:\n  traject report placements --by area --from 2024-01-01 --to 2024-12-31");
  OnRun(placements, context, options, &RunPlacementReport);
}

}  // namespace traject::cli

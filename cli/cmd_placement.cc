#include <fmt/format.h>

#include "commands.h"

namespace traject::cli {
namespace {

struct RecordOptions {
  std::int64_t trajectory = 0;
  std::string employer, hours, wage, start;
};

Status RunRecord(Context& context, const RecordOptions& o) {
  Result<CentiHours> hours = ParseHours(o.hours);
  if (!hours.ok()) return hours.status().WithContext("--hours");
  Result<Cents> wage = ParseEuro(o.wage);
  if (!wage.ok()) return wage.status().WithContext("--wage");
  Result<Date> start = DateOption(o.start, Today(), "--start");
  if (!start.ok()) return start.status();
  PlacementStarted command{0, o.trajectory, o.employer, *hours, *wage, *start};
  return RecordAndReport(context, command, [&](const Recorded& recorded) {
    const auto& placed = std::get<PlacementStarted>(recorded.events.front().payload);
    return fmt::format("Placement {} recorded: trajectory {} at {}, {} h/week, {} a month, from {}",
                       placed.placement_id, o.trajectory, o.employer, FormatHours(*hours),
                       FormatEuro(*wage), FormatDate(*start));
  });
}

struct EndOptions {
  std::int64_t placement = 0;
  std::string date, reason;
};

Status RunEnd(Context& context, const EndOptions& o) {
  Result<Date> date = DateOption(o.date, Today(), "--date");
  if (!date.ok()) return date.status();
  return RecordAndReport(context, PlacementEnded{o.placement, *date, o.reason},
                         fmt::format("Placement {} ended on {}", o.placement, FormatDate(*date)));
}

struct LoonwaardeOptions {
  std::int64_t placement = 0;
  int percent = -1;
  std::string date;
};

Status RunLoonwaarde(Context& context, const LoonwaardeOptions& o) {
  Result<Date> date = DateOption(o.date, Today(), "--date");
  if (!date.ok()) return date.status();
  return RecordAndReport(context, LoonwaardeAssessed{o.placement, *date, o.percent},
                         fmt::format("Loonwaarde of placement {} set to {}% from {}", o.placement,
                                     o.percent, FormatDate(*date)));
}

}  // namespace

void AddPlacementCommands(CLI::App& app, Context& context) {
  CLI::App* group =
      app.add_subcommand("placement", "Record and end placements (jobs, BBL contracts)");
  group->require_subcommand(1);

  auto record_options = std::make_shared<RecordOptions>();
  CLI::App* record =
      group->add_subcommand("record", "Record a placement; the trajectory becomes geplaatst");
  record->add_option("trajectory", record_options->trajectory, "Trajectory id")->required();
  record->add_option("--employer", record_options->employer, "Employer")->required();
  record->add_option("--hours", record_options->hours, "Contracted hours per week, e.g. 32 or 32.5")
      ->required();
  record->add_option("--wage", record_options->wage, "Gross monthly wage in euros, e.g. 2350.00")
      ->required();
  record->add_option("--start", record_options->start, "First working day (default today)");
  record->footer(
      "Example:\n  traject placement record 12 --employer \"Zorggroep Amstelland\" --hours 32 "
      "--wage 2350.00 --start 2024-05-01");
  OnRun(record, context, record_options, &RunRecord);

  auto end_options = std::make_shared<EndOptions>();
  CLI::App* end = group->add_subcommand("end", "End a placement (last day worked)");
  end->add_option("placement", end_options->placement, "Placement id")->required();
  end->add_option("--date", end_options->date, "Last day worked (default today)");
  end->add_option("--reason", end_options->reason, "Why it ended");
  end->footer(
      "Example:\n  traject placement end 7 --date 2025-04-30 --reason \"contract niet verlengd\"");
  OnRun(end, context, end_options, &RunEnd);

  CLI::App* loonwaarde = app.add_subcommand("loonwaarde", "Loonwaarde assessments");
  loonwaarde->require_subcommand(1);
  auto lw_options = std::make_shared<LoonwaardeOptions>();
  CLI::App* set =
      loonwaarde->add_subcommand("set", "Record a loonwaarde assessment of a placement");
  set->add_option("placement", lw_options->placement, "Placement id")->required();
  set->add_option("--percent", lw_options->percent, "Loonwaarde, % of the minimum wage (0-100)")
      ->required();
  set->add_option("--date", lw_options->date,
                  "Assessment date; applies from this day (default today)");
  set->footer("Example:\n  traject loonwaarde set 7 --percent 55 --date 2024-06-15");
  OnRun(set, context, lw_options, &RunLoonwaarde);
}

}  // namespace traject::cli

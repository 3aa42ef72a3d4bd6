#include <fmt/format.h>

#include <tuple>

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

// What a coordinator can do with the trajectory once its placement has ended.
std::string NextSteps(const Trajectory& t) {
  switch (t.state) {
    case TrajectoryState::kGeplaatst:
      return fmt::format(
          "Trajectory {} is still geplaatst. Next, one of:\n"
          "  traject trajectory exit {} --reason work --date D   uitstroom: bijstand ended\n"
          "  traject trajectory advance {} --to in-leerwerk      the learning goes on\n"
          "  traject placement record {} --employer ...          a new job\n"
          "  traject trajectory advance {} --to afgebroken       the trajectory stops\n",
          t.id, t.id, t.id, t.id, t.id);
    case TrajectoryState::kUitgestroomd:
      return fmt::format(
          "Trajectory {} is uitgestroomd; if the participant returns to bijstand: traject "
          "trajectory return {} --date D\n",
          t.id, t.id);
    default:
      return "";
  }
}

Status RunEnd(Context& context, const EndOptions& o) {
  Result<Date> date = DateOption(o.date, Today(), "--date");
  if (!date.ok()) return date.status();
  if (Status s =
          RecordAndReport(context, PlacementEnded{o.placement, *date, o.reason},
                          fmt::format("Placement {} ended on {}", o.placement, FormatDate(*date)));
      !s.ok()) {
    return s;
  }
  if (context.format() != Format::kTable) return Status::OK();
  Result<Store*> store = context.OpenStore();
  if (!store.ok()) return store.status();
  Result<Placement> placement = (*store)->GetPlacement(o.placement);
  if (!placement.ok()) return placement.status();
  Result<Trajectory> trajectory = (*store)->GetTrajectory(placement->trajectory_id);
  if (!trajectory.ok()) return trajectory.status();
  context.out() << NextSteps(*trajectory);
  return Status::OK();
}

struct CorrectOptions {
  std::int64_t placement = 0;
  std::optional<std::string> employer, hours, wage, start, end;
  bool reopen = false;
  std::string date, reason;
};

Status RunCorrect(Context& context, const CorrectOptions& o) {
  Result<Date> date = DateOption(o.date, Today(), "--date");
  if (!date.ok()) return date.status();
  PlacementCorrected command;
  command.placement_id = o.placement;
  command.date = *date;
  command.employer = o.employer;
  if (o.hours) {
    Result<CentiHours> hours = ParseHours(*o.hours);
    if (!hours.ok()) return hours.status().WithContext("--hours");
    command.hours_per_week = *hours;
  }
  if (o.wage) {
    Result<Cents> wage = ParseEuro(*o.wage);
    if (!wage.ok()) return wage.status().WithContext("--wage");
    command.gross_monthly_wage = *wage;
  }
  for (auto [text, target, option] : {std::tuple{&o.start, &command.start, "--start"},
                                      std::tuple{&o.end, &command.end, "--end"}}) {
    if (!*text) continue;
    Result<Date> parsed = ParseDate(**text);
    if (!parsed.ok()) return parsed.status().WithContext(option);
    *target = *parsed;
  }
  command.reopen = o.reopen;
  command.reason = o.reason;
  return RecordAndReport(context, command, fmt::format("Placement {} corrected", o.placement));
}

struct WithdrawOptions {
  std::int64_t placement = 0;
  std::string assessed, date, reason;
};

Status RunWithdraw(Context& context, const WithdrawOptions& o) {
  Result<Date> assessed = ParseDate(o.assessed);
  if (!assessed.ok()) return assessed.status().WithContext("--assessed");
  Result<Date> date = DateOption(o.date, Today(), "--date");
  if (!date.ok()) return date.status();
  return RecordAndReport(context, LoonwaardeWithdrawn{o.placement, *assessed, *date, o.reason},
                         fmt::format("Loonwaarde assessment of {} of placement {} withdrawn",
                                     FormatDate(*assessed), o.placement));
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
      app.add_subcommand("placement", "Record, end and correct placements (jobs, BBL contracts)");
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
  record->add_option("--start", record_options->start, "First working day (default today)")
      ->check(NonEmptyDate());
  record->footer(
      "Example:\n  traject placement record 12 --employer \"Zorggroep Amstelland\" --hours 32 "
      "--wage 2350.00 --start 2024-05-01");
  OnRun(record, context, record_options, &RunRecord);

  auto end_options = std::make_shared<EndOptions>();
  CLI::App* end = group->add_subcommand("end", "End a placement (last day worked)");
  end->add_option("placement", end_options->placement, "Placement id")->required();
  end->add_option("--date", end_options->date, "Last day worked (default today)")
      ->check(NonEmptyDate());
  end->add_option("--reason", end_options->reason, "Why it ended");
  end->footer(
      "Example:\n  traject placement end 7 --date 2025-04-30 --reason \"contract niet verlengd\"");
  OnRun(end, context, end_options, &RunEnd);

  auto correct_options = std::make_shared<CorrectOptions>();
  CLI::App* correct = group->add_subcommand(
      "correct", "Correct a placement's facts: employer, hours, wage, start, end");
  correct->add_option("placement", correct_options->placement, "Placement id")->required();
  correct->add_option("--employer", correct_options->employer, "The right employer");
  correct->add_option("--hours", correct_options->hours, "The right hours per week");
  correct->add_option("--wage", correct_options->wage, "The right gross monthly wage in euros");
  correct->add_option("--start", correct_options->start, "The right first working day")
      ->check(NonEmptyDate());
  auto* end_option = correct->add_option("--end", correct_options->end, "The right last day worked")
                         ->check(NonEmptyDate());
  correct
      ->add_flag("--reopen", correct_options->reopen,
                 "The placement did not end: remove its recorded end")
      ->excludes(end_option);
  correct->add_option("--reason", correct_options->reason, "Why (required)")->required();
  correct->add_option("--date", correct_options->date, "Day of the correction (default today)")
      ->check(NonEmptyDate());
  correct->footer(
      "Subsidy schedules and reports use the corrected facts; the log keeps both.\nExample:\n"
      "  traject placement correct 7 --hours 36 --start 2024-04-15 --reason \"contract: 36 h from "
      "15 April\"");
  OnRun(correct, context, correct_options, &RunCorrect);

  CLI::App* loonwaarde =
      app.add_subcommand("loonwaarde", "Set and withdraw loonwaarde assessments");
  loonwaarde->require_subcommand(1);
  auto lw_options = std::make_shared<LoonwaardeOptions>();
  CLI::App* set =
      loonwaarde->add_subcommand("set", "Record a loonwaarde assessment of a placement");
  set->add_option("placement", lw_options->placement, "Placement id")->required();
  set->add_option("--percent", lw_options->percent, "Loonwaarde, % of the minimum wage (0-100)")
      ->required();
  set->add_option("--date", lw_options->date,
                  "Assessment date; applies from this day (default today)")
      ->check(NonEmptyDate());
  set->footer("Example:\n  traject loonwaarde set 7 --percent 55 --date 2024-06-15");
  OnRun(set, context, lw_options, &RunLoonwaarde);

  auto withdraw_options = std::make_shared<WithdrawOptions>();
  CLI::App* withdraw =
      loonwaarde->add_subcommand("withdraw", "Withdraw a loonwaarde assessment made in error");
  withdraw->add_option("placement", withdraw_options->placement, "Placement id")->required();
  withdraw->add_option("--assessed", withdraw_options->assessed, "Date of the assessment")
      ->required()
      ->check(NonEmptyDate());
  withdraw->add_option("--reason", withdraw_options->reason, "Why (required)")->required();
  withdraw->add_option("--date", withdraw_options->date, "Day of the withdrawal (default today)")
      ->check(NonEmptyDate());
  withdraw->footer(
      "Example:\n  traject loonwaarde withdraw 7 --assessed 2024-06-15 --reason \"assessed the "
      "wrong placement\"");
  OnRun(withdraw, context, withdraw_options, &RunWithdraw);
}

}  // namespace traject::cli

#include <fmt/format.h>

#include "commands.h"
#include "traject/caseload_report.h"
#include "traject/milestones.h"

namespace traject::cli {
namespace {

using std::chrono::sys_days;

struct StartOptions {
  std::string ref, programme, track, date;
};

Status RunStart(Context& context, const StartOptions& o) {
  Result<Date> date = DateOption(o.date, Today(), "--date");
  if (!date.ok()) return date.status();
  return RecordAndReport(
      context, TrajectoryStarted{0, o.ref, o.programme, o.track, *date},
      [&](const Recorded& recorded) {
        const auto& started = std::get<TrajectoryStarted>(recorded.events.front().payload);
        return fmt::format("Trajectory {} started for {} in {}/{} on {} (aangemeld)",
                           started.trajectory_id, o.ref, o.programme, o.track, FormatDate(*date));
      });
}

// Milestones of the track with their deadline and whether reached.
Table MilestoneTable(const Trajectory& t, const TrackDefinition* track, Date as_of) {
  Table table({"milestone", "name", "deadline", "reached", "evidence", "status"});
  if (!track) {
    // The programme's plugin is not loaded: what was recorded is known, deadlines are not.
    for (const MilestoneRecord& r : t.milestones) {
      if (sys_days(r.reached) > sys_days(as_of)) continue;
      table.AddRow({r.milestone_id, std::string(), std::string(), FormatDate(r.reached), r.evidence,
                    std::string("reached")});
    }
    return table;
  }
  for (const MilestoneProgress& m : MilestonesOn(*track, t.started, t.state, t.milestones, as_of)) {
    const MilestoneRecord* reached = nullptr;
    for (const MilestoneRecord& r : t.milestones) {
      if (r.milestone_id == m.definition->id && m.reached && r.reached == *m.reached) reached = &r;
    }
    table.AddRow({m.definition->id, m.definition->name,
                  m.deadline ? FormatDate(*m.deadline) : std::string(),
                  reached ? FormatDate(reached->reached) : std::string(),
                  reached ? reached->evidence : std::string(), std::string(ToString(m.status))});
  }
  return table;
}

struct ShowOptions {
  std::int64_t id = 0;
};

Status RunShow(Context& context, const ShowOptions& o) {
  if (Status s = context.RefuseCsv("trajectory show"); !s.ok()) return s;
  Result<Store*> store = context.OpenStore();
  if (!store.ok()) return store.status();
  Result<Date> as_of = context.AsOf();
  if (!as_of.ok()) return as_of.status();
  Result<Trajectory> full = (*store)->GetTrajectory(o.id);
  if (!full.ok()) return full.status();
  std::optional<Trajectory> t = TrajectoryOn(*full, *as_of);
  if (!t) {
    return Status::NotFound(
        fmt::format("trajectory {} had not started on {}", o.id, FormatDate(*as_of)));
  }
  Result<std::vector<Placement>> placements = (*store)->PlacementsOf(o.id);
  if (!placements.ok()) return placements.status();
  std::erase_if(*placements, [&](const Placement& p) {
    return std::chrono::sys_days(p.start) > std::chrono::sys_days(*as_of);
  });
  for (Placement& p : *placements) p = PlacementOn(std::move(p), *as_of);
  Result<const PluginRegistry*> plugins = context.Plugins();
  if (!plugins.ok()) return plugins.status();
  const ProgrammeDefinition* programme = (*plugins)->catalogue().Find(t->programme_id);
  const TrackDefinition* track = programme ? FindTrack(*programme, t->track_id) : nullptr;

  Table milestones = MilestoneTable(*t, track, *as_of);
  Table corrections({"date", "kind", "what", "reason", "by", "recorded"});
  for (const Correction& c : t->corrections) {
    corrections.AddRow({FormatDate(c.date), c.kind, c.what, c.reason, c.actor,
                        FormatDate(DateOfUnixMs(c.recorded_at_ms))});
  }
  Table history({"date", "from", "to", "reason"});
  for (const StateChange& c : t->history) {
    history.AddRow(
        {FormatDate(c.date), std::string(ToString(c.from)), std::string(ToString(c.to)), c.reason});
  }
  Table jobs({"placement", "employer", "hours", "wage", "start", "end", "loonwaarde"});
  for (const Placement& p : *placements) {
    std::string loonwaarde;
    for (const LoonwaardeAssessment& a : p.assessments) {
      loonwaarde += (loonwaarde.empty() ? "" : ", ") +
                    fmt::format("{}% from {}", a.percent, FormatDate(a.date));
    }
    jobs.AddRow({std::int64_t{p.id}, p.employer, FormatHours(p.hours_per_week),
                 Money{p.gross_monthly_wage}, FormatDate(p.start),
                 p.end ? FormatDate(*p.end) : std::string(), loonwaarde});
  }
  if (context.format() == Format::kJson) {
    Json json;
    json.w().StartObject();
    json.Field("id", t->id);
    json.Field("participant", t->participant_ref);
    json.Field("programme", t->programme_id);
    json.Field("track", t->track_id);
    json.Field("state", std::string(ToString(t->state)));
    json.Field("started", FormatDate(t->started));
    json.Field("state_since", FormatDate(t->state_since));
    json.OptionalField("exit_reason", t->exit_reason
                                          ? std::optional(std::string(ToString(*t->exit_reason)))
                                          : std::nullopt);
    json.Key("milestones");
    milestones.WriteJson(json.w());
    json.Key("history");
    history.WriteJson(json.w());
    json.Key("placements");
    jobs.WriteJson(json.w());
    json.Key("corrections");
    corrections.WriteJson(json.w());
    json.Field("programme_loaded", programme != nullptr);
    json.w().EndObject();
    json.Print(context.out());
    return Status::OK();
  }
  std::ostream& out = context.out();
  out << "Trajectory   " << t->id << "\n"
      << "Participant  " << t->participant_ref << "\n"
      << "Programme    " << (programme ? programme->name : t->programme_id) << " ("
      << t->programme_id << ")\n"
      << "Track        " << (track ? track->name : t->track_id) << " (" << t->track_id << ")\n"
      << "State        " << ToString(t->state) << " since " << FormatDate(t->state_since)
      << (t->exit_reason ? fmt::format(" (exit: {})", ToString(*t->exit_reason)) : "") << "\n"
      << "Started      " << FormatDate(t->started) << "\n";
  if (!track) {
    context.err() << fmt::format(
        "traject: warning: the plugin of programme '{}' is not loaded: milestone names, deadlines "
        "and open milestones are unknown (load it with --plugins DIR)\n",
        t->programme_id);
  }
  out << "\nMilestones\n";
  milestones.Print(out, Format::kTable);
  if (!history.empty()) {
    out << "\nHistory\n";
    history.Print(out, Format::kTable);
  }
  if (!jobs.empty()) {
    out << "\nPlacements\n";
    jobs.Print(out, Format::kTable);
  }
  if (!corrections.empty()) {
    out << "\nCorrections\n";
    corrections.Print(out, Format::kTable);
  }
  return Status::OK();
}

struct ListOptions {
  std::string ref, programme, state;
  std::optional<std::string> klantmanager;
};

Status RunList(Context& context, const ListOptions& o) {
  TrajectoryFilter filter;
  filter.participant_ref = o.ref;
  filter.programme_id = o.programme;
  if (!o.state.empty()) {
    Result<TrajectoryState> state = ParseTrajectoryState(o.state);
    if (!state.ok()) return state.status().WithContext("--state");
    filter.state = *state;
  }
  Result<Store*> store = context.OpenStore();
  if (!store.ok()) return store.status();
  Result<Date> as_of = context.AsOf();
  if (!as_of.ok()) return as_of.status();
  // A past date needs each trajectory's history; today's view reads the projection directly.
  const bool past = !context.options.as_of.empty() || !context.options.as_recorded.empty();
  std::map<std::string, CaseworkersOnDate> caseworkers;
  if (o.klantmanager) {
    Status known =
        RequireCaseworker(**store, CaseworkerRole::kKlantmanager, *o.klantmanager, *as_of);
    if (!known.ok()) return known.WithContext("--klantmanager");
    Result<std::map<std::string, CaseworkersOnDate>> on = CaseworkersOn(**store, *as_of);
    if (!on.ok()) return on.status();
    caseworkers = std::move(on).value();
  }
  std::optional<TrajectoryState> wanted = filter.state;
  if (past) filter.state.reset();
  Result<std::vector<Trajectory>> all = (*store)->ListTrajectories(filter);
  if (!all.ok()) return all.status();
  Table table({"id", "participant", "programme", "track", "state", "since", "started"});
  for (const Trajectory& current : *all) {
    if (o.klantmanager && caseworkers[current.participant_ref].klantmanager != *o.klantmanager) {
      continue;
    }
    Trajectory t = current;
    if (past) {
      Result<Trajectory> full = (*store)->GetTrajectory(current.id);
      if (!full.ok()) return full.status();
      std::optional<Trajectory> then = TrajectoryOn(*full, *as_of);
      if (!then || (wanted && then->state != *wanted)) continue;
      t = *then;
    }
    table.AddRow({std::int64_t{t.id}, t.participant_ref, t.programme_id, t.track_id,
                  std::string(ToString(t.state)), FormatDate(t.state_since),
                  FormatDate(t.started)});
  }
  table.Print(context.out(), context.format());
  return Status::OK();
}

struct AdvanceOptions {
  std::int64_t id = 0;
  std::string to, date, reason;
};

Status RunAdvance(Context& context, const AdvanceOptions& o) {
  Result<TrajectoryState> to = ParseTrajectoryState(o.to);
  if (!to.ok()) return to.status().WithContext("--to");
  // These states have commands of their own, which ask for what they need.
  switch (*to) {
    case TrajectoryState::kUitgestroomd:
      return Status::InvalidArgument(
          fmt::format("uitstroom is recorded with its reason: traject trajectory exit {} --reason "
                      "work|education|other "
                      "--date YYYY-MM-DD",
                      o.id));
    case TrajectoryState::kGeplaatst:
      return Status::InvalidArgument(fmt::format(
          "a trajectory becomes geplaatst by recording its placement: traject placement record "
          "{} --employer NAME --hours H --wage EUROS --start YYYY-MM-DD",
          o.id));
    case TrajectoryState::kTerugval:
      return Status::InvalidArgument(fmt::format(
          "a return to bijstand is recorded with: traject trajectory return {} --date YYYY-MM-DD",
          o.id));
    default:
      break;
  }
  Result<Date> date = DateOption(o.date, Today(), "--date");
  if (!date.ok()) return date.status();
  TrajectoryStateChanged command;
  command.trajectory_id = o.id;
  command.to = *to;
  command.date = *date;
  command.reason = o.reason;
  return RecordAndReport(context, command, fmt::format("Trajectory {} is now {}", o.id, o.to));
}

struct MilestoneOptions {
  std::int64_t id = 0;
  std::string milestone, date, evidence;
};

Status RunMilestone(Context& context, const MilestoneOptions& o) {
  Result<Date> date = DateOption(o.date, Today(), "--date");
  if (!date.ok()) return date.status();
  return RecordAndReport(context, MilestoneReached{o.id, o.milestone, *date, o.evidence},
                         fmt::format("Milestone {} of trajectory {} reached on {}", o.milestone,
                                     o.id, FormatDate(*date)));
}

struct ExitOptions {
  std::int64_t id = 0;
  std::string reason = "work", date, note;
};

Status RunExit(Context& context, const ExitOptions& o) {
  Result<ExitReason> reason = ParseExitReason(o.reason);
  if (!reason.ok()) return reason.status().WithContext("--reason");
  Result<Date> date = DateOption(o.date, Today(), "--date");
  if (!date.ok()) return date.status();
  return RecordAndReport(
      context,
      TrajectoryStateChanged{o.id, {}, TrajectoryState::kUitgestroomd, *date, o.note, *reason},
      fmt::format("Trajectory {}: uitstroom ({}) on {}", o.id, o.reason, FormatDate(*date)));
}

struct ReturnOptions {
  std::int64_t id = 0;
  std::string date, note;
};

Status RunReturn(Context& context, const ReturnOptions& o) {
  Result<Date> date = DateOption(o.date, Today(), "--date");
  if (!date.ok()) return date.status();
  return RecordAndReport(
      context,
      TrajectoryStateChanged{o.id, {}, TrajectoryState::kTerugval, *date, o.note, std::nullopt},
      fmt::format("Trajectory {}: terugval in bijstand on {}", o.id, FormatDate(*date)));
}

struct MilestoneCorrectOptions {
  std::int64_t id = 0;
  std::string milestone, date, reason;
  std::optional<std::string> reached, evidence;
};

Status RunMilestoneCorrect(Context& context, const MilestoneCorrectOptions& o) {
  Result<Date> date = DateOption(o.date, Today(), "--date");
  if (!date.ok()) return date.status();
  MilestoneCorrected command;
  command.trajectory_id = o.id;
  command.milestone_id = o.milestone;
  command.date = *date;
  if (o.reached) {
    Result<Date> reached = ParseDate(*o.reached);
    if (!reached.ok()) return reached.status().WithContext("--reached");
    command.reached = *reached;
  }
  command.evidence = o.evidence;
  command.reason = o.reason;
  return RecordAndReport(context, command,
                         fmt::format("Milestone {} of trajectory {} corrected", o.milestone, o.id));
}

struct MilestoneRetractOptions {
  std::int64_t id = 0;
  std::string milestone, date, reason;
};

Status RunMilestoneRetract(Context& context, const MilestoneRetractOptions& o) {
  Result<Date> date = DateOption(o.date, Today(), "--date");
  if (!date.ok()) return date.status();
  return RecordAndReport(context, MilestoneRetracted{o.id, o.milestone, *date, o.reason},
                         fmt::format("Milestone {} of trajectory {} retracted", o.milestone, o.id));
}

}  // namespace

void AddTrajectoryCommands(CLI::App& app, Context& context) {
  CLI::App* group =
      app.add_subcommand("trajectory", "Start, advance, exit, return, list and show trajectories");
  group->require_subcommand(1);

  auto start_options = std::make_shared<StartOptions>();
  CLI::App* start =
      group->add_subcommand("start", "Start a trajectory (aangemeld) in a programme's track");
  start->add_option("--ref", start_options->ref, "Participant reference")->required();
  start
      ->add_option("--programme", start_options->programme,
                   "Programme id (see 'traject plugins list')")
      ->required();
  start->add_option("--track", start_options->track, "Track id")->required();
  start->add_option("--date", start_options->date, "Date of aanmelding (default today)")
      ->check(NonEmptyDate());
  start->footer(
      "Example:\n  traject trajectory start --ref P-1001 --programme zuidoostwerkt --track "
      "calibris-zorg --date 2024-02-01");
  OnRun(start, context, start_options, &RunStart);

  auto show_options = std::make_shared<ShowOptions>();
  CLI::App* show = group->add_subcommand(
      "show", "Show a trajectory: milestones, deadlines, history, placements");
  show->add_option("trajectory", show_options->id, "Trajectory id")->required();
  show->footer("Example:\n  traject trajectory show 12");
  OnRun(show, context, show_options, &RunShow);

  auto list_options = std::make_shared<ListOptions>();
  CLI::App* list = group->add_subcommand("list", "List trajectories");
  list->add_option("--ref", list_options->ref, "Only this participant's");
  list->add_option("--programme", list_options->programme, "Only this programme's");
  list->add_option("--state", list_options->state, "Only in this state");
  list->add_option(
      "--klantmanager", list_options->klantmanager,
      "Only the trajectories of this klantmanager's participants (on the --as-of date)");
  list->footer(
      "Examples:\n  traject trajectory list --programme schiphol --state in-leerwerk\n  traject "
      "trajectory list --klantmanager \"A. Bakker\" --state geplaatst");
  OnRun(list, context, list_options, &RunList);

  auto advance_options = std::make_shared<AdvanceOptions>();
  CLI::App* advance =
      group->add_subcommand("advance", "Move a trajectory to intake, in-leerwerk or afgebroken");
  advance->add_option("trajectory", advance_options->id, "Trajectory id")->required();
  advance->add_option("--to", advance_options->to, "Target state")->required();
  advance->add_option("--date", advance_options->date, "Date (default today)")
      ->check(NonEmptyDate());
  advance->add_option("--reason", advance_options->reason, "Why (free text)");
  advance->footer(
      "For uitgestroomd use 'traject trajectory exit', for terugval 'traject trajectory return';\n"
      "a placement makes a trajectory geplaatst ('traject placement record').\n"
      "Example:\n  traject trajectory advance 12 --to afgebroken --reason \"verhuisd\"");
  OnRun(advance, context, advance_options, &RunAdvance);

  CLI::App* milestone_group =
      app.add_subcommand("milestone", "Record, correct and retract milestones");
  milestone_group->require_subcommand(1);
  auto milestone_options = std::make_shared<MilestoneOptions>();
  CLI::App* record =
      milestone_group->add_subcommand("record", "Record that a milestone was reached");
  record->add_option("trajectory", milestone_options->id, "Trajectory id")->required();
  record->add_option("milestone", milestone_options->milestone, "Milestone id of the track")
      ->required();
  record->add_option("--date", milestone_options->date, "Date reached (default today)")
      ->check(NonEmptyDate());
  record->add_option("--evidence", milestone_options->evidence, "Evidence kept, e.g. a VOG number");
  record->footer(
      "Example:\n  traject milestone record 12 vog --date 2024-02-20 --evidence \"VOG 2024-0042\"");
  OnRun(record, context, milestone_options, &RunMilestone);

  auto correct_options = std::make_shared<MilestoneCorrectOptions>();
  CLI::App* correct = milestone_group->add_subcommand(
      "correct", "Correct a reached milestone's date or evidence (the log keeps both)");
  correct->add_option("trajectory", correct_options->id, "Trajectory id")->required();
  correct->add_option("milestone", correct_options->milestone, "Milestone id")->required();
  correct->add_option("--reached", correct_options->reached, "The right date reached")
      ->check(NonEmptyDate());
  correct->add_option("--evidence", correct_options->evidence, "The right evidence");
  correct->add_option("--reason", correct_options->reason, "Why (required)")->required();
  correct->add_option("--date", correct_options->date, "Day of the correction (default today)")
      ->check(NonEmptyDate());
  correct->footer(
      "A state change the milestone caused moves to the new date.\nExample:\n  traject milestone "
      "correct 12 intake --reached 2024-02-01 --reason \"typo: 1 Feb, not 10 Feb\"");
  OnRun(correct, context, correct_options, &RunMilestoneCorrect);

  auto retract_options = std::make_shared<MilestoneRetractOptions>();
  CLI::App* retract = milestone_group->add_subcommand(
      "retract", "Retract a milestone recorded as reached that was not");
  retract->add_option("trajectory", retract_options->id, "Trajectory id")->required();
  retract->add_option("milestone", retract_options->milestone, "Milestone id")->required();
  retract->add_option("--reason", retract_options->reason, "Why (required)")->required();
  retract->add_option("--date", retract_options->date, "Day of the retraction (default today)")
      ->check(NonEmptyDate());
  retract->footer(
      "A state change the milestone caused is undone too, while it is the trajectory's latest.\n"
      "Example:\n  traject milestone retract 12 vog --reason \"recorded on the wrong "
      "trajectory\"");
  OnRun(retract, context, retract_options, &RunMilestoneRetract);

  // Uitstroom and terugval are what happens to a trajectory: `trajectory exit` and `trajectory
  // return`; the first spellings, `traject exit` and `traject return`, stay as aliases.
  for (CLI::App* parent : {group, &app}) {
    const std::string prefix = parent == group ? "traject trajectory" : "traject";
    auto exit_options = std::make_shared<ExitOptions>();
    CLI::App* exit = parent->add_subcommand(
        "exit", parent == group ? "Record uitstroom: the participant left bijstand"
                                : "Record uitstroom (the same as 'traject trajectory exit')");
    exit->add_option("trajectory", exit_options->id, "Trajectory id")->required();
    exit->add_option("--reason", exit_options->reason, "work (default), education or other");
    exit->add_option("--date", exit_options->date, "Date bijstand ended (default today)")
        ->check(NonEmptyDate());
    exit->add_option("--note", exit_options->note, "Free text");
    exit->footer("Example:\n  " + prefix + " exit 12 --reason work --date 2024-09-01");
    OnRun(exit, context, exit_options, &RunExit);

    auto return_options = std::make_shared<ReturnOptions>();
    CLI::App* back = parent->add_subcommand(
        "return", parent == group ? "Record terugval: the participant returned to bijstand"
                                  : "Record terugval (the same as 'traject trajectory return')");
    back->add_option("trajectory", return_options->id, "Trajectory id")->required();
    back->add_option("--date", return_options->date, "Date of return (default today)")
        ->check(NonEmptyDate());
    back->add_option("--note", return_options->note, "Free text");
    back->footer("Example:\n  " + prefix + " return 12 --date 2025-02-01");
    OnRun(back, context, return_options, &RunReturn);
  }
}

}  // namespace traject::cli

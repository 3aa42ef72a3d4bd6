#include <fmt/format.h>

#include "commands.h"
#include "explain_output.h"
#include "traject/lks.h"
#include "traject/reports.h"
#include "traject/schedule.h"

namespace traject::cli {
namespace {

struct LksOptions {
  std::string date, hours, normal_week;
  int loonwaarde = -1;
  bool forfait = false;
  std::int64_t wml_cents = -1;
  bool explain = false;
};

Status RunLks(Context& context, const LksOptions& o) {
  LksInput input;
  Result<Date> date = DateOption(o.date, Today(), "--date");
  if (!date.ok()) return date.status();
  input.date = *date;
  Result<CentiHours> hours = ParseHours(o.hours);
  if (!hours.ok()) return hours.status().WithContext("--hours");
  input.hours = *hours;
  if (o.forfait == (o.loonwaarde >= 0)) {
    return Status::InvalidArgument("give either --loonwaarde PCT or --forfait");
  }
  if (!o.forfait) input.loonwaarde = o.loonwaarde;
  if (o.wml_cents >= 0) input.wml_monthly_override = o.wml_cents;
  if (!o.normal_week.empty()) {
    Result<CentiHours> week = ParseHours(o.normal_week);
    if (!week.ok()) return week.status().WithContext("--normal-week");
    input.normal_week = *week;
  }
  Result<const ParameterSet*> parameters = context.Parameters();
  if (!parameters.ok()) return parameters.status();
  Result<LksAmount> amount = ComputeLks(**parameters, input);
  if (!amount.ok()) return amount.status();
  if (context.format() == Format::kJson) {
    Json json;
    json.w().StartObject();
    json.Field("date", FormatDate(input.date));
    json.Field("rule_version", amount->rule_version);
    json.Field("wml_monthly_cents", amount->wml_monthly);
    json.Field("base_cents", amount->base);
    json.Field("share_basis_points", amount->percentage_bp);
    json.Field("capped", amount->capped);
    json.Field("forfait", amount->forfait);
    json.Field("lks_cents", amount->lks);
    json.Field("werkgeverslasten_cents", amount->werkgeverslasten);
    json.Field("monthly_subsidy_cents", amount->total);
    json.Field("provisional", amount->provisional);
    if (o.explain) {
      json.Key("explanation");
      WriteExplanationJson(json, amount->explanation);
    }
    json.w().EndObject();
    json.Print(context.out());
    return Status::OK();
  }
  if (context.format() == Format::kCsv) {
    Table table({"date", "rule_version", "wml_monthly", "base", "share_bp", "lks",
                 "werkgeverslasten", "monthly_subsidy", "provisional"});
    table.AddRow({FormatDate(input.date), amount->rule_version, Money{amount->wml_monthly},
                  Money{amount->base}, std::int64_t{amount->percentage_bp}, Money{amount->lks},
                  Money{amount->werkgeverslasten}, Money{amount->total},
                  std::string(amount->provisional ? "yes" : "no")});
    table.Print(context.out(), Format::kCsv);
    return Status::OK();
  }
  std::ostream& out = context.out();
  out << fmt::format("Loonkostensubsidie on {} ({}){}\n", FormatDate(input.date),
                     amount->rule_version, amount->provisional ? " — PROVISIONAL" : "");
  out << fmt::format("  monthly WML          {:>12}  ({} cents)\n", FormatEuro(amount->wml_monthly),
                     amount->wml_monthly);
  out << fmt::format("  base (incl. VB)      {:>12}  ({} cents)\n", FormatEuro(amount->base),
                     amount->base);
  out << fmt::format("  share                {:>12}{}\n",
                     FormatParameter(ParameterUnit::kBasisPoints, amount->percentage_bp),
                     amount->forfait  ? "  (forfait)"
                     : amount->capped ? "  (capped)"
                                      : "");
  out << fmt::format("  lks                  {:>12}  ({} cents)\n", FormatEuro(amount->lks),
                     amount->lks);
  out << fmt::format("  werkgeverslasten     {:>12}  ({} cents)\n",
                     FormatEuro(amount->werkgeverslasten), amount->werkgeverslasten);
  out << fmt::format("  monthly subsidy      {:>12}  ({} cents)\n", FormatEuro(amount->total),
                     amount->total);
  if (o.explain) {
    out << "\n";
    PrintExplanation(out, amount->explanation);
  }
  return Status::OK();
}

struct ScheduleCmdOptions {
  std::int64_t trajectory = 0;
  std::string from, to;
  bool explain = false;
};

Status RunSchedule(Context& context, const ScheduleCmdOptions& o) {
  Result<ReportState> state = context.ForReports();
  if (!state.ok()) return state.status();
  ScheduleOptions window;
  if (!o.from.empty()) {
    Result<Date> from = DateOption(o.from, Today(), "--from");
    if (!from.ok()) return from.status();
    window.from = *from;
  }
  if (!o.to.empty()) {
    Result<Date> to = DateOption(o.to, Today(), "--to");
    if (!to.ok()) return to.status();
    window.to = *to;
  }
  window.as_of = state->as_of;  // facts after it are not known yet
  Result<std::vector<PlacementScheduleLine>> lines =
      BuildPlacementSchedules(*state->store, state->plugins, *state->parameters, o.trajectory,
                              window, state->missing_plugins);
  if (!lines.ok()) return context.WithPluginAdvice(lines.status());
  if (lines->empty()) {
    return Status::NotFound(fmt::format("trajectory {} has no placements", o.trajectory));
  }
  Table table({"placement", "employer", "month", "days", "basis", "amount", "note"});
  Json json;
  json.w().StartObject();
  json.Field("trajectory", o.trajectory);
  json.Key("placements");
  json.w().StartArray();
  Cents total = 0;
  bool rules_missing = false;
  for (const PlacementScheduleLine& line : *lines) {
    const Placement& placement = line.view.placement;
    rules_missing = rules_missing || line.rules_missing;
    json.w().StartObject();
    json.Field("placement", placement.id);
    json.Field("employer", placement.employer);
    json.Field("eligible", line.eligibility.eligible);
    json.Field("reason", line.eligibility.reason);
    json.Field("rules_missing", line.rules_missing);
    json.Key("months");
    json.w().StartArray();
    if (!line.schedule) {
      table.AddRow({std::int64_t{placement.id}, placement.employer, std::string(), std::string(),
                    std::string(), Money{0}, "not eligible: " + line.eligibility.reason});
    } else {
      for (const ScheduleMonth& month : line.schedule->months) {
        json.w().StartObject();
        json.Field("month", FormatDate(month.month).substr(0, 7));
        json.Field("amount_cents", month.amount);
        json.Field("provisional", month.provisional);
        json.Key("segments");
        json.w().StartArray();
        for (const ScheduleSegment& segment : month.segments) {
          std::string basis = segment.overdue ? "none (assessment overdue)"
                              : segment.forfait
                                  ? "forfait"
                                  : fmt::format("loonwaarde {}%", *segment.loonwaarde);
          std::string note = fmt::format("parameters of {}", FormatDate(segment.parameter_date));
          if (month.provisional) note += ", provisional";
          if (line.rules_missing) note += ", without the plugin's rules";
          table.AddRow({std::int64_t{placement.id}, placement.employer,
                        FormatDate(month.month).substr(0, 7),
                        fmt::format("{}–{}", static_cast<unsigned>(segment.from.day()),
                                    static_cast<unsigned>(segment.to.day())),
                        basis, Money{segment.amount}, note});
          json.w().StartObject();
          json.Field("from", FormatDate(segment.from));
          json.Field("to", FormatDate(segment.to));
          json.Field("basis", basis);
          json.Field("decision_date", FormatDate(segment.decision_date));
          json.Field("parameter_date", FormatDate(segment.parameter_date));
          json.Field("amount_cents", segment.amount);
          json.Field("monthly_subsidy_cents", segment.monthly ? segment.monthly->total : 0);
          if (o.explain && segment.monthly) {
            json.Key("explanation");
            WriteExplanationJson(json, segment.monthly->explanation);
          }
          json.w().EndObject();
        }
        json.w().EndArray();
        json.w().EndObject();
      }
      total += line.schedule->total;
      if (line.schedule->overdue_assessment) {
        // Overdue since the forfait ended, or for a while until a later assessment.
        const Date ended = line.schedule->forfait_ends;
        std::optional<Date> assessed;
        for (const LoonwaardeAssessment& a : placement.assessments) {
          if (!assessed && ToDays(a.date) > ToDays(ended)) assessed = a.date;
        }
        table.AddRow(
            {std::int64_t{placement.id}, placement.employer, std::string(), std::string(),
             std::string(), std::monostate{},
             assessed ? fmt::format("no loonwaarde assessment from {} until {}: nothing paid "
                                    "for those days",
                                    FormatDate(ended), FormatDate(*assessed))
                      : fmt::format("loonwaarde assessment overdue since {}", FormatDate(ended))});
      }
    }
    json.w().EndArray();
    json.w().EndObject();
  }
  json.w().EndArray();
  json.Field("total_cents", total);
  json.w().EndObject();
  if (rules_missing) context.WarnMissingPlugins({lines->front().view.programme_id});
  if (context.format() == Format::kJson) {
    json.Print(context.out());
    return Status::OK();
  }
  table.Print(context.out(), context.format());
  if (context.format() == Format::kTable) context.out() << "Total: " << FormatEuro(total) << "\n";
  return Status::OK();
}

struct CommitmentCmdOptions {
  int months = 12;
  std::string by = "employer", from;
};

Status RunCommitments(Context& context, const CommitmentCmdOptions& o) {
  Result<ReportGrouping> by = ParseReportGrouping(o.by);
  if (!by.ok()) return by.status().WithContext("--by");
  Result<ReportState> state = context.ForReports();
  if (!state.ok()) return state.status();
  Result<Date> from = DateOption(o.from, state->as_of, "--from");
  if (!from.ok()) return from.status();
  CommitmentOptions options;
  options.by = *by;
  options.first_month = *from;
  options.months = o.months;
  options.missing_plugins = state->missing_plugins;
  options.as_of = state->as_of;
  Result<Commitments> commitments =
      BuildCommitments(*state->store, state->plugins, *state->parameters, options);
  if (!commitments.ok()) return context.WithPluginAdvice(commitments.status());
  context.WarnMissingPlugins(commitments->missing_plugins);
  std::vector<std::string> keys = {o.by};
  for (Date month : commitments->months) keys.push_back(FormatDate(month).substr(0, 7));
  keys.push_back("total");
  const bool flagged = !commitments->missing_plugins.empty();
  if (flagged) keys.push_back("rules_missing");
  Table table(keys);
  auto add = [&](const CommitmentRow& row) {
    std::vector<Cell> cells = {row.key};
    for (Cents c : row.per_month) cells.push_back(Money{c});
    cells.push_back(Money{row.total});
    if (flagged) cells.push_back(std::int64_t{row.rules_missing});
    table.AddRow(std::move(cells));
  };
  for (const CommitmentRow& row : commitments->rows) add(row);
  add(commitments->total);
  table.Print(context.out(), context.format());
  if (commitments->provisional && context.format() == Format::kTable) {
    context.out() << "Some amounts use parameters past their known period: provisional.\n";
  }
  return Status::OK();
}

struct PremiumOptions {
  std::int64_t trajectory = 0;
  bool explain = false;
};

Status RunPremiums(Context& context, const PremiumOptions& o) {
  Result<ReportState> state = context.ForReports();
  if (!state.ok()) return state.status();
  Result<TrajectoryPremiums> premiums =
      BuildTrajectoryPremiums(*state->store, state->plugins, *state->parameters, o.trajectory,
                              state->as_of, state->missing_plugins);
  if (!premiums.ok()) return context.WithPluginAdvice(premiums.status());
  const std::vector<PremiumLine>* lines = &premiums->lines;
  Table table({"premium", "payee", "placement", "earned", "payable", "amount", "eligible", "reason",
               "rules_missing"});
  for (const PremiumLine& line : *lines) {
    table.AddRow({line.premium_id, std::string(ToString(line.payee)),
                  std::int64_t{line.placement_id}, FormatDate(line.earned),
                  FormatDate(line.payable), Money{line.amount},
                  std::string(line.eligible ? "yes" : "no"), line.reason,
                  std::string(premiums->rules_missing ? "yes" : "no")});
  }
  if (premiums->rules_missing) {
    Result<Trajectory> t = state->store->GetTrajectory(o.trajectory);
    if (t.ok()) context.WarnMissingPlugins({t->programme_id});
  }
  table.Print(context.out(), context.format());
  if (o.explain && context.format() == Format::kTable) {
    for (const PremiumLine& line : *lines) {
      if (line.explanation.rule.empty()) continue;
      context.out() << "\n" << line.premium_id << " earned " << FormatDate(line.earned) << ":\n";
      PrintExplanation(context.out(), line.explanation);
    }
  }
  return Status::OK();
}

}  // namespace

void AddSubsidyCommands(CLI::App& app, Context& context) {
  CLI::App* group = app.add_subcommand(
      "subsidy", "Loonkostensubsidie and premiums: calculator, schedules, commitments");
  group->require_subcommand(1);

  auto lks = std::make_shared<LksOptions>();
  CLI::App* calc =
      group->add_subcommand("lks", "Calculate the monthly loonkostensubsidie (pure calculator)");
  calc->add_option("--date", lks->date, "Parameters in force on this date (default today)")
      ->check(NonEmptyDate());
  calc->add_option("--hours", lks->hours, "Contracted hours per week")->required();
  auto* lw = calc->add_option("--loonwaarde", lks->loonwaarde, "Loonwaarde in % (0-100)");
  calc->add_flag("--forfait", lks->forfait, "No loonwaarde yet: the 50 % forfait")->excludes(lw);
  calc->add_option("--wml-cents", lks->wml_cents,
                   "What-if: monthly WML in cents instead of the law's");
  calc->add_option("--normal-week", lks->normal_week,
                   "Before 2024: normal week N (default 38); from 2024: hours cap (default 40)");
  calc->add_flag("--explain", lks->explain,
                 "Show inputs, parameters with dates, and each rounding step");
  calc->footer(
      "Examples:\n  traject subsidy lks --date 2025-03-01 --hours 36 --loonwaarde 40 --explain\n"
      "  traject subsidy lks --date 2025-03-01 --hours 32 --loonwaarde 55 --wml-cents 230000 "
      "--json");
  OnRun(calc, context, lks, &RunLks);

  auto schedule = std::make_shared<ScheduleCmdOptions>();
  CLI::App* sched =
      group->add_subcommand("schedule", "Monthly subsidy schedule of a trajectory's placements");
  sched->add_option("trajectory", schedule->trajectory, "Trajectory id")->required();
  sched->add_option("--from", schedule->from, "First day (default: placement start)")
      ->check(NonEmptyDate());
  sched->add_option("--to", schedule->to, "Last day (default: placement end, or 12 months)")
      ->check(NonEmptyDate());
  sched->add_flag("--explain", schedule->explain, "With --json: each segment's explanation");
  sched->footer("Example:\n  traject subsidy schedule 12 --from 2024-01-01 --to 2024-12-31");
  OnRun(sched, context, schedule, &RunSchedule);

  auto commitments = std::make_shared<CommitmentCmdOptions>();
  CLI::App* commit =
      group->add_subcommand("commitments", "Subsidy commitments for the next months");
  commit->add_option("--months", commitments->months, "How many months (default 12)");
  commit->add_option("--by", commitments->by, "employer (default) or programme");
  commit->add_option("--from", commitments->from, "First month (default: --as-of or today)")
      ->check(NonEmptyDate());
  commit->footer("Example:\n  traject subsidy commitments --months 6 --by programme");
  OnRun(commit, context, commitments, &RunCommitments);

  auto premiums = std::make_shared<PremiumOptions>();
  CLI::App* prem =
      group->add_subcommand("premiums", "Premiums of a trajectory (participant and employer)");
  prem->add_option("trajectory", premiums->trajectory, "Trajectory id")->required();
  prem->add_flag("--explain", premiums->explain, "Show how each participant premium was computed");
  prem->footer("Example:\n  traject subsidy premiums 12 --as-of 2025-06-30");
  OnRun(prem, context, premiums, &RunPremiums);
}

}  // namespace traject::cli

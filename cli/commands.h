// The command groups of the traject CLI. Each file defines one Add...Commands function that
// declares its subcommands and options (with a worked example in --help) and runs them through
// the public library API only.
#ifndef TRAJECT_CLI_COMMANDS_H_
#define TRAJECT_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>

#include <memory>

#include "context.h"

namespace traject::cli {

void AddInitCommand(CLI::App& app, Context& context);
void AddParticipantCommands(CLI::App& app, Context& context);
void AddTrajectoryCommands(CLI::App& app, Context& context);  // trajectory, milestone, exit, return
void AddPlacementCommands(CLI::App& app, Context& context);   // placement, loonwaarde
void AddSubsidyCommands(CLI::App& app, Context& context);
void AddReportCommands(CLI::App& app, Context& context);
void AddPluginCommands(CLI::App& app, Context& context);
void AddImportExportCommands(CLI::App& app, Context& context);
void AddDemoCommand(CLI::App& app, Context& context);
void AddAuditCommands(CLI::App& app, Context& context);   // audit head, audit verify
void AddBackupCommands(CLI::App& app, Context& context);  // backup, restore
void AddKeygenCommand(CLI::App& app, Context& context);

// A check for date options: a value given must not be empty. An empty date is never "today";
// to mean today, leave the option out (where its help says so).
inline CLI::Validator NonEmptyDate() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        return value.empty() ? "empty date: give YYYY-MM-DD, or leave the option out" : "";
      },
      "YYYY-MM-DD", "non-empty date");
}

// Runs `run(context, *options)` when `command` is chosen, storing its status in the context.
template <typename Options>
void OnRun(CLI::App* command, Context& context, std::shared_ptr<Options> options,
           Status (*run)(Context&, const Options&)) {
  command->callback([&context, options, run] { context.result = run(context, *options); });
}

// `participant export` and `participant forget` (cmd_participant_rights.cc), in the
// `participant` group.
void AddParticipantRightsCommands(CLI::App& participant_group, Context& context);

// `report html`: the dashboard (cmd_report_html.cc), a subcommand of the `report` group.
void AddDashboardCommand(CLI::App& report_group, Context& context);

// `report placements`, also printed at the end of `demo`.
struct PlacementsOptions {
  std::string by = "programme", from, to;
};
Status RunPlacementReport(Context& context, const PlacementsOptions& options);

// Records one command and prints what was recorded: `summary` for people, the events for --json.
Status RecordAndReport(Context& context, const Command& command, const std::string& summary);
// The same, with a summary made from what was recorded (e.g. an id the store assigned).
Status RecordAndReport(Context& context, const Command& command,
                       const std::function<std::string(const Recorded&)>& summary);

// Writes an event as JSON: seq, kind, stream, effective date, caused_by and the payload.
void WriteEventJson(Json& json, const Event& event);

}  // namespace traject::cli

#endif  // TRAJECT_CLI_COMMANDS_H_

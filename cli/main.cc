// traject: the coordinator's command line. main() only declares the global options, registers
// the command groups and turns the outcome into an exit code (docs/cli.md, "Exit codes").
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <set>

#include "commands.h"
#include "exit_codes.h"
#include "traject/version.h"

namespace {

std::size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// For "unknown command" errors: the first word that names no subcommand, and the closest name.
std::string Suggestion(const CLI::App& app, int argc, char** argv) {
  static const std::set<std::string> takes_value = {"--db",          "--org",         "--plugins",
                                                    "--parameters",  "--actor",       "--as-of",
                                                    "--as-recorded", "--busy-timeout"};
  const CLI::App* level = &app;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("-", 0) == 0) {
      if (takes_value.count(arg)) ++i;
      continue;
    }
    const auto subcommands = level->get_subcommands([](const CLI::App*) { return true; });
    if (subcommands.empty()) return "";
    const CLI::App* match = nullptr;
    std::string best;
    std::size_t best_distance = 3;
    for (const CLI::App* sub : subcommands) {
      if (sub->get_name() == arg) match = sub;
      const std::size_t d = EditDistance(arg, sub->get_name());
      if (d < best_distance) {
        best_distance = d;
        best = sub->get_name();
      }
    }
    if (match) {
      level = match;
      continue;
    }
    return best.empty() ? fmt::format("unknown command '{}'", arg)
                        : fmt::format("unknown command '{}'; did you mean '{}'?", arg, best);
  }
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace traject::cli;
  Context context;
  CLI::App app{
      "traject: track leerwerk trajectories and banenplannen from bijstand into work.\n"
      "Guide: docs/cli.md. Exit codes: 0 ok, 2 usage, 3 invalid input, 4 not found,\n"
      "5 conflict, 6 storage, 7 plugin, 8 busy (another writer: try again), 9 audit chain\n"
      "broken (audit verify), 1 internal."};
  app.name("traject");
  app.require_subcommand(1);
  app.fallthrough();
  app.set_version_flag("--version", "traject " TRAJECT_VERSION_STRING);
  GlobalOptions& g = context.options;
  app.add_option("--db", g.db,
                 "Database: a SQLite file, or postgresql://user:password@host:port/db (default "
                 "$TRAJECT_DB or ./traject.db)");
  app.add_option("--org", g.org, "Organisation (tenant); default: the database's only one");
  app.add_option("--plugins", g.plugin_dirs,
                 "Directory with banenplan plugins (repeatable; also $TRAJECT_PLUGIN_PATH)");
  app.add_option("--parameters", g.parameters, "JSON file overriding rule parameters");
  app.add_option("--actor", g.actor, "Who is recorded as making changes (default $USER)");
  app.add_option("--as-of", g.as_of,
                 "Take views as of this date (YYYY-MM-DD): facts dated later are left out, later "
                 "corrections applied; default today (reports: not after today)")
      ->check(NonEmptyDate());
  app.add_option("--as-recorded", g.as_recorded,
                 "Show what the database knew at the end of this date (YYYY-MM-DD), before later "
                 "corrections and entries; read-only; not after today; --as-of defaults to it")
      ->check(NonEmptyDate());
  app.add_option("--busy-timeout", g.busy_timeout_ms,
                 "How long a change waits for another writer, in ms (default 5000); past it, "
                 "exit code 8: try again")
      ->check(CLI::Range(0, 600000));
  app.add_option("--bsn-key-file", g.bsn_key_file,
                 "File with the secret BSNs are hashed with (>= 32 bytes, mode 600; default "
                 "$TRAJECT_BSN_KEY_FILE): needed to register or find a participant by BSN");
  app.add_option("--audit-key-file", g.audit_key_file,
                 "File with the secret forgets are authenticated with in the audit chain (>= 32 "
                 "bytes, mode 600; default $TRAJECT_AUDIT_KEY_FILE): needed to forget a "
                 "participant, to authenticate forgets in `audit verify`, and for `restore "
                 "--forgotten-from`");
  app.add_flag("--allow-missing-plugins", g.allow_missing_plugins,
               "Compute figures of programmes whose plugin is not loaded without its rules, "
               "flagged (default: refuse them)");
  auto* json = app.add_flag("--json", g.json, "Print JSON (format in docs/cli.md)");
  app.add_flag("--csv", g.csv, "Print CSV")->excludes(json);

  AddInitCommand(app, context);
  AddParticipantCommands(app, context);
  AddTrajectoryCommands(app, context);
  AddPlacementCommands(app, context);
  AddSubsidyCommands(app, context);
  AddReportCommands(app, context);
  AddPluginCommands(app, context);
  AddImportExportCommands(app, context);
  AddDemoCommand(app, context);
  AddAuditCommands(app, context);
  AddBackupCommands(app, context);
  AddKeygenCommand(app, context);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    const std::string suggestion = Suggestion(app, argc, argv);
    std::cerr << "traject: usage error: " << (suggestion.empty() ? e.what() : suggestion) << "\n"
              << "Run 'traject --help' or 'traject COMMAND --help'.\n";
    return kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "traject: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
  if (!context.result.ok()) {
    std::cerr << "traject: " << context.result.ToString();
    if (context.result.IsRetryable()) {
      std::cerr << fmt::format(" (waited --busy-timeout {} ms)", context.options.busy_timeout_ms);
    }
    std::cerr << "\n";
  }
  if (context.result.ok() && context.exit_code != kExitOk) return context.exit_code;
  return ExitCodeFor(context.result);
}

// What every command shares: the global options and the state they lead to, created on first
// use so that each command pays only for what it needs (ninja's "how much state a tool needs").
#ifndef TRAJECT_CLI_CONTEXT_H_
#define TRAJECT_CLI_CONTEXT_H_

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "output.h"
#include "traject/parameters.h"
#include "traject/plugin_host.h"
#include "traject/reports.h"
#include "traject/status.h"
#include "traject/store.h"

namespace traject::cli {

struct GlobalOptions {
  std::string db;                        // --db; default TRAJECT_DB or ./traject.db
  std::string org;                       // --org; default: the database's only organisation
  std::vector<std::string> plugin_dirs;  // --plugins (repeatable)
  std::string parameters;                // --parameters FILE: parameter overrides
  std::string actor;                     // --actor; default $USER
  std::string as_of;                     // --as-of DATE; default today (or --as-recorded)
  std::string as_recorded;               // --as-recorded DATE: what the database knew then
  int busy_timeout_ms = 5000;            // --busy-timeout MS: how long a write waits for another
  bool allow_missing_plugins = false;    // --allow-missing-plugins: flag, don't refuse
  std::string bsn_key_file;              // --bsn-key-file; default TRAJECT_BSN_KEY_FILE
  std::string audit_key_file;            // --audit-key-file; default TRAJECT_AUDIT_KEY_FILE
  bool json = false;
  bool csv = false;
};

class Context;

// What reports and schedules read, opened once.
struct ReportState {
  Store* store = nullptr;
  const ParameterSet* parameters = nullptr;
  const PluginRegistry* plugins = nullptr;
  Date as_of;
  MissingPlugins missing_plugins = MissingPlugins::kRefuse;  // from --allow-missing-plugins
};

class Context {
 public:
  GlobalOptions options;

  Format format() const;
  // --as-of, or --as-recorded, or today. InvalidArgument for a malformed date, or an --as-of
  // after --as-recorded (no fact dated later was known then).
  Result<Date> AsOf() const;
  // --as-recorded, when given.
  Result<std::optional<Date>> AsRecorded() const;
  // The database location from --db, TRAJECT_DB or the default.
  std::string DatabaseLocation() const;

  // Loads the plugins once (from --plugins, TRAJECT_PLUGIN_PATH and the bundled directory).
  Result<const PluginRegistry*> Plugins();
  // Built-in parameters merged with --parameters, once.
  Result<const ParameterSet*> Parameters();
  // Opens the store once, with the plugins' catalogue, in the organisation of --org (or the
  // database's only one); with --as-recorded, the read-only store as recorded on that date.
  // NotFound when there is no database file; errors say which traject command helps.
  Result<Store*> OpenStore();
  // The audit key from --audit-key-file or TRAJECT_AUDIT_KEY_FILE; "" when neither is given.
  Result<std::string> AuditKey() const;
  // For `init` and `demo`: opens or creates the database without choosing an organisation.
  Result<Store*> OpenStoreForInit();
  // Closes the store, so that the next OpenStore opens it again (e.g. in a new organisation).
  void CloseStore() { store_.reset(); }
  // The store, parameters, plugins and --as-of date together.
  Result<ReportState> ForReports();

  // InvalidArgument when --csv was given to a command that has no CSV form.
  Status RefuseCsv(const char* command) const;
  // A Plugin error of a figure, with the command-line ways out added.
  Status WithPluginAdvice(const Status& status) const;
  // Warns on stderr that `programmes` (when any) were computed without their plugin's rules.
  void WarnMissingPlugins(const std::vector<std::string>& programmes);

  // The outcome of the command that ran (set by its callback).
  Status result;
  // The exit code when `result` is OK but the command must report a finding (audit verify: 9).
  int exit_code = 0;

  std::ostream& out() { return std::cout; }
  std::ostream& err() { return std::cerr; }

 private:
  std::unique_ptr<PluginRegistry> plugins_;
  std::optional<ParameterSet> parameters_;
  Result<Store*> Open(bool for_init);

  std::unique_ptr<Store> store_;
};

// Parses an optional --date style option: empty means `fallback`.
Result<Date> DateOption(const std::string& text, Date fallback, const char* option);

}  // namespace traject::cli

#endif  // TRAJECT_CLI_CONTEXT_H_

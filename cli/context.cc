#include "context.h"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>

#include "traject/audit.h"
#include "traject/bsn.h"

namespace traject::cli {

Format Context::format() const {
  if (options.json) return Format::kJson;
  if (options.csv) return Format::kCsv;
  return Format::kTable;
}

Result<std::optional<Date>> Context::AsRecorded() const {
  if (options.as_recorded.empty()) return std::optional<Date>();
  Result<Date> day = ParseDate(options.as_recorded);
  if (!day.ok()) return day.status().WithContext("--as-recorded");
  return std::optional<Date>(*day);
}

Result<Date> Context::AsOf() const {
  Result<std::optional<Date>> recorded = AsRecorded();
  if (!recorded.ok()) return recorded.status();
  Result<Date> as_of = DateOption(options.as_of, recorded->value_or(Today()), "--as-of");
  if (!as_of.ok()) return as_of;
  if (*recorded && std::chrono::sys_days(*as_of) > std::chrono::sys_days(**recorded)) {
    return Status::InvalidArgument(fmt::format(
        "--as-of {} is after --as-recorded {}: the database knew no facts dated after the day it "
        "recorded them; leave --as-of out to look from {}",
        FormatDate(*as_of), FormatDate(**recorded), FormatDate(**recorded)));
  }
  return as_of;
}

std::string Context::DatabaseLocation() const {
  if (!options.db.empty()) return options.db;
  if (const char* env = std::getenv("TRAJECT_DB"); env && *env) return env;
  return "traject.db";
}

Result<const PluginRegistry*> Context::Plugins() {
  if (plugins_) return plugins_.get();
  auto registry = std::make_unique<PluginRegistry>();
  const Status loaded = registry->LoadDirectories(PluginDirectories(options.plugin_dirs));
  // A file that is not a usable plugin is skipped, not fatal; say so once, as loading happens
  // once per run (and a failed load ends the command).
  for (const PluginLoadWarning& warning : registry->warnings()) {
    std::string reason = warning.status.message();  // a programme's problems: one per line
    for (std::size_t at = reason.find('\n'); at != std::string::npos;
         at = reason.find('\n', at + 1))
      reason.insert(at + 1, "  ");
    err() << "traject: warning: skipped plugin " << warning.path.string() << ": " << reason << "\n";
  }
  if (!loaded.ok()) return loaded;
  plugins_ = std::move(registry);
  return plugins_.get();
}

Result<const ParameterSet*> Context::Parameters() {
  if (parameters_) return &*parameters_;
  Result<ParameterSet> set = ParametersWithOverrides(options.parameters);
  if (!set.ok()) return set.status();
  parameters_ = std::move(set).value();
  return &*parameters_;
}

Result<std::string> Context::AuditKey() const {
  std::string key_file = options.audit_key_file;
  if (const char* env = std::getenv("TRAJECT_AUDIT_KEY_FILE"); key_file.empty() && env) {
    key_file = env;
  }
  if (key_file.empty()) return std::string();
  return ReadAuditKeyFile(key_file);
}

Result<Store*> Context::OpenStore() { return Open(/*for_init=*/false); }

Result<Store*> Context::OpenStoreForInit() { return Open(/*for_init=*/true); }

Result<Store*> Context::Open(bool for_init) {
  if (store_) return store_.get();
  Result<const PluginRegistry*> plugins = Plugins();
  if (!plugins.ok()) return plugins.status();
  StoreOptions store_options;
  store_options.organisation = for_init ? std::string() : options.org;
  store_options.catalogue = &(*plugins)->catalogue();
  store_options.create_if_missing = for_init;
  store_options.busy_timeout_ms = options.busy_timeout_ms;
  std::string key_file = options.bsn_key_file;
  if (const char* env = std::getenv("TRAJECT_BSN_KEY_FILE"); key_file.empty() && env)
    key_file = env;
  if (!key_file.empty()) {
    Result<std::string> key = ReadBsnKeyFile(key_file);
    if (!key.ok()) return key.status();
    store_options.bsn_key = std::move(key).value();
  }
  Result<std::string> audit_key = AuditKey();
  if (!audit_key.ok()) return audit_key.status();
  store_options.audit_key = std::move(audit_key).value();
  if (!options.actor.empty()) {
    store_options.actor = options.actor;
  } else if (const char* user = std::getenv("USER"); user && *user) {
    store_options.actor = user;
  }
  const std::string location = DatabaseLocation();
  Result<std::unique_ptr<Store>> store = Store::Open(location, store_options);
  if (!store.ok()) {
    // The library says what is wrong; the command line knows which command helps.
    if (store.status().code() == Status::Code::kNotFound) {
      const bool no_file = store.status().field() == "location";
      return Status::NotFound(
          fmt::format("{}; create {} with 'traject --db {} init --org {}'",
                      store.status().message(), no_file ? "it" : "the organisation",
                      RedactedLocation(location), options.org.empty() ? "ID" : options.org));
    }
    return store.status();
  }
  if (!for_init && (*store)->organisation().empty()) {
    return Status::InvalidArgument(
        "no organisation chosen: the database has none or several; pass --org ID, or create one "
        "with 'traject init --org ID'");
  }
  Result<std::optional<Date>> recorded = AsRecorded();
  if (!recorded.ok()) return recorded.status();
  if (*recorded) {
    if (for_init) {
      return Status::InvalidArgument("--as-recorded shows the past: it cannot make a database");
    }
    Result<std::unique_ptr<Store>> then = (*store)->AsRecorded(**recorded);
    if (!then.ok()) return then.status();
    // Every figure of an empty past is 0: say why, so that it is not read as a fact.
    if (Result<std::int64_t> events = (*then)->EventCount(); events.ok() && *events == 0) {
      err() << "note: nothing was recorded by the end of " << FormatDate(**recorded)
            << " (--as-recorded): every view of that day is empty\n";
    }
    store_ = std::move(then).value();
    return store_.get();
  }
  store_ = std::move(store).value();
  return store_.get();
}

Result<ReportState> Context::ForReports() {
  ReportState state;
  Result<Store*> store = OpenStore();
  if (!store.ok()) return store.status();
  Result<const ParameterSet*> parameters = Parameters();
  if (!parameters.ok()) return parameters.status();
  Result<Date> as_of = AsOf();
  if (!as_of.ok()) return as_of.status();
  state.store = *store;
  state.parameters = *parameters;
  state.plugins = plugins_.get();  // loaded by OpenStore
  state.as_of = *as_of;
  state.missing_plugins =
      options.allow_missing_plugins ? MissingPlugins::kFlag : MissingPlugins::kRefuse;
  return state;
}

Status Context::RefuseCsv(const char* command) const {
  if (!options.csv) return Status::OK();
  return Status::InvalidArgument(fmt::format(
      "{} has no CSV form; use --json (list commands and reports have --csv)", command));
}

Status Context::WithPluginAdvice(const Status& status) const {
  if (status.code() != Status::Code::kPlugin ||
      status.message().find("no plugin is loaded") == std::string::npos) {
    return status;
  }
  return Status::Plugin(status.message() +
                        ". Load the plugin (--plugins DIR or TRAJECT_PLUGIN_PATH; 'traject "
                        "plugins list' shows what loaded and what was skipped), or pass "
                        "--allow-missing-plugins for figures without its rules, flagged");
}

void Context::WarnMissingPlugins(const std::vector<std::string>& programmes) {
  if (programmes.empty()) return;
  err() << fmt::format(
      "traject: WARNING: no plugin loaded for {}: its placements are computed with the statutory "
      "rules only, without the banenplan's own (flagged as rules_missing); money may differ\n",
      fmt::join(programmes, ", "));
}

Result<Date> DateOption(const std::string& text, Date fallback, const char* option) {
  if (text.empty()) return fallback;
  Result<Date> date = ParseDate(text);
  if (!date.ok()) return date.status().WithContext(option);
  return date;
}

}  // namespace traject::cli

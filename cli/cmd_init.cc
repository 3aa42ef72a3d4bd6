#include <fmt/format.h>

#include "commands.h"

namespace traject::cli {
namespace {

struct InitOptions {
  std::string name;
};

Status RunInit(Context& context, const InitOptions& options) {
  Result<Store*> store = context.OpenStoreForInit();
  if (!store.ok()) return store.status();
  const std::string& org = context.options.org;
  Result<std::vector<Organisation>> existing = (*store)->Organisations();
  if (!existing.ok()) return existing.status();
  bool created = false;
  if (!org.empty()) {
    bool found = false;
    for (const Organisation& o : *existing) found = found || o.id == org;
    if (!found) {
      if (Status s =
              (*store)->CreateOrganisation(org, options.name.empty() ? org : options.name, Today());
          !s.ok()) {
        return s;
      }
      created = true;
    }
  } else if (existing->empty()) {
    return Status::InvalidArgument(
        "a new database needs an organisation: traject init --org ID [--name NAME]");
  }
  Result<const PluginRegistry*> plugins = context.Plugins();
  if (!plugins.ok()) return plugins.status();
  std::string programmes;
  for (const ProgrammeDefinition* p : (*plugins)->catalogue().All()) {
    programmes += (programmes.empty() ? "" : ", ") + p->id;
  }
  context.out() << fmt::format(
      "{} {} (schema version {}), organisation '{}'{}\n", created ? "Initialised" : "Opened",
      RedactedLocation(context.DatabaseLocation()), (*store)->schema_version(),
      org.empty() ? (*store)->organisation() : org, created ? " created" : "");
  context.out() << "Programmes: " << (programmes.empty() ? "(no plugins found)" : programmes)
                << "\n";
  return Status::OK();
}

}  // namespace

void AddInitCommand(CLI::App& app, Context& context) {
  auto options = std::make_shared<InitOptions>();
  CLI::App* init =
      app.add_subcommand("init", "Create the database (if needed) and an organisation");
  init->add_option("--name", options->name, "Organisation's display name");
  init->footer(
      "Example:\n  traject --db amsterdam.db init --org amsterdam --name \"Gemeente Amsterdam\"");
  OnRun(init, context, options, &RunInit);
}

}  // namespace traject::cli

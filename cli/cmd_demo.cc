#include <fmt/format.h>

#include "commands.h"
#include "demo_generator.h"
#include "progress.h"

namespace traject::cli {
namespace {

struct DemoCmdOptions {
  int participants = 22 * 1500;
  std::uint64_t seed = 2019;
  int check_ins = DemoOptions{}.check_ins_per_year;
  std::string org_name = "Gemeente Amsterdam";
};

DemoOptions OptionsOf(const DemoCmdOptions& o) {
  DemoOptions options;
  options.participants = o.participants;
  options.seed = o.seed;
  options.check_ins_per_year = o.check_ins;
  return options;
}

Status RunDemo(Context& context, const DemoCmdOptions& o) {
  // Before anything is created: a refused demo leaves no database behind.
  Result<Date> until = context.AsOf();
  if (!until.ok()) return until.status();
  DemoOptions options = OptionsOf(o);
  options.until = *until;
  if (Status s = CheckDemoOptions(options); !s.ok()) return s;
  if (std::chrono::sys_days(*until) > std::chrono::sys_days(Today())) {
    return Status::InvalidArgument(
        "--as-of is after today: the demo records only facts that happened, up to its end date");
  }
  if (context.options.org.empty()) context.options.org = "amsterdam";
  {
    Result<Store*> created = context.OpenStoreForInit();
    if (!created.ok()) return created.status();
    Result<std::vector<Organisation>> organisations = (*created)->Organisations();
    if (!organisations.ok()) return organisations.status();
    bool exists = false;
    for (const Organisation& org : *organisations) exists = exists || org.id == context.options.org;
    if (!exists) {
      if (Status s = (*created)->CreateOrganisation(
              context.options.org, o.org_name,
              Date{std::chrono::year{2019}, std::chrono::January, std::chrono::day{1}});
          !s.ok()) {
        return s;
      }
    }
    context.CloseStore();
  }
  Result<Store*> store = context.OpenStore();
  if (!store.ok()) return store.status();
  if (Result<std::int64_t> events = (*store)->EventCount(); !events.ok() || *events > 1) {
    return Status::Conflict(fmt::format(
        "organisation '{}' in {} already holds data; the demo needs a new database or organisation",
        context.options.org, RedactedLocation(context.DatabaseLocation())));
  }
  Result<const PluginRegistry*> plugins = context.Plugins();
  if (!plugins.ok()) return plugins.status();
  Result<std::unique_ptr<WriteBatch>> batch = (*store)->BeginBatch();
  if (!batch.ok()) return batch.status();
  Progress progress("demo", o.participants);
  std::int64_t registered = 0;
  Result<DemoTotals> totals =
      GenerateDemo((*plugins)->catalogue(), options, [&](const Command& command) {
        if (std::holds_alternative<ParticipantRegistered>(command)) {
          ++registered;
          progress.Update(registered, registered);
        }
        Result<Recorded> recorded = (*batch)->Record(command);
        return recorded.ok() ? Status::OK() : recorded.status().WithContext("demo data");
      });
  if (!totals.ok()) return totals.status();
  if (Status s = (*batch)->Commit(); !s.ok()) return s;
  progress.Finish();
  if (context.format() == Format::kTable) {
    context.out() << fmt::format(
        "Demo data in {} (organisation '{}', seed {}): {} participants in 22 areas, {} "
        "trajectories, "
        "{} placements, {} exits to work, {} returns to bijstand, {} check-in conversations ({} "
        "commands).\n\n",
        RedactedLocation(context.DatabaseLocation()), context.options.org, o.seed,
        totals->participants, totals->trajectories, totals->placements, totals->exits,
        totals->returns, totals->check_ins, totals->commands);
  }
  return RunPlacementReport(context, PlacementsOptions{});
}

}  // namespace

void AddDemoCommand(CLI::App& app, Context& context) {
  auto options = std::make_shared<DemoCmdOptions>();
  CLI::App* demo = app.add_subcommand(
      "demo", "Create a realistic synthetic Amsterdam data set and report on it");
  demo->add_option("--participants", options->participants,
                   "How many people on bijstand (1..1000000, default 33000: 22 areas of 1500)");
  demo->add_option("--seed", options->seed,
                   "Random seed (default 2019); the same seed gives the same data");
  demo->add_option("--check-ins", options->check_ins,
                   "Check-in conversations a year with everyone spoken to while on bijstand "
                   "(0..52, default 4)");
  demo->footer("Example:\n  traject --db demo.db demo --participants 5000 --seed 7");
  OnRun(demo, context, options, &RunDemo);
}

}  // namespace traject::cli

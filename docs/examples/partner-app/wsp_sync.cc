// wsp-sync: how the werkgeversservicepunt Zuidoost keeps its traject database up to date.
//
//   wsp-sync DATABASE [--export DIRECTORY]
//
// Opens DATABASE (creating it and the organisation on the first run), records one participant's
// road from registration to a BBL placement in the ZuidoostWerkt! programme, shows what the
// library refuses and why, prints the trajectory and its loonkostensubsidie schedule exactly as
// `traject subsidy schedule` computes it, registers a cohort from two threads, and with
// --export writes the organisation's data as CSV. Running it again changes nothing: what is
// already in the database is skipped. Exit code 0 on success, 1 on any unexpected error.
#include <traject/catalogue.h>
#include <traject/date.h>
#include <traject/events.h>
#include <traject/exchange.h>
#include <traject/money.h>
#include <traject/parameters.h>
#include <traject/plugin_host.h>
#include <traject/reports.h>
#include <traject/status.h>
#include <traject/store.h>

#include <chrono>
#include <iomanip>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "cohort_sync.h"

namespace {

using namespace std::chrono_literals;
using std::chrono::February;
using std::chrono::March;
using std::chrono::May;
using std::chrono::November;
using std::chrono::October;
using std::chrono::September;
using traject::Result;
using traject::Status;

constexpr const char* kOrganisation = "wsp-zuidoost";
constexpr const char* kOrganisationName = "Werkgeversservicepunt Zuidoost";
constexpr const char* kProgramme = "zuidoostwerkt";
constexpr const char* kTrack = "mbo2-verzorgende";
constexpr const char* kRef = "WSP-0001";
constexpr const char* kEmployer = "Zorgcentrum De Kraal";

// What went wrong and where, for an error we did not expect. Status::ToString() gives
// "<code name>: <message>"; the message never holds personal data, so it may go to a log.
int Fail(std::string_view doing, const Status& status) {
  std::cerr << "wsp-sync: " << doing << ": " << status.ToString() << "\n";
  return 1;
}

// A refusal we expected: the code, the message and the field at fault.
void PrintRefusal(std::string_view what, const Status& status) {
  std::cout << "  refused " << what << ":\n"
            << "    code    " << traject::CodeName(status.code()) << " ("
            << static_cast<int>(status.code()) << ")\n"
            << "    message " << status.message() << "\n"
            << "    field   " << (status.field().empty() ? "-" : status.field()) << "\n";
}

// --- Plugins -----------------------------------------------------------------------------------

// Loads the plugins the CLI would load: TRAJECT_PLUGIN_PATH, then the bundled ones installed
// next to libtraject. A file that cannot be used is skipped with a warning, not an error: say
// so, because its programmes are then unknown and their money rules missing.
Status LoadPlugins(traject::PluginRegistry& registry) {
  Status loaded = registry.LoadDirectories(traject::PluginDirectories({}));
  for (const traject::PluginLoadWarning& warning : registry.warnings()) {
    std::cerr << "wsp-sync: warning: skipped plugin " << warning.path.string() << ": "
              << warning.status.message() << "\n";
  }
  if (!loaded.ok()) return loaded;
  std::cout << "Plugins:";
  for (const auto& plugin : registry.plugins()) {
    std::cout << " " << plugin->name() << " " << plugin->version();
  }
  std::cout << "\n";
  if (registry.PluginFor(kProgramme) == nullptr) {
    return Status::Plugin(std::string("the plugin of programme '") + kProgramme +
                          "' is not loaded");
  }
  return Status::OK();
}

// The milestones a track needs before a placement: those marked required_for_placement, and
// every milestone they come `after`, in the track's order.
std::vector<std::string> MilestonesBeforePlacement(const traject::TrackDefinition& track) {
  std::set<std::string> needed;
  for (auto it = track.milestones.rbegin(); it != track.milestones.rend(); ++it) {
    if (it->required_for_placement || needed.count(it->id) > 0) {
      needed.insert(it->id);
      needed.insert(it->after.begin(), it->after.end());
    }
  }
  std::vector<std::string> ordered;
  for (const traject::MilestoneDefinition& milestone : track.milestones) {
    if (needed.count(milestone.id) > 0) ordered.push_back(milestone.id);
  }
  return ordered;
}

// --- Opening ---------------------------------------------------------------------------------

// Opens our organisation in `path`; the first run creates the file and the organisation.
Result<std::unique_ptr<traject::Store>> OpenOrCreate(const std::string& path,
                                                     traject::StoreOptions options) {
  options.create_organisation = true;  // created once, on the first run; opened ever after
  options.organisation_name = kOrganisationName;
  return traject::Store::Open(path, options);
}

// --- Recording ---------------------------------------------------------------------------------

// Registers the participant, starts the trajectory, records the milestones and the placement.
// Returns the trajectory's id. On a second run the participant is there already: skip.
// Only the batch below is retried when the database is busy, to show that the whole batch is
// the unit to retry; cohort_sync.cc retries every write, as a sync that shares its database
// with other writers should.
Result<std::int64_t> RecordJourney(traject::Store& store, const traject::TrackDefinition& track) {
  // Is the participant already known? NotFound is an answer here, not a failure.
  Result<traject::Participant> known = store.GetParticipant(kRef);
  if (known.ok()) {
    Result<std::vector<traject::Trajectory>> trajectories =
        store.ListTrajectories({.participant_ref = kRef, .programme_id = kProgramme});
    if (!trajectories.ok()) return trajectories.status();
    if (trajectories->empty()) return Status::NotFound("no trajectory for the participant");
    std::cout << "Participant " << kRef << " is already recorded: trajectory "
              << trajectories->front().id << "\n";
    return trajectories->front().id;
  }
  if (known.status().code() != Status::Code::kNotFound) return known.status();

  // 1. Registration and the start of the trajectory: RecordAll is one transaction.
  Result<traject::Recorded> started = store.RecordAll({
      traject::ParticipantRegistered{.ref = kRef,
                                     .birth = 1991y / May / 14,
                                     .area = "Bijlmer Centrum",
                                     .registered = 2024y / February / 5},
      traject::TrajectoryStarted{.ref = kRef,
                                 .programme_id = kProgramme,
                                 .track_id = kTrack,
                                 .date = 2024y / February / 12},
  });
  if (!started.ok()) return started.status();
  const std::int64_t trajectory = started->Find<traject::TrajectoryStarted>()->trajectory_id;
  std::cout << "Registered " << kRef << "; trajectory " << trajectory << " in " << kProgramme << "/"
            << kTrack << "\n";

  // 2. The employer reports the BBL contract before the VOG is in: the store decides against
  // the programme's rules and refuses it. Nothing is written.
  const traject::PlacementStarted placement{.trajectory_id = trajectory,
                                            .employer = kEmployer,
                                            .hours_per_week = 3600,         // centi-hours: 36 h
                                            .gross_monthly_wage = 231'000,  // cents: €2,310.00
                                            .start = 2024y / September / 2};
  Result<traject::Recorded> too_early = store.Record(placement);
  if (too_early.ok()) return Status::Internal("a placement before its milestones was accepted");
  PrintRefusal("a placement before the milestones it needs", too_early.status());

  // 3. The milestones the track needs first, found in the plugin's programme definition.
  const traject::Date reached[] = {2024y / February / 19, 2024y / March / 25, 2024y / May / 13};
  std::vector<traject::Command> milestones;
  std::size_t next = 0;
  for (const std::string& id : MilestonesBeforePlacement(track)) {
    if (next == std::size(reached)) return Status::Internal("the track needs more milestones");
    milestones.push_back(traject::MilestoneReached{
        .trajectory_id = trajectory, .milestone_id = id, .date = reached[next++]});
  }
  Result<traject::Recorded> recorded = store.RecordAll(milestones);
  if (!recorded.ok()) return recorded.status();
  std::cout << "Recorded " << milestones.size() << " milestones\n";

  // 4. The placement and its first loonwaarde assessment in one WriteBatch: the assessment needs
  // the placement id the store assigns, which RecordAll cannot give back halfway. The whole
  // batch is the unit to retry: after a failed Record a batch can only be rolled back.
  Result<std::int64_t> placed = wsp::RetryWhenBusy([&]() -> Result<std::int64_t> {
    Result<std::unique_ptr<traject::WriteBatch>> batch = store.BeginBatch();
    if (!batch.ok()) return batch.status();
    Result<traject::Recorded> started_work = (*batch)->Record(placement);
    if (!started_work.ok()) return started_work.status();  // the batch rolls back when destroyed
    const std::int64_t id = started_work->Find<traject::PlacementStarted>()->placement_id;
    Result<traject::Recorded> assessed = (*batch)->Record(traject::LoonwaardeAssessed{
        .placement_id = id, .date = 2024y / October / 14, .percent = 55});
    if (!assessed.ok()) return assessed.status();
    if (Status committed = (*batch)->Commit(); !committed.ok()) return committed;
    return id;
  });
  if (!placed.ok()) return placed.status();
  std::cout << "Placement " << *placed << " at " << kEmployer << " with loonwaarde 55%\n";

  // 5. The contract says 32 hours, not 36: a correction is an event too. The log keeps what
  // was recorded first; the placement, reports and schedules use the corrected facts.
  Result<traject::Recorded> corrected =
      store.Record(traject::PlacementCorrected{.placement_id = *placed,
                                               .date = 2024y / November / 4,
                                               .hours_per_week = 3200,
                                               .reason = "arbeidsovereenkomst: 32 uur, niet 36"});
  if (!corrected.ok()) return corrected.status();

  // 6. All or nothing: the second command has a typo (140 instead of 40), so RecordAll records
  // neither; the message names the command's index, and field() the field.
  const traject::MilestoneReached review{.trajectory_id = trajectory,
                                         .milestone_id = "tussenbeoordeling",
                                         .date = 2025y / March / 10,
                                         .evidence = "voortgangsverslag"};
  Result<traject::Recorded> typo = store.RecordAll(
      {review, traject::LoonwaardeAssessed{
                   .placement_id = *placed, .date = 2025y / March / 10, .percent = 140}});
  if (typo.ok()) return Status::Internal("a loonwaarde of 140% was accepted");
  PrintRefusal("a batch with one bad command", typo.status());
  Result<traject::Trajectory> after_typo = store.GetTrajectory(trajectory);
  if (!after_typo.ok()) return after_typo.status();
  std::cout << "  milestones recorded after the refused batch: " << after_typo->milestones.size()
            << " (nothing of the batch)\n";
  recorded = store.RecordAll(
      {review, traject::LoonwaardeAssessed{
                   .placement_id = *placed, .date = 2025y / March / 10, .percent = 40}});
  if (!recorded.ok()) return recorded.status();
  std::cout << "Recorded the review and a loonwaarde of 40%\n";
  return trajectory;
}

// Commands the library refuses on their own, without writing anything.
Status ShowRefusals(traject::Store& store, std::int64_t trajectory) {
  // ValidateCommand checks a command's limits without a store: use it to check a file of the
  // partner's own before recording anything. 30 February is no calendar day.
  Status invalid =
      traject::ValidateCommand(traject::PlacementStarted{.trajectory_id = trajectory,
                                                         .employer = kEmployer,
                                                         .hours_per_week = 3200,
                                                         .gross_monthly_wage = 231'000,
                                                         .start = 2025y / February / 30});
  if (invalid.ok()) return Status::Internal("30 February was accepted");
  PrintRefusal("a placement starting on 30 February", invalid);

  // Facts cannot be dated after today (StoreOptions::clock_ms): a diploma next month is a plan.
  const traject::Date next_month = traject::FromDays(traject::ToDays(traject::Today()) + 30);
  Result<traject::Recorded> future = store.Record(traject::MilestoneReached{
      .trajectory_id = trajectory, .milestone_id = "diploma", .date = next_month});
  if (future.ok()) return Status::Internal("a milestone in the future was accepted");
  PrintRefusal("a diploma dated next month", future.status());
  return Status::OK();
}

// --- Queries -----------------------------------------------------------------------------------

Status PrintTrajectory(traject::Store& store, std::int64_t id) {
  Result<traject::Trajectory> t = store.GetTrajectory(id);
  if (!t.ok()) return t.status();
  std::cout << "Trajectory " << t->id << " of " << t->participant_ref << ": " << t->programme_id
            << "/" << t->track_id << ", " << traject::ToString(t->state) << " since "
            << traject::FormatDate(t->state_since) << "\n";
  for (const traject::MilestoneRecord& m : t->milestones) {
    std::cout << "  milestone  " << traject::FormatDate(m.reached) << "  " << m.milestone_id
              << "\n";
  }
  for (const traject::StateChange& change : t->history) {
    std::cout << "  state      " << traject::FormatDate(change.date) << "  "
              << traject::ToString(change.from) << " -> " << traject::ToString(change.to) << "\n";
  }
  Result<std::vector<traject::Placement>> placements = store.PlacementsOf(id);
  if (!placements.ok()) return placements.status();
  for (const traject::Placement& p : *placements) {
    std::cout << "  placement  " << traject::FormatDate(p.start) << "  #" << p.id << " "
              << p.employer << ", " << traject::FormatHours(p.hours_per_week) << " h/week, "
              << traject::FormatEuro(p.gross_monthly_wage) << " a month\n";
    for (const traject::LoonwaardeAssessment& a : p.assessments) {
      std::cout << "  loonwaarde " << traject::FormatDate(a.date) << "  " << a.percent << "%\n";
    }
  }
  for (const traject::Correction& c : t->corrections) {
    std::cout << "  correction " << traject::FormatDate(c.date) << "  " << c.kind << ": " << c.what
              << " (" << c.reason << ", by " << c.actor << ")\n";
  }
  return Status::OK();
}

// --- Money -------------------------------------------------------------------------------------

std::string Basis(const traject::ScheduleSegment& segment) {
  if (segment.overdue) return "none (assessment overdue)";
  if (segment.forfait) return "forfait";
  return "loonwaarde " + std::to_string(*segment.loonwaarde) + "%";
}

// Each placement's loonkostensubsidie, as `traject subsidy schedule` shows it: the programme
// plugin decides eligibility on the placement's start; an eligible placement gets its monthly
// schedule over the default window (its start to its end, or 12 months on).
Status PrintSchedule(traject::Store& store, const traject::PluginRegistry& registry,
                     std::int64_t trajectory) {
  Result<std::vector<traject::PlacementScheduleLine>> lines = traject::BuildPlacementSchedules(
      store, &registry, traject::BuiltinParameters(), trajectory, traject::ScheduleOptions{},
      traject::MissingPlugins::kRefuse);
  if (!lines.ok()) return lines.status();
  std::cout << "Loonkostensubsidie of trajectory " << trajectory << "\n";
  traject::Cents total = 0;
  for (const traject::PlacementScheduleLine& line : *lines) {
    std::cout << "  placement " << line.view.placement.id << " at " << line.view.placement.employer
              << ": " << (line.eligibility.eligible ? "eligible" : "not eligible: ")
              << line.eligibility.reason << "\n";
    if (!line.schedule) continue;
    for (const traject::ScheduleMonth& month : line.schedule->months) {
      std::string bases;
      for (const traject::ScheduleSegment& segment : month.segments) {
        if (!bases.empty()) bases += ", ";
        bases += Basis(segment);
      }
      // Amounts are integer cents (traject::Cents); FormatEuro is for people. setw counts
      // bytes, and "€" is three.
      std::cout << "    " << traject::FormatDate(month.month).substr(0, 7) << std::setw(14)
                << traject::FormatEuro(month.amount) << std::setw(9) << month.amount << " cents  "
                << bases << (month.provisional ? ", provisional" : "") << "\n";
    }
    total += line.schedule->total;
  }
  std::cout << "  total " << traject::FormatEuro(total) << " (" << total << " cents)\n";

  // Without the programme's plugin the banenplan's own rules are unknown, so the figure could
  // silently differ: kRefuse (the default) refuses; kFlag computes with the statutory rules
  // and sets rules_missing on each line it computed that way.
  Result<std::vector<traject::PlacementScheduleLine>> without =
      traject::BuildPlacementSchedules(store, nullptr, traject::BuiltinParameters(), trajectory);
  if (without.ok()) return Status::Internal("a schedule without its plugin was not refused");
  PrintRefusal("a schedule without the programme's plugin", without.status());
  return Status::OK();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && !(argc == 4 && std::string_view(argv[2]) == "--export")) {
    std::cerr << "usage: wsp-sync DATABASE [--export DIRECTORY]\n";
    return 2;
  }
  const std::string database = argv[1];

  traject::PluginRegistry registry;
  if (Status s = LoadPlugins(registry); !s.ok()) return Fail("loading plugins", s);
  // LoadPlugins made sure the programme's plugin is loaded, so the catalogue has it.
  const traject::ProgrammeDefinition* programme = registry.catalogue().Find(kProgramme);
  const traject::TrackDefinition* track = traject::FindTrack(*programme, kTrack);
  if (track == nullptr) return Fail("finding the track", Status::NotFound(kTrack));
  std::cout << "Track " << kTrack << " needs before a placement:";
  const char* separator = " ";
  for (const std::string& id : MilestonesBeforePlacement(*track)) {
    std::cout << separator << id;
    separator = ", ";
  }
  std::cout << "\n";

  traject::StoreOptions options;
  options.organisation = kOrganisation;
  options.actor = "wsp-sync";                 // recorded with every event we write
  options.catalogue = &registry.catalogue();  // outlives the store: both live in main
  Result<std::unique_ptr<traject::Store>> opened = OpenOrCreate(database, options);
  if (!opened.ok()) return Fail("opening " + database, opened.status());
  traject::Store& store = **opened;
  std::cout << "Opened " << database << " (schema version " << store.schema_version()
            << "), organisation " << store.organisation() << "\n";

  Result<std::int64_t> trajectory = RecordJourney(store, *track);
  if (!trajectory.ok()) return Fail("recording " + std::string(kRef), trajectory.status());
  if (Status s = ShowRefusals(store, *trajectory); !s.ok()) return Fail("refusals", s);
  if (Status s = PrintTrajectory(store, *trajectory); !s.ok()) return Fail("querying", s);
  if (Status s = PrintSchedule(store, registry, *trajectory); !s.ok()) {
    return Fail("computing the subsidy schedule", s);
  }

  // Two threads, one Store each, writing the same file. Writers wait for each other up to
  // busy_timeout_ms (default 5 s); past that a write fails with Busy and is tried again.
  Result<wsp::CohortSyncResult> cohort = wsp::SyncCohort(database, options, 2, 10);
  if (!cohort.ok()) return Fail("registering the cohort", cohort.status());
  std::cout << "Cohort from 2 threads: " << cohort->registered << " registered, "
            << cohort->already_known << " already known, " << cohort->retries
            << " writes retried\n";

  if (argc == 4) {
    Result<traject::CsvExportSummary> exported = traject::ExportCsv(store, argv[3]);
    if (!exported.ok()) return Fail("exporting", exported.status());
    std::cout << "Exported " << exported->participants << " participants and " << exported->events
              << " events to " << argv[3] << "\n";
  }
  return 0;
}

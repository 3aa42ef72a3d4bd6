// Decide as the pure function decide.h promises: every command kind accepted on a state that
// fits it, and every refusal of decide.cc, over an in-memory DecisionReads that the tests fill
// by hand. No database: what is checked here is the decision alone, not how a store loads the
// state it reads.
#include "model/decide.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "testutil.h"
#include "traject/bsn.h"
#include "traject/events.h"

namespace traject::model {
namespace {

using test::D;

// --- The state a decision reads ----------------------------------------------------------------

// DecisionReads over plain maps. It honours the interface's promises the way a store does, so
// that a decision that relies on more than it asked for shows here: a trajectory read without
// `details`, or listed, has no milestones, history or corrections; placements are listed in id
// order.
class MemoryReads final : public DecisionReads {
 public:
  std::map<std::string, Participant> participants;
  std::map<std::int64_t, Trajectory> trajectories;
  std::map<std::int64_t, Placement> placements;   // a map: ordered by id, as PlacementsOf is
  std::map<std::string, std::string> bsn_hashes;  // keyed hash -> ref
  std::int64_t next_trajectory_id = 0;
  std::int64_t next_placement_id = 0;

  std::optional<Participant> FindParticipant(const std::string& ref) override {
    auto it = participants.find(ref);
    if (it == participants.end()) return std::nullopt;
    return it->second;
  }
  std::optional<Trajectory> FindTrajectory(std::int64_t id, bool details) override {
    auto it = trajectories.find(id);
    if (it == trajectories.end()) return std::nullopt;
    return details ? it->second : WithoutDetails(it->second);
  }
  std::vector<Trajectory> TrajectoriesOf(const std::string& ref) override {
    std::vector<Trajectory> of;
    for (const auto& [id, t] : trajectories) {
      if (t.participant_ref == ref) of.push_back(WithoutDetails(t));
    }
    return of;
  }
  std::optional<Placement> FindPlacement(std::int64_t id) override {
    auto it = placements.find(id);
    if (it == placements.end()) return std::nullopt;
    return it->second;
  }
  std::vector<Placement> PlacementsOf(std::int64_t trajectory_id) override {
    std::vector<Placement> of;
    for (const auto& [id, p] : placements) {
      if (p.trajectory_id == trajectory_id) of.push_back(p);
    }
    return of;
  }
  std::optional<std::string> ParticipantWithBsn(const std::string& bsn_hash) override {
    auto it = bsn_hashes.find(bsn_hash);
    if (it == bsn_hashes.end()) return std::nullopt;
    return it->second;
  }
  std::int64_t NextTrajectoryId() override { return next_trajectory_id; }
  std::int64_t NextPlacementId() override { return next_placement_id; }

 private:
  static Trajectory WithoutDetails(Trajectory t) {
    t.milestones.clear();
    t.history.clear();
    t.corrections.clear();
    return t;
  }
};

// The BSN key of the tests (at least kMinBsnKeyBytes), and two BSNs that pass the elfproef.
constexpr std::string_view kBsnKey = "decide-test-key-0123456789abcdef";
constexpr const char* kBeasBsn = "123456782";
constexpr const char* kNewBsn = "111222333";
// A note that may hold personal data: no refusal repeats it.
constexpr const char* kNote = "schuldhulp loopt, zie dossier";

// The test programme (testutil.h: track "zorg", intake -> start-leren, vog required for a
// placement, diploma) plus a track "direct" whose only milestone enters in-leerwerk and which
// needs nothing for a placement: the states a trajectory in it can reach from aangemeld by a
// milestone or a placement are illegal ones, which "zorg" cannot show.
const ProgrammeCatalogue& Catalogue() {
  static const ProgrammeCatalogue catalogue = [] {
    ProgrammeDefinition programme = test::TestProgramme();
    TrackDefinition direct;
    direct.id = "direct";
    direct.name = "Direct aan het werk";
    direct.sector = "zorg";
    direct.milestones = {MilestoneDefinition{
        .id = "start-direct", .name = "Start direct", .enters = TrajectoryState::kInLeerwerk}};
    programme.tracks.push_back(direct);
    ProgrammeCatalogue c;
    Status added = c.Add(std::move(programme), "decide_test");
    EXPECT_TRUE(added.ok()) << added.ToString();
    return c;
  }();
  return catalogue;
}

DecisionContext Context() {
  return DecisionContext{
      .org = "test-org", .catalogue = &Catalogue(), .today = D("2026-06-01"), .bsn_key = kBsnKey};
}

// The world every case starts from, on 2026-06-01:
//   anna: registered 2026-01-05, born 1990-04-01, klantmanager Bram Visser since registration;
//     trajectory 7 (test-plan/zorg) started 2026-02-01: intake 02-03, vog 02-05, start-leren
//     02-10, so in-leerwerk since 02-10, each move caused by its milestone;
//   bea: registered 2026-03-01 with a BSN, no trajectory.
// The next free ids are 8 and 21, not 1: an assigned id is then seen to come from the reads.
MemoryReads World() {
  MemoryReads r;
  r.participants["anna"] =
      Participant{.ref = "anna",
                  .birth = D("1990-04-01"),
                  .area = "Bijlmer Oost",
                  .cohort = "2026-01",
                  .klantmanager = "Bram Visser",
                  .registered = D("2026-01-05"),
                  .assignments = {{CaseworkerRole::kKlantmanager, "Bram Visser", D("2026-01-05")}}};
  r.participants["bea"] = Participant{.ref = "bea",
                                      .registered = D("2026-03-01"),
                                      .bsn_verified = true,
                                      .bsn_hash = BsnHash(kBsnKey, kBeasBsn)};
  r.bsn_hashes[BsnHash(kBsnKey, kBeasBsn)] = "bea";
  r.trajectories[7] =
      Trajectory{.id = 7,
                 .participant_ref = "anna",
                 .programme_id = "test-plan",
                 .track_id = "zorg",
                 .state = TrajectoryState::kInLeerwerk,
                 .started = D("2026-02-01"),
                 .state_since = D("2026-02-10"),
                 .milestones = {{"intake", D("2026-02-03"), ""},
                                {"vog", D("2026-02-05"), "VOG-1"},
                                {"start-leren", D("2026-02-10"), ""}},
                 .history = {{TrajectoryState::kAangemeld, TrajectoryState::kIntake,
                              D("2026-02-03"), "milestone intake", "intake", 0},
                             {TrajectoryState::kIntake, TrajectoryState::kInLeerwerk,
                              D("2026-02-10"), "milestone start-leren", "start-leren", 0}}};
  r.next_trajectory_id = 8;
  r.next_placement_id = 21;
  return r;
}

// Anna starts placement 20 in trajectory 7 on 2026-03-02, assessed at 60 % on 03-16; the
// placement moved the trajectory to geplaatst.
void Place(MemoryReads& r) {
  r.placements[20] = Placement{.id = 20,
                               .trajectory_id = 7,
                               .employer = "Zorggroep Oost",
                               .hours_per_week = 3200,
                               .gross_monthly_wage = 230000,
                               .start = D("2026-03-02"),
                               .assessments = {{D("2026-03-16"), 60}}};
  Trajectory& t = r.trajectories[7];
  t.state = TrajectoryState::kGeplaatst;
  t.state_since = D("2026-03-02");
  t.history.push_back({TrajectoryState::kInLeerwerk, TrajectoryState::kGeplaatst, D("2026-03-02"),
                       "placement 20", "", 20});
}

void EndPlacement(MemoryReads& r, const char* last_day) {
  r.placements[20].end = D(last_day);
  r.placements[20].end_reason = "contract ended";
}

// Bea's trajectory 9 in test-plan/zorg (or another track), aangemeld since 2026-04-01.
void StartBea(MemoryReads& r, std::int64_t id = 9, const char* track = "zorg") {
  r.trajectories[id] = Trajectory{.id = id,
                                  .participant_ref = "bea",
                                  .programme_id = "test-plan",
                                  .track_id = track,
                                  .state = TrajectoryState::kAangemeld,
                                  .started = D("2026-04-01"),
                                  .state_since = D("2026-04-01")};
}

void Forget(MemoryReads& r, const std::string& ref) { r.participants[ref].forgotten = true; }

// A decided event as one line: stream, kind and the payload as the log stores it. Equal lines,
// equal events; a clear BSN, which the log never stores, is shown so that keeping it fails.
std::string Line(const std::string& stream, const EventPayload& payload) {
  std::string line = stream + " " + std::string(KindOf(payload)) + " " + EncodePayload(payload);
  if (const auto* registered = std::get_if<ParticipantRegistered>(&payload);
      registered && !registered->bsn.empty()) {
    line += " [clear BSN kept: " + registered->bsn + "]";
  }
  return line;
}

std::vector<std::string> Lines(const std::vector<Decided>& decided) {
  std::vector<std::string> lines;
  for (const Decided& d : decided) lines.push_back(Line(d.stream, d.payload));
  return lines;
}

// --- Accepted commands --------------------------------------------------------------------------

struct AcceptedCase {
  std::string name;
  std::function<void(MemoryReads&)> setup;  // on World(); may be empty
  Command command;
  std::vector<Decided> expected;  // the command completed first, then what it causes
  std::function<void(DecisionContext&)> context = nullptr;  // on Context(); may be empty
};

void PrintTo(const AcceptedCase& c, std::ostream* out) { *out << c.name; }

// Shorthands for the expected events.
Decided Anna(EventPayload payload) { return {"participant/anna", std::move(payload)}; }
Decided Bea(EventPayload payload) { return {"participant/bea", std::move(payload)}; }

std::vector<AcceptedCase> AcceptedCases() {
  using S = TrajectoryState;
  std::vector<AcceptedCase> cases;

  // A registration keeps the BSN only as its keyed hash (and marks it verified), and stores its
  // target groups sorted and without duplicates.
  cases.push_back(
      {"ParticipantRegistered",
       nullptr,
       ParticipantRegistered{
           .ref = "cas",
           .birth = D("1995-05-05"),
           .area = "Gaasperdam",
           .groups = {TargetGroup::kJongere, TargetGroup::kStatushouder, TargetGroup::kJongere},
           .registered = D("2026-05-01"),
           .bsn = kNewBsn},
       {{"participant/cas",
         ParticipantRegistered{.ref = "cas",
                               .birth = D("1995-05-05"),
                               .area = "Gaasperdam",
                               .groups = {TargetGroup::kStatushouder, TargetGroup::kJongere},
                               .registered = D("2026-05-01"),
                               .bsn_verified = true,
                               .bsn_hash = BsnHash(kBsnKey, kNewBsn)}}}});
  // Without a BSN no key is needed, and nothing is verified.
  cases.push_back(
      {"ParticipantRegisteredWithoutBsnOrKey",
       nullptr,
       ParticipantRegistered{.ref = "cas", .registered = D("2026-06-01")},
       {{"participant/cas", ParticipantRegistered{.ref = "cas", .registered = D("2026-06-01")}}},
       [](DecisionContext& c) { c.bsn_key = {}; }});

  cases.push_back(
      {"CaseworkerAssigned",
       nullptr,
       CaseworkerAssigned{"anna", CaseworkerRole::kJobhunter, "Dirk", D("2026-05-01")},
       {Anna(CaseworkerAssigned{"anna", CaseworkerRole::kJobhunter, "Dirk", D("2026-05-01")})}});
  // Another klantmanager takes over from Bram.
  cases.push_back(
      {"CaseworkerAssignedSuccessor",
       nullptr,
       CaseworkerAssigned{"anna", CaseworkerRole::kKlantmanager, "Eva", D("2026-05-01")},
       {Anna(CaseworkerAssigned{"anna", CaseworkerRole::kKlantmanager, "Eva", D("2026-05-01")})}});

  cases.push_back({"ContactRecorded",
                   nullptr,
                   ContactRecorded{"anna", ContactKind::kConversation, D("2026-04-01")},
                   {Anna(ContactRecorded{"anna", ContactKind::kConversation, D("2026-04-01")})}});

  // Id 0 takes the next free id from the reads.
  cases.push_back({"TrajectoryStarted",
                   nullptr,
                   TrajectoryStarted{0, "bea", "test-plan", "zorg", D("2026-04-01")},
                   {Bea(TrajectoryStarted{8, "bea", "test-plan", "zorg", D("2026-04-01")})}});
  // A free id given is kept; an afgebroken trajectory in the programme does not block a new one.
  cases.push_back({"TrajectoryStartedAgainWithItsOwnId",
                   [](MemoryReads& r) { r.trajectories[7].state = S::kAfgebroken; },
                   TrajectoryStarted{30, "anna", "test-plan", "zorg", D("2026-05-01")},
                   {Anna(TrajectoryStarted{30, "anna", "test-plan", "zorg", D("2026-05-01")})}});

  // `from` is the trajectory's state, whatever the command held there.
  cases.push_back({"TrajectoryStateChanged",
                   nullptr,
                   TrajectoryStateChanged{7, S::kTerugval, S::kUitgestroomd, D("2026-05-01"), kNote,
                                          ExitReason::kEducation},
                   {Anna(TrajectoryStateChanged{7, S::kInLeerwerk, S::kUitgestroomd,
                                                D("2026-05-01"), kNote, ExitReason::kEducation})}});
  // Back to learning once the placement has ended (its last day may be the day of the move).
  cases.push_back(
      {"TrajectoryStateChangedBackToLearning",
       [](MemoryReads& r) {
         Place(r);
         EndPlacement(r, "2026-05-01");
       },
       TrajectoryStateChanged{7, S::kAangemeld, S::kInLeerwerk, D("2026-05-01")},
       {Anna(TrajectoryStateChanged{7, S::kGeplaatst, S::kInLeerwerk, D("2026-05-01")})}});

  // diploma enters no state: the milestone alone.
  cases.push_back({"MilestoneReached",
                   nullptr,
                   MilestoneReached{7, "diploma", D("2026-05-20"), kNote},
                   {Anna(MilestoneReached{7, "diploma", D("2026-05-20"), kNote})}});
  // intake enters intake: the milestone, then the state change it causes, on its date.
  cases.push_back({"MilestoneReachedEntersItsState",
                   [](MemoryReads& r) { StartBea(r); },
                   MilestoneReached{9, "intake", D("2026-04-02")},
                   {Bea(MilestoneReached{9, "intake", D("2026-04-02")}),
                    Bea(TrajectoryStateChanged{9, S::kAangemeld, S::kIntake, D("2026-04-02"),
                                               "milestone intake"})}});

  // A placement takes the next free id and moves its trajectory to geplaatst.
  cases.push_back({"PlacementStarted",
                   nullptr,
                   PlacementStarted{0, 7, "Zorggroep Oost", 3200, 230000, D("2026-04-01")},
                   {Anna(PlacementStarted{21, 7, "Zorggroep Oost", 3200, 230000, D("2026-04-01")}),
                    Anna(TrajectoryStateChanged{7, S::kInLeerwerk, S::kGeplaatst, D("2026-04-01"),
                                                "placement 21"})}});
  // A trajectory still geplaatst after its first placement ended is not moved again.
  cases.push_back(
      {"PlacementStartedWhileGeplaatst",
       [](MemoryReads& r) {
         Place(r);
         EndPlacement(r, "2026-04-30");
       },
       PlacementStarted{0, 7, "Thuiszorg West", 2400, 190000, D("2026-05-04")},
       {Anna(PlacementStarted{21, 7, "Thuiszorg West", 2400, 190000, D("2026-05-04")})}});

  cases.push_back({"PlacementEnded",
                   Place,
                   PlacementEnded{20, D("2026-05-15"), kNote},
                   {Anna(PlacementEnded{20, D("2026-05-15"), kNote})}});

  cases.push_back({"LoonwaardeAssessed",
                   Place,
                   LoonwaardeAssessed{20, D("2026-04-16"), 75},
                   {Anna(LoonwaardeAssessed{20, D("2026-04-16"), 75})}});

  // The new target groups are stored sorted and without duplicates.
  cases.push_back({"ParticipantChanged",
                   nullptr,
                   ParticipantChanged{.ref = "anna",
                                      .date = D("2026-05-01"),
                                      .area = "Gaasperdam",
                                      .groups = std::vector{TargetGroup::kVijftigPlusser,
                                                            TargetGroup::kStatushouder,
                                                            TargetGroup::kVijftigPlusser},
                                      .reason = kNote},
                   {Anna(ParticipantChanged{.ref = "anna",
                                            .date = D("2026-05-01"),
                                            .area = "Gaasperdam",
                                            .groups = std::vector{TargetGroup::kStatushouder,
                                                                  TargetGroup::kVijftigPlusser},
                                            .reason = kNote})}});

  cases.push_back(
      {"CaseworkerUnassigned",
       nullptr,
       CaseworkerUnassigned{"anna", CaseworkerRole::kKlantmanager, D("2026-05-01"), kNote},
       {Anna(
           CaseworkerUnassigned{"anna", CaseworkerRole::kKlantmanager, D("2026-05-01"), kNote})}});

  cases.push_back(
      {"MilestoneCorrected",
       nullptr,
       MilestoneCorrected{7, "vog", D("2026-05-01"), D("2026-02-06"), "VOG-2", kNote},
       {Anna(MilestoneCorrected{7, "vog", D("2026-05-01"), D("2026-02-06"), "VOG-2", kNote})}});

  // start-leren caused the latest state change, and nothing reached requires it.
  cases.push_back({"MilestoneRetracted",
                   nullptr,
                   MilestoneRetracted{7, "start-leren", D("2026-05-01"), kNote},
                   {Anna(MilestoneRetracted{7, "start-leren", D("2026-05-01"), kNote})}});

  cases.push_back({"PlacementCorrected",
                   Place,
                   PlacementCorrected{.placement_id = 20,
                                      .date = D("2026-05-01"),
                                      .hours_per_week = 2400,
                                      .start = D("2026-03-03"),
                                      .reason = kNote},
                   {Anna(PlacementCorrected{.placement_id = 20,
                                            .date = D("2026-05-01"),
                                            .hours_per_week = 2400,
                                            .start = D("2026-03-03"),
                                            .reason = kNote})}});
  // The placement did not end after all.
  cases.push_back(
      {"PlacementCorrectedReopened",
       [](MemoryReads& r) {
         Place(r);
         EndPlacement(r, "2026-04-30");
       },
       PlacementCorrected{
           .placement_id = 20, .date = D("2026-05-01"), .reopen = true, .reason = kNote},
       {Anna(PlacementCorrected{
           .placement_id = 20, .date = D("2026-05-01"), .reopen = true, .reason = kNote})}});

  cases.push_back({"LoonwaardeWithdrawn",
                   Place,
                   LoonwaardeWithdrawn{20, D("2026-03-16"), D("2026-05-01"), kNote},
                   {Anna(LoonwaardeWithdrawn{20, D("2026-03-16"), D("2026-05-01"), kNote})}});
  return cases;
}

class DecideAccepts : public testing::TestWithParam<AcceptedCase> {};

TEST_P(DecideAccepts, DecidesTheCompletedCommandAndWhatItCauses) {
  const AcceptedCase& c = GetParam();
  MemoryReads reads = World();
  if (c.setup) c.setup(reads);
  DecisionContext context = Context();
  if (c.context) c.context(context);
  Result<std::vector<Decided>> decided = Decide(reads, context, c.command);
  ASSERT_TRUE(decided.ok()) << decided.status().ToString();
  EXPECT_EQ(Lines(*decided), Lines(c.expected));
}

INSTANTIATE_TEST_SUITE_P(Decide, DecideAccepts, testing::ValuesIn(AcceptedCases()),
                         [](const testing::TestParamInfo<AcceptedCase>& info) {
                           return info.param.name;
                         });

// Every kind of Command, from the variant itself: a kind added to it without an acceptance case
// above fails here, not silently.
template <std::size_t... I>
std::vector<std::string_view> CommandKinds(std::index_sequence<I...>) {
  return {KindOf(Command(std::in_place_index<I>))...};
}

TEST(DecideCoverage, EveryCommandKindHasAnAcceptedCase) {
  const std::vector<std::string_view> kinds =
      CommandKinds(std::make_index_sequence<std::variant_size_v<Command>>());
  std::set<std::string_view> accepted;
  for (const AcceptedCase& c : AcceptedCases()) accepted.insert(KindOf(c.command));
  // The guard guards: 15 distinct kinds today, each named as the log names it.
  EXPECT_EQ(std::set<std::string_view>(kinds.begin(), kinds.end()).size(), kinds.size());
  EXPECT_EQ(kinds.size(), 15u);
  for (std::string_view kind : kinds) {
    EXPECT_TRUE(accepted.contains(kind)) << "no accepted case for command kind " << kind;
  }
}

// --- Refused commands ---------------------------------------------------------------------------

struct RefusedCase {
  std::string name;
  std::function<void(MemoryReads&)> setup;  // on World(); may be empty
  Command command;
  Status::Code code;
  std::string field;     // Status::field()
  std::string mentions;  // in the message: the record at fault, or what is wrong
  std::function<void(DecisionContext&)> context = nullptr;  // on Context(); may be empty
  std::string absent = "";  // a value of the command the message must not repeat, if any
};

void PrintTo(const RefusedCase& c, std::ostream* out) { *out << c.name; }

std::vector<RefusedCase> RefusedCases() {
  using S = TrajectoryState;
  using C = Status::Code;
  constexpr C kInvalid = C::kInvalidArgument;
  constexpr CaseworkerRole kKlantmanager = CaseworkerRole::kKlantmanager;
  const auto placed = [](MemoryReads& r) { Place(r); };
  const auto placed_and_ended = [](MemoryReads& r) {
    Place(r);
    EndPlacement(r, "2026-04-30");
  };
  // Bram became klantmanager later than anna registered.
  const auto bram_since_march = [](MemoryReads& r) {
    r.participants["anna"].assignments[0].from = D("2026-03-01");
  };
  const auto no_catalogue = [](DecisionContext& c) { c.catalogue = nullptr; };

  return {
      // ValidateCommand runs before anything is read: an unknown trajectory is not the fault.
      {"InvalidCommandBeforeState", nullptr,
       PlacementStarted{0, 99, "", 3200, 230000, D("2026-04-01")}, kInvalid, "employer",
       "employer"},

      // participant.registered
      {"RegisteredInTheFuture", nullptr,
       ParticipantRegistered{.ref = "cas", .registered = D("2026-06-02")}, kInvalid, "registered",
       "after today (2026-06-01)"},
      {"RegisteredTwice", nullptr,
       ParticipantRegistered{.ref = "anna", .registered = D("2026-05-01")}, C::kConflict, "ref",
       "participant 'anna' is already registered"},
      {"BsnWithoutKey", nullptr,
       ParticipantRegistered{.ref = "cas", .registered = D("2026-05-01"), .bsn = kNewBsn}, kInvalid,
       "bsn", "no BSN key is set", [](DecisionContext& c) { c.bsn_key = {}; }, kNewBsn},
      {"BsnOfAnotherParticipant", nullptr,
       ParticipantRegistered{.ref = "cas", .registered = D("2026-05-01"), .bsn = kBeasBsn},
       C::kConflict, "bsn", "participant 'bea' is registered with this BSN", nullptr, kBeasBsn},

      // caseworker.assigned; the participant lookups every participant command shares
      {"UnknownParticipant", nullptr,
       CaseworkerAssigned{"nobody", kKlantmanager, "Eva", D("2026-05-01")}, C::kNotFound, "ref",
       "no participant 'nobody' in organisation 'test-org'"},
      {"ForgottenParticipant", [](MemoryReads& r) { Forget(r, "anna"); },
       CaseworkerAssigned{"anna", kKlantmanager, "Eva", D("2026-05-01")}, kInvalid, "ref",
       "participant 'anna' was forgotten"},
      {"AssignedBeforeRegistration", nullptr,
       CaseworkerAssigned{"anna", CaseworkerRole::kJobhunter, "Dirk", D("2026-01-04")}, kInvalid,
       "date", "participant 'anna': the assignment on 2026-01-04 is before the registration"},
      {"AssignedInTheFuture", nullptr,
       CaseworkerAssigned{"anna", CaseworkerRole::kJobhunter, "Dirk", D("2026-06-02")}, kInvalid,
       "date", "after today"},
      // The caseworker's name is not repeated: "that caseworker".
      {"SameCaseworkerAgain", nullptr,
       CaseworkerAssigned{"anna", kKlantmanager, "Bram Visser", D("2026-05-01")}, C::kConflict,
       "name", "already the klantmanager of 'anna' (since 2026-01-05)", nullptr, "Bram Visser"},
      {"AssignedBeforeTheCurrentOne", bram_since_march,
       CaseworkerAssigned{"anna", kKlantmanager, "Eva", D("2026-02-01")}, kInvalid, "date",
       "participant 'anna': the assignment date 2026-02-01 is before the current klantmanager's"},

      // caseworker.unassigned
      {"UnassignedInTheFuture", nullptr,
       CaseworkerUnassigned{"anna", kKlantmanager, D("2026-06-02"), kNote}, kInvalid, "date",
       "after today"},
      {"UnassignNobody", nullptr,
       CaseworkerUnassigned{"anna", CaseworkerRole::kJobhunter, D("2026-05-01"), kNote},
       C::kNotFound, "role", "participant 'anna' has no jobhunter"},
      // An ended assignment is no current one, though it is the role's latest.
      {"UnassignAnEndedAssignment",
       [](MemoryReads& r) { r.participants["anna"].assignments[0].until = D("2026-04-01"); },
       CaseworkerUnassigned{"anna", kKlantmanager, D("2026-05-01"), kNote}, C::kNotFound, "role",
       "participant 'anna' has no klantmanager"},
      {"UnassignedBeforeAssigned", bram_since_march,
       CaseworkerUnassigned{"anna", kKlantmanager, D("2026-02-01"), kNote}, kInvalid, "date",
       "participant 'anna': 2026-02-01 is before the klantmanager was assigned, 2026-03-01"},

      // contact.recorded
      {"ContactBeforeRegistration", nullptr,
       ContactRecorded{"anna", ContactKind::kInvited, D("2026-01-04")}, kInvalid, "date",
       "participant 'anna': the contact on 2026-01-04"},
      {"ContactInTheFuture", nullptr,
       ContactRecorded{"anna", ContactKind::kInvited, D("2026-06-02")}, kInvalid, "date",
       "after today"},

      // participant.changed
      {"ChangeBeforeRegistration", nullptr,
       ParticipantChanged{
           .ref = "anna", .date = D("2026-01-04"), .area = "Gaasperdam", .reason = kNote},
       kInvalid, "date", "participant 'anna': the change on 2026-01-04"},
      {"BirthNotBeforeRegistration", nullptr,
       ParticipantChanged{
           .ref = "anna", .date = D("2026-05-01"), .birth = D("2026-01-05"), .reason = kNote},
       kInvalid, "birth", "participant 'anna': the birth date is not before the registration"},
      {"YoungerThan15OnRegistration", nullptr,
       ParticipantChanged{
           .ref = "anna", .date = D("2026-05-01"), .birth = D("2011-01-06"), .reason = kNote},
       kInvalid, "birth", "participant 'anna': younger than 15"},
      {"ChangeChangesNothing", nullptr,
       ParticipantChanged{
           .ref = "anna", .date = D("2026-05-01"), .area = "Bijlmer Oost", .reason = kNote},
       kInvalid, "reason", "participant 'anna': the change changes nothing"},
      // The same groups once sorted and made unique are no change either.
      {"ChangeToTheSameGroups",
       [](MemoryReads& r) { r.participants["anna"].groups = {TargetGroup::kJongere}; },
       ParticipantChanged{.ref = "anna",
                          .date = D("2026-05-01"),
                          .groups = std::vector{TargetGroup::kJongere, TargetGroup::kJongere},
                          .reason = kNote},
       kInvalid, "reason", "changes nothing"},

      // trajectory.started
      // A birth on or after the registration is refused on the way in; should one be held, a
      // trajectory still cannot start before it.
      {"StartNotAfterBirth", [](MemoryReads& r) { r.participants["bea"].birth = D("2026-04-01"); },
       TrajectoryStarted{0, "bea", "test-plan", "zorg", D("2026-04-01")}, kInvalid, "date",
       "participant 'bea': the trajectory start 2026-04-01 is not after"},
      {"StartBeforeRegistration", nullptr,
       TrajectoryStarted{0, "bea", "test-plan", "zorg", D("2026-02-28")}, kInvalid, "date",
       "participant 'bea': the trajectory start on 2026-02-28 is before the registration"},
      {"StartInTheFuture", nullptr,
       TrajectoryStarted{0, "bea", "test-plan", "zorg", D("2026-06-02")}, kInvalid, "date",
       "after today"},
      {"StartWithNoProgrammesLoaded", nullptr,
       TrajectoryStarted{0, "bea", "test-plan", "zorg", D("2026-04-01")}, C::kNotFound,
       "programme_id", "programme 'test-plan' is not known: no programmes are loaded",
       no_catalogue},
      {"StartInUnknownProgramme", nullptr,
       TrajectoryStarted{0, "bea", "other-plan", "zorg", D("2026-04-01")}, C::kNotFound,
       "programme_id",
       "unknown programme 'other-plan' (its plugin is not loaded?); loaded "
       "programmes: test-plan"},
      {"StartInUnknownTrack", nullptr,
       TrajectoryStarted{0, "bea", "test-plan", "techniek", D("2026-04-01")}, C::kNotFound,
       "track_id", "programme 'test-plan' has no track 'techniek'; its tracks: zorg, direct"},
      {"StartWhileOpenInTheProgramme", nullptr,
       TrajectoryStarted{0, "anna", "test-plan", "zorg", D("2026-05-01")}, C::kConflict,
       "programme_id", "participant 'anna' already has an open trajectory 7"},
      {"StartWithATrajectoryIdInUse", nullptr,
       TrajectoryStarted{7, "bea", "test-plan", "zorg", D("2026-04-01")}, C::kConflict,
       "trajectory_id", "trajectory id 7 is already in use"},

      // trajectory.state-changed; the trajectory lookups every trajectory command shares
      {"UnknownTrajectory", nullptr,
       TrajectoryStateChanged{99, S::kAangemeld, S::kAfgebroken, D("2026-05-01")}, C::kNotFound,
       "trajectory_id", "no trajectory 99 in organisation 'test-org'"},
      {"TrajectoryOfAForgottenParticipant", [](MemoryReads& r) { Forget(r, "anna"); },
       TrajectoryStateChanged{7, S::kAangemeld, S::kAfgebroken, D("2026-05-01")}, kInvalid,
       "trajectory_id", "participant 'anna' was forgotten"},
      {"GeplaatstByAStateChange", nullptr,
       TrajectoryStateChanged{7, S::kAangemeld, S::kGeplaatst, D("2026-05-01")}, kInvalid, "to",
       "becomes geplaatst by recording a placement"},
      {"IllegalTransition", nullptr,
       TrajectoryStateChanged{7, S::kAangemeld, S::kAangemeld, D("2026-05-01")}, kInvalid, "to",
       "trajectory 7: illegal transition in-leerwerk -> aangemeld"},
      {"StateChangeBeforeTheCurrentState", nullptr,
       TrajectoryStateChanged{7, S::kAangemeld, S::kAfgebroken, D("2026-02-09")}, kInvalid, "date",
       "trajectory 7: date 2026-02-09 is before 2026-02-10, when it entered its current "
       "state in-leerwerk"},
      {"StateChangeInTheFuture", nullptr,
       TrajectoryStateChanged{7, S::kAangemeld, S::kAfgebroken, D("2026-06-02")}, kInvalid, "date",
       "after today"},
      {"BackToLearningWhilePlaced", placed,
       TrajectoryStateChanged{7, S::kAangemeld, S::kInLeerwerk, D("2026-05-01")}, kInvalid, "to",
       "trajectory 7: placement 20 is still running on 2026-05-01"},
      {"BackToLearningBeforeThePlacementEnds",
       [](MemoryReads& r) {
         Place(r);
         EndPlacement(r, "2026-05-10");
       },
       TrajectoryStateChanged{7, S::kAangemeld, S::kInLeerwerk, D("2026-05-01")}, kInvalid, "to",
       "placement 20 is still running on 2026-05-01"},

      // milestone.reached
      {"MilestoneOnAFinalTrajectory",
       [](MemoryReads& r) { r.trajectories[7].state = S::kAfgebroken; },
       MilestoneReached{7, "diploma", D("2026-05-01")}, kInvalid, "trajectory_id",
       "trajectory 7 is afgebroken: no more milestones"},
      // The trajectory follows the programme, so it exists: its plugin is what is missing.
      {"MilestoneOfAProgrammeNotLoaded", nullptr, MilestoneReached{7, "diploma", D("2026-05-01")},
       C::kPlugin, "trajectory_id", "no plugin is loaded for programme 'test-plan'", no_catalogue},
      {"UnknownMilestone", nullptr, MilestoneReached{7, "examen", D("2026-05-01")}, C::kNotFound,
       "milestone_id",
       "track 'zorg' has no milestone 'examen'; its milestones: intake, "
       "start-leren, vog, diploma"},
      {"MilestoneReachedTwice", nullptr, MilestoneReached{7, "vog", D("2026-05-01")}, C::kConflict,
       "milestone_id", "trajectory 7: milestone 'vog' was already reached"},
      {"MilestoneBeforeWhatItRequires", [](MemoryReads& r) { StartBea(r); },
       MilestoneReached{9, "vog", D("2026-04-05")}, kInvalid, "milestone_id",
       "trajectory 9: milestone 'vog' requires 'intake' first"},
      {"MilestoneDatedBeforeWhatItRequires", nullptr,
       MilestoneReached{7, "diploma", D("2026-02-09")}, kInvalid, "date",
       "trajectory 7: milestone 'diploma' on 2026-02-09 is dated before 'start-leren'"},
      {"MilestoneBeforeTheTrajectoryStart", [](MemoryReads& r) { StartBea(r); },
       MilestoneReached{9, "intake", D("2026-03-31")}, kInvalid, "date",
       "trajectory 9: date 2026-03-31 is before its start 2026-04-01"},
      {"MilestoneInTheFuture", nullptr, MilestoneReached{7, "diploma", D("2026-06-02")}, kInvalid,
       "date", "after today"},
      // start-direct enters in-leerwerk, which aangemeld cannot go to.
      {"MilestoneEntersAnIllegalState", [](MemoryReads& r) { StartBea(r, 10, "direct"); },
       MilestoneReached{10, "start-direct", D("2026-04-05")}, kInvalid, "milestone_id",
       "trajectory 10: milestone 'start-direct' moves it to in-leerwerk: illegal transition "
       "aangemeld -> in-leerwerk"},
      // Bea's trajectory was moved to intake by hand on 04-10; her intake, recorded later, was
      // on 04-05. start-leren on 04-07 would enter in-leerwerk before intake was entered.
      {"MilestoneEntersBeforeTheCurrentState",
       [](MemoryReads& r) {
         StartBea(r);
         Trajectory& t = r.trajectories[9];
         t.state = S::kIntake;
         t.state_since = D("2026-04-10");
         t.history = {{S::kAangemeld, S::kIntake, D("2026-04-10"), "by hand", "", 0}};
         t.milestones = {{"intake", D("2026-04-05"), ""}};
       },
       MilestoneReached{9, "start-leren", D("2026-04-07")}, kInvalid, "date",
       "trajectory 9: date 2026-04-07 is before 2026-04-10, when it entered its current state "
       "intake"},

      // milestone.corrected
      {"CorrectAMilestoneOfAnUnknownTrajectory", nullptr,
       MilestoneCorrected{99, "vog", D("2026-05-01"), D("2026-02-06"), std::nullopt, kNote},
       C::kNotFound, "trajectory_id", "no trajectory 99"},
      {"MilestoneCorrectionInTheFuture", nullptr,
       MilestoneCorrected{7, "vog", D("2026-06-02"), D("2026-02-06"), std::nullopt, kNote},
       kInvalid, "date", "after today"},
      {"CorrectAMilestoneOfAProgrammeNotLoaded", nullptr,
       MilestoneCorrected{7, "vog", D("2026-05-01"), D("2026-02-06"), std::nullopt, kNote},
       C::kPlugin, "trajectory_id", "no plugin is loaded for programme 'test-plan'", no_catalogue},
      {"CorrectAnUnreachedMilestone", nullptr,
       MilestoneCorrected{7, "diploma", D("2026-05-01"), D("2026-04-01"), std::nullopt, kNote},
       C::kNotFound, "milestone_id", "trajectory 7: milestone 'diploma' was not reached"},
      {"MilestoneCorrectionBeforeTheFact", nullptr,
       MilestoneCorrected{7, "vog", D("2026-02-04"), std::nullopt, "VOG-2", kNote}, kInvalid,
       "date", "the correction is dated 2026-02-04, before the fact it corrects (2026-02-05)"},
      {"MilestoneCorrectionBeforeItsNewDate", nullptr,
       MilestoneCorrected{7, "vog", D("2026-05-01"), D("2026-05-02"), std::nullopt, kNote},
       kInvalid, "date", "before the fact it corrects (2026-05-02)"},
      {"MilestoneCorrectionChangesNothing", nullptr,
       MilestoneCorrected{7, "vog", D("2026-05-01"), D("2026-02-05"), "VOG-1", kNote}, kInvalid,
       "reason", "trajectory 7: the correction of 'vog' changes nothing"},
      {"MilestoneCorrectedBeforeTheTrajectoryStart", nullptr,
       MilestoneCorrected{7, "intake", D("2026-05-01"), D("2026-01-31"), std::nullopt, kNote},
       kInvalid, "reached", "trajectory 7: reached 2026-01-31 is before its start 2026-02-01"},
      {"MilestoneCorrectedBeforeWhatItRequires", nullptr,
       MilestoneCorrected{7, "vog", D("2026-05-01"), D("2026-02-02"), std::nullopt, kNote},
       kInvalid, "reached",
       "trajectory 7: 'vog' would be dated 2026-02-02, before 'intake' (2026-02-03)"},
      {"MilestoneCorrectedAfterWhatRequiresIt", nullptr,
       MilestoneCorrected{7, "intake", D("2026-05-01"), D("2026-02-06"), std::nullopt, kNote},
       kInvalid, "reached",
       "trajectory 7: 'intake' would be dated 2026-02-06, after 'vog' (2026-02-05)"},
      {"MilestoneCorrectedAfterAPlacementNeedingIt", placed,
       MilestoneCorrected{7, "vog", D("2026-05-01"), D("2026-03-03"), std::nullopt, kNote},
       kInvalid, "reached", "trajectory 7: placement 20 started on 2026-03-02 needs 'vog'"},
      // Intake was entered by hand on 02-04, after the intake milestone of 02-03: start-leren
      // moved to 02-03 would move its state change before that step.
      {"MilestoneCorrectedBeforeTheStepBefore",
       [](MemoryReads& r) {
         r.trajectories[7].history[0] = {S::kAangemeld, S::kIntake, D("2026-02-04"),
                                         "by hand",     "",         0};
       },
       MilestoneCorrected{7, "start-leren", D("2026-05-01"), D("2026-02-03"), std::nullopt, kNote},
       kInvalid, "reached",
       "trajectory 7: the move to in-leerwerk would be dated 2026-02-03, before the step before "
       "it (2026-02-04)"},
      {"MilestoneCorrectedAfterTheStepAfter", placed,
       MilestoneCorrected{7, "start-leren", D("2026-05-01"), D("2026-03-05"), std::nullopt, kNote},
       kInvalid, "reached",
       "trajectory 7: the move to in-leerwerk would be dated 2026-03-05, after the step after it "
       "(geplaatst on 2026-03-02)"},

      // milestone.retracted
      {"RetractAnUnreachedMilestone", nullptr,
       MilestoneRetracted{7, "diploma", D("2026-05-01"), kNote}, C::kNotFound, "milestone_id",
       "trajectory 7: milestone 'diploma' was not reached"},
      {"RetractionBeforeTheFact", nullptr,
       MilestoneRetracted{7, "start-leren", D("2026-02-09"), kNote}, kInvalid, "date",
       "before the fact it corrects (2026-02-10)"},
      {"RetractAMilestoneOthersRequire", nullptr,
       MilestoneRetracted{7, "intake", D("2026-05-01"), kNote}, kInvalid, "milestone_id",
       "trajectory 7: 'vog' requires 'intake'; retract 'vog' first"},
      {"RetractAMilestoneAPlacementNeeded", placed,
       MilestoneRetracted{7, "vog", D("2026-05-01"), kNote}, kInvalid, "milestone_id",
       "trajectory 7: placement 20 needed 'vog' reached first"},
      {"RetractAfterTheLifecycleMovedOn", placed,
       MilestoneRetracted{7, "start-leren", D("2026-05-01"), kNote}, kInvalid, "milestone_id",
       "trajectory 7: 'start-leren' moved it to in-leerwerk, and it has moved on since "
       "(geplaatst on 2026-03-02)"},

      // placement.started
      {"PlacementOnAClosedTrajectory",
       [](MemoryReads& r) { r.trajectories[7].state = S::kUitgestroomd; },
       PlacementStarted{0, 7, "Zorggroep Oost", 3200, 230000, D("2026-05-01")}, kInvalid,
       "trajectory_id", "trajectory 7 is uitgestroomd: no new placements"},
      {"PlacementBeforeTheTrajectoryStart", nullptr,
       PlacementStarted{0, 7, "Zorggroep Oost", 3200, 230000, D("2026-01-31")}, kInvalid, "start",
       "trajectory 7: start 2026-01-31 is before its start 2026-02-01"},
      {"PlacementInTheFuture", nullptr,
       PlacementStarted{0, 7, "Zorggroep Oost", 3200, 230000, D("2026-06-02")}, kInvalid, "start",
       "after today"},
      {"PlacementInAProgrammeNotLoaded", nullptr,
       PlacementStarted{0, 7, "Zorggroep Oost", 3200, 230000, D("2026-04-01")}, C::kPlugin,
       "trajectory_id", "no plugin is loaded for programme 'test-plan'", no_catalogue},
      {"PlacementWithoutTheMilestoneItNeeds",
       [](MemoryReads& r) {
         std::erase_if(r.trajectories[7].milestones,
                       [](const auto& m) { return m.milestone_id == "vog"; });
       },
       PlacementStarted{0, 7, "Zorggroep Oost", 3200, 230000, D("2026-04-01")}, kInvalid, "start",
       "trajectory 7: a placement needs these milestones reached by its start first: 'vog' (VOG "
       "ontvangen)"},
      {"PlacementBeforeTheMilestoneItNeeds", nullptr,
       PlacementStarted{0, 7, "Zorggroep Oost", 3200, 230000, D("2026-02-04")}, kInvalid, "start",
       "'vog' (VOG ontvangen)"},
      {"SecondRunningPlacement", placed,
       PlacementStarted{0, 7, "Thuiszorg West", 2400, 190000, D("2026-05-01")}, C::kConflict,
       "trajectory_id", "trajectory 7 already has a running placement 20"},
      {"PlacementIdInUse", placed_and_ended,
       PlacementStarted{20, 7, "Thuiszorg West", 2400, 190000, D("2026-05-04")}, C::kConflict,
       "placement_id", "placement id 20 is already in use"},
      // A trajectory in "direct" is still aangemeld: no placement can move it to geplaatst.
      {"PlacementCannotMoveItToGeplaatst", [](MemoryReads& r) { StartBea(r, 10, "direct"); },
       PlacementStarted{0, 10, "Zorggroep Oost", 3200, 230000, D("2026-04-05")}, kInvalid,
       "trajectory_id",
       "trajectory 10: a placement moves it to geplaatst: illegal transition aangemeld -> "
       "geplaatst"},
      {"PlacementBeforeTheCurrentState", nullptr,
       PlacementStarted{0, 7, "Zorggroep Oost", 3200, 230000, D("2026-02-07")}, kInvalid, "start",
       "trajectory 7: start 2026-02-07 is before 2026-02-10, when it entered its current state "
       "in-leerwerk"},

      // placement.ended; the placement lookups every placement command shares
      {"UnknownPlacement", nullptr, PlacementEnded{99, D("2026-05-01")}, C::kNotFound,
       "placement_id", "no placement 99 in organisation 'test-org'"},
      {"PlacementOfAForgottenParticipant",
       [](MemoryReads& r) {
         Place(r);
         Forget(r, "anna");
       },
       PlacementEnded{20, D("2026-05-01")}, kInvalid, "placement_id",
       "participant 'anna' was forgotten"},
      {"PlacementEndedTwice", placed_and_ended, PlacementEnded{20, D("2026-05-01")}, C::kConflict,
       "placement_id", "placement 20 already ended on 2026-04-30"},
      {"PlacementEndedBeforeItsStart", placed, PlacementEnded{20, D("2026-03-01")}, kInvalid,
       "date", "placement 20: end 2026-03-01 is before its start 2026-03-02"},
      {"PlacementEndedBeforeItsAssessment", placed, PlacementEnded{20, D("2026-03-15")}, kInvalid,
       "date",
       "placement 20: end 2026-03-15 is before its loonwaarde assessment on 2026-03-16; withdraw "
       "that first"},
      {"PlacementEndedInTheFuture", placed, PlacementEnded{20, D("2026-06-02")}, kInvalid, "date",
       "after today"},

      // placement.corrected
      {"PlacementCorrectionInTheFuture", placed,
       PlacementCorrected{
           .placement_id = 20, .date = D("2026-06-02"), .hours_per_week = 2400, .reason = kNote},
       kInvalid, "date", "after today"},
      {"PlacementCorrectionBeforeItsStart", placed,
       PlacementCorrected{
           .placement_id = 20, .date = D("2026-03-01"), .hours_per_week = 2400, .reason = kNote},
       kInvalid, "date", "before the fact it corrects (2026-03-02)"},
      {"PlacementCorrectionBeforeItsNewEnd", placed,
       PlacementCorrected{
           .placement_id = 20, .date = D("2026-05-01"), .end = D("2026-05-10"), .reason = kNote},
       kInvalid, "date", "before the fact it corrects (2026-05-10)"},
      {"ReopenARunningPlacement", placed,
       PlacementCorrected{
           .placement_id = 20, .date = D("2026-05-01"), .reopen = true, .reason = kNote},
       kInvalid, "reopen", "placement 20 has no recorded end to remove"},
      {"PlacementCorrectionChangesNothing", placed,
       PlacementCorrected{.placement_id = 20,
                          .date = D("2026-05-01"),
                          .employer = "Zorggroep Oost",
                          .hours_per_week = 3200,
                          .reason = kNote},
       kInvalid, "reason", "placement 20: the correction changes nothing"},
      {"PlacementMovedBeforeTheTrajectoryStart", placed,
       PlacementCorrected{
           .placement_id = 20, .date = D("2026-05-01"), .start = D("2026-01-31"), .reason = kNote},
       kInvalid, "start", "trajectory 7: start 2026-01-31 is before its start 2026-02-01"},
      {"PlacementMovedBeforeTheMilestoneItNeeds", placed,
       PlacementCorrected{
           .placement_id = 20, .date = D("2026-05-01"), .start = D("2026-02-04"), .reason = kNote},
       kInvalid, "start", "'vog' (VOG ontvangen)"},
      {"PlacementMovedAfterItsAssessment", placed,
       PlacementCorrected{
           .placement_id = 20, .date = D("2026-05-01"), .start = D("2026-03-20"), .reason = kNote},
       kInvalid, "start",
       "placement 20: a loonwaarde assessment on 2026-03-16 would be before its start"},
      // The move to geplaatst the placement caused would precede the move to in-leerwerk.
      {"PlacementMovedBeforeTheStepBefore", placed,
       PlacementCorrected{
           .placement_id = 20, .date = D("2026-05-01"), .start = D("2026-02-09"), .reason = kNote},
       kInvalid, "start",
       "trajectory 7: the move to geplaatst would be dated 2026-02-09, before the step before it "
       "(2026-02-10)"},
      // The placement ended on 04-30 and the trajectory went back to learning on 05-01; a start
      // moved to 05-02 would move the geplaatst step after that.
      {"PlacementMovedAfterTheStepAfter",
       [](MemoryReads& r) {
         Place(r);
         EndPlacement(r, "2026-04-30");
         r.placements[20].assessments.clear();
         Trajectory& t = r.trajectories[7];
         t.history.push_back({S::kGeplaatst, S::kInLeerwerk, D("2026-05-01"), "", "", 0});
         t.state = S::kInLeerwerk;
         t.state_since = D("2026-05-01");
       },
       PlacementCorrected{
           .placement_id = 20, .date = D("2026-05-03"), .start = D("2026-05-02"), .reason = kNote},
       kInvalid, "start",
       "trajectory 7: the move to geplaatst would be dated 2026-05-02, after the step after it "
       "(in-leerwerk on 2026-05-01)"},
      // Only the start is corrected, so the start is the field at fault.
      {"PlacementMovedAfterItsEnd",
       [](MemoryReads& r) {
         Place(r);
         EndPlacement(r, "2026-04-30");
         r.placements[20].assessments.clear();
       },
       PlacementCorrected{
           .placement_id = 20, .date = D("2026-05-06"), .start = D("2026-05-05"), .reason = kNote},
       kInvalid, "start", "placement 20: end 2026-04-30 is before its start 2026-05-05"},
      {"PlacementEndCorrectedBeforeItsStart", placed,
       PlacementCorrected{
           .placement_id = 20, .date = D("2026-05-01"), .end = D("2026-03-01"), .reason = kNote},
       kInvalid, "end", "placement 20: end 2026-03-01 is before its start 2026-03-02"},
      {"PlacementEndCorrectedBeforeItsAssessment", placed,
       PlacementCorrected{
           .placement_id = 20, .date = D("2026-05-01"), .end = D("2026-03-10"), .reason = kNote},
       kInvalid, "end", "placement 20: end 2026-03-10 is before its loonwaarde assessment"},
      {"ReopenBesideAnotherRunningPlacement",
       [](MemoryReads& r) {
         Place(r);
         EndPlacement(r, "2026-04-30");
         r.placements[21] = Placement{.id = 21,
                                      .trajectory_id = 7,
                                      .employer = "Thuiszorg West",
                                      .hours_per_week = 2400,
                                      .gross_monthly_wage = 190000,
                                      .start = D("2026-05-04")};
       },
       PlacementCorrected{
           .placement_id = 20, .date = D("2026-05-05"), .reopen = true, .reason = kNote},
       C::kConflict, "reopen",
       "placement 20 cannot run again: trajectory 7 has a running placement 21"},

      // loonwaarde.assessed
      {"AssessedBeforeThePlacement", placed, LoonwaardeAssessed{20, D("2026-03-01"), 70}, kInvalid,
       "date", "placement 20: assessment date 2026-03-01 is outside the placement"},
      {"AssessedAfterThePlacementEnded", placed_and_ended,
       LoonwaardeAssessed{20, D("2026-05-01"), 70}, kInvalid, "date",
       "placement 20: assessment date 2026-05-01 is outside the placement"},
      {"AssessedInTheFuture", placed, LoonwaardeAssessed{20, D("2026-06-02"), 70}, kInvalid, "date",
       "after today"},
      {"AssessedTwiceOnADay", placed, LoonwaardeAssessed{20, D("2026-03-16"), 70}, C::kConflict,
       "date", "placement 20 already has an assessment on 2026-03-16"},

      // loonwaarde.withdrawn
      {"WithdrawalInTheFuture", placed,
       LoonwaardeWithdrawn{20, D("2026-03-16"), D("2026-06-02"), kNote}, kInvalid, "date",
       "after today"},
      {"WithdrawAnUnknownAssessment", placed,
       LoonwaardeWithdrawn{20, D("2026-03-17"), D("2026-05-01"), kNote}, C::kNotFound, "assessed",
       "placement 20 has no loonwaarde assessment on 2026-03-17"},
      {"WithdrawalBeforeTheAssessment", placed,
       LoonwaardeWithdrawn{20, D("2026-03-16"), D("2026-03-15"), kNote}, kInvalid, "date",
       "before the fact it corrects (2026-03-16)"},
  };
}

class DecideRefuses : public testing::TestWithParam<RefusedCase> {};

TEST_P(DecideRefuses, WithTheCodeFieldAndRecord) {
  const RefusedCase& c = GetParam();
  MemoryReads reads = World();
  if (c.setup) c.setup(reads);
  DecisionContext context = Context();
  if (c.context) c.context(context);
  Result<std::vector<Decided>> decided = Decide(reads, context, c.command);
  ASSERT_FALSE(decided.ok()) << "accepted: " << testing::PrintToString(Lines(*decided));
  const Status& s = decided.status();
  EXPECT_EQ(s.code(), c.code) << s.ToString();
  EXPECT_EQ(s.field(), c.field) << s.ToString();
  EXPECT_NE(s.message().find(c.mentions), std::string::npos)
      << "the message does not say \"" << c.mentions << "\": " << s.message();
  // Notes may hold personal data, and a BSN is personal data: no refusal repeats either.
  for (const std::string& secret : {std::string(kNote), std::string(c.absent)}) {
    if (secret.empty()) continue;
    EXPECT_EQ(s.message().find(secret), std::string::npos) << s.message();
  }
}

INSTANTIATE_TEST_SUITE_P(Decide, DecideRefuses, testing::ValuesIn(RefusedCases()),
                         [](const testing::TestParamInfo<RefusedCase>& info) {
                           return info.param.name;
                         });

}  // namespace
}  // namespace traject::model

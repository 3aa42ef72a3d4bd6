// Decide: what a command means, as a pure function of the command and the state it reads.
//
// A decision validates a command against the current state of one organisation and returns the
// events to record: the first is the command itself, completed (assigned ids, the `from` state);
// any further events are caused by it (e.g. the move to geplaatst a placement implies). It reads
// through DecisionReads and never writes, so the same rules run on whatever holds the state: the
// participant records a write batch holds in memory and loads from SQL when it must
// (storage/recorder.h), or a test's fixture without a database.
#ifndef TRAJECT_MODEL_DECIDE_H_
#define TRAJECT_MODEL_DECIDE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "traject/catalogue.h"
#include "traject/events.h"
#include "traject/participant.h"
#include "traject/placement.h"
#include "traject/status.h"
#include "traject/trajectory.h"

namespace traject::model {

// What one decision may read: the current state of one organisation. Implementations may throw
// on a failing backend; Decide lets that through to the caller.
class DecisionReads {
 public:
  virtual ~DecisionReads() = default;
  // With its caseworker assignments; contacts and corrections may be left out.
  virtual std::optional<Participant> FindParticipant(const std::string& ref) = 0;
  // With milestones and history when `details`; corrections may be left out.
  virtual std::optional<Trajectory> FindTrajectory(std::int64_t id, bool details) = 0;
  // The participant's trajectories, without details.
  virtual std::vector<Trajectory> TrajectoriesOf(const std::string& ref) = 0;
  // With its loonwaarde assessments.
  virtual std::optional<Placement> FindPlacement(std::int64_t id) = 0;
  // The trajectory's placements, with their assessments, ordered by id.
  virtual std::vector<Placement> PlacementsOf(std::int64_t trajectory_id) = 0;
  // The ref of the participant whose BSN has this keyed hash, if any.
  virtual std::optional<std::string> ParticipantWithBsn(const std::string& bsn_hash) = 0;
  virtual std::int64_t NextTrajectoryId() = 0;
  virtual std::int64_t NextPlacementId() = 0;
};

struct DecisionContext {
  std::string org;                                // for messages
  const ProgrammeCatalogue* catalogue = nullptr;  // may be null: no programmes known
  Date today{};                                   // facts dated later are refused
  std::string_view bsn_key{};                     // StoreOptions::bsn_key; empty: none
};

struct Decided {
  std::string stream;
  EventPayload payload;
};

// The stream of everything about one participant, and back: the participant of a stream
// (nullopt for the organisation's stream).
std::string ParticipantStream(const std::string& ref);
std::optional<std::string> ParticipantOfStream(const std::string& stream);

// Validates `command` (ValidateCommand first, then against the state) and decides its events.
// On error: InvalidArgument, NotFound or Conflict naming the field (Status::field()) and the
// record at fault.
Result<std::vector<Decided>> Decide(DecisionReads& reads, const DecisionContext& context,
                                    const Command& command);

}  // namespace traject::model

#endif  // TRAJECT_MODEL_DECIDE_H_

// ParticipantRecord: everything the projections hold about one participant, as rows.
//
// Every event but the organisation's belongs to one participant's stream, and every projection
// row belongs to one participant: the participant, its contacts, caseworker assignments and
// corrections, its trajectories with their milestones and state changes, its placements with
// their loonwaarde assessments. A record is the unit the projector changes (Project), storage
// loads and writes (storage/record_rows.h), and a write batch keeps in memory while it decides,
// so that a batch never reads back what it has just decided.
//
// Each row remembers how it changed since it was loaded, so that writing a record touches only
// the rows that changed; a deleted row stays (hidden from every view) until it is written.
#ifndef TRAJECT_MODEL_PARTICIPANT_RECORD_H_
#define TRAJECT_MODEL_PARTICIPANT_RECORD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "traject/events.h"
#include "traject/participant.h"
#include "traject/placement.h"
#include "traject/trajectory.h"

namespace traject::model {

enum class RowChange : std::uint8_t { kNone, kInserted, kUpdated, kDeleted };

// One projection row: its value, the seq of the event that made it (0 where the table has no
// seq column) and how it changed.
template <typename T>
struct Row {
  T value{};
  std::int64_t seq = 0;
  RowChange change = RowChange::kNone;

  bool live() const { return change != RowChange::kDeleted; }
  // An update keeps a row that is new since loading new.
  void Touch() {
    if (change == RowChange::kNone) change = RowChange::kUpdated;
  }
};

// A trajectory row (without milestones, history and corrections) and its child rows.
struct TrajectoryRows {
  Row<Trajectory> head;
  std::vector<Row<MilestoneRecord>> milestones;  // by seq
  std::vector<Row<StateChange>> history;         // by seq
};

// A placement row (without assessments; seq is the placement.started event's) and its
// assessments.
struct PlacementRows {
  Row<Placement> head;
  std::vector<Row<LoonwaardeAssessment>> assessments;  // by date
};

struct ParticipantRecord {
  std::string ref;
  // The participant row (without contacts, assignments and corrections); absent, with change
  // kNone, until the participant is registered.
  std::optional<Row<Participant>> participant;
  std::vector<Row<CohortContact>> contacts;            // by seq
  std::vector<Row<CaseworkerAssignment>> assignments;  // by seq
  std::vector<Row<Correction>> corrections;            // by seq; of the trajectories' too
  std::vector<TrajectoryRows> trajectories;            // by id
  std::vector<PlacementRows> placements;               // by id
  // The position the participant's stream's next event takes.
  std::int64_t next_position = 0;

  bool exists() const { return participant.has_value(); }
  // nullptr when the record has no such trajectory or placement.
  const TrajectoryRows* FindTrajectory(std::int64_t id) const;
  const PlacementRows* FindPlacement(std::int64_t id) const;
  TrajectoryRows* FindTrajectory(std::int64_t id) {
    return const_cast<TrajectoryRows*>(std::as_const(*this).FindTrajectory(id));
  }
  PlacementRows* FindPlacement(std::int64_t id) {
    return const_cast<PlacementRows*>(std::as_const(*this).FindPlacement(id));
  }
  // After the rows were written: every row unchanged, deleted rows gone.
  void MarkWritten();
};

// Views in the public model. REQUIRES for the Find functions' results: the record exists.
// With caseworker assignments; with contacts and the participant's own corrections (those not
// about a trajectory) when `details`.
Participant ParticipantOf(const ParticipantRecord& record, bool details);
// With milestones, history and the trajectory's corrections when `details`.
Trajectory TrajectoryOf(const ParticipantRecord& record, const TrajectoryRows& rows, bool details);
// With its assessments.
Placement PlacementOf(const PlacementRows& rows);

// Applies one event of the record's stream, as the projections record it. Pure: the same log
// gives the same rows, whether recorded or replayed. REQUIRES: `event` was decided against this
// record (model/decide.h) or replays a log that was; it is not OrganisationCreated.
void Project(ParticipantRecord& record, const Event& event);

}  // namespace traject::model

#endif  // TRAJECT_MODEL_PARTICIPANT_RECORD_H_

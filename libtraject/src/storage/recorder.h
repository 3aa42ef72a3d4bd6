// Recorder: the write path of one organisation inside one write transaction.
//
// Record decides a command (model/decide.h) against the participant records it reads, gives the
// resulting events their seq and position, projects them into those records in memory
// (model/participant_record.h) and buffers them for the log. Nothing is read back that the
// recorder decided itself: the records it touched stay in memory, the least recently used
// written out and dropped when more than `capacity` are held, and everything else is written by
// Flush. So a command costs the same in an empty database and in a large one, and a batch of
// commands about one participant reads that participant once.
//
// Replay does the same for events read from the log (RebuildProjections), without deciding or
// appending.
//
// REQUIRES: the write transaction is open for the recorder's whole life, and nothing else
// writes the organisation's projections or log meanwhile. Storage failures throw
// soci::soci_error; after one, only rolling back is safe.
#ifndef TRAJECT_STORAGE_RECORDER_H_
#define TRAJECT_STORAGE_RECORDER_H_

#include <cstdint>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/decide.h"
#include "model/participant_record.h"
#include "storage/bulk_inserts.h"
#include "storage/dialect.h"
#include "storage/event_log.h"
#include "storage/statements.h"
#include "traject/store.h"

namespace traject::storage {

class Recorder final : public model::DecisionReads {
 public:
  // `capacity`: how many records it holds at most (StoreOptions::batch_records). REQUIRES: >= 1.
  Recorder(Statements& sql, const Dialect& dialect, EventSequence& sequence, std::string org,
           int schema_version, std::size_t capacity);
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  // Decides `command` and records its events as made by `actor` at `recorded_at_ms`. On a
  // decision error (InvalidArgument, NotFound, Conflict) nothing changed.
  Result<Recorded> Record(const model::DecisionContext& context, const Command& command,
                          const std::string& actor, std::int64_t recorded_at_ms);

  // Projects an event of this organisation read from the log.
  void Replay(const Event& event);

  // Writes the buffered events and every changed record. The records stay held.
  void Flush();

  // model::DecisionReads
  std::optional<Participant> FindParticipant(const std::string& ref) override;
  std::optional<std::string> ParticipantWithBsn(const std::string& bsn_hash) override;
  std::optional<Trajectory> FindTrajectory(std::int64_t id, bool details) override;
  std::vector<Trajectory> TrajectoriesOf(const std::string& ref) override;
  std::optional<Placement> FindPlacement(std::int64_t id) override;
  std::vector<Placement> PlacementsOf(std::int64_t trajectory_id) override;
  std::int64_t NextTrajectoryId() override;
  std::int64_t NextPlacementId() override;

 private:
  struct Held {
    model::ParticipantRecord record;
    std::list<std::string>::iterator recency;
    bool changed = false;  // projected into since it was loaded or last written
  };

  // The record of `ref`, loaded when not held; the most recently used from now.
  model::ParticipantRecord& Get(const std::string& ref);
  model::ParticipantRecord* OfTrajectory(std::int64_t id);
  model::ParticipantRecord* OfPlacement(std::int64_t id);
  void Project(Held& held, const Event& event);
  Held& GetHeld(const std::string& ref);
  void Evict(const std::string& ref);
  void FlushEvents();
  // One more than the larger of the stored largest id (`max_query`, read once into `stored`)
  // and the largest this recorder projected.
  std::int64_t NextId(const char* max_query, std::optional<std::int64_t>& stored,
                      std::int64_t largest);

  Statements& sql_;
  const Dialect& dialect_;
  EventSequence& sequence_;
  BulkInserts inserts_;  // flushed before every read and at the end of Flush
  const std::string org_;
  const int schema_version_;
  const std::size_t capacity_;

  std::unordered_map<std::string, Held> held_;
  std::list<std::string> recency_;  // most recently used first
  // Owners of the trajectories and placements of held records.
  std::unordered_map<std::int64_t, std::string> trajectory_owner_;
  std::unordered_map<std::int64_t, std::string> placement_owner_;
  // Ids: the largest stored when the recorder first needed one, and the largest it projected.
  std::optional<std::int64_t> stored_trajectory_id_, stored_placement_id_;
  std::int64_t largest_trajectory_id_ = 0, largest_placement_id_ = 0;

  std::vector<Event> pending_events_;  // decided, not yet in the log
  // Streams' next positions of records written out while their events were still pending (the
  // log cannot tell them yet).
  std::unordered_map<std::string, std::int64_t> pending_positions_;
};

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_RECORDER_H_

#include "storage/recorder.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "storage/queries.h"
#include "storage/record_rows.h"
#include "storage/schema.h"

namespace traject::storage {

namespace {

// Events buffered before they are written: bounds a batch's memory, and gives the log bulk
// writes.
constexpr std::size_t kEventBuffer = 4096;

// The projection tables a record's rows go to, parents before children.
std::vector<std::string> ParentsFirst(int schema_version) {
  const std::vector<std::string>& children_first = ProjectionTables(schema_version);
  std::vector<std::string> tables(children_first.rbegin(), children_first.rend());
  std::erase(tables, "organisations");
  return tables;
}

}  // namespace

Recorder::Recorder(Statements& sql, const Dialect& dialect, EventSequence& sequence,
                   std::string org, int schema_version, std::size_t capacity)
    : sql_(sql),
      dialect_(dialect),
      sequence_(sequence),
      inserts_(sql, dialect, ParentsFirst(schema_version)),
      org_(std::move(org)),
      schema_version_(schema_version),
      capacity_(capacity) {}

Result<Recorded> Recorder::Record(const model::DecisionContext& context, const Command& command,
                                  const std::string& actor, std::int64_t recorded_at_ms) {
  Result<std::vector<model::Decided>> decided = model::Decide(*this, context, command);
  if (!decided.ok()) return decided.status();
  const std::vector<std::int64_t> seqs = sequence_.Take(decided->size());
  Recorded recorded;
  std::optional<std::int64_t> cause;
  for (std::size_t i = 0; i < decided->size(); ++i) {
    model::Decided& d = (*decided)[i];
    const std::optional<std::string> ref = model::ParticipantOfStream(d.stream);
    if (!ref) throw std::logic_error("a decision outside a participant's stream");
    Held& held = GetHeld(*ref);
    Event event{seqs[i], org_,  std::move(d.stream), held.record.next_position++, recorded_at_ms,
                actor,   cause, std::move(d.payload)};
    Project(held, event);
    if (!cause) cause = event.seq;
    pending_events_.push_back(event);
    recorded.events.push_back(std::move(event));
  }
  if (pending_events_.size() >= kEventBuffer) FlushEvents();
  return recorded;
}

void Recorder::Replay(const Event& event) {
  const std::optional<std::string> ref = model::ParticipantOfStream(event.stream);
  if (!ref) return;  // the organisation's own events have no participant rows
  Held& held = GetHeld(*ref);
  held.record.next_position = event.position + 1;
  Project(held, event);
}

void Recorder::Project(Held& held, const Event& event) {
  const model::ParticipantRecord& record = held.record;
  model::Project(held.record, event);
  held.changed = true;
  if (const auto* started = std::get_if<TrajectoryStarted>(&event.payload)) {
    trajectory_owner_[started->trajectory_id] = record.ref;
    largest_trajectory_id_ = std::max(largest_trajectory_id_, started->trajectory_id);
  } else if (const auto* placed = std::get_if<PlacementStarted>(&event.payload)) {
    placement_owner_[placed->placement_id] = record.ref;
    largest_placement_id_ = std::max(largest_placement_id_, placed->placement_id);
  }
}

void Recorder::Flush() {
  FlushEvents();
  for (auto& [ref, held] : held_) {
    if (!held.changed) continue;
    WriteRecord(sql_, inserts_, org_, held.record, schema_version_);
    held.changed = false;
  }
  inserts_.Flush();
}

void Recorder::FlushEvents() {
  AppendEvents(sql_, dialect_, schema_version_, pending_events_);
  pending_events_.clear();
  pending_positions_.clear();
}

model::ParticipantRecord& Recorder::Get(const std::string& ref) { return GetHeld(ref).record; }

Recorder::Held& Recorder::GetHeld(const std::string& ref) {
  auto it = held_.find(ref);
  if (it != held_.end()) {
    recency_.splice(recency_.begin(), recency_, it->second.recency);
    return it->second;
  }
  while (held_.size() >= capacity_) Evict(recency_.back());
  inserts_.Flush();  // the record's rows may be among them
  model::ParticipantRecord record = LoadRecord(sql_, org_, ref, schema_version_);
  if (auto pending = pending_positions_.find(ref); pending != pending_positions_.end()) {
    record.next_position = pending->second;
  }
  for (const model::TrajectoryRows& t : record.trajectories) {
    trajectory_owner_[t.head.value.id] = ref;
  }
  for (const model::PlacementRows& p : record.placements) placement_owner_[p.head.value.id] = ref;
  recency_.push_front(ref);
  Held& held = held_[ref];
  held.record = std::move(record);
  held.recency = recency_.begin();
  return held;
}

void Recorder::Evict(const std::string& ref) {
  auto it = held_.find(ref);
  model::ParticipantRecord& record = it->second.record;
  if (it->second.changed) WriteRecord(sql_, inserts_, org_, record, schema_version_);
  if (!pending_events_.empty()) pending_positions_[ref] = record.next_position;
  for (const model::TrajectoryRows& t : record.trajectories) {
    trajectory_owner_.erase(t.head.value.id);
  }
  for (const model::PlacementRows& p : record.placements) placement_owner_.erase(p.head.value.id);
  recency_.erase(it->second.recency);
  held_.erase(it);
}

model::ParticipantRecord* Recorder::OfTrajectory(std::int64_t id) {
  if (auto it = trajectory_owner_.find(id); it != trajectory_owner_.end()) {
    return &Get(std::string(it->second));
  }
  inserts_.Flush();
  std::optional<std::string> ref = RefOfTrajectory(sql_, org_, id);
  return ref ? &Get(*ref) : nullptr;
}

model::ParticipantRecord* Recorder::OfPlacement(std::int64_t id) {
  if (auto it = placement_owner_.find(id); it != placement_owner_.end()) {
    return &Get(std::string(it->second));
  }
  inserts_.Flush();
  std::optional<std::string> ref = RefOfPlacement(sql_, org_, id);
  return ref ? &Get(*ref) : nullptr;
}

std::optional<Participant> Recorder::FindParticipant(const std::string& ref) {
  const model::ParticipantRecord& record = Get(ref);
  if (!record.exists()) return std::nullopt;
  return model::ParticipantOf(record, /*details=*/false);
}

std::optional<std::string> Recorder::ParticipantWithBsn(const std::string& bsn_hash) {
  // The records held may be newer than their rows: they are looked at first. Not a map of
  // this recorder's registrations: that would grow with the batch, which batch_records bounds.
  for (const auto& [ref, held] : held_) {
    if (held.record.exists() && held.record.participant->value.bsn_hash == bsn_hash) return ref;
  }
  if (schema_version_ < 5) return std::nullopt;
  inserts_.Flush();
  return RefWithBsnHash(sql_, org_, bsn_hash);
}

std::optional<Trajectory> Recorder::FindTrajectory(std::int64_t id, bool details) {
  const model::ParticipantRecord* record = OfTrajectory(id);
  if (!record) return std::nullopt;
  const model::TrajectoryRows* rows = record->FindTrajectory(id);
  if (!rows) return std::nullopt;
  return model::TrajectoryOf(*record, *rows, details);
}

std::vector<Trajectory> Recorder::TrajectoriesOf(const std::string& ref) {
  const model::ParticipantRecord& record = Get(ref);
  std::vector<Trajectory> all;
  for (const model::TrajectoryRows& t : record.trajectories) {
    all.push_back(model::TrajectoryOf(record, t, /*details=*/false));
  }
  return all;
}

std::optional<Placement> Recorder::FindPlacement(std::int64_t id) {
  const model::ParticipantRecord* record = OfPlacement(id);
  if (!record) return std::nullopt;
  const model::PlacementRows* rows = record->FindPlacement(id);
  if (!rows) return std::nullopt;
  return model::PlacementOf(*rows);
}

std::vector<Placement> Recorder::PlacementsOf(std::int64_t trajectory_id) {
  std::vector<Placement> all;
  const model::ParticipantRecord* record = OfTrajectory(trajectory_id);
  if (!record) return all;
  for (const model::PlacementRows& p : record->placements) {
    if (p.head.value.trajectory_id == trajectory_id) all.push_back(model::PlacementOf(p));
  }
  return all;
}

std::int64_t Recorder::NextId(const char* max_query, std::optional<std::int64_t>& stored,
                              std::int64_t largest) {
  if (!stored) {
    inserts_.Flush();
    Statement& s = sql_.Get(max_query, "i");
    s.Run(org_).One();
    stored = s.Int(0);
  }
  return std::max(*stored, largest) + 1;
}

std::int64_t Recorder::NextTrajectoryId() {
  return NextId("SELECT COALESCE(MAX(id), 0) FROM trajectories WHERE org = :org",
                stored_trajectory_id_, largest_trajectory_id_);
}

std::int64_t Recorder::NextPlacementId() {
  return NextId("SELECT COALESCE(MAX(id), 0) FROM placements WHERE org = :org",
                stored_placement_id_, largest_placement_id_);
}

}  // namespace traject::storage

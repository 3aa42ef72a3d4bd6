#include "storage/sql_reads.h"

#include "storage/queries.h"

namespace traject::storage {

std::optional<Participant> SqlReads::FindParticipant(const std::string& ref) {
  return storage::FindParticipant(sql_, org_, ref, schema_version_, /*details=*/false);
}

std::optional<Trajectory> SqlReads::FindTrajectory(std::int64_t id, bool details) {
  return storage::FindTrajectory(sql_, org_, id, details, schema_version_);
}

std::vector<Trajectory> SqlReads::TrajectoriesOf(const std::string& ref) {
  TrajectoryFilter filter;
  filter.participant_ref = ref;
  return storage::ListTrajectories(sql_, org_, filter);
}

std::optional<Placement> SqlReads::FindPlacement(std::int64_t id) {
  return storage::FindPlacement(sql_, org_, id);
}

std::vector<Placement> SqlReads::PlacementsOf(std::int64_t trajectory_id) {
  return storage::PlacementsOf(sql_, org_, trajectory_id);
}

std::int64_t SqlReads::NextTrajectoryId() { return storage::NextTrajectoryId(sql_, org_); }

std::int64_t SqlReads::NextPlacementId() { return storage::NextPlacementId(sql_, org_); }

}  // namespace traject::storage

#include "report/trajectory_placements.h"

namespace traject::report {

Result<TrajectoryPlacements> LoadTrajectoryPlacements(Store& store, std::int64_t trajectory_id) {
  Result<Trajectory> t = store.GetTrajectory(trajectory_id);
  if (!t.ok()) return t.status();
  Result<Participant> participant = store.GetParticipant(t->participant_ref);
  if (!participant.ok()) return participant.status();
  Result<std::vector<Placement>> placements = store.PlacementsOf(trajectory_id);
  if (!placements.ok()) return placements.status();
  TrajectoryPlacements loaded{std::move(t).value(), std::move(participant).value(), {}};
  for (Placement& placement : *placements) {
    loaded.placements.push_back(PlacementView{
        std::move(placement), loaded.trajectory.participant_ref, loaded.trajectory.programme_id,
        loaded.trajectory.track_id, loaded.participant.area, loaded.participant.groups,
        loaded.participant.birth, loaded.trajectory.started, loaded.trajectory.milestones});
  }
  return loaded;
}

}  // namespace traject::report

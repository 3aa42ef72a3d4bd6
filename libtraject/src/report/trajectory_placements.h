// One trajectory with its participant and its placements, each as the PlacementView the rules
// and plugins see: what the per-trajectory figures (schedules, premiums) start from.
#ifndef TRAJECT_REPORT_TRAJECTORY_PLACEMENTS_H_
#define TRAJECT_REPORT_TRAJECTORY_PLACEMENTS_H_

#include <vector>

#include "traject/store.h"

namespace traject::report {

struct TrajectoryPlacements {
  Trajectory trajectory;  // with milestones and history
  Participant participant;
  std::vector<PlacementView> placements;  // ordered by id
};

// NotFound for an unknown trajectory; the store's errors otherwise.
Result<TrajectoryPlacements> LoadTrajectoryPlacements(Store& store, std::int64_t trajectory_id);

}  // namespace traject::report

#endif  // TRAJECT_REPORT_TRAJECTORY_PLACEMENTS_H_

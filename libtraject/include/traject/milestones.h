// Milestone deadlines and status: where a trajectory stands against its track's milestones on a
// date. One rule for every view: `trajectory show`, the milestone report and the dashboard.
//
// A milestone's deadline is its definition's `days` after the trajectory's start, or after the
// day its anchor milestone was reached (no deadline while the anchor is not reached). On a day D:
//   reached       reached on or before D, by its deadline (or it has none)
//   reached late  reached on or before D, after its deadline
//   overdue       not reached, the trajectory open on D, and the deadline before D
//   open          not reached, the trajectory open on D, the deadline D or later (or none)
//   not reached   not reached, and the trajectory closed on D (uitgestroomd, afgebroken or
//                 terugval): what was not reached will not be, so nothing is overdue
#ifndef TRAJECT_MILESTONES_H_
#define TRAJECT_MILESTONES_H_

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "traject/date.h"
#include "traject/export.h"
#include "traject/programme.h"
#include "traject/trajectory.h"

namespace traject {

// Persisted in JSON output by name: do not rename.
enum class MilestoneStatus { kReached, kReachedLate, kOverdue, kOpen, kNotReached };
// "reached", "reached late", "overdue", "open", "not reached".
TRAJECT_EXPORT std::string_view ToString(MilestoneStatus status);

// True for the states a trajectory is over in: uitgestroomd, afgebroken, terugval.
TRAJECT_EXPORT bool IsClosed(TrajectoryState state);

struct MilestoneProgress {
  const MilestoneDefinition* definition = nullptr;  // points into the track given
  std::optional<Date> deadline{};
  std::optional<Date> reached{};
  MilestoneStatus status = MilestoneStatus::kOpen;
};

// One entry per milestone of `track`, in the track's order, for a trajectory whose state on `on`
// is `state`, whose start is `started` and whose reached milestones are `reached` (those after
// `on` are not counted). REQUIRES: `track` outlives the result.
TRAJECT_EXPORT std::vector<MilestoneProgress> MilestonesOn(
    const TrackDefinition& track, Date started, TrajectoryState state,
    const std::vector<MilestoneRecord>& reached, Date on);
// The same, with the reached milestones given as a lookup: the day a milestone (by id) was
// reached, or empty when it was not (by `on`: the lookup need not filter).
TRAJECT_EXPORT std::vector<MilestoneProgress> MilestonesOn(
    const TrackDefinition& track, Date started, TrajectoryState state,
    const std::function<std::optional<Date>(std::string_view milestone_id)>& reached, Date on);

}  // namespace traject

#endif  // TRAJECT_MILESTONES_H_

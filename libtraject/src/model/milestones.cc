#include "traject/milestones.h"

namespace traject {
namespace {
using std::chrono::days;
using std::chrono::sys_days;
}  // namespace

std::string_view ToString(MilestoneStatus status) {
  switch (status) {
    case MilestoneStatus::kReached:
      return "reached";
    case MilestoneStatus::kReachedLate:
      return "reached late";
    case MilestoneStatus::kOverdue:
      return "overdue";
    case MilestoneStatus::kOpen:
      return "open";
    case MilestoneStatus::kNotReached:
      return "not reached";
  }
  return "?";
}

bool IsClosed(TrajectoryState state) {
  return IsFinal(state) || state == TrajectoryState::kUitgestroomd;
}

std::vector<MilestoneProgress> MilestonesOn(
    const TrackDefinition& track, Date started, TrajectoryState state,
    const std::function<std::optional<Date>(std::string_view milestone_id)>& reached_on, Date on) {
  auto reached_by = [&](std::string_view id) -> std::optional<Date> {
    std::optional<Date> reached = reached_on(id);
    if (reached && sys_days(*reached) > sys_days(on)) reached.reset();
    return reached;
  };
  const bool closed = IsClosed(state);
  std::vector<MilestoneProgress> out;
  out.reserve(track.milestones.size());
  for (const MilestoneDefinition& m : track.milestones) {
    MilestoneProgress progress;
    progress.definition = &m;
    progress.reached = reached_by(m.id);
    if (m.deadline) {
      const std::optional<Date> anchor = m.deadline->anchor.empty()
                                             ? std::optional<Date>(started)
                                             : reached_by(m.deadline->anchor);
      if (anchor) progress.deadline = Date(sys_days(*anchor) + days(m.deadline->days));
    }
    const bool late =
        progress.deadline && sys_days(*progress.deadline) < sys_days(progress.reached.value_or(on));
    if (progress.reached) {
      progress.status = late ? MilestoneStatus::kReachedLate : MilestoneStatus::kReached;
    } else if (closed) {
      progress.status = MilestoneStatus::kNotReached;
    } else {
      progress.status = late ? MilestoneStatus::kOverdue : MilestoneStatus::kOpen;
    }
    out.push_back(progress);
  }
  return out;
}

std::vector<MilestoneProgress> MilestonesOn(const TrackDefinition& track, Date started,
                                            TrajectoryState state,
                                            const std::vector<MilestoneRecord>& reached, Date on) {
  return MilestonesOn(
      track, started, state,
      [&](std::string_view id) -> std::optional<Date> {
        std::optional<Date> found;
        for (const MilestoneRecord& r : reached) {
          if (r.milestone_id == id && sys_days(r.reached) <= sys_days(on)) found = r.reached;
        }
        return found;
      },
      on);
}

}  // namespace traject

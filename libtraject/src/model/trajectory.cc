#include "traject/trajectory.h"

#include <fmt/format.h>

#include <string>

namespace traject {

std::string_view ToString(TrajectoryState state) {
  switch (state) {
    case TrajectoryState::kAangemeld:
      return "aangemeld";
    case TrajectoryState::kIntake:
      return "intake";
    case TrajectoryState::kInLeerwerk:
      return "in-leerwerk";
    case TrajectoryState::kGeplaatst:
      return "geplaatst";
    case TrajectoryState::kUitgestroomd:
      return "uitgestroomd";
    case TrajectoryState::kAfgebroken:
      return "afgebroken";
    case TrajectoryState::kTerugval:
      return "terugval";
  }
  return "?";
}

Result<TrajectoryState> ParseTrajectoryState(std::string_view text) {
  for (TrajectoryState state : kAllTrajectoryStates) {
    if (ToString(state) == text) return state;
  }
  return Status::InvalidArgument(fmt::format(
      "unknown trajectory state '{}' (expected aangemeld, intake, in-leerwerk, geplaatst, "
      "uitgestroomd, afgebroken or terugval)",
      text));
}

bool IsLegalTransition(TrajectoryState from, TrajectoryState to) {
  using S = TrajectoryState;
  switch (from) {
    case S::kAangemeld:
      return to == S::kIntake || to == S::kAfgebroken;
    case S::kIntake:
      return to == S::kInLeerwerk || to == S::kGeplaatst || to == S::kUitgestroomd ||
             to == S::kAfgebroken;
    case S::kInLeerwerk:
      return to == S::kGeplaatst || to == S::kUitgestroomd || to == S::kAfgebroken;
    case S::kGeplaatst:
      return to == S::kInLeerwerk || to == S::kUitgestroomd || to == S::kAfgebroken;
    case S::kUitgestroomd:
      return to == S::kTerugval;
    case S::kAfgebroken:
    case S::kTerugval:
      return false;
  }
  return false;
}

bool IsFinal(TrajectoryState state) {
  return state == TrajectoryState::kAfgebroken || state == TrajectoryState::kTerugval;
}

Status CheckTransition(TrajectoryState from, TrajectoryState to) {
  if (IsLegalTransition(from, to)) return Status::OK();
  std::string reachable;
  for (TrajectoryState next : kAllTrajectoryStates) {
    if (!IsLegalTransition(from, next)) continue;
    if (!reachable.empty()) reachable += ", ";
    reachable += ToString(next);
  }
  return Status::InvalidArgument(fmt::format(
      "illegal transition {} -> {}; from {} the trajectory can go to: {}", ToString(from),
      ToString(to), ToString(from), reachable.empty() ? "nothing (final state)" : reachable));
}

std::string_view ToString(ExitReason reason) {
  switch (reason) {
    case ExitReason::kWork:
      return "work";
    case ExitReason::kEducation:
      return "education";
    case ExitReason::kOther:
      return "other";
  }
  return "?";
}

Result<ExitReason> ParseExitReason(std::string_view text) {
  for (ExitReason reason : {ExitReason::kWork, ExitReason::kEducation, ExitReason::kOther}) {
    if (ToString(reason) == text) return reason;
  }
  return Status::InvalidArgument(
      fmt::format("unknown exit reason '{}' (expected work, education or other)", text));
}

std::optional<Trajectory> TrajectoryOn(const Trajectory& full, Date day) {
  using std::chrono::sys_days;
  if (sys_days(full.started) > sys_days(day)) return std::nullopt;
  Trajectory t = full;
  std::erase_if(t.milestones,
                [&](const MilestoneRecord& m) { return sys_days(m.reached) > sys_days(day); });
  std::erase_if(t.history, [&](const StateChange& c) { return sys_days(c.date) > sys_days(day); });
  t.state = t.history.empty() ? TrajectoryState::kAangemeld : t.history.back().to;
  t.state_since = t.history.empty() ? t.started : t.history.back().date;
  if (t.state != TrajectoryState::kUitgestroomd && t.state != TrajectoryState::kTerugval) {
    t.exit_reason.reset();
  }
  return t;
}

}  // namespace traject

// Trajectory: one participant following one track of one programme (banenplan), with an
// explicit lifecycle.
//
//   aangemeld -> intake -> in-leerwerk -> geplaatst -> uitgestroomd -> terugval
//   (intake may go straight to geplaatst; intake and in-leerwerk may go straight to
//   uitgestroomd; every open state may go to afgebroken)
//
// Legal transitions (IsLegalTransition):
//   aangemeld   -> intake, afgebroken
//   intake      -> in-leerwerk, geplaatst, uitgestroomd (e.g. a job found alone), afgebroken
//   in-leerwerk -> geplaatst, uitgestroomd (e.g. to education), afgebroken
//   geplaatst   -> in-leerwerk (placement ended, learning goes on), uitgestroomd, afgebroken
//   uitgestroomd -> terugval (return to bijstand)
//   afgebroken, terugval: final for this trajectory; a new trajectory can be started.
#ifndef TRAJECT_TRAJECTORY_H_
#define TRAJECT_TRAJECTORY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "traject/correction.h"
#include "traject/date.h"
#include "traject/export.h"
#include "traject/status.h"

namespace traject {

// Persisted (projection column and event payloads) by its numeric value: do not renumber.
enum class TrajectoryState : std::uint8_t {
  kAangemeld = 1,
  kIntake = 2,
  kInLeerwerk = 3,
  kGeplaatst = 4,
  kUitgestroomd = 5,
  kAfgebroken = 6,
  kTerugval = 7,
};
inline constexpr TrajectoryState kAllTrajectoryStates[] = {
    TrajectoryState::kAangemeld, TrajectoryState::kIntake,       TrajectoryState::kInLeerwerk,
    TrajectoryState::kGeplaatst, TrajectoryState::kUitgestroomd, TrajectoryState::kAfgebroken,
    TrajectoryState::kTerugval};

// "aangemeld", "intake", "in-leerwerk", "geplaatst", "uitgestroomd", "afgebroken", "terugval".
TRAJECT_EXPORT std::string_view ToString(TrajectoryState state);
TRAJECT_EXPORT Result<TrajectoryState> ParseTrajectoryState(std::string_view text);

TRAJECT_EXPORT bool IsLegalTransition(TrajectoryState from, TrajectoryState to);
// True for afgebroken and terugval.
TRAJECT_EXPORT bool IsFinal(TrajectoryState state);

// OK when legal; otherwise InvalidArgument "illegal transition <from> -> <to>" listing the
// states reachable from `from`.
TRAJECT_EXPORT Status CheckTransition(TrajectoryState from, TrajectoryState to);

// Why a participant left bijstand. Persisted by name.
enum class ExitReason : std::uint8_t {
  kWork = 0,       // "work": uitstroom naar werk
  kEducation = 1,  // "education"
  kOther = 2,      // "other" (moved, other income, ...)
};
TRAJECT_EXPORT std::string_view ToString(ExitReason reason);
TRAJECT_EXPORT Result<ExitReason> ParseExitReason(std::string_view text);

struct MilestoneRecord {
  std::string milestone_id{};  // id from the track's definition
  Date reached{};
  std::string evidence{};  // free text: document reference, certificate number...
};

struct StateChange {
  TrajectoryState from = TrajectoryState::kAangemeld;
  TrajectoryState to = TrajectoryState::kAangemeld;
  Date date{};
  std::string reason{};                  // free text; may be empty
  std::string caused_by_milestone{};     // the milestone that moved it; empty otherwise
  std::int64_t caused_by_placement = 0;  // the placement that moved it; 0 otherwise
};

struct Trajectory {
  std::int64_t id = 0;  // unique per organisation, assigned by the store
  std::string participant_ref{};
  std::string programme_id{};  // from the plugin that defines the programme
  std::string track_id{};      // a track of that programme
  TrajectoryState state = TrajectoryState::kAangemeld;
  Date started{};                           // date of aanmelding in this trajectory
  Date state_since{};                       // date the current state was entered
  std::optional<ExitReason> exit_reason{};  // set once uitgestroomd
  // Loaded by Store::GetTrajectory only (lists leave them empty):
  std::vector<MilestoneRecord> milestones{};  // in the order reached
  std::vector<StateChange> history{};         // every transition, oldest first
  std::vector<Correction> corrections{};      // of its milestones and placements, oldest first
};

// The trajectory as it stood at the end of `day`: state, since, exit reason, milestones and
// history without anything dated later; empty when it had not started by then.
// REQUIRES: `full` has its milestones and history (as Store::GetTrajectory returns it).
TRAJECT_EXPORT std::optional<Trajectory> TrajectoryOn(const Trajectory& full, Date day);

}  // namespace traject

#endif  // TRAJECT_TRAJECTORY_H_

// Programme definitions: what a banenplan offers. Plain data that a plugin builds and the host
// copies; part of the plugin SDK (see plugin.h).
//
// A programme (banenplan) has leerwerk tracks; a track has milestones. A milestone may
// require others first (`after`), may have a deadline relative to the trajectory start or to
// another milestone, lists the evidence a coordinator must keep, and may move the trajectory
// into a lifecycle state when reached (e.g. "intakegesprek" enters intake).
//
// Ids are persisted in the event log: once used, never rename them.
#ifndef TRAJECT_PROGRAMME_H_
#define TRAJECT_PROGRAMME_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "traject/export.h"
#include "traject/status.h"
#include "traject/trajectory.h"

namespace traject {

struct Deadline {
  // Empty: counted from the trajectory's start date; otherwise the id of a milestone of the
  // same track, counted from the date it was reached.
  std::string anchor;
  int days = 0;  // REQUIRES: 1..3660
};

// What reaching a milestone says about what the participant learned, for the outcome reports
// (docs/reports.md, "WIOA indicators"). Persisted by name in plugin output: do not rename.
enum class MilestoneOutcome : std::uint8_t {
  kNone = 0,        // "none": a step (an intake, a VOG, a start)
  kSkillGain = 1,   // "skill-gain": measurable progress (an assessment passed, an exam part)
  kCredential = 2,  // "credential": a recognised diploma or certificate
};
TRAJECT_EXPORT std::string_view ToString(MilestoneOutcome outcome);
TRAJECT_EXPORT Result<MilestoneOutcome> ParseMilestoneOutcome(std::string_view text);

struct MilestoneDefinition {
  std::string id{};                         // [a-z0-9-]+, unique within the track
  std::string name{};                       // human-readable, Dutch as used by coordinators
  std::vector<std::string> after{};         // milestone ids that must be reached first
  std::optional<Deadline> deadline{};       // none: no deadline
  std::vector<std::string> evidence{};      // evidence the coordinator must keep, e.g. "VOG"
  std::optional<TrajectoryState> enters{};  // lifecycle state entered when reached, if any
  bool required_for_placement = false;      // a placement may start only once reached
  MilestoneOutcome outcome = MilestoneOutcome::kNone;  // (plugin API 3) what reaching it attains
};

struct TrackDefinition {
  std::string id;  // [a-z0-9-]+, unique within the programme
  std::string name;
  std::string sector;         // "zorg", "techniek", "luchtvaart", "haven"...
  std::string qualification;  // e.g. "MBO-2 Helpende Zorg en Welzijn (BBL)"; may be empty
  int duration_months = 0;    // planned length; 0 when open-ended
  std::vector<MilestoneDefinition> milestones;  // in a topological order of `after`
};

// Persisted by name ("area", "sector"): do not rename.
enum class ProgrammeKind { kArea, kSector };
TRAJECT_EXPORT std::string_view ToString(ProgrammeKind kind);
TRAJECT_EXPORT Result<ProgrammeKind> ParseProgrammeKind(std::string_view text);

struct ProgrammeDefinition {
  std::string id;    // [a-z0-9-]+, unique among all loaded plugins
  std::string name;  // e.g. "ZuidoostWerkt!"
  ProgrammeKind kind = ProgrammeKind::kArea;
  std::string area;        // area of an area plan ("Zuidoost"); empty for sector plans
  std::string collective;  // the employer collective behind it
  std::string description;
  std::vector<TrackDefinition> tracks;
};

// Lookup helpers; nullptr when absent.
TRAJECT_EXPORT const TrackDefinition* FindTrack(const ProgrammeDefinition& programme,
                                                std::string_view track_id);
TRAJECT_EXPORT const MilestoneDefinition* FindMilestone(const TrackDefinition& track,
                                                        std::string_view milestone_id);

}  // namespace traject

#endif  // TRAJECT_PROGRAMME_H_

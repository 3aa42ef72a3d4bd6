// Correction: what a correction or change event did, as trajectory and participant views show
// it: what changed, when, by whom and why. Read from the projections; the events themselves are
// in events.h (ParticipantChanged, MilestoneCorrected, PlacementCorrected...).
#ifndef TRAJECT_CORRECTION_H_
#define TRAJECT_CORRECTION_H_

#include <cstdint>
#include <string>

#include "traject/date.h"

namespace traject {

struct Correction {
  std::string kind{};    // the event kind, e.g. "placement.corrected"
  Date date{};           // the day it was made (the event's effective date)
  std::string what{};    // what changed, old and new, e.g. "start 2024-03-01 → 2024-02-15"
  std::string reason{};  // why, as given
  std::string actor{};   // who recorded it
  std::int64_t recorded_at_ms = 0;  // when it was recorded (ms since the Unix epoch, UTC)
  std::int64_t trajectory_id = 0;   // 0 when not about a trajectory
  std::int64_t placement_id = 0;    // 0 when not about a placement
};

}  // namespace traject

#endif  // TRAJECT_CORRECTION_H_

// Applies events to the projection tables. The same code runs when an event is recorded and
// when the log is replayed, so a rebuild gives exactly the projections that recording gave.
// It never validates (the decider did) and never reads the clock: projections are a pure
// function of the log.
#ifndef TRAJECT_STORAGE_PROJECTOR_H_
#define TRAJECT_STORAGE_PROJECTOR_H_

#include <soci/soci.h>

#include "traject/events.h"

namespace traject::storage {

// Throws soci::soci_error when a statement fails (a log that contradicts itself).
void Project(soci::session& sql, const Event& event, int schema_version);

// Bit set of target groups as stored in participants.groups (bit = TargetGroup value).
long long GroupBits(const std::vector<TargetGroup>& groups);
std::vector<TargetGroup> GroupsFromBits(long long bits);

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_PROJECTOR_H_

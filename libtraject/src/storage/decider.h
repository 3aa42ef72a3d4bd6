// Decides what a command means: validates it against the current projections (read in the
// caller's transaction) and returns the events to record. The first event is the command
// itself, completed (assigned ids, the `from` state); any further events are caused by it
// (e.g. the state change a placement implies). Decisions read, never write.
#ifndef TRAJECT_STORAGE_DECIDER_H_
#define TRAJECT_STORAGE_DECIDER_H_

#include <soci/soci.h>

#include <string>
#include <vector>

#include "traject/catalogue.h"
#include "traject/events.h"
#include "traject/status.h"

namespace traject::storage {

struct Decided {
  std::string stream;
  EventPayload payload;
};

struct DecisionContext {
  soci::session& sql;
  const std::string& org;
  const ProgrammeCatalogue* catalogue;  // may be null
  int schema_version;
};

// On error: InvalidArgument, NotFound or Conflict naming the field and value at fault.
// Throws soci::soci_error on database failure.
Result<std::vector<Decided>> Decide(const DecisionContext& context, const EventPayload& command);

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_DECIDER_H_

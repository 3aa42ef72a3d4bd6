// The append-only event log (see traject/events.h for the row format). Appending never updates
// or deletes; positions per (org, stream) are dense from 0. Appends run inside a write
// transaction that holds the database's write lock (storage/transaction.h), so no two writers
// take one position; the unique constraint on (org, stream, position) is a second guard, whose
// violation would surface as a Storage error, never as a silent overwrite.
#ifndef TRAJECT_STORAGE_EVENT_LOG_H_
#define TRAJECT_STORAGE_EVENT_LOG_H_

#include <soci/soci.h>

#include <functional>
#include <optional>
#include <string>

#include "traject/events.h"
#include "traject/status.h"

namespace traject::storage {

inline constexpr const char* kOrganisationStream = "organisation";

struct NewEvent {
  std::string org;
  std::string stream;
  std::string actor;
  std::int64_t recorded_at_ms = 0;
  std::optional<std::int64_t> caused_by;
  EventPayload payload;
};

// Appends at the end of the event's stream; returns the stored row. Throws soci::soci_error.
Event Append(soci::session& sql, NewEvent event);

// Visits events in seq order: of `org`, or of all organisations when `org` is empty.
// Stops at and returns the first non-OK status of `visit` or of decoding a payload.
Status ForEach(soci::session& sql, const std::string& org,
               const std::function<Status(const Event&)>& visit);

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_EVENT_LOG_H_

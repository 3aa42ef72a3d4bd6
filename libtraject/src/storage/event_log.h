// The append-only event log (see traject/events.h for the row format). Appending never updates
// or deletes; positions per (org, stream) are dense from 0. Appends run inside a write
// transaction that holds the write lock of their organisation (storage/transaction.h), so no two
// writers take one position; the unique constraint on (org, stream, position) is a second guard,
// whose violation would surface as a Storage error, never as a silent overwrite.
//
// The writer assigns each event its seq (EventSequence) and position before appending, so that
// events can be buffered and written in bulk, and projections can name them before they are.
#ifndef TRAJECT_STORAGE_EVENT_LOG_H_
#define TRAJECT_STORAGE_EVENT_LOG_H_

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "storage/audit_chain.h"
#include "storage/dialect.h"
#include "storage/statements.h"
#include "traject/events.h"
#include "traject/status.h"

namespace traject::storage {

inline constexpr const char* kOrganisationStream = "organisation";

// Hands out seq numbers for new events. SQLite: the next after the log's largest (the write
// transaction holds the database's only write lock). PostgreSQL: numbers taken from the log's
// sequence, a block at a time (a rolled-back write leaves its numbers unused). REQUIRES: used
// inside one write transaction only.
class EventSequence {
 public:
  EventSequence(Statements& sql, const Dialect& dialect) : sql_(sql), dialect_(dialect) {}

  // The next `count` seqs, increasing.
  std::vector<std::int64_t> Take(std::size_t count);

 private:
  Statements& sql_;
  const Dialect& dialect_;
  std::int64_t last_ = -1;          // SQLite: the last seq handed out; -1 before the first
  std::deque<std::int64_t> taken_;  // PostgreSQL: reserved, not yet handed out
  std::size_t block_ = 1;           // PostgreSQL: the next reservation's size; grows to 1024
};

// Appends events whose seq and position are set, in seq order: INSERTs, or on PostgreSQL for
// many events one COPY. Each is linked into its organisation's audit chain (audit_chain.h),
// whose head moves in the same transaction, from schema version kAuditChainSchema on (a store
// opened at an older one, in migration tests, writes no links). Throws soci::soci_error.
inline constexpr int kAuditChainSchema = 4;
void AppendEvents(Statements& sql, const Dialect& dialect, int schema_version,
                  const std::vector<Event>& events);

// Inserts rows as they are (restoring a backup), with the columns of a chain of `format`
// (ChainFormatOf: 0 no links, 1 links, 2 links and salts); as AppendEvents otherwise, but the
// chain and its heads are the caller's. Throws.
void InsertEventRows(Statements& sql, const Dialect& dialect, const std::vector<EventRow>& rows,
                     int format);

// Visits events in seq order: of `org`, or of all organisations when `org` is empty; only those
// recorded before `recorded_before_ms` (milliseconds since the Unix epoch) when it is set.
// Stops at and returns the first non-OK status of `visit` or of decoding a payload.
Status ForEach(soci::session& sql, const std::string& org,
               const std::function<Status(const Event&)>& visit,
               std::optional<std::int64_t> recorded_before_ms = std::nullopt);

// Visits the events of one stream of `org` in order (through the stream's index: the cost does not
// grow with the log). As ForEach otherwise.
Status ForEachOfStream(soci::session& sql, const std::string& org, const std::string& stream,
                       const std::function<Status(const Event&)>& visit);

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_EVENT_LOG_H_

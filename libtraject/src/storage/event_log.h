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

// The record time of `org`'s last event (by seq, found through its audit chain's head: one
// read by key, whatever the size of the log); 0 when it has none, or the schema predates the
// chain. Record times of an organisation never decrease (store.h, StoreOptions::clock_ms): a
// write takes the later of the clock and this. Throws soci::soci_error.
std::int64_t LastRecordedAt(Statements& sql, int schema_version, const std::string& org);

// The record time of a write at `clock_ms` after one at `last_recorded_ms`: the clock, unless
// it went back (a corrected system clock, hosts with skew), then the last record time again.
inline std::int64_t NextRecordedAt(std::int64_t clock_ms, std::int64_t last_recorded_ms) {
  return clock_ms > last_recorded_ms ? clock_ms : last_recorded_ms;
}

// Inserts rows as they are (restoring a backup), with the columns of a chain of `format`
// (ChainFormatOf: 0 no links, 1 links, 2 links and salts); as AppendEvents otherwise, but the
// chain and its heads are the caller's. Throws.
void InsertEventRows(Statements& sql, const Dialect& dialect, const std::vector<EventRow>& rows,
                     int format);

// Visits events in seq order: of `org`, or of all organisations when `org` is empty. Stops at
// and returns the first non-OK status of `visit` or of decoding a payload (a visitor that has
// seen enough stops so: the rest of the log is not read).
Status ForEach(soci::session& sql, const std::string& org,
               const std::function<Status(const Event&)>& visit);

// Visits the events of one stream of `org` in order (through the stream's index: the cost does not
// grow with the log). As ForEach otherwise.
Status ForEachOfStream(soci::session& sql, const std::string& org, const std::string& stream,
                       const std::function<Status(const Event&)>& visit);

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_EVENT_LOG_H_

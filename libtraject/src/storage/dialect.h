// The seam between portable SQL and one database backend. Everything backend-specific lives
// behind this type; see README.md in this folder.
#ifndef TRAJECT_STORAGE_DIALECT_H_
#define TRAJECT_STORAGE_DIALECT_H_

#include <soci/soci.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "traject/status.h"

namespace traject::storage {

enum class Backend { kSqlite, kPostgresql };

struct Dialect {
  Backend backend = Backend::kSqlite;
  // PostgreSQL: row-level security applies to the connection's role (a role per organisation,
  // docs/examples/row-level-security.sql). Set by WithRowSecurityOf when a store opens.
  bool row_security = false;

  // Whether many rows are written with one COPY (PostgreSQL: ~15 times faster than INSERTs)
  // rather than an INSERT each: not on SQLite, where a prepared INSERT is as fast, and not
  // under row-level security, which COPY ... FROM does not support.
  bool BulkCopy() const { return backend == Backend::kPostgresql && !row_security; }

  // The log's global sequence column, and what follows the events table's columns: its key
  // and the foreign key of caused_by. SQLite: `seq INTEGER PRIMARY KEY`. PostgreSQL: a
  // BIGSERIAL in the key (org, seq), because the table is partitioned by organisation and a
  // partitioned table's keys hold the partition key.
  std::string SequenceColumn() const;
  std::string CausedByColumn() const;
  std::string EventsConstraints() const;  // "" or ", PRIMARY KEY ..., FOREIGN KEY ..."
  // After the columns and constraints of a table whose key starts with `org`: the partitioning
  // clause (PostgreSQL: " PARTITION BY HASH (org)"; SQLite: ""), and the statements that create
  // its partitions (PostgreSQL: kOrganisationPartitions of them; SQLite: none).
  std::string PartitionedByOrganisation() const;
  std::vector<std::string> OrganisationPartitions(std::string_view table) const;
  // Starts a read-only transaction that sees one snapshot of the whole database (a backup, a
  // verification that reads the log and its head). SQLite: BEGIN (a WAL read transaction is a
  // snapshot from its first read). PostgreSQL: REPEATABLE READ.
  std::string BeginSnapshot() const;
  // " AND `column` IN (the values of the JSON array in parameter :`parameter`)", of text
  // or of integers: SQLite json_each, PostgreSQL json_array_elements_text.
  std::string InJsonArray(std::string_view column, std::string_view parameter, bool text) const;
  // Whether event seqs come from a database sequence (PostgreSQL: BIGSERIAL, reserved with
  // ReserveSeqsSql, one parameter :n) rather than from MAX(seq) + 1 under the write lock
  // (SQLite, whose one writer makes that safe).
  bool SeqsFromSequence() const { return backend == Backend::kPostgresql; }
  std::string ReserveSeqsSql() const;
  // After rows with given seqs were inserted (a restore): what makes later seqs follow them.
  std::vector<std::string> AfterInsertingSeqs() const;
  // Statements run once on every new connection (pragmas, session settings).
  std::vector<std::string> ConnectionSetup(int busy_timeout_ms) const;
  // The statements that open a write transaction holding the write lock for `scope` (an
  // organisation id, or a name such as "traject.schema" for work that spans organisations).
  // SQLite: "BEGIN IMMEDIATE", which takes the database's one write lock first, so that a
  // writer waits for another (busy timeout) instead of failing at once when it upgrades a read
  // to a write (WAL's deadlock avoidance). PostgreSQL: "BEGIN" and a transaction-level advisory
  // lock on the scope, so that writers of one organisation take turns (their decisions read
  // before they write) while other organisations write at the same time; the wait is bounded
  // by lock_timeout (the busy timeout).
  std::vector<std::string> BeginWrite(std::string_view scope) const;
  // Statements that keep every other writer out for the rest of the transaction, for work on
  // every organisation at once (a replay). SQLite: none (BeginWrite's lock is the database's).
  std::vector<std::string> LockOutWriters() const;
  // A query with two string parameters, both a table name (or "" for any table), returning the
  // number of such tables. (SOCI's PostgreSQL backend binds each placeholder once: a name used
  // twice is two parameters.)
  std::string CountTablesSql() const;
  // Erasing so that the old bytes are left in no file of the database. SecureEraseOn/Off
  // bracket the transaction (SQLite: PRAGMA secure_delete, which overwrites freed bytes with
  // zeros); AfterSecureErase runs after its commit and says what is still left of the rows
  // erased in `org`, and what removes it (ForgetSummary::left_over and maintenance). SQLite: a
  // checkpoint that does not wait, VACUUM (copies that earlier page splits left in unused space
  // survive secure_delete), then the TRUNCATE checkpoint that empties the write-ahead log,
  // which waits (busy timeout) for readers of an older snapshot: nothing is left unless one
  // outlasted it. PostgreSQL: nothing runs; its old row versions stay until the tables are
  // rewritten, so the VACUUM FULL of the partitions holding `org`'s rows is named. Throws
  // soci::soci_error.
  std::vector<std::string> SecureEraseOn() const;
  std::vector<std::string> SecureEraseOff() const;
  struct LeftOver {
    std::string why;
    std::vector<std::string> statements;
  };
  LeftOver AfterSecureErase(soci::session& sql, std::string_view org) const;
};

struct Location {
  Backend backend = Backend::kSqlite;
  // A SQLite file: created, checked and renamed as a file; otherwise a database on a server.
  bool IsFile() const { return backend == Backend::kSqlite; }
  std::string path;        // SQLite: the file path
  std::string connect;     // PostgreSQL: the libpq keyword string (holds the password)
  std::string display;     // for messages: the path, or the URL without its password
  std::string password{};  // PostgreSQL: given in the URL, only to keep it out of every message
};

// Parses a location: a file path, or a URL postgresql://[user[:password]@]host[:port]/dbname
// (also postgres://; percent-encoded parts are decoded; ?key=value parameters are passed on to
// libpq, e.g. sslmode=require). InvalidArgument naming what is wrong, never the password.
Result<Location> ParseLocation(std::string_view location);

// The location as messages may show it: a postgresql:// URL without its password.
std::string RedactedLocation(std::string_view location);

// `dialect` as it applies to the role `session` connects as: on PostgreSQL, row_security is set
// when row-level security applies to that role on the events table. Throws soci::soci_error.
Dialect WithRowSecurityOf(soci::session& session, Dialect dialect);

// The dialect of an open session (by SOCI's backend name).
Dialect DialectOf(soci::session& session);

// A private temporary database for work of the library's own (an as-recorded replay): SQLite's
// empty file name, in memory while small, on disk past its cache, removed when closed; not
// made durable. Sets `dialect` to its dialect. Throws soci::soci_error.
std::unique_ptr<soci::session> ConnectScratch(int busy_timeout_ms, Dialect* dialect);

// Opens a SOCI session on the location and runs the connection set-up. Throws
// soci::soci_error on failure; on PostgreSQL, a failure to connect is a StorageRefusal
// (storage/errors.h) that keeps the server's or libpq's own reason (a wrong password, no such
// database, a refused port, SSL required), without the password.
std::unique_ptr<soci::session> Connect(const Location& location, const Dialect& dialect,
                                       int busy_timeout_ms);

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_DIALECT_H_

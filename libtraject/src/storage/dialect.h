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

  // Column type of the log's global sequence: an auto-assigned 64-bit primary key.
  std::string SequenceColumn() const;
  // Statements run once on every new connection (pragmas, session settings).
  std::vector<std::string> ConnectionSetup(int busy_timeout_ms) const;
  // The statement that opens a write transaction. SQLite: "BEGIN IMMEDIATE", which takes the
  // write lock first, so that a writer waits for another (busy timeout) instead of failing at
  // once when it upgrades a read to a write (WAL's deadlock avoidance).
  std::string BeginWrite() const;
  // A query with one string parameter (a table name, or "" for any table) returning the number
  // of such tables.
  std::string CountTablesSql() const;
};

struct Location {
  Backend backend = Backend::kSqlite;
  std::string path;  // SQLite file path
};

// Parses a --db location: a file path, or a postgresql:// URL. The PostgreSQL backend comes in
// a later release: such a URL is InvalidArgument for now, saying so.
Result<Location> ParseLocation(std::string_view location);

// Opens a SOCI session on the location. Throws soci::soci_error on failure.
std::unique_ptr<soci::session> Connect(const Location& location, const Dialect& dialect,
                                       int busy_timeout_ms);

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_DIALECT_H_

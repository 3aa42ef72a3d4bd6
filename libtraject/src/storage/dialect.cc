#include "storage/dialect.h"

#include <fmt/format.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace traject::storage {

std::string Dialect::SequenceColumn() const {
  return backend == Backend::kSqlite ? "INTEGER PRIMARY KEY" : "BIGSERIAL PRIMARY KEY";
}

std::vector<std::string> Dialect::ConnectionSetup(int busy_timeout_ms) const {
  if (backend == Backend::kSqlite) {
    // WAL: readers never block the writer; NORMAL is durable across crashes of the process
    // (a power loss may lose the last transactions, never corrupt the file).
    return {"PRAGMA foreign_keys = ON", fmt::format("PRAGMA busy_timeout = {}", busy_timeout_ms),
            "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"};
  }
  return {};
}

std::string Dialect::BeginWrite() const {
  return backend == Backend::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN";
}

std::string Dialect::CountTablesSql() const {
  if (backend == Backend::kSqlite) {
    return "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND (:name = '' OR name = "
           ":name)";
  }
  return "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() "
         "AND (:name = '' OR table_name = :name)";
}

Result<Location> ParseLocation(std::string_view location) {
  if (location.empty()) return Status::InvalidArgument("empty database location");
  if (location.starts_with("postgresql://") || location.starts_with("postgres://")) {
    // Not repeated: a URL may carry a password.
    return Status::InvalidArgument(
        "postgresql:// locations: the PostgreSQL backend is not available in this release yet; "
        "use a SQLite file path");
  }
  return Location{Backend::kSqlite, std::string(location)};
}

std::unique_ptr<soci::session> Connect(const Location& location, const Dialect& dialect,
                                       int busy_timeout_ms) {
  std::string escaped;
  for (char c : location.path) {
    if (c == '"' || c == '\\') escaped += '\\';
    escaped += c;
  }
  auto session = std::make_unique<soci::session>(
      *soci::factory_sqlite3(),
      fmt::format("db=\"{}\" timeout={}", escaped, (busy_timeout_ms + 999) / 1000));
  for (const std::string& statement : dialect.ConnectionSetup(busy_timeout_ms)) {
    *session << statement;
  }
  return session;
}

}  // namespace traject::storage

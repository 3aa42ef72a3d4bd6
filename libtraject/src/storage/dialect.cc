#include "storage/dialect.h"

#include "storage/errors.h"

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>

namespace traject::storage {
namespace {

bool IsPostgresUrl(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

// Percent-decoding of one URL part; false for a malformed escape.
bool Decode(std::string_view in, std::string* out) {
  out->clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out->push_back(in[i]);
      continue;
    }
    if (i + 2 >= in.size() || !std::isxdigit(static_cast<unsigned char>(in[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(in[i + 2]))) {
      return false;
    }
    out->push_back(static_cast<char>(std::stoi(std::string(in.substr(i + 1, 2)), nullptr, 16)));
    i += 2;
  }
  return true;
}

// A value for a libpq keyword string: quoted, with ' and \ escaped.
std::string Quoted(const std::string& value) {
  std::string quoted = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "'";
}

Result<Location> ParsePostgresUrl(std::string_view url) {
  auto bad = [](std::string_view why) {
    return Status::InvalidArgument(
        fmt::format("postgresql:// location: {} (expected "
                    "postgresql://[user[:password]@]host[:port]/dbname)",
                    why));
  };
  std::string_view rest = url.substr(url.find("://") + 3);
  std::string_view query;
  if (const auto q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::map<std::string, std::string> keys;
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view credentials = rest.substr(0, at);
    rest = rest.substr(at + 1);
    const auto colon = credentials.find(':');
    std::string user, password;
    if (!Decode(credentials.substr(0, colon), &user)) return bad("bad %-escape in the user");
    if (colon != std::string_view::npos && !Decode(credentials.substr(colon + 1), &password)) {
      return bad("bad %-escape in the password");
    }
    if (!user.empty()) keys["user"] = user;
    if (colon != std::string_view::npos) keys["password"] = password;
  }
  const auto slash = rest.find('/');
  if (slash == std::string_view::npos || slash + 1 == rest.size()) return bad("no database name");
  std::string dbname;
  if (!Decode(rest.substr(slash + 1), &dbname)) return bad("bad %-escape in the database name");
  keys["dbname"] = dbname;
  std::string_view host_port = rest.substr(0, slash);
  if (!host_port.empty()) {
    std::string_view host = host_port;
    if (const auto colon = host_port.rfind(':');
        colon != std::string_view::npos && host_port.find(']') == std::string_view::npos) {
      host = host_port.substr(0, colon);
      const std::string_view port = host_port.substr(colon + 1);
      if (port.empty() || port.find_first_not_of("0123456789") != std::string_view::npos) {
        return bad("the port is not a number");
      }
      keys["port"] = std::string(port);
    }
    std::string decoded;
    if (!Decode(host, &decoded)) return bad("bad %-escape in the host");
    if (!decoded.empty()) keys["host"] = decoded;
  }
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const auto equals = pair.find('=');
    if (equals == std::string_view::npos || equals == 0) return bad("a parameter is not key=value");
    std::string key, value;
    if (!Decode(pair.substr(0, equals), &key) || !Decode(pair.substr(equals + 1), &value)) {
      return bad("bad %-escape in a parameter");
    }
    keys[key] = value;
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
  }
  Location location;
  location.backend = Backend::kPostgresql;
  if (const auto password = keys.find("password"); password != keys.end()) {
    location.password = password->second;
  }
  for (const auto& [key, value] : keys) {
    if (!location.connect.empty()) location.connect += ' ';
    location.connect += key + "=" + Quoted(value);
  }
  location.display = RedactedLocation(url);
  return location;
}

}  // namespace

// Hash partitions per table on PostgreSQL: enough to spread many organisations, few enough to
// keep planning cheap. Changing it needs a schema step (tables are re-created).
constexpr int kOrganisationPartitions = 16;

std::string Dialect::SequenceColumn() const {
  return backend == Backend::kSqlite ? "seq INTEGER PRIMARY KEY" : "seq BIGSERIAL NOT NULL";
}

std::string Dialect::CausedByColumn() const {
  return backend == Backend::kSqlite ? "caused_by BIGINT NULL REFERENCES events (seq)"
                                     : "caused_by BIGINT NULL";
}

std::string Dialect::EventsConstraints() const {
  if (backend == Backend::kSqlite) return "";
  return ", PRIMARY KEY (org, seq), FOREIGN KEY (org, caused_by) REFERENCES events (org, seq)";
}

std::string Dialect::PartitionedByOrganisation() const {
  return backend == Backend::kSqlite ? "" : " PARTITION BY HASH (org)";
}

std::vector<std::string> Dialect::OrganisationPartitions(std::string_view table) const {
  std::vector<std::string> statements;
  if (backend == Backend::kSqlite) return statements;
  for (int i = 0; i < kOrganisationPartitions; ++i) {
    statements.push_back(fmt::format(
        "CREATE TABLE {}_p{} PARTITION OF {} FOR VALUES WITH (MODULUS {}, REMAINDER {})", table, i,
        table, kOrganisationPartitions, i));
  }
  return statements;
}

std::string Dialect::BeginSnapshot() const {
  return backend == Backend::kSqlite ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ";
}

std::string Dialect::InJsonArray(std::string_view column, std::string_view parameter,
                                 bool text) const {
  if (backend == Backend::kSqlite) {
    return fmt::format(" AND {} IN (SELECT value FROM json_each(:{}))", column, parameter);
  }
  if (text) {
    return fmt::format(" AND {} IN (SELECT json_array_elements_text(CAST(:{} AS json)))", column,
                       parameter);
  }
  return fmt::format(
      " AND {} IN (SELECT CAST(json_array_elements_text(CAST(:{} AS json)) AS BIGINT))", column,
      parameter);
}

std::string Dialect::ReserveSeqsSql() const {
  return "SELECT nextval(pg_get_serial_sequence('events', 'seq')) FROM generate_series(1, :n)";
}

std::vector<std::string> Dialect::AfterInsertingSeqs() const {
  if (backend == Backend::kSqlite) return {};  // INTEGER PRIMARY KEY: MAX(seq) + 1 follows
  return {
      "SELECT setval(pg_get_serial_sequence('events', 'seq'), (SELECT COALESCE(MAX(seq), 1) "
      "FROM events))"};
}

std::vector<std::string> Dialect::ConnectionSetup(int busy_timeout_ms) const {
  if (backend == Backend::kSqlite) {
    // WAL: readers never block the writer; NORMAL is durable across crashes of the process
    // (a power loss may lose the last transactions, never corrupt the file).
    return {"PRAGMA foreign_keys = ON", fmt::format("PRAGMA busy_timeout = {}", busy_timeout_ms),
            "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"};
  }
  // lock_timeout bounds every lock wait, the writers' advisory lock included: past it the
  // statement fails with lock_not_available, which the store reports as Busy.
  return {fmt::format("SET lock_timeout = {}", busy_timeout_ms),
          "SET client_min_messages = warning"};
}

std::vector<std::string> Dialect::BeginWrite(std::string_view scope) const {
  if (backend == Backend::kSqlite) return {"BEGIN IMMEDIATE"};
  // FNV-1a of the scope: a stable 64-bit key for the advisory lock (the same in every process
  // and every version; hashtext() is not guaranteed to be).
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : scope) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return {"BEGIN",
          fmt::format("SELECT pg_advisory_xact_lock({})", static_cast<std::int64_t>(hash))};
}

std::vector<std::string> Dialect::LockOutWriters() const {
  if (backend == Backend::kSqlite) return {};
  return {"LOCK TABLE events IN EXCLUSIVE MODE"};
}

std::vector<std::string> Dialect::SecureEraseOn() const {
  if (backend == Backend::kSqlite) return {"PRAGMA secure_delete = ON"};
  return {};
}

std::vector<std::string> Dialect::SecureEraseOff() const {
  if (backend == Backend::kSqlite) return {"PRAGMA secure_delete = OFF"};
  return {};
}

Dialect::LeftOver Dialect::AfterSecureErase(soci::session& sql, std::string_view org) const {
  if (backend == Backend::kSqlite) {
    // secure_delete zeroes only what this erase frees: copies that earlier page splits left in
    // unused space (written before, without secure_delete) survive it, so the file is rebuilt.
    // The checkpoint before does not wait for readers (PASSIVE); the one after, which must
    // empty the log, waits once.
    sql << "PRAGMA wal_checkpoint(PASSIVE)";
    sql << "VACUUM";
    // (busy, frames in the log, frames checkpointed): busy when a reader's snapshot still needs
    // the old pages, which then stay in the database file, the rebuilt ones in the log.
    int busy = 0, frames = 0, checkpointed = 0;
    sql << "PRAGMA wal_checkpoint(TRUNCATE)", soci::into(busy), soci::into(frames),
        soci::into(checkpointed);
    if (busy == 0) return {};
    return {
        "another connection holds a read snapshot older than the forget, so the old pages "
        "are still in the database file (the rebuilt ones wait in its -wal for a checkpoint); "
        "once that connection has ended (a long report, a sqlite3 shell), run with sqlite3 on "
        "the database file",
        {"PRAGMA wal_checkpoint(TRUNCATE)"}};
  }
  // Every table partitioned by organisation puts `org` in the partition of the same remainder
  // (one key type, one modulus): the events table says which.
  std::string partition;
  soci::indicator found = soci::i_null;
  const std::string id(org);
  sql << "SELECT tableoid::regclass::text FROM events WHERE org = :org LIMIT 1", soci::use(id),
      soci::into(partition, found);
  if (found != soci::i_ok) return {};
  const auto suffix = partition.rfind("_p");
  if (suffix == std::string::npos) return {};
  std::vector<std::string> tables;
  soci::rowset<std::string> parents =
      (sql.prepare << "SELECT c.relname::text FROM pg_class c WHERE c.relkind = 'p' AND "
                      "c.relnamespace = current_schema()::regnamespace ORDER BY c.relname");
  for (const std::string& parent : parents) tables.push_back(parent + partition.substr(suffix));
  if (tables.empty()) return {};
  return {
      "PostgreSQL keeps the old rows in its files until they are rewritten; as the tables' "
      "owner, in a quiet moment (it locks them), run",
      {fmt::format("VACUUM FULL {}", fmt::join(tables, ", "))}};
}

std::string Dialect::CountTablesSql() const {
  if (backend == Backend::kSqlite) {
    return "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND (:name = '' OR name = "
           ":name2)";
  }
  return "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() "
         "AND (:name = '' OR table_name = :name2)";
}

Result<Location> ParseLocation(std::string_view location) {
  if (location.empty()) return Status::InvalidArgument("empty database location");
  if (IsPostgresUrl(location)) return ParsePostgresUrl(location);
  if (location.find("://") != std::string_view::npos) {
    return Status::InvalidArgument(
        "unsupported location: use a SQLite file path or a postgresql:// URL");
  }
  return Location{Backend::kSqlite, std::string(location), std::string(), std::string(location),
                  std::string()};
}

std::string RedactedLocation(std::string_view location) {
  if (!IsPostgresUrl(location)) return std::string(location);
  std::string redacted(location);
  const auto scheme_end = redacted.find("://") + 3;
  const auto query = redacted.find('?');
  // A password in the user information: postgresql://user:secret@host/db.
  const auto at = redacted.rfind('@', query == std::string::npos ? std::string::npos : query);
  if (at != std::string::npos && at >= scheme_end) {
    const auto colon = redacted.find(':', scheme_end);
    if (colon != std::string::npos && colon < at) {
      redacted.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // A password in the query string: ...?password=secret&sslmode=require (any case).
  for (auto start = redacted.find('?'); start != std::string::npos;
       start = redacted.find('&', start + 1)) {
    const auto key = start + 1;
    const auto equals = redacted.find('=', key);
    const auto end = std::min(redacted.find('&', key), redacted.size());
    if (equals == std::string::npos || equals > end) continue;
    std::string name = redacted.substr(key, equals - key);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name == "password") redacted.replace(equals + 1, end - equals - 1, "***");
  }
  return redacted;
}

namespace {

// SOCI's "Cannot establish connection to the database." and then libpq's reason on lines of its
// own ("connection to server at ... failed: FATAL:  password authentication failed for user
// ..."): the reason on one line, the password (libpq does not repeat it) scrubbed all the same.
std::string ConnectionFailure(std::string message, const std::string& password) {
  constexpr std::string_view kSociPrefix = "Cannot establish connection to the database.";
  if (message.starts_with(kSociPrefix)) message.erase(0, kSociPrefix.size());
  std::string reason;
  bool space = false;
  for (char c : message) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !reason.empty();
      continue;
    }
    if (space) reason += ' ';
    space = false;
    reason += c;
  }
  for (std::string_view noise : {"FATAL: ", "ERROR: "}) {
    for (auto at = reason.find(noise); at != std::string::npos; at = reason.find(noise, at)) {
      reason.erase(at, noise.size());
    }
  }
  if (!password.empty()) {
    // Past each replacement: a password of asterisks must not be found in its own mask.
    for (auto at = reason.find(password); at != std::string::npos;
         at = reason.find(password, at + 3)) {
      reason.replace(at, password.size(), "***");
    }
  }
  if (reason.empty()) reason = "the server gave no reason";
  return "cannot connect to PostgreSQL: " + reason;
}

}  // namespace

Dialect DialectOf(soci::session& session) {
  return Dialect{session.get_backend_name() == "postgresql" ? Backend::kPostgresql
                                                            : Backend::kSqlite};
}

std::unique_ptr<soci::session> ConnectScratch(int busy_timeout_ms, Dialect* dialect) {
  *dialect = Dialect{Backend::kSqlite};
  Location scratch;
  scratch.backend = Backend::kSqlite;
  scratch.display = "as recorded";
  std::unique_ptr<soci::session> session = Connect(scratch, *dialect, busy_timeout_ms);
  *session << "PRAGMA synchronous = OFF";  // a copy thrown away when closed
  return session;
}

Dialect WithRowSecurityOf(soci::session& session, Dialect dialect) {
  if (dialect.backend != Backend::kPostgresql) return dialect;
  // row_security_active: false for the table's owner and roles with BYPASSRLS; NULL before the
  // schema exists (no events table yet).
  soci::indicator exists = soci::i_ok;
  int active = 0;
  session << "SELECT CASE WHEN to_regclass('events') IS NULL THEN 0 "
             "WHEN row_security_active('events') THEN 1 ELSE 0 END",
      soci::into(active, exists);
  dialect.row_security = exists == soci::i_ok && active == 1;
  return dialect;
}

std::unique_ptr<soci::session> Connect(const Location& location, const Dialect& dialect,
                                       int busy_timeout_ms) {
  std::unique_ptr<soci::session> session;
  if (location.backend == Backend::kPostgresql) {
    try {
      session = std::make_unique<soci::session>(*soci::factory_postgresql(), location.connect);
    } catch (const soci::soci_error& e) {
      throw StorageRefusal(ConnectionFailure(e.get_error_message(), location.password));
    }
  } else {
    std::string escaped;
    for (char c : location.path) {
      if (c == '"' || c == '\\') escaped += '\\';
      escaped += c;
    }
    session = std::make_unique<soci::session>(
        *soci::factory_sqlite3(),
        fmt::format("db=\"{}\" timeout={}", escaped, (busy_timeout_ms + 999) / 1000));
  }
  for (const std::string& statement : dialect.ConnectionSetup(busy_timeout_ms)) {
    *session << statement;
  }
  return session;
}

}  // namespace traject::storage

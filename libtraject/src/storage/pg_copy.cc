#include "storage/pg_copy.h"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

#include <iterator>

namespace traject::storage {
namespace {

PGconn* Connection(soci::session& sql) {
  // By name, not dynamic_cast: libsoci_postgresql does not export the backend's type info.
  if (sql.get_backend_name() != "postgresql") {
    throw soci::soci_error("COPY needs a PostgreSQL session");
  }
  return static_cast<soci::postgresql_session_backend*>(sql.get_backend())->conn_;
}

// Drains the connection's remaining results, so that it can run the next statement.
void Drain(PGconn* conn) {
  while (PGresult* more = PQgetResult(conn)) PQclear(more);
}

// PostgreSQL's primary message of a failed result: no detail, no context (they quote values).
[[noreturn]] void Fail(PGconn* conn, PGresult* result, const char* what) {
  const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string message = fmt::format("{}: {}", what, primary ? primary : "failed");
  if (result) PQclear(result);
  Drain(conn);
  throw soci::soci_error(message);
}

}  // namespace

void CopyText::Separate() {
  if (!first_field_) text_ += '\t';
  first_field_ = false;
}

void CopyText::AddInteger(std::int64_t value) {
  Separate();
  fmt::format_to(std::back_inserter(text_), "{}", value);
}

void CopyText::Add(std::string_view text) {
  Separate();
  for (char c : text) {
    switch (c) {
      case '\\':
        text_ += "\\\\";
        break;
      case '\t':
        text_ += "\\t";
        break;
      case '\n':
        text_ += "\\n";
        break;
      case '\r':
        text_ += "\\r";
        break;
      default:
        text_ += c;
    }
  }
}

void CopyText::EndRow() {
  text_ += '\n';
  first_field_ = true;
  ++rows_;
}

void CopyText::clear() {
  text_.clear();
  rows_ = 0;
  first_field_ = true;
}

void CopyIn(soci::session& sql, std::string_view table, std::string_view columns,
            const CopyText& rows) {
  if (rows.rows() == 0) return;
  PGconn* conn = Connection(sql);
  const std::string start = fmt::format("COPY {} ({}) FROM STDIN", table, columns);
  PGresult* started = PQexec(conn, start.c_str());
  if (PQresultStatus(started) != PGRES_COPY_IN) Fail(conn, started, "starting a bulk copy");
  PQclear(started);
  const std::string& text = rows.text();
  constexpr std::size_t kChunk = 1 << 20;
  for (std::size_t at = 0; at < text.size(); at += kChunk) {
    const std::size_t n = std::min(kChunk, text.size() - at);
    if (PQputCopyData(conn, text.data() + at, static_cast<int>(n)) != 1) {
      PQputCopyEnd(conn, "failed");
      Fail(conn, nullptr, "sending a bulk copy");
    }
  }
  if (PQputCopyEnd(conn, nullptr) != 1) Fail(conn, nullptr, "ending a bulk copy");
  PGresult* result = PQgetResult(conn);
  if (PQresultStatus(result) != PGRES_COMMAND_OK) Fail(conn, result, "bulk copy");
  PQclear(result);
  Drain(conn);
}

}  // namespace traject::storage

#include "storage/pg_copy.h"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

namespace traject::storage {
namespace {

PGconn* Connection(soci::session& sql) {
  // By name, not dynamic_cast: libsoci_postgresql does not export the backend's type info.
  if (sql.get_backend_name() != "postgresql") {
    throw soci::soci_error("COPY needs a PostgreSQL session");
  }
  return static_cast<soci::postgresql_session_backend*>(sql.get_backend())->conn_;
}

// PostgreSQL's primary message of a failed result: no detail, no context (they quote values).
[[noreturn]] void Fail(PGresult* result, const char* what) {
  const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string message = fmt::format("{}: {}", what, primary ? primary : "failed");
  if (result) PQclear(result);
  throw soci::soci_error(message);
}

constexpr std::size_t kSendAt = 1 << 16;  // bytes buffered before a PQputCopyData

}  // namespace

PgCopy::PgCopy(soci::session& sql, std::string_view table, std::string_view columns)
    : conn_(Connection(sql)) {
  const std::string start = fmt::format("COPY {} ({}) FROM STDIN", table, columns);
  PGresult* result = PQexec(static_cast<PGconn*>(conn_), start.c_str());
  if (PQresultStatus(result) != PGRES_COPY_IN) Fail(result, "starting a bulk copy");
  PQclear(result);
  open_ = true;
}

PgCopy::~PgCopy() {
  if (!open_) return;
  PGconn* conn = static_cast<PGconn*>(conn_);
  PQputCopyEnd(conn, "abandoned");
  while (PGresult* result = PQgetResult(conn)) PQclear(result);
}

void PgCopy::Field() {
  if (!first_field_) buffer_ += '\t';
  first_field_ = false;
}

void PgCopy::Add(std::int64_t value) {
  Field();
  fmt::format_to(std::back_inserter(buffer_), "{}", value);
}

void PgCopy::Add(const std::optional<std::int64_t>& value) {
  if (value) return Add(*value);
  Field();
  buffer_ += "\\N";
}

void PgCopy::Add(std::string_view text) {
  Field();
  for (char c : text) {
    switch (c) {
      case '\\':
        buffer_ += "\\\\";
        break;
      case '\t':
        buffer_ += "\\t";
        break;
      case '\n':
        buffer_ += "\\n";
        break;
      case '\r':
        buffer_ += "\\r";
        break;
      default:
        buffer_ += c;
    }
  }
}

void PgCopy::EndRow() {
  buffer_ += '\n';
  first_field_ = true;
  if (buffer_.size() >= kSendAt) Send(false);
}

void PgCopy::Send(bool last) {
  PGconn* conn = static_cast<PGconn*>(conn_);
  if (!buffer_.empty() &&
      PQputCopyData(conn, buffer_.data(), static_cast<int>(buffer_.size())) != 1) {
    Fail(nullptr, "sending a bulk copy");
  }
  buffer_.clear();
  if (!last) return;
  open_ = false;
  if (PQputCopyEnd(conn, nullptr) != 1) Fail(nullptr, "ending a bulk copy");
  PGresult* result = PQgetResult(conn);
  if (PQresultStatus(result) != PGRES_COMMAND_OK) {
    while (PGresult* more = PQgetResult(conn)) PQclear(more);
    Fail(result, "bulk copy");
  }
  PQclear(result);
  while (PGresult* more = PQgetResult(conn)) PQclear(more);
}

void PgCopy::Finish() { Send(true); }

}  // namespace traject::storage

#include "storage/errors.h"

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sqlite3.h>

#include <new>
#include <string>

namespace traject::storage {
namespace {

// The database's reason without SOCI's "backend::function: " prefix and without any context
// lines SOCI added.
std::string Reason(const soci::soci_error& error) {
  std::string message = error.get_error_message();
  if (const auto newline = message.find('\n'); newline != std::string::npos) {
    message.resize(newline);
  }
  // PostgreSQL: "Cannot execute query. Fatal error. ERROR:  <reason>".
  if (const auto server = message.find("ERROR:"); server != std::string::npos) {
    message.erase(0, server + 6);
    while (!message.empty() && message.front() == ' ') message.erase(0, 1);
    return message.empty() ? "the database reported an error" : message;
  }
  if (const auto colons = message.find("::"); colons != std::string::npos) {
    if (const auto separator = message.find(": ", colons); separator != std::string::npos) {
      message.erase(0, separator + 2);
    }
  }
  while (!message.empty() && (message.back() == ' ' || message.back() == '\r')) message.pop_back();
  return message.empty() ? "the database reported an error" : message;
}

Status Busy(std::string_view what) {
  return Status::Busy(fmt::format(
      "{}: another writer held the database longer than the busy timeout; nothing was written, "
      "try again",
      what));
}

}  // namespace

Status StorageError(const std::exception& error, std::string_view what) {
  if (const auto* sqlite = dynamic_cast<const soci::sqlite3_soci_error*>(&error)) {
    const int code = sqlite->result() & 0xFF;  // the primary code of an extended one
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
      return Busy(what);
    }
    return Status::Storage(fmt::format("{}: {}", what, Reason(*sqlite)));
  }
  if (const auto* postgres = dynamic_cast<const soci::postgresql_soci_error*>(&error)) {
    // lock_not_available (lock_timeout passed), deadlock_detected, serialization_failure.
    const std::string state = postgres->sqlstate();
    if (state == "55P03" || state == "40P01" || state == "40001") return Busy(what);
    return Status::Storage(fmt::format("{}: {}", what, Reason(*postgres)));
  }
  if (const auto* soci_error = dynamic_cast<const soci::soci_error*>(&error)) {
    const std::string reason = Reason(*soci_error);
    if (reason.find("database is locked") != std::string::npos) {
      return Busy(what);
    }
    return Status::Storage(fmt::format("{}: {}", what, reason));
  }
  if (const auto* refusal = dynamic_cast<const StorageRefusal*>(&error)) {
    return Status::Storage(fmt::format("{}: {}", what, refusal->what()));
  }
  if (dynamic_cast<const std::bad_alloc*>(&error)) {
    return Status::Storage(fmt::format("{}: out of memory", what));
  }
  return Status::Internal(fmt::format("{}: unexpected failure", what));
}

}  // namespace traject::storage

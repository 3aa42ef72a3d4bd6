// Status and Result<T>: how every public traject call reports success or failure.
//
// No exception escapes the public API or crosses a plugin boundary. A call returns Status
// (no value) or Result<T> (a value or a Status). Messages say what failed, where (file,
// line, field, id) and, where useful, what to do.
//
// Thread safety: Status and Result are values; distinct objects may be used from distinct
// threads without synchronisation.
#ifndef TRAJECT_STATUS_H_
#define TRAJECT_STATUS_H_

#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "traject/export.h"

namespace traject {

class TRAJECT_EXPORT Status {
 public:
  // Codes are part of the CLI's documented exit codes (cli/exit_codes.h): do not renumber.
  enum class Code : int {
    kOk = 0,
    kInvalidArgument = 1,  // bad input: a malformed value, an illegal transition, a bad file
    kNotFound = 2,         // a referenced participant, trajectory, programme... does not exist
    kConflict = 3,         // the change contradicts stored state (duplicate id, version clash)
    kStorage = 4,          // the database failed (I/O, locked, corrupt, schema too new)
    kPlugin = 5,           // a plugin could not be loaded, is incompatible or misbehaved
    kInternal = 6,         // a bug in traject
  };

  // Success.
  Status() = default;
  static Status OK() { return Status(); }

  static Status InvalidArgument(std::string message) {
    return Status(Code::kInvalidArgument, std::move(message));
  }
  static Status NotFound(std::string message) {
    return Status(Code::kNotFound, std::move(message));
  }
  static Status Conflict(std::string message) {
    return Status(Code::kConflict, std::move(message));
  }
  static Status Storage(std::string message) { return Status(Code::kStorage, std::move(message)); }
  static Status Plugin(std::string message) { return Status(Code::kPlugin, std::move(message)); }
  static Status Internal(std::string message) {
    return Status(Code::kInternal, std::move(message));
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // "OK", or "<code name>: <message>".
  std::string ToString() const;

  // A copy whose message is "<context>: <message>"; OK stays OK.
  Status WithContext(std::string_view context) const;

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  Code code_ = Code::kOk;
  std::string message_;
};

TRAJECT_EXPORT std::string_view CodeName(Status::Code code);

// A value of type T or a non-OK Status. REQUIRES for value(): ok().
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}         // NOLINT: implicit
  Result(Status status) : state_(std::in_place_index<1>, std::move(status)) {}  // NOLINT

  bool ok() const { return state_.index() == 0; }
  // OK when a value is held.
  Status status() const { return ok() ? Status::OK() : std::get<1>(state_); }

  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace traject

#endif  // TRAJECT_STATUS_H_

// Status and Result<T>: how every public traject call reports success or failure.
//
// No exception escapes the public API or crosses a plugin boundary. A call returns Status
// (no value) or Result<T> (a value or a non-OK Status). Both are [[nodiscard]]: ignoring one
// is a compile warning. Messages say what failed and where (file, line, field, id); they never
// hold SQL text or the values of a command or payload (those are personal data), and they give
// no command-line advice: a library caller has no command line.
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

class TRAJECT_NODISCARD_EXPORT Status {
 public:
  // Codes are part of the CLI's documented exit codes (cli/exit_codes.h): do not renumber.
  enum class Code : int {
    kOk = 0,
    kInvalidArgument = 1,  // bad input: a malformed value, an illegal transition, a bad file
    kNotFound = 2,         // a referenced participant, trajectory, programme... does not exist
    kConflict = 3,         // the change contradicts stored state (duplicate id, version clash)
    kStorage = 4,          // the database failed (I/O, corrupt, schema too new)
    kPlugin = 5,           // a plugin could not be loaded, is incompatible or misbehaved
    kInternal = 6,         // a bug in traject
    kBusy = 7,  // another writer held the database longer than the busy timeout: retry later
    kFailedPrecondition = 8,  // a call its object's state does not allow (a caller's mistake):
                              // a second write batch, a write beside an open batch, a batch
                              // used after it failed or was committed
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
  static Status Busy(std::string message) { return Status(Code::kBusy, std::move(message)); }
  static Status FailedPrecondition(std::string message) {
    return Status(Code::kFailedPrecondition, std::move(message));
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // True when the same call may succeed if tried again later (kBusy); nothing was written.
  bool IsRetryable() const { return code_ == Code::kBusy; }

  // The name of the command or file field at fault ("date", "employer", "hours_per_week"),
  // when the error concerns one field; empty otherwise. Importers use it to point at a column.
  const std::string& field() const { return field_; }
  // A copy that names `field` as the field at fault (see field()); OK stays OK.
  Status WithField(std::string field) const;

  // "OK", or "<code name>: <message>".
  std::string ToString() const;

  // A copy whose message is "<context>: <message>"; OK stays OK.
  Status WithContext(std::string_view context) const;

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  Code code_ = Code::kOk;
  std::string message_;
  std::string field_;
};

// "OK", "invalid input", "not found", "conflict", "storage error", "plugin error",
// "internal error", "busy".
TRAJECT_EXPORT std::string_view CodeName(Status::Code code);

namespace internal {
// Reports a value() call on a Result that holds an error, naming the error, and aborts: it is a
// bug in the caller, like dereferencing an empty optional.
[[noreturn]] TRAJECT_EXPORT void DieOnBadResultAccess(const Status& status);
// The error a Result holds when it was made from an OK status without a value (a caller bug).
TRAJECT_EXPORT Status OkStatusWithoutValue();
// One OK status that Result::status() can return a reference to.
TRAJECT_EXPORT const Status& OkStatus();
}  // namespace internal

// A value of type T or a non-OK Status. Made from an OK Status (which carries no value), it
// holds an Internal error instead. REQUIRES for value(), operator* and operator->: ok();
// calling them on an error aborts with a message that names the error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit
  Result(Status status)                                                  // NOLINT: implicit
      : state_(std::in_place_index<1>,
               status.ok() ? internal::OkStatusWithoutValue() : std::move(status)) {}

  bool ok() const { return state_.index() == 0; }
  // OK when a value is held. A reference into this Result (or a copy, from a temporary one).
  const Status& status() const& { return ok() ? internal::OkStatus() : std::get<1>(state_); }
  Status status() && { return ok() ? Status::OK() : std::get<1>(std::move(state_)); }

  T& value() & {
    Check();
    return std::get<0>(state_);
  }
  const T& value() const& {
    Check();
    return std::get<0>(state_);
  }
  T&& value() && {
    Check();
    return std::get<0>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  void Check() const {
    if (!ok()) internal::DieOnBadResultAccess(std::get<1>(state_));
  }

  std::variant<T, Status> state_;
};

}  // namespace traject

#endif  // TRAJECT_STATUS_H_

#include "traject/status.h"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace traject {

std::string_view CodeName(Status::Code code) {
  switch (code) {
    case Status::Code::kOk:
      return "OK";
    case Status::Code::kInvalidArgument:
      return "invalid input";
    case Status::Code::kNotFound:
      return "not found";
    case Status::Code::kConflict:
      return "conflict";
    case Status::Code::kStorage:
      return "storage error";
    case Status::Code::kPlugin:
      return "plugin error";
    case Status::Code::kInternal:
      return "internal error";
    case Status::Code::kBusy:
      return "busy";
    case Status::Code::kFailedPrecondition:
      return "failed precondition";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return std::string(CodeName(code_)) + ": " + message_;
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  Status copy(code_, std::string(context) + ": " + message_);
  copy.field_ = field_;
  return copy;
}

Status Status::WithField(std::string field) const {
  if (ok()) return *this;
  Status copy = *this;
  copy.field_ = std::move(field);
  return copy;
}

namespace internal {

void DieOnBadResultAccess(const Status& status) {
  std::fprintf(stderr, "traject: Result::value() called on an error (a bug in the caller): %s\n",
               status.ToString().c_str());
  std::abort();
}

const Status& OkStatus() {
  static const Status ok;
  return ok;
}

Status OkStatusWithoutValue() {
  return Status::Internal("a Result was made from an OK status without a value (a bug)");
}

}  // namespace internal
}  // namespace traject

#include "traject/status.h"

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
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return std::string(CodeName(code_)) + ": " + message_;
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  return Status(code_, std::string(context) + ": " + message_);
}

}  // namespace traject

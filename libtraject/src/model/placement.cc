#include "traject/placement.h"

#include <fmt/format.h>

namespace traject {

Result<CentiHours> ParseHours(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return Status::InvalidArgument(
        fmt::format("bad hours per week '{}': {} (expected e.g. 32 or 32.5)", text, why));
  };
  const auto separator = text.find_first_of(".,");
  std::string_view whole = text.substr(0, separator);
  std::string_view fraction = separator == std::string_view::npos ? "" : text.substr(separator + 1);
  if (whole.empty() || whole.size() > 2) return bad("not a number of hours");
  if (separator != std::string_view::npos && (fraction.empty() || fraction.size() > 2)) {
    return bad("at most two decimals");
  }
  CentiHours hours = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return bad("not a number");
    hours = hours * 10 + (c - '0');
  }
  hours *= 100;
  CentiHours scale = 10;
  for (char c : fraction) {
    if (c < '0' || c > '9') return bad("not a number");
    hours += (c - '0') * scale;
    scale /= 10;
  }
  if (hours <= 0 || hours > 8000) return bad("must be more than 0 and at most 80");
  return hours;
}

std::string FormatHours(CentiHours hours) {
  if (hours % 100 == 0) return std::to_string(hours / 100);
  if (hours % 10 == 0) return fmt::format("{}.{}", hours / 100, (hours % 100) / 10);
  return fmt::format("{}.{:02}", hours / 100, hours % 100);
}

bool IsActiveOn(const Placement& placement, Date day) {
  using std::chrono::sys_days;
  if (sys_days(day) < sys_days(placement.start)) return false;
  return !placement.end || sys_days(day) <= sys_days(*placement.end);
}

Placement PlacementOn(Placement placement, Date day) {
  using std::chrono::sys_days;
  std::erase_if(placement.assessments,
                [&](const LoonwaardeAssessment& a) { return sys_days(a.date) > sys_days(day); });
  if (placement.end && sys_days(*placement.end) > sys_days(day)) {
    placement.end.reset();
    placement.end_reason.clear();
  }
  return placement;
}

}  // namespace traject

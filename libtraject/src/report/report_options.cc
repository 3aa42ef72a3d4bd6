#include "traject/report_options.h"

#include <fmt/format.h>

#include "traject/money.h"

namespace traject {

namespace {
constexpr ReportGrouping kAllGroupings[] = {
    ReportGrouping::kProgramme, ReportGrouping::kTrack,    ReportGrouping::kArea,
    ReportGrouping::kGroup,     ReportGrouping::kEmployer, ReportGrouping::kKlantmanager,
    ReportGrouping::kMonth};
}  // namespace

Result<ReportGrouping> ParseReportGrouping(std::string_view text) {
  for (ReportGrouping g : kAllGroupings) {
    if (ToString(g) == text) return g;
  }
  return Status::InvalidArgument(
      fmt::format("unknown grouping '{}' (expected programme, track, area, group, employer, "
                  "klantmanager or month)",
                  text));
}

std::string_view ToString(ReportGrouping grouping) {
  switch (grouping) {
    case ReportGrouping::kProgramme:
      return "programme";
    case ReportGrouping::kTrack:
      return "track";
    case ReportGrouping::kArea:
      return "area";
    case ReportGrouping::kGroup:
      return "group";
    case ReportGrouping::kEmployer:
      return "employer";
    case ReportGrouping::kKlantmanager:
      return "klantmanager";
    case ReportGrouping::kMonth:
      return "month";
  }
  return "?";
}

Result<ResolvedPeriod> Resolve(const ReportPeriod& period) {
  using std::chrono::sys_days;
  if (!period.as_of.ok()) {
    return Status::InvalidArgument("as-of date: required, a calendar date").WithField("as_of");
  }
  ResolvedPeriod out;
  out.as_of = period.as_of;
  out.from = period.from.value_or(
      Date{std::chrono::year{1900}, std::chrono::January, std::chrono::day{1}});
  out.to = period.to.value_or(period.as_of);
  if (sys_days(out.to) > sys_days(out.as_of)) out.to = out.as_of;
  if (!out.from.ok() || !out.to.ok()) {
    return Status::InvalidArgument("window: not a calendar date").WithField("from");
  }
  if (sys_days(out.to) < sys_days(out.from)) {
    return Status::InvalidArgument(fmt::format("the window ends ({}) before it starts ({})",
                                               FormatDate(out.to), FormatDate(out.from)))
        .WithField("to");
  }
  return out;
}

std::optional<std::int64_t> Share::TenthsOfPercent() const {
  if (base <= 0) return std::nullopt;
  return DivideRounded(Int128{count} * 1000, base);
}

std::string Share::PercentText() const {
  std::optional<std::int64_t> tenths = TenthsOfPercent();
  if (!tenths) return "";
  return fmt::format("{}.{}", *tenths / 10, *tenths % 10);
}

}  // namespace traject

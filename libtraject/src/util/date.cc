#include "traject/date.h"

#include <fmt/format.h>

#include <charconv>
#include <ctime>

namespace traject {
namespace {

using std::chrono::day;
using std::chrono::days;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;

bool ParseFixedDigits(std::string_view text, int& out) {
  out = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return !text.empty();
}

}  // namespace

Result<Date> ParseDate(std::string_view text) {
  // The text is not repeated: a date may be personal data (a birth date). Callers say where.
  auto bad = [&](std::string_view why) {
    return Status::InvalidArgument(fmt::format("not a date: {} (expected YYYY-MM-DD)", why));
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad("wrong format");
  int y = 0, m = 0, d = 0;
  if (!ParseFixedDigits(text.substr(0, 4), y) || !ParseFixedDigits(text.substr(5, 2), m) ||
      !ParseFixedDigits(text.substr(8, 2), d)) {
    return bad("not all digits");
  }
  if (y < 1900 || y > 2199) return bad("year out of range 1900..2199");
  if (m < 1 || m > 12) return bad("no such month");
  Date date{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!date.ok()) return bad("no such day in that month");
  return date;
}

std::string FormatDate(Date date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

std::int64_t ToDays(Date date) { return sys_days(date).time_since_epoch().count(); }

Date FromDays(std::int64_t n) { return Date(sys_days(days(n))); }

Date AddMonths(Date date, int months) {
  Date shifted = date + std::chrono::months(months);
  if (!shifted.ok()) shifted = Date(shifted.year() / shifted.month() / std::chrono::last);
  return shifted;
}

int WholeMonthsBetween(Date from, Date to) {
  int estimate = (static_cast<int>(to.year()) - static_cast<int>(from.year())) * 12 +
                 (static_cast<int>(static_cast<unsigned>(to.month())) -
                  static_cast<int>(static_cast<unsigned>(from.month())));
  // Adjust by at most one in either direction.
  while (sys_days(AddMonths(from, estimate)) > sys_days(to)) --estimate;
  while (sys_days(AddMonths(from, estimate + 1)) <= sys_days(to)) ++estimate;
  return estimate;
}

Date FirstOfMonth(Date date) { return date.year() / date.month() / day{1}; }

Date LastOfMonth(Date date) {
  return Date(sys_days(date.year() / date.month() / std::chrono::last));
}

int AgeOn(Date birth, Date on) {
  int age = static_cast<int>(on.year()) - static_cast<int>(birth.year());
  if (std::chrono::month_day(on.month(), on.day()) <
      std::chrono::month_day(birth.month(), birth.day())) {
    --age;
  }
  return age;
}

Date DateOfUnixMs(std::int64_t unix_ms) {
  // localtime_r: g++ 12's standard library has no std::chrono::current_zone yet.
  const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm local{};
  localtime_r(&seconds, &local);
  return Date{year{local.tm_year + 1900}, month{static_cast<unsigned>(local.tm_mon + 1)},
              day{static_cast<unsigned>(local.tm_mday)}};
}

Date Today() {
  return DateOfUnixMs(std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count());
}

}  // namespace traject

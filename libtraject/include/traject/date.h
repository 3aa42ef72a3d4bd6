// Calendar dates. traject works in calendar days (no time of day, no time zone) for every
// business fact: a placement starts on a date, a milestone is reached on a date.
//
// Persisted form: the number of days since 1970-01-01 (see ToDays); the event log and the
// projection tables store dates as that integer, never as text or std::tm.
#ifndef TRAJECT_DATE_H_
#define TRAJECT_DATE_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "traject/export.h"
#include "traject/status.h"

namespace traject {

using Date = std::chrono::year_month_day;

// Parses a strict ISO date "YYYY-MM-DD" (years 1900..2199) that exists in the calendar.
// On error: InvalidArgument saying what is wrong with it ("no such month"), without repeating
// the text (it may be a birth date).
TRAJECT_EXPORT Result<Date> ParseDate(std::string_view text);

// "YYYY-MM-DD".
TRAJECT_EXPORT std::string FormatDate(Date date);

// Days since 1970-01-01 and back. REQUIRES: date.ok().
TRAJECT_EXPORT std::int64_t ToDays(Date date);
TRAJECT_EXPORT Date FromDays(std::int64_t days);

// The date `months` calendar months later (or earlier when negative); a day that does not
// exist in the target month is clamped to its last day (2024-01-31 + 1 month = 2024-02-29).
TRAJECT_EXPORT Date AddMonths(Date date, int months);

// Whole calendar months from `from` to `to` (negative when `to` is earlier): the largest n
// with AddMonths(from, n) <= to.
TRAJECT_EXPORT int WholeMonthsBetween(Date from, Date to);

// The first and last day of the month that holds `date`.
TRAJECT_EXPORT Date FirstOfMonth(Date date);
TRAJECT_EXPORT Date LastOfMonth(Date date);

// Age in whole years on `on` of someone born on `birth`.
TRAJECT_EXPORT int AgeOn(Date birth, Date on);

// Today's date on the local calendar (the TZ environment variable, else the system's zone):
// the date a coordinator means by "today".
TRAJECT_EXPORT Date Today();

// The local calendar date of a moment given in milliseconds since the Unix epoch.
TRAJECT_EXPORT Date DateOfUnixMs(std::int64_t unix_ms);

}  // namespace traject

#endif  // TRAJECT_DATE_H_

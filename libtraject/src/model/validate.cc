// ValidateCommand: the limits every command meets before the store reads any state (the list is
// in traject/events.h). Messages name the field and the problem, never the value.
#include <fmt/format.h>

#include <type_traits>

#include "model/text_field.h"
#include "traject/catalogue.h"
#include "traject/events.h"

namespace traject {
namespace {

Status Bad(const char* field, std::string problem) {
  return Status::InvalidArgument(fmt::format("{}: {}", field, problem)).WithField(field);
}

Status CheckDate(const Date& date, const char* field) {
  const int y = static_cast<int>(date.year());
  const unsigned m = static_cast<unsigned>(date.month());
  const unsigned d = static_cast<unsigned>(date.day());
  if (y == 0 && m == 0 && d == 0) return Bad(field, "required (an empty date is never 'today')");
  if (y < 1900 || y > 2199) return Bad(field, "year out of range 1900..2199");
  if (m < 1 || m > 12) return Bad(field, "no such month");
  if (!date.ok()) return Bad(field, "no such day in that month");
  return Status::OK();
}

Status CheckOptionalDate(const std::optional<Date>& date, const char* field) {
  return date ? CheckDate(*date, field) : Status::OK();
}

Status CheckText(std::string_view value, const char* field, bool required,
                 TextLines lines = TextLines::kOne) {
  return CheckTextField(value, field, required, lines);
}

Status CheckOptionalText(const std::optional<std::string>& value, const char* field, bool required,
                         TextLines lines = TextLines::kOne) {
  return value ? CheckText(*value, field, required, lines) : Status::OK();
}

// A note: free text that may span lines.
Status CheckNote(std::string_view value, const char* field, bool required) {
  return CheckText(value, field, required, TextLines::kMany);
}

// A participant reference: 1..64 printable ASCII characters without spaces, commas, quotes or
// '/' (it appears in stream names, CSV files and command lines).
Status CheckRef(std::string_view ref) {
  if (ref.empty()) return Bad("ref", "required");
  if (ref.size() > 64) return Bad("ref", "longer than 64 characters");
  for (char c : ref) {
    if (c <= ' ' || c > '~' || c == ',' || c == '"' || c == '\'' || c == '/') {
      return Bad("ref", "only printable ASCII characters without spaces, commas, quotes or '/'");
    }
  }
  return Status::OK();
}

Status CheckId(std::string_view id, const char* field) {
  if (id.empty()) return Bad(field, "required");
  if (!IsValidId(id)) return Bad(field, "use 1..64 lower-case letters, digits and '-'");
  return Status::OK();
}

// `may_be_zero`: a start command, where 0 asks the store for the next free id.
Status CheckNumber(std::int64_t id, const char* field, bool may_be_zero) {
  if (id < 0 || (id == 0 && !may_be_zero)) return Bad(field, "must be a positive id");
  return Status::OK();
}

Status CheckHours(CentiHours hours, const char* field) {
  if (hours <= 0 || hours > 8000) return Bad(field, "not in (0, 80] hours per week");
  return Status::OK();
}

Status CheckWage(Cents wage, const char* field) {
  if (wage <= 0 || wage > kMaxMonthlyWage) {
    return Bad(field, fmt::format("not in (0, {}] a month", FormatEuro(kMaxMonthlyWage)));
  }
  return Status::OK();
}

bool Known(TargetGroup g) { return ToString(g) != "?"; }
bool Known(ContactKind k) { return ToString(k) != "?"; }
bool Known(TrajectoryState s) { return ToString(s) != "?"; }
bool Known(ExitReason r) { return ToString(r) != "?"; }
bool Known(CaseworkerRole r) {
  return r == CaseworkerRole::kKlantmanager || r == CaseworkerRole::kJobhunter;
}

template <typename E>
Status CheckEnum(E value, const char* field) {
  if (!Known(value)) return Bad(field, "not one of its named values");
  return Status::OK();
}

Status CheckGroups(const std::vector<TargetGroup>& groups) {
  for (TargetGroup g : groups) {
    if (Status s = CheckEnum(g, "groups"); !s.ok()) return s;
  }
  return Status::OK();
}

// Runs checks in order and returns the first failure.
Status FirstError(std::initializer_list<Status> checks) {
  for (const Status& s : checks) {
    if (!s.ok()) return s;
  }
  return Status::OK();
}

Status CheckBirth(const std::optional<Date>& birth, const Date& registered) {
  if (!birth) return Status::OK();
  using std::chrono::sys_days;
  if (sys_days(*birth) >= sys_days(registered)) {
    return Bad("birth", "not before the registration date");
  }
  if (AgeOn(*birth, registered) < 15) return Bad("birth", "younger than 15 on registration");
  return Status::OK();
}

class Validator {
 public:
  Status operator()(const ParticipantRegistered& c) const {
    if (Status s =
            FirstError({CheckRef(c.ref), CheckDate(c.registered, "registered"),
                        CheckOptionalDate(c.birth, "birth"), CheckText(c.area, "area", false),
                        CheckText(c.cohort, "cohort", false), CheckGroups(c.groups)});
        !s.ok()) {
      return s;
    }
    // The BSN itself is never repeated in a message.
    if (!c.bsn.empty() && !IsValidBsn(c.bsn)) {
      return Bad("bsn", "not a BSN: it must be 9 digits that pass the elfproef");
    }
    if (!c.bsn_hash.empty()) {
      return Bad("bsn_hash", "set by the store from the BSN given: give the BSN in bsn");
    }
    return CheckBirth(c.birth, c.registered);
  }
  Status operator()(const CaseworkerAssigned& c) const {
    return FirstError({CheckRef(c.ref), CheckEnum(c.role, "role"), CheckText(c.name, "name", true),
                       CheckDate(c.date, "date")});
  }
  Status operator()(const ContactRecorded& c) const {
    return FirstError({CheckRef(c.ref), CheckEnum(c.kind, "kind"), CheckDate(c.date, "date")});
  }
  Status operator()(const TrajectoryStarted& c) const {
    return FirstError({CheckNumber(c.trajectory_id, "trajectory_id", true), CheckRef(c.ref),
                       CheckId(c.programme_id, "programme_id"), CheckId(c.track_id, "track_id"),
                       CheckDate(c.date, "date")});
  }
  Status operator()(const TrajectoryStateChanged& c) const {
    if (Status s =
            FirstError({CheckNumber(c.trajectory_id, "trajectory_id", false), CheckEnum(c.to, "to"),
                        CheckDate(c.date, "date"), CheckNote(c.reason, "reason", false)});
        !s.ok()) {
      return s;
    }
    if (c.exit_reason) {
      if (Status s = CheckEnum(*c.exit_reason, "exit_reason"); !s.ok()) return s;
    }
    if (c.to == TrajectoryState::kUitgestroomd && !c.exit_reason) {
      return Bad("exit_reason", "uitstroom needs an exit reason (work, education or other)");
    }
    if (c.to != TrajectoryState::kUitgestroomd && c.exit_reason) {
      return Bad("exit_reason", "an exit reason belongs only to uitstroom");
    }
    return Status::OK();
  }
  Status operator()(const MilestoneReached& c) const {
    return FirstError({CheckNumber(c.trajectory_id, "trajectory_id", false),
                       CheckId(c.milestone_id, "milestone_id"), CheckDate(c.date, "date"),
                       CheckNote(c.evidence, "evidence", false)});
  }
  Status operator()(const PlacementStarted& c) const {
    return FirstError(
        {CheckNumber(c.placement_id, "placement_id", true),
         CheckNumber(c.trajectory_id, "trajectory_id", false),
         CheckText(c.employer, "employer", true), CheckHours(c.hours_per_week, "hours_per_week"),
         CheckWage(c.gross_monthly_wage, "gross_monthly_wage"), CheckDate(c.start, "start")});
  }
  Status operator()(const PlacementEnded& c) const {
    return FirstError({CheckNumber(c.placement_id, "placement_id", false),
                       CheckDate(c.date, "date"), CheckNote(c.reason, "reason", false)});
  }
  Status operator()(const LoonwaardeAssessed& c) const {
    if (c.percent < 0 || c.percent > 100) return Bad("percent", "not in 0..100");
    return FirstError(
        {CheckNumber(c.placement_id, "placement_id", false), CheckDate(c.date, "date")});
  }
  Status operator()(const ParticipantChanged& c) const {
    if (Status s = FirstError(
            {CheckRef(c.ref), CheckDate(c.date, "date"), CheckOptionalText(c.area, "area", false),
             CheckOptionalText(c.cohort, "cohort", false), CheckOptionalDate(c.birth, "birth"),
             CheckNote(c.reason, "reason", true)});
        !s.ok()) {
      return s;
    }
    if (c.groups) {
      if (Status s = CheckGroups(*c.groups); !s.ok()) return s;
    }
    if (!c.area && !c.cohort && !c.groups && !c.birth) {
      return Bad("area", "nothing to change: give an area, cohort, target groups or birth date");
    }
    return Status::OK();
  }
  Status operator()(const CaseworkerUnassigned& c) const {
    return FirstError({CheckRef(c.ref), CheckEnum(c.role, "role"), CheckDate(c.date, "date"),
                       CheckNote(c.reason, "reason", true)});
  }
  Status operator()(const MilestoneCorrected& c) const {
    if (Status s = FirstError({CheckNumber(c.trajectory_id, "trajectory_id", false),
                               CheckId(c.milestone_id, "milestone_id"), CheckDate(c.date, "date"),
                               CheckOptionalDate(c.reached, "reached"),
                               CheckOptionalText(c.evidence, "evidence", false, TextLines::kMany),
                               CheckNote(c.reason, "reason", true)});
        !s.ok()) {
      return s;
    }
    if (!c.reached && !c.evidence) {
      return Bad("reached", "nothing to correct: give a new date reached or new evidence");
    }
    return Status::OK();
  }
  Status operator()(const MilestoneRetracted& c) const {
    return FirstError({CheckNumber(c.trajectory_id, "trajectory_id", false),
                       CheckId(c.milestone_id, "milestone_id"), CheckDate(c.date, "date"),
                       CheckNote(c.reason, "reason", true)});
  }
  Status operator()(const PlacementCorrected& c) const {
    if (Status s = FirstError(
            {CheckNumber(c.placement_id, "placement_id", false), CheckDate(c.date, "date"),
             CheckOptionalText(c.employer, "employer", true),
             c.hours_per_week ? CheckHours(*c.hours_per_week, "hours_per_week") : Status::OK(),
             c.gross_monthly_wage ? CheckWage(*c.gross_monthly_wage, "gross_monthly_wage")
                                  : Status::OK(),
             CheckOptionalDate(c.start, "start"), CheckOptionalDate(c.end, "end"),
             CheckNote(c.reason, "reason", true)});
        !s.ok()) {
      return s;
    }
    if (c.reopen && c.end) return Bad("end", "a placement is either reopened or given an end");
    if (!c.employer && !c.hours_per_week && !c.gross_monthly_wage && !c.start && !c.end &&
        !c.reopen) {
      return Bad("employer",
                 "nothing to correct: give an employer, hours, wage, start, end or reopen");
    }
    return Status::OK();
  }
  Status operator()(const LoonwaardeWithdrawn& c) const {
    return FirstError({CheckNumber(c.placement_id, "placement_id", false),
                       CheckDate(c.assessed, "assessed"), CheckDate(c.date, "date"),
                       CheckNote(c.reason, "reason", true)});
  }
};

}  // namespace

Status ValidateCommand(const Command& command) { return std::visit(Validator{}, command); }

}  // namespace traject

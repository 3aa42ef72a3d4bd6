#include "exchange/csv_format.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

namespace traject::exchange {
namespace {

enum EventColumn {
  kKind,
  kDate,
  kRef,
  kTrajectory,
  kPlacement,
  kProgramme,
  kTrack,
  kMilestone,
  kState,
  kExitReason,
  kEmployer,
  kHours,
  kWage,
  kPercent,
  kRole,
  kName,
  kContact,
  kText,
  kFirstVersionColumns,  // events.csv of traject 0.1 ends here
  kChanged = kFirstVersionColumns,
  kArea,
  kCohort,
  kGroups,
  kBirth,
  kStart,
  kEnd,
  kAssessed,
  kReached,
  kEvidence,
  kEventColumns
};
enum ParticipantColumn {
  kPRef,
  kPRegistered,
  kPBirth,
  kPArea,
  kPCohort,
  kPGroups,
  kPBsn,
  kParticipantColumns
};

std::string CentsText(Cents c) { return fmt::format("{}.{:02}", c / 100, c % 100); }

std::vector<std::string_view> SplitList(std::string_view text) {
  std::vector<std::string_view> parts;
  while (!text.empty()) {
    const auto semicolon = text.find(';');
    parts.push_back(text.substr(0, semicolon));
    text = semicolon == std::string_view::npos ? std::string_view() : text.substr(semicolon + 1);
  }
  return parts;
}

// A value of an identifier column (kind, programme, track, a name in `changed`) as an error
// may repeat it: quoted when it is shaped like an identifier — at most 40 characters of
// lower-case letters, digits, '.', '-' and '_', with at most 4 digits — and otherwise left
// out. A shifted column can put a name, a date or a BSN where an identifier belongs; those
// never have that shape, and errors never repeat personal data.
std::string IdentifierForError(std::string_view value) {
  const auto digits =
      std::count_if(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
  const bool shaped =
      !value.empty() && value.size() <= 40 && digits <= 4 &&
      std::all_of(value.begin(), value.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
      });
  return shaped ? fmt::format("'{}'", value) : std::string("(a value not shaped like one)");
}

std::string GroupsText(const std::vector<TargetGroup>& groups) {
  std::vector<std::string_view> names;
  for (TargetGroup g : groups) names.push_back(ToString(g));
  return fmt::format("{}", fmt::join(names, ";"));
}

// Reads the fields of one row by column; messages name the column, never repeat the value.
class RowParser {
 public:
  RowParser(const std::string& path, const CsvRecord& record) : path_(path), record_(record) {}

  Status Error(int column, const std::string& reason) const {
    return Status::InvalidArgument(
        fmt::format("{}:{}:{}: {}", path_, record_.line, ColumnNumber(column), reason));
  }
  std::int64_t ColumnNumber(int column) const {
    const auto i = static_cast<std::size_t>(column);
    return i < record_.columns.size() ? record_.columns[i] : record_.columns.back();
  }
  // "" for a column the file does not have (an older layout).
  const std::string& Field(int column) const {
    static const std::string kNone;
    const auto i = static_cast<std::size_t>(column);
    return i < record_.fields.size() ? record_.fields[i] : kNone;
  }

  Result<std::string> Required(int column, const char* name) const {
    if (Field(column).empty()) return Error(column, fmt::format("{} is required", name));
    return Field(column);
  }
  Result<Date> DateField(int column, const char* name) const {
    Result<std::string> text = Required(column, name);
    if (!text.ok()) return text.status();
    Result<Date> date = ParseDate(*text);
    if (!date.ok()) return Error(column, fmt::format("{}: {}", name, date.status().message()));
    return date;
  }
  Result<std::int64_t> Number(int column, const char* name, std::int64_t min,
                              std::int64_t max) const {
    Result<std::string> text = Required(column, name);
    if (!text.ok()) return text.status();
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (error != std::errc() || end != text->data() + text->size() || value < min || value > max) {
      return Error(column, fmt::format("{}: not a whole number in {}..{}", name, min, max));
    }
    return value;
  }
  Result<std::int64_t> Id(int column, const char* name) const {
    return Number(column, name, 1, std::int64_t{1} << 53);
  }
  template <typename T>
  Result<T> Parsed(int column, const char* name, Result<T> parsed) const {
    if (!parsed.ok()) return Error(column, fmt::format("{}: {}", name, parsed.status().message()));
    return parsed;
  }
  Result<std::vector<TargetGroup>> Groups(int column) const {
    std::vector<TargetGroup> groups;
    for (std::string_view name : SplitList(Field(column))) {
      Result<TargetGroup> group = ParseTargetGroup(name);
      if (!group.ok()) {
        return Error(column, "groups: use statushouder, jongere and 50-plusser, ';'-separated");
      }
      groups.push_back(*group);
    }
    return groups;
  }
  // The names in the `changed` column, each one of `known`.
  Result<std::vector<std::string>> Changed(std::initializer_list<const char*> known) const {
    std::vector<std::string> names;
    for (std::string_view name : SplitList(Field(kChanged))) {
      if (std::none_of(known.begin(), known.end(), [&](const char* k) { return name == k; })) {
        return Error(kChanged, fmt::format("changed: {} is not a field of this kind (use {})",
                                           IdentifierForError(name), fmt::join(known, ";")));
      }
      names.emplace_back(name);
    }
    if (names.empty()) {
      return Error(kChanged,
                   fmt::format("changed: name the corrected fields ({})", fmt::join(known, ";")));
    }
    return names;
  }

 private:
  const std::string& path_;
  const CsvRecord& record_;
};

bool Has(const std::vector<std::string>& names, const char* name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

#define TRY(var, expr) \
  auto var = (expr);   \
  if (!var.ok()) return var.status()

Result<Command> ParseParticipant(const RowParser& p) {
  ParticipantRegistered e;
  TRY(ref, p.Required(kPRef, "ref"));
  e.ref = *ref;
  TRY(registered, p.DateField(kPRegistered, "registered"));
  e.registered = *registered;
  if (!p.Field(kPBirth).empty()) {
    TRY(birth, p.DateField(kPBirth, "birth"));
    e.birth = *birth;
  }
  e.area = p.Field(kPArea);
  e.cohort = p.Field(kPCohort);
  TRY(groups, p.Groups(kPGroups));
  e.groups = *groups;
  const std::string& bsn = p.Field(kPBsn);
  if (bsn != "" && bsn != "yes" && bsn != "no") {
    return p.Error(kPBsn, "bsn_verified must be yes, no or empty");
  }
  e.bsn_verified = bsn == "yes";
  return Command(std::move(e));
}

Result<Command> ParseCorrection(const RowParser& p, const std::string& kind, Date date) {
  if (kind == "participant.changed") {
    TRY(changed, p.Changed({"area", "cohort", "groups", "birth"}));
    ParticipantChanged e;
    e.date = date;
    TRY(ref, p.Required(kRef, "ref"));
    e.ref = *ref;
    if (Has(*changed, "area")) e.area = p.Field(kArea);
    if (Has(*changed, "cohort")) e.cohort = p.Field(kCohort);
    if (Has(*changed, "groups")) {
      TRY(groups, p.Groups(kGroups));
      e.groups = *groups;
    }
    if (Has(*changed, "birth")) {
      TRY(birth, p.DateField(kBirth, "birth"));
      e.birth = *birth;
    }
    e.reason = p.Field(kText);
    return Command(std::move(e));
  }
  if (kind == "caseworker.unassigned") {
    TRY(ref, p.Required(kRef, "ref"));
    TRY(role, p.Parsed(kRole, "role", ParseCaseworkerRole(p.Field(kRole))));
    return Command(CaseworkerUnassigned{*ref, *role, date, p.Field(kText)});
  }
  if (kind == "milestone.corrected") {
    TRY(changed, p.Changed({"reached", "evidence"}));
    MilestoneCorrected e;
    TRY(id, p.Id(kTrajectory, "trajectory"));
    TRY(milestone, p.Required(kMilestone, "milestone"));
    e.trajectory_id = *id;
    e.milestone_id = *milestone;
    e.date = date;
    if (Has(*changed, "reached")) {
      TRY(reached, p.DateField(kReached, "reached"));
      e.reached = *reached;
    }
    if (Has(*changed, "evidence")) e.evidence = p.Field(kEvidence);
    e.reason = p.Field(kText);
    return Command(std::move(e));
  }
  if (kind == "milestone.retracted") {
    TRY(id, p.Id(kTrajectory, "trajectory"));
    TRY(milestone, p.Required(kMilestone, "milestone"));
    return Command(MilestoneRetracted{*id, *milestone, date, p.Field(kText)});
  }
  if (kind == "placement.corrected") {
    TRY(changed, p.Changed({"employer", "hours", "wage", "start", "end", "reopen"}));
    PlacementCorrected e;
    TRY(id, p.Id(kPlacement, "placement"));
    e.placement_id = *id;
    e.date = date;
    if (Has(*changed, "employer")) e.employer = p.Field(kEmployer);
    if (Has(*changed, "hours")) {
      TRY(hours, p.Parsed(kHours, "hours", ParseHours(p.Field(kHours))));
      e.hours_per_week = *hours;
    }
    if (Has(*changed, "wage")) {
      TRY(wage, p.Parsed(kWage, "wage", ParseEuro(p.Field(kWage))));
      e.gross_monthly_wage = *wage;
    }
    if (Has(*changed, "start")) {
      TRY(start, p.DateField(kStart, "start"));
      e.start = *start;
    }
    if (Has(*changed, "end")) {
      TRY(end, p.DateField(kEnd, "end"));
      e.end = *end;
    }
    e.reopen = Has(*changed, "reopen");
    e.reason = p.Field(kText);
    return Command(std::move(e));
  }
  if (kind == "loonwaarde.withdrawn") {
    TRY(id, p.Id(kPlacement, "placement"));
    TRY(assessed, p.DateField(kAssessed, "assessed"));
    return Command(LoonwaardeWithdrawn{*id, *assessed, date, p.Field(kText)});
  }
  return p.Error(kKind, fmt::format("unknown kind {}", IdentifierForError(kind)));
}

Result<Command> ParseEvent(const RowParser& p, const ProgrammeCatalogue* catalogue) {
  const std::string& kind = p.Field(kKind);
  TRY(date, p.DateField(kDate, "date"));
  if (kind == "caseworker.assigned") {
    TRY(ref, p.Required(kRef, "ref"));
    TRY(role, p.Parsed(kRole, "role", ParseCaseworkerRole(p.Field(kRole))));
    TRY(name, p.Required(kName, "name"));
    return Command(CaseworkerAssigned{*ref, *role, *name, *date});
  }
  if (kind == "contact.recorded") {
    TRY(ref, p.Required(kRef, "ref"));
    TRY(contact, p.Parsed(kContact, "contact", ParseContactKind(p.Field(kContact))));
    return Command(ContactRecorded{*ref, *contact, *date});
  }
  if (kind == "trajectory.started") {
    TRY(id, p.Id(kTrajectory, "trajectory"));
    TRY(ref, p.Required(kRef, "ref"));
    TRY(programme, p.Required(kProgramme, "programme"));
    TRY(track, p.Required(kTrack, "track"));
    if (catalogue) {
      const ProgrammeDefinition* definition = catalogue->Find(*programme);
      if (!definition) {
        return p.Error(kProgramme, fmt::format("unknown programme {} (its plugin is not loaded?)",
                                               IdentifierForError(*programme)));
      }
      if (!FindTrack(*definition, *track)) {
        return p.Error(kTrack, fmt::format("programme '{}' has no track {}", *programme,
                                           IdentifierForError(*track)));
      }
    }
    return Command(TrajectoryStarted{*id, *ref, *programme, *track, *date});
  }
  if (kind == "trajectory.state-changed") {
    TRY(id, p.Id(kTrajectory, "trajectory"));
    TRY(state, p.Parsed(kState, "state", ParseTrajectoryState(p.Field(kState))));
    TrajectoryStateChanged e{*id, {}, *state, *date, p.Field(kText), std::nullopt};
    if (!p.Field(kExitReason).empty()) {
      TRY(reason, p.Parsed(kExitReason, "exit_reason", ParseExitReason(p.Field(kExitReason))));
      e.exit_reason = *reason;
    }
    return Command(std::move(e));
  }
  if (kind == "milestone.reached") {
    TRY(id, p.Id(kTrajectory, "trajectory"));
    TRY(milestone, p.Required(kMilestone, "milestone"));
    return Command(MilestoneReached{*id, *milestone, *date, p.Field(kText)});
  }
  if (kind == "placement.started") {
    TRY(id, p.Id(kPlacement, "placement"));
    TRY(trajectory, p.Id(kTrajectory, "trajectory"));
    TRY(employer, p.Required(kEmployer, "employer"));
    TRY(hours, p.Parsed(kHours, "hours", ParseHours(p.Field(kHours))));
    TRY(wage, p.Parsed(kWage, "wage", ParseEuro(p.Field(kWage))));
    return Command(PlacementStarted{*id, *trajectory, *employer, *hours, *wage, *date});
  }
  if (kind == "placement.ended") {
    TRY(id, p.Id(kPlacement, "placement"));
    return Command(PlacementEnded{*id, *date, p.Field(kText)});
  }
  if (kind == "loonwaarde.assessed") {
    TRY(id, p.Id(kPlacement, "placement"));
    TRY(percent, p.Number(kPercent, "percent", 0, 100));
    return Command(LoonwaardeAssessed{*id, *date, static_cast<int>(*percent)});
  }
  return ParseCorrection(p, kind, *date);
}

#undef TRY

// The column of an event row that holds a command field.
int EventColumnOf(const std::string& kind, const std::string& field) {
  if (kind == "placement.started" && field == "start") return kDate;
  if (kind == "milestone.reached" && field == "evidence") return kText;
  if (kind == "participant.registered" && field == "registered") return kDate;
  static const std::map<std::string, int> columns = {
      {"date", kDate},
      {"ref", kRef},
      {"trajectory_id", kTrajectory},
      {"placement_id", kPlacement},
      {"programme_id", kProgramme},
      {"track_id", kTrack},
      {"milestone_id", kMilestone},
      {"to", kState},
      {"exit_reason", kExitReason},
      {"employer", kEmployer},
      {"hours_per_week", kHours},
      {"gross_monthly_wage", kWage},
      {"percent", kPercent},
      {"role", kRole},
      {"name", kName},
      {"kind", kContact},
      {"reason", kText},
      {"area", kArea},
      {"cohort", kCohort},
      {"groups", kGroups},
      {"birth", kBirth},
      {"start", kStart},
      {"end", kEnd},
      {"assessed", kAssessed},
      {"reached", kReached},
      {"evidence", kEvidence},
      {"reopen", kChanged},
  };
  auto it = columns.find(field);
  return it == columns.end() ? kKind : it->second;
}

int ParticipantColumnOf(const std::string& field) {
  static const std::map<std::string, int> columns = {
      {"ref", kPRef},       {"registered", kPRegistered}, {"birth", kPBirth},     {"area", kPArea},
      {"cohort", kPCohort}, {"groups", kPGroups},         {"bsn_verified", kPBsn}};
  auto it = columns.find(field);
  return it == columns.end() ? kPRef : it->second;
}

}  // namespace

const std::vector<std::string>& ParticipantColumns() {
  static const std::vector<std::string> columns = {"ref",    "registered", "birth",       "area",
                                                   "cohort", "groups",     "bsn_verified"};
  return columns;
}

const std::vector<std::string>& EventColumns() {
  static const std::vector<std::string> columns = {
      "kind",      "date",  "ref",         "trajectory", "placement", "programme", "track",
      "milestone", "state", "exit_reason", "employer",   "hours",     "wage",      "percent",
      "role",      "name",  "contact",     "text",       "changed",   "area",      "cohort",
      "groups",    "birth", "start",       "end",        "assessed",  "reached",   "evidence"};
  return columns;
}

Result<CsvLayout> LayoutOfHeader(const std::string& path, const CsvRecord& header) {
  if (header.fields == ParticipantColumns()) {
    return CsvLayout{CsvKind::kParticipants, ParticipantColumns().size()};
  }
  const std::vector<std::string>& events = EventColumns();
  if (header.fields == events) return CsvLayout{CsvKind::kEvents, events.size()};
  if (header.fields ==
      std::vector<std::string>(events.begin(), events.begin() + kFirstVersionColumns)) {
    return CsvLayout{CsvKind::kEvents, static_cast<std::size_t>(kFirstVersionColumns)};
  }
  return Status::InvalidArgument(
      fmt::format("{}:{}:1: unrecognised header; expected either\n  {}\nor\n  {}", path,
                  header.line, fmt::join(ParticipantColumns(), ","), fmt::join(events, ",")));
}

Result<Command> ParseRow(const std::string& path, const CsvLayout& layout, const CsvRecord& record,
                         const ProgrammeCatalogue* catalogue) {
  if (!record.problem.ok()) return record.problem;
  if (record.fields.size() != layout.columns) {
    return Status::InvalidArgument(fmt::format("{}:{}:{}: {} columns, expected {}", path,
                                               record.line, record.columns.back(),
                                               record.fields.size(), layout.columns));
  }
  RowParser parser(path, record);
  Result<Command> command = layout.kind == CsvKind::kParticipants ? ParseParticipant(parser)
                                                                  : ParseEvent(parser, catalogue);
  if (!command.ok()) return command;
  // The limits every command meets, checked here already so that every bad row is listed.
  if (Status s = ValidateCommand(*command); !s.ok()) {
    return Status::InvalidArgument(fmt::format("{}:{}:{}: {}", path, record.line,
                                               ColumnOf(layout, record, s.field()), s.message()))
        .WithField(s.field());
  }
  return command;
}

std::int64_t ColumnOf(const CsvLayout& layout, const CsvRecord& record, const std::string& field) {
  if (record.columns.empty()) return 1;
  const int column =
      layout.kind == CsvKind::kParticipants
          ? ParticipantColumnOf(field)
          : EventColumnOf(record.fields.empty() ? std::string() : record.fields[0], field);
  const auto i = static_cast<std::size_t>(column);
  return i < record.columns.size() ? record.columns[i] : record.columns.front();
}

bool ToRow(const EventPayload& payload, CsvKind* kind, std::vector<std::string>* row) {
  if (const auto* p = std::get_if<ParticipantRegistered>(&payload)) {
    *kind = CsvKind::kParticipants;
    *row = {p->ref,    FormatDate(p->registered), p->birth ? FormatDate(*p->birth) : "", p->area,
            p->cohort, GroupsText(p->groups),     p->bsn_verified ? "yes" : "no"};
    return true;
  }
  if (std::holds_alternative<OrganisationCreated>(payload)) return false;
  *kind = CsvKind::kEvents;
  row->assign(kEventColumns, "");
  auto& r = *row;
  r[kKind] = std::string(KindOf(payload));
  r[kDate] = FormatDate(EffectiveDate(payload));
  std::vector<std::string_view> changed;
  auto note = [&](const char* name, bool is_changed) {
    if (is_changed) changed.push_back(name);
  };
  std::visit(
      [&](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, CaseworkerAssigned>) {
          r[kRef] = e.ref;
          r[kRole] = ToString(e.role);
          r[kName] = e.name;
        } else if constexpr (std::is_same_v<T, ContactRecorded>) {
          r[kRef] = e.ref;
          r[kContact] = ToString(e.kind);
        } else if constexpr (std::is_same_v<T, TrajectoryStarted>) {
          r[kTrajectory] = std::to_string(e.trajectory_id);
          r[kRef] = e.ref;
          r[kProgramme] = e.programme_id;
          r[kTrack] = e.track_id;
        } else if constexpr (std::is_same_v<T, TrajectoryStateChanged>) {
          r[kTrajectory] = std::to_string(e.trajectory_id);
          r[kState] = ToString(e.to);
          if (e.exit_reason) r[kExitReason] = ToString(*e.exit_reason);
          r[kText] = e.reason;
        } else if constexpr (std::is_same_v<T, MilestoneReached>) {
          r[kTrajectory] = std::to_string(e.trajectory_id);
          r[kMilestone] = e.milestone_id;
          r[kText] = e.evidence;
        } else if constexpr (std::is_same_v<T, PlacementStarted>) {
          r[kPlacement] = std::to_string(e.placement_id);
          r[kTrajectory] = std::to_string(e.trajectory_id);
          r[kEmployer] = e.employer;
          r[kHours] = FormatHours(e.hours_per_week);
          r[kWage] = CentsText(e.gross_monthly_wage);
        } else if constexpr (std::is_same_v<T, PlacementEnded>) {
          r[kPlacement] = std::to_string(e.placement_id);
          r[kText] = e.reason;
        } else if constexpr (std::is_same_v<T, LoonwaardeAssessed>) {
          r[kPlacement] = std::to_string(e.placement_id);
          r[kPercent] = std::to_string(e.percent);
        } else if constexpr (std::is_same_v<T, ParticipantChanged>) {
          r[kRef] = e.ref;
          note("area", e.area.has_value());
          note("cohort", e.cohort.has_value());
          note("groups", e.groups.has_value());
          note("birth", e.birth.has_value());
          r[kArea] = e.area.value_or("");
          r[kCohort] = e.cohort.value_or("");
          if (e.groups) r[kGroups] = GroupsText(*e.groups);
          if (e.birth) r[kBirth] = FormatDate(*e.birth);
          r[kText] = e.reason;
        } else if constexpr (std::is_same_v<T, CaseworkerUnassigned>) {
          r[kRef] = e.ref;
          r[kRole] = ToString(e.role);
          r[kText] = e.reason;
        } else if constexpr (std::is_same_v<T, MilestoneCorrected>) {
          r[kTrajectory] = std::to_string(e.trajectory_id);
          r[kMilestone] = e.milestone_id;
          note("reached", e.reached.has_value());
          note("evidence", e.evidence.has_value());
          if (e.reached) r[kReached] = FormatDate(*e.reached);
          r[kEvidence] = e.evidence.value_or("");
          r[kText] = e.reason;
        } else if constexpr (std::is_same_v<T, MilestoneRetracted>) {
          r[kTrajectory] = std::to_string(e.trajectory_id);
          r[kMilestone] = e.milestone_id;
          r[kText] = e.reason;
        } else if constexpr (std::is_same_v<T, PlacementCorrected>) {
          r[kPlacement] = std::to_string(e.placement_id);
          note("employer", e.employer.has_value());
          note("hours", e.hours_per_week.has_value());
          note("wage", e.gross_monthly_wage.has_value());
          note("start", e.start.has_value());
          note("end", e.end.has_value());
          note("reopen", e.reopen);
          r[kEmployer] = e.employer.value_or("");
          if (e.hours_per_week) r[kHours] = FormatHours(*e.hours_per_week);
          if (e.gross_monthly_wage) r[kWage] = CentsText(*e.gross_monthly_wage);
          if (e.start) r[kStart] = FormatDate(*e.start);
          if (e.end) r[kEnd] = FormatDate(*e.end);
          r[kText] = e.reason;
        } else if constexpr (std::is_same_v<T, LoonwaardeWithdrawn>) {
          r[kPlacement] = std::to_string(e.placement_id);
          r[kAssessed] = FormatDate(e.assessed);
          r[kText] = e.reason;
        }
      },
      payload);
  r[kChanged] = fmt::format("{}", fmt::join(changed, ";"));
  return true;
}

}  // namespace traject::exchange

#include "csv_format.h"

#include <fmt/format.h>

#include <charconv>
#include <map>

namespace traject::cli {
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

class RowParser {
 public:
  RowParser(const std::string& path, const CsvRecord& record) : path_(path), record_(record) {}

  Status Error(int column, const std::string& reason) const {
    return Status::InvalidArgument(fmt::format("{}:{}:{}: {}", path_, record_.line,
                                               record_.columns[static_cast<std::size_t>(column)],
                                               reason));
  }
  const std::string& Field(int column) const {
    return record_.fields[static_cast<std::size_t>(column)];
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
      return Error(column,
                   fmt::format("{} '{}' is not a whole number in {}..{}", name, *text, min, max));
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

 private:
  const std::string& path_;
  const CsvRecord& record_;
};

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
  std::string_view groups = p.Field(kPGroups);
  while (!groups.empty()) {
    const auto semicolon = groups.find(';');
    TRY(group, p.Parsed(kPGroups, "groups", ParseTargetGroup(groups.substr(0, semicolon))));
    e.groups.push_back(*group);
    groups =
        semicolon == std::string_view::npos ? std::string_view() : groups.substr(semicolon + 1);
  }
  const std::string& bsn = p.Field(kPBsn);
  if (bsn != "" && bsn != "yes" && bsn != "no")
    return p.Error(kPBsn, "bsn_verified must be yes, no or empty");
  e.bsn_verified = bsn == "yes";
  return Command(std::move(e));
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
      if (!definition)
        return p.Error(kProgramme, fmt::format("unknown programme '{}'", *programme));
      if (!FindTrack(*definition, *track)) {
        return p.Error(kTrack, fmt::format("programme '{}' has no track '{}'", *programme, *track));
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
  return p.Error(kKind, fmt::format("unknown kind '{}'", kind));
}

}  // namespace

const std::vector<std::string>& ParticipantColumns() {
  static const std::vector<std::string> columns = {"ref",    "registered", "birth",       "area",
                                                   "cohort", "groups",     "bsn_verified"};
  return columns;
}

const std::vector<std::string>& EventColumns() {
  static const std::vector<std::string> columns = {
      "kind",  "date",      "ref",   "trajectory",  "placement", "programme",
      "track", "milestone", "state", "exit_reason", "employer",  "hours",
      "wage",  "percent",   "role",  "name",        "contact",   "text"};
  return columns;
}

Result<CsvKind> KindOfHeader(const std::string& path, const CsvRecord& header) {
  if (header.fields == ParticipantColumns()) return CsvKind::kParticipants;
  if (header.fields == EventColumns()) return CsvKind::kEvents;
  std::string p, e;
  for (const auto& c : ParticipantColumns()) p += (p.empty() ? "" : ",") + c;
  for (const auto& c : EventColumns()) e += (e.empty() ? "" : ",") + c;
  return Status::InvalidArgument(fmt::format(
      "{}:{}:1: unrecognised header; expected either\n  {}\nor\n  {}", path, header.line, p, e));
}

Result<Command> ParseRow(const std::string& path, CsvKind kind, const CsvRecord& record,
                         const ProgrammeCatalogue* catalogue) {
  const std::size_t expected =
      kind == CsvKind::kParticipants ? ParticipantColumns().size() : EventColumns().size();
  if (record.fields.size() != expected) {
    return Status::InvalidArgument(fmt::format("{}:{}:{}: {} columns, expected {}", path,
                                               record.line, record.columns.back(),
                                               record.fields.size(), expected));
  }
  RowParser parser(path, record);
  return kind == CsvKind::kParticipants ? ParseParticipant(parser) : ParseEvent(parser, catalogue);
}

std::int64_t KeyColumn(CsvKind kind, const CsvRecord& record) {
  if (kind == CsvKind::kParticipants || record.fields.size() != EventColumns().size()) {
    return record.columns.empty() ? 1 : record.columns.front();
  }
  static const std::map<std::string, int> key = {
      {"caseworker.assigned", kRef},     {"contact.recorded", kRef},
      {"trajectory.started", kRef},      {"trajectory.state-changed", kState},
      {"milestone.reached", kMilestone}, {"placement.started", kTrajectory},
      {"placement.ended", kPlacement},   {"loonwaarde.assessed", kPercent}};
  auto it = key.find(record.fields[kKind]);
  return record.columns[static_cast<std::size_t>(it == key.end() ? kKind : it->second)];
}

bool ToRow(const EventPayload& payload, CsvKind* kind, std::vector<std::string>* row) {
  if (const auto* p = std::get_if<ParticipantRegistered>(&payload)) {
    *kind = CsvKind::kParticipants;
    std::string groups;
    for (TargetGroup g : p->groups) {
      if (!groups.empty()) groups += ';';
      groups += ToString(g);
    }
    *row = {p->ref,
            FormatDate(p->registered),
            p->birth ? FormatDate(*p->birth) : "",
            p->area,
            p->cohort,
            groups,
            p->bsn_verified ? "yes" : "no"};
    return true;
  }
  if (std::holds_alternative<OrganisationCreated>(payload)) return false;
  *kind = CsvKind::kEvents;
  row->assign(kEventColumns, "");
  auto& r = *row;
  r[kKind] = std::string(KindOf(payload));
  r[kDate] = FormatDate(EffectiveDate(payload));
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
        }
      },
      payload);
  return true;
}

}  // namespace traject::cli

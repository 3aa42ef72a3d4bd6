// JSON encoding of event payloads with cereal. Each payload is one JSON object whose first
// member is "version" (that payload type's version, PayloadVersion(kind)), followed by its
// fields. Dates are "YYYY-MM-DD" strings ("" for none); enums are their persisted names.
// Corrections write every field and list the ones that carry a new value in "changed".
// Adding a field: raise that type's version and load the old version without it.
// Decoding errors name the kind and the field, never the value (it may be personal data).
#include <fmt/format.h>
#include <cereal/archives/json.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "storage/payload_json.h"
#include "traject/events.h"
#include "util/json_screen.h"

namespace traject {
namespace {

class DecodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string DateText(const std::optional<Date>& date) {
  return date ? FormatDate(*date) : std::string();
}

Date RequireDate(const std::string& text, const char* field) {
  Result<Date> date = ParseDate(text);
  if (!date.ok()) throw DecodeError(fmt::format("field '{}': not a valid date", field));
  return *date;
}

std::optional<Date> OptionalDate(const std::string& text, const char* field) {
  if (text.empty()) return std::nullopt;
  return RequireDate(text, field);
}

template <typename T>
T Require(Result<T> result, const char* field) {
  if (!result.ok()) throw DecodeError(fmt::format("field '{}': not a known value", field));
  return std::move(result).value();
}

std::vector<std::string> GroupNames(const std::vector<TargetGroup>& groups) {
  std::vector<std::string> names;
  for (TargetGroup g : groups) names.emplace_back(ToString(g));
  return names;
}

std::vector<TargetGroup> ParseGroups(const std::vector<std::string>& names) {
  std::vector<TargetGroup> groups;
  for (const std::string& g : names) groups.push_back(Require(ParseTargetGroup(g), "groups"));
  return groups;
}

// The "changed" list of a correction: the names of the fields that carry a new value.
class Changed {
 public:
  Changed() = default;
  explicit Changed(std::vector<std::string> names) : names_(std::move(names)) {}
  template <typename T>
  void Note(const char* name, const std::optional<T>& value) {
    if (value) names_.emplace_back(name);
  }
  void Note(const char* name, bool value) {
    if (value) names_.emplace_back(name);
  }
  bool Has(const char* name) const {
    return std::find(names_.begin(), names_.end(), name) != names_.end();
  }
  // Refuses a name that is not one of `known`.
  void Check(std::initializer_list<const char*> known) const {
    for (const std::string& name : names_) {
      if (std::none_of(known.begin(), known.end(), [&](const char* k) { return name == k; })) {
        throw DecodeError("field 'changed': names an unknown field");
      }
    }
  }
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<std::string> names_;
};

// Save/Load pairs: one per payload type. `A` is the cereal JSON archive.
template <typename A>
void Save(A& ar, const OrganisationCreated& e) {
  ar(cereal::make_nvp("id", e.id), cereal::make_nvp("name", e.name),
     cereal::make_nvp("date", FormatDate(e.date)));
}
template <typename A>
void Load(A& ar, OrganisationCreated& e, std::uint32_t) {
  std::string date;
  ar(cereal::make_nvp("id", e.id), cereal::make_nvp("name", e.name),
     cereal::make_nvp("date", date));
  e.date = RequireDate(date, "date");
}

template <typename A>
void Save(A& ar, const ParticipantRegistered& e) {
  const std::vector<std::string> groups = GroupNames(e.groups);
  ar(cereal::make_nvp("ref", e.ref), cereal::make_nvp("birth", DateText(e.birth)),
     cereal::make_nvp("area", e.area), cereal::make_nvp("cohort", e.cohort),
     cereal::make_nvp("groups", groups), cereal::make_nvp("registered", FormatDate(e.registered)),
     cereal::make_nvp("bsn_verified", e.bsn_verified), cereal::make_nvp("bsn_hash", e.bsn_hash));
  // e.bsn, the clear BSN of a command, is never written.
}
template <typename A>
void Load(A& ar, ParticipantRegistered& e, std::uint32_t version) {
  std::string birth, registered;
  std::vector<std::string> groups;
  ar(cereal::make_nvp("ref", e.ref), cereal::make_nvp("birth", birth),
     cereal::make_nvp("area", e.area), cereal::make_nvp("cohort", e.cohort),
     cereal::make_nvp("groups", groups), cereal::make_nvp("registered", registered),
     cereal::make_nvp("bsn_verified", e.bsn_verified));
  if (version >= 2) ar(cereal::make_nvp("bsn_hash", e.bsn_hash));
  e.birth = OptionalDate(birth, "birth");
  e.registered = RequireDate(registered, "registered");
  e.groups = ParseGroups(groups);
}

template <typename A>
void Save(A& ar, const CaseworkerAssigned& e) {
  ar(cereal::make_nvp("ref", e.ref), cereal::make_nvp("role", std::string(ToString(e.role))),
     cereal::make_nvp("name", e.name), cereal::make_nvp("date", FormatDate(e.date)));
}
template <typename A>
void Load(A& ar, CaseworkerAssigned& e, std::uint32_t) {
  std::string role, date;
  ar(cereal::make_nvp("ref", e.ref), cereal::make_nvp("role", role),
     cereal::make_nvp("name", e.name), cereal::make_nvp("date", date));
  e.role = Require(ParseCaseworkerRole(role), "role");
  e.date = RequireDate(date, "date");
}

template <typename A>
void Save(A& ar, const ContactRecorded& e) {
  ar(cereal::make_nvp("ref", e.ref), cereal::make_nvp("kind", std::string(ToString(e.kind))),
     cereal::make_nvp("date", FormatDate(e.date)));
}
template <typename A>
void Load(A& ar, ContactRecorded& e, std::uint32_t) {
  std::string kind, date;
  ar(cereal::make_nvp("ref", e.ref), cereal::make_nvp("kind", kind),
     cereal::make_nvp("date", date));
  e.kind = Require(ParseContactKind(kind), "kind");
  e.date = RequireDate(date, "date");
}

template <typename A>
void Save(A& ar, const TrajectoryStarted& e) {
  ar(cereal::make_nvp("trajectory", e.trajectory_id), cereal::make_nvp("ref", e.ref),
     cereal::make_nvp("programme", e.programme_id), cereal::make_nvp("track", e.track_id),
     cereal::make_nvp("date", FormatDate(e.date)));
}
template <typename A>
void Load(A& ar, TrajectoryStarted& e, std::uint32_t) {
  std::string date;
  ar(cereal::make_nvp("trajectory", e.trajectory_id), cereal::make_nvp("ref", e.ref),
     cereal::make_nvp("programme", e.programme_id), cereal::make_nvp("track", e.track_id),
     cereal::make_nvp("date", date));
  e.date = RequireDate(date, "date");
}

template <typename A>
void Save(A& ar, const TrajectoryStateChanged& e) {
  ar(cereal::make_nvp("trajectory", e.trajectory_id),
     cereal::make_nvp("from", std::string(ToString(e.from))),
     cereal::make_nvp("to", std::string(ToString(e.to))),
     cereal::make_nvp("date", FormatDate(e.date)), cereal::make_nvp("reason", e.reason),
     cereal::make_nvp("exit_reason",
                      e.exit_reason ? std::string(ToString(*e.exit_reason)) : std::string()));
}
template <typename A>
void Load(A& ar, TrajectoryStateChanged& e, std::uint32_t) {
  std::string from, to, date, exit_reason;
  ar(cereal::make_nvp("trajectory", e.trajectory_id), cereal::make_nvp("from", from),
     cereal::make_nvp("to", to), cereal::make_nvp("date", date),
     cereal::make_nvp("reason", e.reason), cereal::make_nvp("exit_reason", exit_reason));
  e.from = Require(ParseTrajectoryState(from), "from");
  e.to = Require(ParseTrajectoryState(to), "to");
  e.date = RequireDate(date, "date");
  if (!exit_reason.empty()) e.exit_reason = Require(ParseExitReason(exit_reason), "exit_reason");
}

template <typename A>
void Save(A& ar, const MilestoneReached& e) {
  ar(cereal::make_nvp("trajectory", e.trajectory_id), cereal::make_nvp("milestone", e.milestone_id),
     cereal::make_nvp("date", FormatDate(e.date)), cereal::make_nvp("evidence", e.evidence));
}
template <typename A>
void Load(A& ar, MilestoneReached& e, std::uint32_t) {
  std::string date;
  ar(cereal::make_nvp("trajectory", e.trajectory_id), cereal::make_nvp("milestone", e.milestone_id),
     cereal::make_nvp("date", date), cereal::make_nvp("evidence", e.evidence));
  e.date = RequireDate(date, "date");
}

template <typename A>
void Save(A& ar, const PlacementStarted& e) {
  ar(cereal::make_nvp("placement", e.placement_id), cereal::make_nvp("trajectory", e.trajectory_id),
     cereal::make_nvp("employer", e.employer), cereal::make_nvp("centihours", e.hours_per_week),
     cereal::make_nvp("wage_cents", e.gross_monthly_wage),
     cereal::make_nvp("start", FormatDate(e.start)));
}
template <typename A>
void Load(A& ar, PlacementStarted& e, std::uint32_t) {
  std::string start;
  ar(cereal::make_nvp("placement", e.placement_id), cereal::make_nvp("trajectory", e.trajectory_id),
     cereal::make_nvp("employer", e.employer), cereal::make_nvp("centihours", e.hours_per_week),
     cereal::make_nvp("wage_cents", e.gross_monthly_wage), cereal::make_nvp("start", start));
  e.start = RequireDate(start, "start");
}

template <typename A>
void Save(A& ar, const PlacementEnded& e) {
  ar(cereal::make_nvp("placement", e.placement_id), cereal::make_nvp("date", FormatDate(e.date)),
     cereal::make_nvp("reason", e.reason));
}
template <typename A>
void Load(A& ar, PlacementEnded& e, std::uint32_t) {
  std::string date;
  ar(cereal::make_nvp("placement", e.placement_id), cereal::make_nvp("date", date),
     cereal::make_nvp("reason", e.reason));
  e.date = RequireDate(date, "date");
}

template <typename A>
void Save(A& ar, const LoonwaardeAssessed& e) {
  ar(cereal::make_nvp("placement", e.placement_id), cereal::make_nvp("date", FormatDate(e.date)),
     cereal::make_nvp("percent", e.percent));
}
template <typename A>
void Load(A& ar, LoonwaardeAssessed& e, std::uint32_t) {
  std::string date;
  ar(cereal::make_nvp("placement", e.placement_id), cereal::make_nvp("date", date),
     cereal::make_nvp("percent", e.percent));
  e.date = RequireDate(date, "date");
}

template <typename A>
void Save(A& ar, const ParticipantChanged& e) {
  Changed changed;
  changed.Note("area", e.area);
  changed.Note("cohort", e.cohort);
  changed.Note("groups", e.groups);
  changed.Note("birth", e.birth);
  ar(cereal::make_nvp("ref", e.ref), cereal::make_nvp("date", FormatDate(e.date)),
     cereal::make_nvp("changed", changed.names()),
     cereal::make_nvp("area", e.area.value_or(std::string())),
     cereal::make_nvp("cohort", e.cohort.value_or(std::string())),
     cereal::make_nvp("groups", GroupNames(e.groups.value_or(std::vector<TargetGroup>()))),
     cereal::make_nvp("birth", DateText(e.birth)), cereal::make_nvp("reason", e.reason));
}
template <typename A>
void Load(A& ar, ParticipantChanged& e, std::uint32_t) {
  std::string date, area, cohort, birth;
  std::vector<std::string> names, groups;
  ar(cereal::make_nvp("ref", e.ref), cereal::make_nvp("date", date),
     cereal::make_nvp("changed", names), cereal::make_nvp("area", area),
     cereal::make_nvp("cohort", cohort), cereal::make_nvp("groups", groups),
     cereal::make_nvp("birth", birth), cereal::make_nvp("reason", e.reason));
  const Changed changed(std::move(names));
  changed.Check({"area", "cohort", "groups", "birth"});
  e.date = RequireDate(date, "date");
  if (changed.Has("area")) e.area = area;
  if (changed.Has("cohort")) e.cohort = cohort;
  if (changed.Has("groups")) e.groups = ParseGroups(groups);
  if (changed.Has("birth")) e.birth = RequireDate(birth, "birth");
}

template <typename A>
void Save(A& ar, const CaseworkerUnassigned& e) {
  ar(cereal::make_nvp("ref", e.ref), cereal::make_nvp("role", std::string(ToString(e.role))),
     cereal::make_nvp("date", FormatDate(e.date)), cereal::make_nvp("reason", e.reason));
}
template <typename A>
void Load(A& ar, CaseworkerUnassigned& e, std::uint32_t) {
  std::string role, date;
  ar(cereal::make_nvp("ref", e.ref), cereal::make_nvp("role", role), cereal::make_nvp("date", date),
     cereal::make_nvp("reason", e.reason));
  e.role = Require(ParseCaseworkerRole(role), "role");
  e.date = RequireDate(date, "date");
}

template <typename A>
void Save(A& ar, const MilestoneCorrected& e) {
  Changed changed;
  changed.Note("reached", e.reached);
  changed.Note("evidence", e.evidence);
  ar(cereal::make_nvp("trajectory", e.trajectory_id), cereal::make_nvp("milestone", e.milestone_id),
     cereal::make_nvp("date", FormatDate(e.date)), cereal::make_nvp("changed", changed.names()),
     cereal::make_nvp("reached", DateText(e.reached)),
     cereal::make_nvp("evidence", e.evidence.value_or(std::string())),
     cereal::make_nvp("reason", e.reason));
}
template <typename A>
void Load(A& ar, MilestoneCorrected& e, std::uint32_t) {
  std::string date, reached, evidence;
  std::vector<std::string> names;
  ar(cereal::make_nvp("trajectory", e.trajectory_id), cereal::make_nvp("milestone", e.milestone_id),
     cereal::make_nvp("date", date), cereal::make_nvp("changed", names),
     cereal::make_nvp("reached", reached), cereal::make_nvp("evidence", evidence),
     cereal::make_nvp("reason", e.reason));
  const Changed changed(std::move(names));
  changed.Check({"reached", "evidence"});
  e.date = RequireDate(date, "date");
  if (changed.Has("reached")) e.reached = RequireDate(reached, "reached");
  if (changed.Has("evidence")) e.evidence = evidence;
}

template <typename A>
void Save(A& ar, const MilestoneRetracted& e) {
  ar(cereal::make_nvp("trajectory", e.trajectory_id), cereal::make_nvp("milestone", e.milestone_id),
     cereal::make_nvp("date", FormatDate(e.date)), cereal::make_nvp("reason", e.reason));
}
template <typename A>
void Load(A& ar, MilestoneRetracted& e, std::uint32_t) {
  std::string date;
  ar(cereal::make_nvp("trajectory", e.trajectory_id), cereal::make_nvp("milestone", e.milestone_id),
     cereal::make_nvp("date", date), cereal::make_nvp("reason", e.reason));
  e.date = RequireDate(date, "date");
}

template <typename A>
void Save(A& ar, const PlacementCorrected& e) {
  Changed changed;
  changed.Note("employer", e.employer);
  changed.Note("centihours", e.hours_per_week);
  changed.Note("wage_cents", e.gross_monthly_wage);
  changed.Note("start", e.start);
  changed.Note("end", e.end);
  changed.Note("reopen", e.reopen);
  ar(cereal::make_nvp("placement", e.placement_id), cereal::make_nvp("date", FormatDate(e.date)),
     cereal::make_nvp("changed", changed.names()),
     cereal::make_nvp("employer", e.employer.value_or(std::string())),
     cereal::make_nvp("centihours", e.hours_per_week.value_or(0)),
     cereal::make_nvp("wage_cents", e.gross_monthly_wage.value_or(0)),
     cereal::make_nvp("start", DateText(e.start)), cereal::make_nvp("end", DateText(e.end)),
     cereal::make_nvp("reason", e.reason));
}
template <typename A>
void Load(A& ar, PlacementCorrected& e, std::uint32_t) {
  std::string date, employer, start, end;
  std::int64_t hours = 0, wage = 0;
  std::vector<std::string> names;
  ar(cereal::make_nvp("placement", e.placement_id), cereal::make_nvp("date", date),
     cereal::make_nvp("changed", names), cereal::make_nvp("employer", employer),
     cereal::make_nvp("centihours", hours), cereal::make_nvp("wage_cents", wage),
     cereal::make_nvp("start", start), cereal::make_nvp("end", end),
     cereal::make_nvp("reason", e.reason));
  const Changed changed(std::move(names));
  changed.Check({"employer", "centihours", "wage_cents", "start", "end", "reopen"});
  e.date = RequireDate(date, "date");
  if (changed.Has("employer")) e.employer = employer;
  if (changed.Has("centihours")) e.hours_per_week = hours;
  if (changed.Has("wage_cents")) e.gross_monthly_wage = wage;
  if (changed.Has("start")) e.start = RequireDate(start, "start");
  if (changed.Has("end")) e.end = RequireDate(end, "end");
  e.reopen = changed.Has("reopen");
}

template <typename A>
void Save(A& ar, const LoonwaardeWithdrawn& e) {
  ar(cereal::make_nvp("placement", e.placement_id),
     cereal::make_nvp("assessed", FormatDate(e.assessed)),
     cereal::make_nvp("date", FormatDate(e.date)), cereal::make_nvp("reason", e.reason));
}
template <typename A>
void Load(A& ar, LoonwaardeWithdrawn& e, std::uint32_t) {
  std::string assessed, date;
  ar(cereal::make_nvp("placement", e.placement_id), cereal::make_nvp("assessed", assessed),
     cereal::make_nvp("date", date), cereal::make_nvp("reason", e.reason));
  e.assessed = RequireDate(assessed, "assessed");
  e.date = RequireDate(date, "date");
}

template <typename A>
void Save(A& ar, const ParticipantForgotten& e) {
  ar(cereal::make_nvp("ref", e.ref), cereal::make_nvp("date", FormatDate(e.date)),
     cereal::make_nvp("events", e.events), cereal::make_nvp("digest", e.digest),
     cereal::make_nvp("mac", e.mac));
}
template <typename A>
void Load(A& ar, ParticipantForgotten& e, std::uint32_t version) {
  std::string date;
  ar(cereal::make_nvp("ref", e.ref), cereal::make_nvp("date", date),
     cereal::make_nvp("events", e.events), cereal::make_nvp("digest", e.digest));
  if (version >= 2) ar(cereal::make_nvp("mac", e.mac));
  e.date = RequireDate(date, "date");
}

template <typename T>
Result<EventPayload> DecodeAs(std::string_view kind, std::string_view json) {
  // Before cereal: rapidjson recurses once per level of nesting, and converts some numbers with
  // an exponent with undefined behaviour (util/json_screen.h).
  if (const std::optional<JsonFlaw> flaw = ScreenJson(json)) {
    return Status::InvalidArgument(fmt::format("bad {} payload: {}", kind, flaw->Describe()));
  }
  try {
    std::istringstream in{std::string(json)};
    cereal::JSONInputArchive ar(in);
    std::uint32_t version = 0;
    ar(cereal::make_nvp("version", version));
    const std::uint32_t newest = PayloadVersion(kind);
    // Versions count releases of a payload type: one past 1000 is damage, not a newer traject,
    // and is not repeated (it could be any number the payload held, a BSN among them).
    if (version < 1 || version > 1000) {
      return Status::InvalidArgument(fmt::format(
          "bad {} payload: no valid version (damaged or not written by traject)", kind));
    }
    if (version > newest) {
      return Status::InvalidArgument(fmt::format(
          "{} payload version {} is not supported (this build reads 1..{}); upgrade traject", kind,
          version, newest));
    }
    T event;
    Load(ar, event, version);
    return EventPayload(std::move(event));
  } catch (const DecodeError& e) {
    return Status::InvalidArgument(fmt::format("bad {} payload: {}", kind, e.what()));
  } catch (const std::exception&) {
    // cereal's and rapidjson's messages may quote the text they choked on: not repeated here.
    return Status::InvalidArgument(fmt::format(
        "bad {} payload: not the JSON of this kind (a field is missing or malformed)", kind));
  }
}

}  // namespace

void SavePayloadFields(cereal::JSONOutputArchive& ar, const EventPayload& payload) {
  ar(cereal::make_nvp("version", PayloadVersion(KindOf(payload))));
  std::visit([&](const auto& event) { Save(ar, event); }, payload);
}

std::string EncodePayload(const EventPayload& payload) {
  std::ostringstream out;
  {
    cereal::JSONOutputArchive ar(out, cereal::JSONOutputArchive::Options::NoIndent());
    SavePayloadFields(ar, payload);
  }  // the archive completes the JSON text when destroyed
  // One line per payload: cereal always breaks lines; strings never hold a raw newline
  // (cereal escapes it), so every newline is layout.
  std::string json = out.str();
  std::erase(json, '\n');
  return json;
}

Result<EventPayload> DecodePayload(std::string_view kind, std::string_view json) {
  if (kind == "organisation.created") return DecodeAs<OrganisationCreated>(kind, json);
  if (kind == "participant.registered") return DecodeAs<ParticipantRegistered>(kind, json);
  if (kind == "caseworker.assigned") return DecodeAs<CaseworkerAssigned>(kind, json);
  if (kind == "contact.recorded") return DecodeAs<ContactRecorded>(kind, json);
  if (kind == "trajectory.started") return DecodeAs<TrajectoryStarted>(kind, json);
  if (kind == "trajectory.state-changed") return DecodeAs<TrajectoryStateChanged>(kind, json);
  if (kind == "milestone.reached") return DecodeAs<MilestoneReached>(kind, json);
  if (kind == "placement.started") return DecodeAs<PlacementStarted>(kind, json);
  if (kind == "placement.ended") return DecodeAs<PlacementEnded>(kind, json);
  if (kind == "loonwaarde.assessed") return DecodeAs<LoonwaardeAssessed>(kind, json);
  if (kind == "participant.changed") return DecodeAs<ParticipantChanged>(kind, json);
  if (kind == "caseworker.unassigned") return DecodeAs<CaseworkerUnassigned>(kind, json);
  if (kind == "milestone.corrected") return DecodeAs<MilestoneCorrected>(kind, json);
  if (kind == "milestone.retracted") return DecodeAs<MilestoneRetracted>(kind, json);
  if (kind == "placement.corrected") return DecodeAs<PlacementCorrected>(kind, json);
  if (kind == "loonwaarde.withdrawn") return DecodeAs<LoonwaardeWithdrawn>(kind, json);
  if (kind == "participant.forgotten") return DecodeAs<ParticipantForgotten>(kind, json);
  return Status::InvalidArgument(
      fmt::format("unknown event kind '{}' (written by a newer traject?)", kind));
}

}  // namespace traject

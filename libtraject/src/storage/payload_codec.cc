// JSON encoding of event payloads with cereal. Each payload is one JSON object whose first
// member is "version" (the payload type's version, starting at 1), followed by its fields.
// Dates are "YYYY-MM-DD" strings ("" for none); enums are their persisted names.
// Adding a field: bump that type's version and load the old version without it.
#include <fmt/format.h>
#include <cereal/archives/json.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include <sstream>
#include <stdexcept>

#include "traject/events.h"

namespace traject {
namespace {

// Current payload versions. Persisted in every payload: only ever increase.
constexpr std::uint32_t kPayloadVersion = 1;

class DecodeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string DateText(const std::optional<Date>& date) {
  return date ? FormatDate(*date) : std::string();
}

Date RequireDate(const std::string& text, const char* field) {
  Result<Date> date = ParseDate(text);
  if (!date.ok()) throw DecodeError(fmt::format("field '{}': {}", field, date.status().message()));
  return *date;
}

std::optional<Date> OptionalDate(const std::string& text, const char* field) {
  if (text.empty()) return std::nullopt;
  return RequireDate(text, field);
}

template <typename T>
T Require(Result<T> result, const char* field) {
  if (!result.ok())
    throw DecodeError(fmt::format("field '{}': {}", field, result.status().message()));
  return std::move(result).value();
}

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
  std::vector<std::string> groups;
  for (TargetGroup g : e.groups) groups.emplace_back(ToString(g));
  ar(cereal::make_nvp("ref", e.ref), cereal::make_nvp("birth", DateText(e.birth)),
     cereal::make_nvp("area", e.area), cereal::make_nvp("cohort", e.cohort),
     cereal::make_nvp("groups", groups), cereal::make_nvp("registered", FormatDate(e.registered)),
     cereal::make_nvp("bsn_verified", e.bsn_verified));
}
template <typename A>
void Load(A& ar, ParticipantRegistered& e, std::uint32_t) {
  std::string birth, registered;
  std::vector<std::string> groups;
  ar(cereal::make_nvp("ref", e.ref), cereal::make_nvp("birth", birth),
     cereal::make_nvp("area", e.area), cereal::make_nvp("cohort", e.cohort),
     cereal::make_nvp("groups", groups), cereal::make_nvp("registered", registered),
     cereal::make_nvp("bsn_verified", e.bsn_verified));
  e.birth = OptionalDate(birth, "birth");
  e.registered = RequireDate(registered, "registered");
  for (const std::string& g : groups) e.groups.push_back(Require(ParseTargetGroup(g), "groups"));
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

template <typename T>
Result<EventPayload> DecodeAs(std::string_view kind, std::string_view json) {
  try {
    std::istringstream in{std::string(json)};
    cereal::JSONInputArchive ar(in);
    std::uint32_t version = 0;
    ar(cereal::make_nvp("version", version));
    if (version < 1 || version > kPayloadVersion) {
      return Status::InvalidArgument(fmt::format(
          "{} payload version {} is not supported (this build reads 1..{}); upgrade traject", kind,
          version, kPayloadVersion));
    }
    T event;
    Load(ar, event, version);
    return EventPayload(std::move(event));
  } catch (const std::exception& e) {
    return Status::InvalidArgument(fmt::format("bad {} payload: {}", kind, e.what()));
  }
}

}  // namespace

std::string EncodePayload(const EventPayload& payload) {
  std::ostringstream out;
  {
    cereal::JSONOutputArchive ar(out, cereal::JSONOutputArchive::Options::NoIndent());
    ar(cereal::make_nvp("version", kPayloadVersion));
    std::visit([&](const auto& event) { Save(ar, event); }, payload);
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
  return Status::InvalidArgument(fmt::format("unknown event kind '{}'", kind));
}

}  // namespace traject

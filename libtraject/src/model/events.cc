#include "traject/events.h"

#include <fmt/format.h>

#include <type_traits>

namespace traject {
namespace {

template <typename T>
constexpr std::string_view KindName() {
  if constexpr (std::is_same_v<T, OrganisationCreated>) return "organisation.created";
  if constexpr (std::is_same_v<T, ParticipantRegistered>) return "participant.registered";
  if constexpr (std::is_same_v<T, CaseworkerAssigned>) return "caseworker.assigned";
  if constexpr (std::is_same_v<T, ContactRecorded>) return "contact.recorded";
  if constexpr (std::is_same_v<T, TrajectoryStarted>) return "trajectory.started";
  if constexpr (std::is_same_v<T, TrajectoryStateChanged>) return "trajectory.state-changed";
  if constexpr (std::is_same_v<T, MilestoneReached>) return "milestone.reached";
  if constexpr (std::is_same_v<T, PlacementStarted>) return "placement.started";
  if constexpr (std::is_same_v<T, PlacementEnded>) return "placement.ended";
  if constexpr (std::is_same_v<T, LoonwaardeAssessed>) return "loonwaarde.assessed";
  if constexpr (std::is_same_v<T, ParticipantChanged>) return "participant.changed";
  if constexpr (std::is_same_v<T, CaseworkerUnassigned>) return "caseworker.unassigned";
  if constexpr (std::is_same_v<T, MilestoneCorrected>) return "milestone.corrected";
  if constexpr (std::is_same_v<T, MilestoneRetracted>) return "milestone.retracted";
  if constexpr (std::is_same_v<T, PlacementCorrected>) return "placement.corrected";
  if constexpr (std::is_same_v<T, LoonwaardeWithdrawn>) return "loonwaarde.withdrawn";
  if constexpr (std::is_same_v<T, ParticipantForgotten>) return "participant.forgotten";
}

template <std::size_t... I>
std::vector<std::string_view> KindsOf(std::index_sequence<I...>) {
  return {KindName<std::variant_alternative_t<I, EventPayload>>()...};
}

}  // namespace

std::string_view KindOf(const EventPayload& payload) {
  return std::visit([](const auto& event) { return KindName<std::decay_t<decltype(event)>>(); },
                    payload);
}

std::string_view KindOf(const Command& command) {
  return std::visit([](const auto& event) { return KindName<std::decay_t<decltype(event)>>(); },
                    command);
}

std::vector<std::string_view> AllEventKinds() {
  return KindsOf(std::make_index_sequence<std::variant_size_v<EventPayload>>());
}

std::uint32_t PayloadVersion(std::string_view kind) {
  // Each payload type's current version; raise one when its fields change (and keep reading
  // the older ones in storage/payload_codec.cc).
  if (kind == "participant.registered") return 2;  // 2: bsn_hash
  if (kind == "participant.forgotten") return 2;   // 2: mac
  for (std::string_view known : AllEventKinds()) {
    if (known == kind) return 1;
  }
  return 0;
}

Date EffectiveDate(const EventPayload& payload) {
  return std::visit(
      [](const auto& event) -> Date {
        using T = std::decay_t<decltype(event)>;
        if constexpr (std::is_same_v<T, ParticipantRegistered>)
          return event.registered;
        else if constexpr (std::is_same_v<T, PlacementStarted>)
          return event.start;
        else
          return event.date;
      },
      payload);
}

EventPayload ToPayload(const Command& command) {
  return std::visit([](const auto& c) { return EventPayload(c); }, command);
}

Result<Command> ToCommand(const EventPayload& payload) {
  return std::visit(
      [](const auto& event) -> Result<Command> {
        using T = std::decay_t<decltype(event)>;
        if constexpr (std::is_same_v<T, OrganisationCreated> ||
                      std::is_same_v<T, ParticipantForgotten>) {
          return Status::InvalidArgument(
              fmt::format("{} is written by the store, not recorded as a command", KindName<T>()));
        } else {
          return Command(event);
        }
      },
      payload);
}

}  // namespace traject

// Events: the facts traject records. Every change to a database is one or more events in an
// append-only log; the tables that queries read (projections) are derived from the log and can
// be rebuilt from it at any time (Store::RebuildProjections).
//
// Log format (full version: docs/storage.md). One row per event:
//   seq          global order, assigned by the database, gap-free within a database
//   org          the organisation (tenant) the event belongs to
//   stream       "participant/<ref>" for everything about one participant, "organisation"
//   position     0, 1, 2... within (org, stream); unique: a concurrent writer conflicts
//   kind         the payload type's stable name, e.g. "trajectory.started" (KindOf)
//   effective    the business date of the fact, as days since 1970-01-01
//   recorded_at  wall-clock time of recording, milliseconds since the Unix epoch (UTC)
//   actor        who recorded it
//   caused_by    seq of the event whose command derived this one (e.g. a placement moves its
//                trajectory to geplaatst), or null for an event a user asked for
//   payload      the payload as JSON, with a "version" per type (cereal class versions)
//
// Kind names and payload field names are persisted: never rename them; add fields only with a
// new payload version.
#ifndef TRAJECT_EVENTS_H_
#define TRAJECT_EVENTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "traject/date.h"
#include "traject/export.h"
#include "traject/money.h"
#include "traject/participant.h"
#include "traject/placement.h"
#include "traject/status.h"
#include "traject/trajectory.h"

namespace traject {

// "participant.registered"
struct ParticipantRegistered {
  std::string ref;
  std::optional<Date> birth;
  std::string area;
  std::string cohort;
  std::vector<TargetGroup> groups;
  Date registered;
  bool bsn_verified = false;
};

// "caseworker.assigned": a klantmanager or jobhunter takes over the participant.
struct CaseworkerAssigned {
  std::string ref;
  CaseworkerRole role = CaseworkerRole::kKlantmanager;
  std::string name;
  Date date;
};

// "contact.recorded": a cohort contact (invitation, conversation, no response, home visit).
struct ContactRecorded {
  std::string ref;
  ContactKind kind = ContactKind::kInvited;
  Date date;
};

// "trajectory.started": the participant is aangemeld for a track of a programme.
struct TrajectoryStarted {
  std::int64_t trajectory_id = 0;  // 0 in a command: the store assigns the next free id
  std::string ref;
  std::string programme_id;
  std::string track_id;
  Date date;
};

// "trajectory.state-changed". In a command `from` is ignored: the store fills it in.
struct TrajectoryStateChanged {
  std::int64_t trajectory_id = 0;
  TrajectoryState from = TrajectoryState::kAangemeld;
  TrajectoryState to = TrajectoryState::kAangemeld;
  Date date;
  std::string reason;                     // free text
  std::optional<ExitReason> exit_reason;  // REQUIRED when to == uitgestroomd, else empty
};

// "milestone.reached". Reaching a milestone whose definition `enters` a state also records
// the state change (caused_by this event).
struct MilestoneReached {
  std::int64_t trajectory_id = 0;
  std::string milestone_id;
  Date date;
  std::string evidence;
};

// "placement.started". Also moves the trajectory to geplaatst (a caused event) unless it
// is there already.
struct PlacementStarted {
  std::int64_t placement_id = 0;  // 0 in a command: the store assigns the next free id
  std::int64_t trajectory_id = 0;
  std::string employer;
  CentiHours hours_per_week = 0;
  Cents gross_monthly_wage = 0;
  Date start;
};

// "placement.ended": `date` is the last day worked.
struct PlacementEnded {
  std::int64_t placement_id = 0;
  Date date;
  std::string reason;
};

// "loonwaarde.assessed"
struct LoonwaardeAssessed {
  std::int64_t placement_id = 0;
  Date date;
  int percent = 0;
};

// "organisation.created"
struct OrganisationCreated {
  std::string id;
  std::string name;
  Date date;
};

// The alternatives' order is not persisted (kinds are stored by name), but keep appending.
using EventPayload =
    std::variant<OrganisationCreated, ParticipantRegistered, CaseworkerAssigned, ContactRecorded,
                 TrajectoryStarted, TrajectoryStateChanged, MilestoneReached, PlacementStarted,
                 PlacementEnded, LoonwaardeAssessed>;

// The persisted kind name of a payload.
TRAJECT_EXPORT std::string_view KindOf(const EventPayload& payload);
// Every kind name, in the variant's order.
TRAJECT_EXPORT std::vector<std::string_view> AllEventKinds();
// The business date of a payload.
TRAJECT_EXPORT Date EffectiveDate(const EventPayload& payload);

// Payload <-> JSON as stored in the log. Decoding names the kind and the field on error.
TRAJECT_EXPORT std::string EncodePayload(const EventPayload& payload);
TRAJECT_EXPORT Result<EventPayload> DecodePayload(std::string_view kind, std::string_view json);

// One row of the log.
struct Event {
  std::int64_t seq = 0;
  std::string org;
  std::string stream;
  std::int64_t position = 0;
  std::int64_t recorded_at_ms = 0;
  std::string actor;
  std::optional<std::int64_t> caused_by;
  EventPayload payload;
};

}  // namespace traject

#endif  // TRAJECT_EVENTS_H_

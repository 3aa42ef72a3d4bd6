// Events and commands: the facts traject records, and what a caller may ask it to record.
//
// Every change to a database is one or more events in an append-only log; the tables that
// queries read (projections) are derived from the log and can be rebuilt from it at any time
// (Store::RebuildProjections). A caller sends a Command (Store::Record); the store validates it
// (ValidateCommand, then against the current state), completes it (assigned ids, the `from`
// state) and appends it as an event, with any events it causes. Some events only the store
// writes: OrganisationCreated is not a Command, so passing it to Record does not compile.
//
// Log format (full version: docs/storage.md). One row per event:
//   seq          global order, assigned by the database; increasing (gap-free on SQLite; on
//                PostgreSQL a rolled-back write consumes numbers)
//   org          the organisation (tenant) the event belongs to
//   stream       "participant/<ref>" for everything about one participant, "organisation"
//   position     0, 1, 2... within (org, stream); unique: a concurrent writer conflicts
//   kind         the payload type's stable name, e.g. "trajectory.started" (KindOf)
//   effective    the business date of the fact (EffectiveDate), as days since 1970-01-01
//   recorded_at  wall-clock time of recording, milliseconds since the Unix epoch (UTC)
//   actor        who recorded it
//   caused_by    seq of the event whose command derived this one (e.g. a placement moves its
//                trajectory to geplaatst), or null for an event a user asked for
//   payload      the payload as JSON: {"version": N, ...fields}. N is that payload type's own
//                version (PayloadVersion), 1 for every type so far.
//
// Kind names and payload field names are persisted: never rename them; add fields only with a
// new version of that payload type, and keep reading the old one.
//
// Corrections are events too: the log is never edited. A correction names the fact it corrects
// and carries only the new values; the events before it keep what was recorded first, so "what
// the database knew on date D" is the log up to D (recorded_at), and "the facts as corrected" is
// the whole log.
//
// Limits every command must meet (ValidateCommand; the store refuses anything else, so the log
// never holds an event that cannot be read back):
//   - dates: a real calendar day in the years 1900..2199; a default-constructed Date (year 0)
//     is "required", never "today";
//   - references (`ref`): 1..64 printable ASCII characters without spaces, commas, quotes or '/';
//   - programme, track and milestone ids: IsValidId (catalogue.h);
//   - free text (names, employer, area, cohort, reasons, evidence): valid UTF-8, at most
//     kMaxTextLength characters, no control characters except that notes (reasons, evidence)
//     may hold line breaks, no bidirectional embedding, override or isolate (U+202A..U+202E,
//     U+2066..U+2069), and in one-line fields no line or paragraph separator (U+2028, U+2029);
//     a field marked "required" is not empty;
//   - enums: one of their named values;
//   - ids > 0 (trajectory and placement ids may be 0 in a start command: the store assigns one);
//     hours per week in (0, 80]; wages in (0, kMaxMonthlyWage]; loonwaarde 0..100 %.
#ifndef TRAJECT_EVENTS_H_
#define TRAJECT_EVENTS_H_

#include <cstddef>
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

// At most this many characters (Unicode code points) in a free-text field.
inline constexpr std::size_t kMaxTextLength = 200;
// The largest gross monthly wage accepted: €100,000.00 (a typo guard, not a policy).
inline constexpr Cents kMaxMonthlyWage = 10'000'000;

// "participant.registered"
struct ParticipantRegistered {
  std::string ref{};
  std::optional<Date> birth{};  // before `registered`, at least 15 years
  std::string area{};           // may be empty
  std::string cohort{};         // may be empty
  std::vector<TargetGroup> groups{};
  Date registered{};
  bool bsn_verified = false;
  // As a command: the participant's BSN (9 digits passing the elfproef), or empty. The store
  // never keeps it: it records `bsn_hash` instead (traject/bsn.h) and sets bsn_verified. In a
  // recorded event `bsn` is always empty.
  std::string bsn{};
  // In a recorded event: the keyed hash of the BSN given, or empty. Set by the store only: a
  // command that sets it is refused.
  std::string bsn_hash{};
};

// "caseworker.assigned": a klantmanager or jobhunter takes over the participant from `date`;
// the previous one of that role (if any) stops on that date.
struct CaseworkerAssigned {
  std::string ref{};
  CaseworkerRole role = CaseworkerRole::kKlantmanager;
  std::string name{};  // required
  Date date{};
};

// "contact.recorded": a cohort contact (invitation, conversation, no response, home visit).
struct ContactRecorded {
  std::string ref{};
  ContactKind kind = ContactKind::kInvited;
  Date date{};
};

// "trajectory.started": the participant is aangemeld for a track of a programme.
struct TrajectoryStarted {
  std::int64_t trajectory_id = 0;  // 0 in a command: the store assigns the next free id
  std::string ref{};
  std::string programme_id{};
  std::string track_id{};
  Date date{};
};

// "trajectory.state-changed". `from` is the store's: it fills it in from the trajectory's state
// (what a command holds there is not read).
struct TrajectoryStateChanged {
  std::int64_t trajectory_id = 0;
  TrajectoryState from = TrajectoryState::kAangemeld;
  TrajectoryState to = TrajectoryState::kAangemeld;
  Date date{};
  std::string reason{};                     // free text; may be empty
  std::optional<ExitReason> exit_reason{};  // REQUIRED when to == uitgestroomd, else empty
};

// "milestone.reached". Reaching a milestone whose definition `enters` a state also records
// the state change (caused_by this event).
struct MilestoneReached {
  std::int64_t trajectory_id = 0;
  std::string milestone_id{};
  Date date{};
  std::string evidence{};  // may be empty
};

// "placement.started". Also moves the trajectory to geplaatst (a caused event) unless it
// is there already.
struct PlacementStarted {
  std::int64_t placement_id = 0;  // 0 in a command: the store assigns the next free id
  std::int64_t trajectory_id = 0;
  std::string employer{};  // required
  CentiHours hours_per_week = 0;
  Cents gross_monthly_wage = 0;
  Date start{};
};

// "placement.ended": `date` is the last day worked.
struct PlacementEnded {
  std::int64_t placement_id = 0;
  Date date{};
  std::string reason{};  // may be empty
};

// "loonwaarde.assessed"
struct LoonwaardeAssessed {
  std::int64_t placement_id = 0;
  Date date{};
  int percent = 0;
};

// "organisation.created". Written only by Store::CreateOrganisation: not a Command.
struct OrganisationCreated {
  std::string id{};
  std::string name{};
  Date date{};
};

// "participant.forgotten". Written only by Store::ForgetParticipant (traject/participant_rights.h):
// not a Command. The participant's earlier events were rewritten in place: their ref replaced by
// `ref`, a pseudonym, and their personal fields erased. `events` rewritten rows; `digest` (hex
// SHA-256 over each rewritten row's seq and the commitments to its personal part before and
// after, in seq order) so the audit chain can check the rewritten rows, and `mac` (version 2:
// hex HMAC-SHA-256 of the organisation, this event's seq, `ref` and `digest` under the audit
// key) so that only a forget made with the audit key verifies as one (docs/security.md,
// "Forgetting a participant").
struct ParticipantForgotten {
  std::string ref{};  // the pseudonym
  Date date{};
  std::int64_t events = 0;
  std::string digest{};
  std::string mac{};  // "" in version 1
};

// --- Corrections and changes ------------------------------------------------------------------
// Each names what it changes, carries only the new values (an empty optional: unchanged), the
// day it was made (`date`, its effective date) and a required `reason`; the event's actor says
// who made it.

// "participant.changed": a participant's details changed or were mistyped.
struct ParticipantChanged {
  std::string ref{};
  Date date{};
  std::optional<std::string> area{};
  std::optional<std::string> cohort{};
  std::optional<std::vector<TargetGroup>> groups{};  // the complete new set
  std::optional<Date> birth{};
  std::string reason{};
};

// "caseworker.unassigned": the participant's current klantmanager or jobhunter stops on `date`
// (no successor).
struct CaseworkerUnassigned {
  std::string ref{};
  CaseworkerRole role = CaseworkerRole::kKlantmanager;
  Date date{};
  std::string reason{};
};

// "milestone.corrected": a reached milestone's date or evidence was mistyped. A state change
// the milestone caused moves to the corrected date.
struct MilestoneCorrected {
  std::int64_t trajectory_id = 0;
  std::string milestone_id{};
  Date date{};
  std::optional<Date> reached{};
  std::optional<std::string> evidence{};
  std::string reason{};
};

// "milestone.retracted": a milestone recorded as reached was not. A state change it caused is
// undone too, which the store allows only while that change is the trajectory's latest.
struct MilestoneRetracted {
  std::int64_t trajectory_id = 0;
  std::string milestone_id{};
  Date date{};
  std::string reason{};
};

// "placement.corrected": a placement's facts were mistyped. `reopen` removes a recorded end
// (the placement did not end); it excludes `end`. A move to geplaatst the placement caused moves
// to the corrected start.
struct PlacementCorrected {
  std::int64_t placement_id = 0;
  Date date{};
  std::optional<std::string> employer{};
  std::optional<CentiHours> hours_per_week{};
  std::optional<Cents> gross_monthly_wage{};
  std::optional<Date> start{};
  std::optional<Date> end{};
  bool reopen = false;
  std::string reason{};
};

// "loonwaarde.withdrawn": the assessment of `assessed` (its date) no longer counts.
struct LoonwaardeWithdrawn {
  std::int64_t placement_id = 0;
  Date assessed{};
  Date date{};
  std::string reason{};
};

// Every event. The alternatives' order is not persisted (kinds are stored by name), but keep
// appending.
using EventPayload =
    std::variant<OrganisationCreated, ParticipantRegistered, CaseworkerAssigned, ContactRecorded,
                 TrajectoryStarted, TrajectoryStateChanged, MilestoneReached, PlacementStarted,
                 PlacementEnded, LoonwaardeAssessed, ParticipantChanged, CaseworkerUnassigned,
                 MilestoneCorrected, MilestoneRetracted, PlacementCorrected, LoonwaardeWithdrawn,
                 ParticipantForgotten>;

// What a caller may send to Store::Record: every event except those only the store writes.
using Command =
    std::variant<ParticipantRegistered, CaseworkerAssigned, ContactRecorded, TrajectoryStarted,
                 TrajectoryStateChanged, MilestoneReached, PlacementStarted, PlacementEnded,
                 LoonwaardeAssessed, ParticipantChanged, CaseworkerUnassigned, MilestoneCorrected,
                 MilestoneRetracted, PlacementCorrected, LoonwaardeWithdrawn>;

// The event a command becomes (before the store completes it).
TRAJECT_EXPORT EventPayload ToPayload(const Command& command);
// The command that records this event again (export, then import); InvalidArgument for an
// event only the store writes (organisation.created, participant.forgotten).
TRAJECT_EXPORT Result<Command> ToCommand(const EventPayload& payload);

// The persisted kind name of a payload.
TRAJECT_EXPORT std::string_view KindOf(const EventPayload& payload);
TRAJECT_EXPORT std::string_view KindOf(const Command& command);
// Every kind name, in the variant's order.
TRAJECT_EXPORT std::vector<std::string_view> AllEventKinds();
// The business date of a payload: the fact's date, or for a correction the day it was made.
TRAJECT_EXPORT Date EffectiveDate(const EventPayload& payload);
// The version the payload of `kind` is written with (see the log format above); 0 when unknown.
TRAJECT_EXPORT std::uint32_t PayloadVersion(std::string_view kind);

// Checks a command against the limits above, without reading any state. On error:
// InvalidArgument naming the field (Status::field(), e.g. "date", "employer") and what is wrong
// with it; the message never repeats the value (it may be personal data).
TRAJECT_EXPORT Status ValidateCommand(const Command& command);

// Payload <-> JSON as stored in the log. Decoding names the kind and the field on error, not
// the value.
TRAJECT_EXPORT std::string EncodePayload(const EventPayload& payload);
TRAJECT_EXPORT Result<EventPayload> DecodePayload(std::string_view kind, std::string_view json);

// One row of the log.
struct Event {
  std::int64_t seq = 0;
  std::string org{};
  std::string stream{};
  std::int64_t position = 0;
  std::int64_t recorded_at_ms = 0;
  std::string actor{};
  std::optional<std::int64_t> caused_by{};
  EventPayload payload{};
};

}  // namespace traject

#endif  // TRAJECT_EVENTS_H_

// A participant's rights under the AVG (GDPR): access and portability (art. 15 and 20), and
// erasure (art. 17). docs/security.md, "Export and forget", says what is kept and why.
#ifndef TRAJECT_PARTICIPANT_RIGHTS_H_
#define TRAJECT_PARTICIPANT_RIGHTS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "traject/events.h"
#include "traject/export.h"
#include "traject/participant.h"
#include "traject/placement.h"
#include "traject/trajectory.h"

namespace traject {

// Everything a database holds about one participant (Store::ExportParticipant).
struct ParticipantExport {
  std::string organisation{};
  Participant participant{};               // with contacts, assignments and corrections
  std::vector<Trajectory> trajectories{};  // with milestones, history and corrections; by id
  std::vector<Placement> placements{};     // with assessments; by id
  std::vector<Event> events{};             // every event of the participant's stream, in order
};

// The export as one JSON document (written with cereal), its format versioned:
//   {"format": "traject-participant-export", "version": 1, "organisation": ...,
//    "participant": {...}, "trajectories": [...], "placements": [...], "events": [...]}
// Dates are "YYYY-MM-DD", money integer cents, hours centi-hours; an event's "payload" holds
// its fields as the log stores them (docs/storage.md). docs/security.md documents every member.
TRAJECT_EXPORT std::string ParticipantExportJson(const ParticipantExport& exported);

// Free text erased by a forget reads this.
inline constexpr std::string_view kErasedText = "(erased)";

// What Store::ForgetParticipant did.
struct ForgetSummary {
  std::string pseudonym{};  // the reference the participant's records carry now
  std::int64_t events_rewritten = 0;
  std::int64_t seq = 0;  // the participant.forgotten event's
  // What is still left of the old rows in the database's files, and the statements that remove
  // it; both empty when nothing is left (SQLite, usually: the file was rebuilt before
  // ForgetParticipant returned).
  //   - PostgreSQL keeps old row versions, and index entries, until a table is rewritten:
  //     `VACUUM FULL` of the partitions that hold the organisation's rows, to be run by the
  //     tables' owner in a quiet moment (it locks those partitions while it runs).
  //   - SQLite, when another connection held a read snapshot for longer than the busy timeout:
  //     the old pages stay in the write-ahead log until a checkpoint after that snapshot ends,
  //     `PRAGMA wal_checkpoint(TRUNCATE)` (sqlite3 FILE, or the next forget).
  // `left_over` says which, in a sentence for a person.
  std::string left_over{};
  std::vector<std::string> maintenance{};
};

}  // namespace traject

#endif  // TRAJECT_PARTICIPANT_RIGHTS_H_

// ReportFacts: one organisation's projections as the outcome reports read them, as known at the
// end of one day, in compact rows.
//
// A report reads only the parts it needs (FactParts), each with one query over one projection
// table (contacts are summarised per participant by the query itself), filtered on the as-of
// day: rows dated later are not loaded, and an end dated later is not known (an assignment or a
// placement is open then). Text that repeats (areas, programmes, employers, caseworkers,
// milestone ids) is interned once in `names`; dates are days since 1970-01-01. So a report over
// 400,000 participants holds a few tens of bytes per row, and its time is the queries' time.
//
// Rows refer to participants by their index in `people`. Every participant some part mentions
// has an entry; its attributes (area, birth...) are filled only when the `people` part is read.
#ifndef TRAJECT_STORAGE_REPORT_FACTS_H_
#define TRAJECT_STORAGE_REPORT_FACTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/statements.h"
#include "traject/participant.h"
#include "traject/status.h"
#include "traject/trajectory.h"

namespace traject::storage {

using Day = std::int32_t;  // days since 1970-01-01
using NameId = std::int32_t;

// Whose rows a report reads: everyone's, or only the rows that an SQL condition says may
// count. The condition is looser than the report's own test, which the report still applies to
// what it reads: a scope only keeps out rows that cannot count, and reading them (not the
// queries' scans) is most of a report's time at national size. A scope names the trajectories
// (or placements) a report counts, or the participants (kMovedIn). A scope of trajectories or
// placements reads those rows only, and of the participants they belong to every row of the
// parts that are per participant (people, assignments, contacts): a report with one may not
// look at someone's other trajectories or placements. A scope of participants reads all of
// theirs.
enum class FactScope : std::uint8_t {
  kEveryone,
  // Placements started by the as-of day and not ended before it, with their trajectories.
  kPlacedOn,
  // Placements started by the as-of day and not ended before the window's first day
  // (FactParts::window_from) or the as-of day, whichever is earlier: those active some day of
  // the window or running on the day.
  kPlacedIn,
  // Those of kPlacedOn without a loonwaarde assessment dated by the day (the assessments part
  // is then empty, and not read).
  kUnassessedOn,
  // Trajectories started by the as-of day that may be open on it: those whose state now is not
  // closed, or that entered it after the day; with their history, milestones and placements.
  kMaybeOpenOn,
  // Participants with an exit (uitgestroomd) or a return (terugval) dated in the window
  // (FactParts::window_from..window_to, cut to the as-of day), or a placement started in it;
  // with all their trajectories and everything of those.
  kMovedIn,
};

// What a report reads; each part is one query.
struct FactParts {
  bool people = false;       // participants' attributes
  bool assignments = false;  // caseworker assignments
  bool contacts = false;     // cohort contacts, summarised per participant
  bool trajectories = false;
  bool history = false;     // state changes (needs trajectories)
  bool milestones = false;  // reached milestones (needs trajectories)
  bool evidence = false;    // and their evidence text, as plugins see it (needs milestones)
  bool placements = false;  // with their assessments (needs trajectories)
  // The number of placements running on the as-of day, everyone's whatever the scope.
  bool running_placements = false;
  FactScope scope = FactScope::kEveryone;
  Day window_from = 0, window_to = 0;  // the window of kMovedIn and kPlacedIn
};

struct FactPerson {
  std::string ref{};
  bool known = false;  // registered by the as-of day (and the people part was read)
  NameId area = -1;    // -1: no area
  NameId cohort = -1;
  std::uint8_t groups = 0;  // explicit target groups, a bit per TargetGroup value
  std::optional<Day> birth{};
  Day registered = 0;
  // From the contacts part: the first invitation, the first conversation, and the latest
  // conversation or home visit.
  std::optional<Day> invited{}, spoken{}, last_seen{};
};

struct FactAssignment {
  std::int32_t person = 0;
  CaseworkerRole role = CaseworkerRole::kKlantmanager;
  NameId name = 0;
  Day from = 0;
  std::optional<Day> until;  // exclusive; empty while current on the as-of day
};

struct FactTransition {
  TrajectoryState to = TrajectoryState::kAangemeld;
  Day date = 0;
  std::int64_t seq = 0;  // of the event that made it: the order recorded, across trajectories
};

struct FactMilestone {
  NameId milestone = 0;
  Day reached = 0;
};

struct FactTrajectory {
  std::int64_t id = 0;
  std::int32_t person = 0;
  NameId programme = 0;
  NameId track = 0;
  Day started = 0;
  std::optional<ExitReason> exit_reason;                   // known once it exited by the as-of day
  std::uint32_t history_begin = 0, history_end = 0;        // into ReportFacts::transitions
  std::uint32_t milestones_begin = 0, milestones_end = 0;  // into ReportFacts::milestones
  std::uint32_t placements_begin = 0, placements_end = 0;  // into ReportFacts::placements
};

struct FactAssessment {
  Day date = 0;
  int percent = 0;
};

struct FactPlacement {
  std::int64_t id = 0;
  std::int32_t trajectory = 0;  // index into ReportFacts::trajectories
  std::int32_t person = 0;
  NameId employer = 0;
  std::int64_t centihours = 0;
  std::int64_t wage = 0;  // cents a month
  Day start = 0;
  std::optional<Day> end;  // last day worked; empty while running on the as-of day
  std::uint32_t assessments_begin = 0, assessments_end = 0;  // into ReportFacts::assessments
};

struct ReportFacts {
  Day as_of = 0;
  FactParts parts;
  std::vector<std::string> names;
  std::vector<FactPerson> people;              // ordered by ref when the people part is read
  std::vector<FactAssignment> assignments;     // ordered by person, then start
  std::vector<std::uint32_t> assignments_of;   // person i's are [assignments_of[i], [i + 1])
  std::vector<FactTrajectory> trajectories;    // ordered by person, then id
  std::vector<std::uint32_t> trajectories_of;  // likewise per person
  std::vector<FactTransition> transitions;     // per trajectory, in the order recorded
  std::vector<FactMilestone> milestones;       // per trajectory
  std::vector<std::string> evidence;           // of each milestone, when the evidence part is read
  std::vector<FactPlacement> placements;       // per trajectory, by id
  std::vector<FactAssessment> assessments;     // per placement, by date
  std::int64_t running_placements = 0;         // when the running_placements part is read

  const std::string& Name(NameId id) const { return names[static_cast<std::size_t>(id)]; }
  // -1 when no row holds `text`.
  NameId FindName(std::string_view text) const;

  // Filled while loading.
  std::unordered_map<std::string, NameId> name_ids;
};

// Reads `parts` of organisation `org` as known at the end of `as_of`. Throws soci::soci_error.
ReportFacts LoadReportFacts(Statements& sql, const std::string& org, const FactParts& parts,
                            Day as_of);

// What a Store that can answer reports provides (the SQL store, and its as-recorded snapshots).
class FactSource {
 public:
  virtual ~FactSource() = default;
  // InvalidArgument unless `as_of` is today or earlier: facts of later days are not known.
  virtual Status RequireKnown(Day as_of) = 0;
  // Whether some assignment of `role` to `name` starts on or before `as_of`.
  virtual Result<bool> CaseworkerKnown(CaseworkerRole role, std::string_view name, Day as_of) = 0;
  // RequireKnown(as_of), then the facts.
  virtual Result<ReportFacts> ReadReportFacts(const FactParts& parts, Day as_of) = 0;
};

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_REPORT_FACTS_H_

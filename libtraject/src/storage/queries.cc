#include "storage/queries.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "storage/projector.h"

namespace traject::storage {
namespace {

struct ParticipantRow {
  std::string ref, area, cohort, klantmanager, jobhunter;
  long long birth = 0, groups = 0, registered = 0, bsn_verified = 0;
  soci::indicator birth_indicator = soci::i_null;

  Participant ToModel() const {
    Participant p;
    p.ref = ref;
    if (birth_indicator == soci::i_ok) p.birth = FromDays(birth);
    p.area = area;
    p.cohort = cohort;
    p.groups = GroupsFromBits(groups);
    p.klantmanager = klantmanager;
    p.jobhunter = jobhunter;
    p.registered = FromDays(registered);
    p.bsn_verified = bsn_verified != 0;
    return p;
  }
};

std::string ParticipantColumns(int schema_version) {
  return schema_version >= 2 ? "ref, birth, area, cohort, groups, registered, bsn_verified, "
                               "klantmanager, jobhunter"
                             : "ref, birth, area, cohort, groups, registered, bsn_verified, "
                               "klantmanager, ''";
}

void LoadAssignments(soci::session& sql, const std::string& org, Participant& p,
                     int schema_version) {
  if (schema_version < 3) return;
  std::string role, name, end_reason;
  long long start = 0, until = 0;
  soci::indicator until_indicator = soci::i_null;
  soci::statement st =
      (sql.prepare << "SELECT role, name, start, until, end_reason FROM assignments WHERE org = "
                      ":org AND ref = :ref ORDER BY seq",
       soci::use(org), soci::use(p.ref), soci::into(role), soci::into(name), soci::into(start),
       soci::into(until, until_indicator), soci::into(end_reason));
  st.execute();
  while (st.fetch()) {
    CaseworkerAssignment a;
    Result<CaseworkerRole> parsed = ParseCaseworkerRole(role);
    a.role = parsed.ok() ? *parsed : CaseworkerRole::kKlantmanager;
    a.name = name;
    a.from = FromDays(start);
    if (until_indicator == soci::i_ok) a.until = FromDays(until);
    a.end_reason = end_reason;
    p.assignments.push_back(std::move(a));
  }
}

// Corrections about a participant (trajectory 0 and placement 0 when `participant_only`) or
// about one trajectory, oldest first.
std::vector<Correction> LoadCorrections(soci::session& sql, const std::string& org,
                                        const std::string& ref, long long trajectory,
                                        int schema_version) {
  std::vector<Correction> all;
  if (schema_version < 3) return all;
  Correction c;
  long long date = 0, t = 0, placement = 0, recorded_at = 0;
  soci::statement st =
      (sql.prepare << "SELECT kind, date, what, reason, actor, recorded_at, trajectory, placement "
                      "FROM corrections WHERE org = :org AND ref = :ref AND trajectory = :t "
                      "ORDER BY seq",
       soci::use(org), soci::use(ref), soci::use(trajectory), soci::into(c.kind), soci::into(date),
       soci::into(c.what), soci::into(c.reason), soci::into(c.actor), soci::into(recorded_at),
       soci::into(t), soci::into(placement));
  st.execute();
  while (st.fetch()) {
    c.date = FromDays(date);
    c.recorded_at_ms = recorded_at;
    c.trajectory_id = t;
    c.placement_id = placement;
    all.push_back(c);
  }
  return all;
}

void LoadContacts(soci::session& sql, const std::string& org, Participant& p, int schema_version) {
  if (schema_version < 2) return;
  long long date = 0;
  std::string kind;
  soci::statement st = (sql.prepare << "SELECT date, kind FROM contacts WHERE org = :org AND "
                                       "ref = :ref ORDER BY seq",
                        soci::use(org), soci::use(p.ref), soci::into(date), soci::into(kind));
  st.execute();
  while (st.fetch()) {
    Result<ContactKind> parsed = ParseContactKind(kind);
    p.contacts.push_back(
        CohortContact{FromDays(date), parsed.ok() ? *parsed : ContactKind::kInvited});
  }
}

struct TrajectoryRow {
  long long id = 0, state = 0, started = 0, state_since = 0;
  std::string ref, programme, track, exit_reason;
  soci::indicator exit_indicator = soci::i_null;

  Trajectory ToModel() const {
    Trajectory t;
    t.id = id;
    t.participant_ref = ref;
    t.programme_id = programme;
    t.track_id = track;
    t.state = static_cast<TrajectoryState>(state);
    t.started = FromDays(started);
    t.state_since = FromDays(state_since);
    if (exit_indicator == soci::i_ok) {
      Result<ExitReason> reason = ParseExitReason(exit_reason);
      if (reason.ok()) t.exit_reason = *reason;
    }
    return t;
  }
};

constexpr const char* kTrajectoryColumns =
    "id, ref, programme, track, state, started, state_since, exit_reason";

void LoadTrajectoryDetails(soci::session& sql, const std::string& org, Trajectory& t,
                           int schema_version) {
  const long long id = t.id;
  {
    std::string milestone, evidence;
    long long reached = 0;
    soci::statement st =
        (sql.prepare << "SELECT milestone, reached, evidence FROM milestones WHERE org = :org "
                        "AND trajectory = :id ORDER BY seq",
         soci::use(org), soci::use(id), soci::into(milestone), soci::into(reached),
         soci::into(evidence));
    st.execute();
    while (st.fetch()) t.milestones.push_back({milestone, FromDays(reached), evidence});
  }
  {
    long long from = 0, to = 0, date = 0, placement = 0;
    std::string reason, milestone;
    soci::statement st =
        (sql.prepare << "SELECT from_state, to_state, date, reason, "
                     << (schema_version >= 3 ? "caused_by_milestone, caused_by_placement" : "'', 0")
                     << " FROM state_changes WHERE org = :org AND trajectory = :id ORDER BY seq",
         soci::use(org), soci::use(id), soci::into(from), soci::into(to), soci::into(date),
         soci::into(reason), soci::into(milestone), soci::into(placement));
    st.execute();
    while (st.fetch()) {
      t.history.push_back({static_cast<TrajectoryState>(from), static_cast<TrajectoryState>(to),
                           FromDays(date), reason, milestone, placement});
    }
  }
}

struct PlacementRow {
  long long id = 0, trajectory = 0, hours = 0, wage = 0, start = 0, end = 0;
  std::string employer, end_reason;
  soci::indicator end_indicator = soci::i_null;

  Placement ToModel() const {
    Placement p;
    p.id = id;
    p.trajectory_id = trajectory;
    p.employer = employer;
    p.hours_per_week = hours;
    p.gross_monthly_wage = wage;
    p.start = FromDays(start);
    if (end_indicator == soci::i_ok) p.end = FromDays(end);
    p.end_reason = end_reason;
    return p;
  }
};

constexpr const char* kPlacementColumns =
    "id, trajectory, employer, centihours, wage_cents, start, end_date, end_reason";

#define TRAJECT_PLACEMENT_INTO(row)                                                                \
  soci::into(row.id), soci::into(row.trajectory), soci::into(row.employer), soci::into(row.hours), \
      soci::into(row.wage), soci::into(row.start), soci::into(row.end, row.end_indicator),         \
      soci::into(row.end_reason)

#define TRAJECT_TRAJECTORY_INTO(row)                                                         \
  soci::into(row.id), soci::into(row.ref), soci::into(row.programme), soci::into(row.track), \
      soci::into(row.state), soci::into(row.started), soci::into(row.state_since),           \
      soci::into(row.exit_reason, row.exit_indicator)

#define TRAJECT_PARTICIPANT_INTO(row)                                                    \
  soci::into(row.ref), soci::into(row.birth, row.birth_indicator), soci::into(row.area), \
      soci::into(row.cohort), soci::into(row.groups), soci::into(row.registered),        \
      soci::into(row.bsn_verified), soci::into(row.klantmanager), soci::into(row.jobhunter)

// Adds every into() and use() to a statement built piece by piece (a WHERE clause that depends
// on the filters set).
template <typename... Exchanges>
void ExchangeAll(soci::statement& statement, const Exchanges&... exchanges) {
  (statement.exchange(exchanges), ...);
}

// Loonwaarde assessments of every placement of the organisation, by placement id.
std::map<std::int64_t, std::vector<LoonwaardeAssessment>> AllAssessments(soci::session& sql,
                                                                         const std::string& org) {
  std::map<std::int64_t, std::vector<LoonwaardeAssessment>> all;
  long long placement = 0, date = 0, percent = 0;
  soci::statement st =
      (sql.prepare << "SELECT placement, date, percent FROM loonwaarde WHERE "
                      "org = :org ORDER BY placement, date",
       soci::use(org), soci::into(placement), soci::into(date), soci::into(percent));
  st.execute();
  while (st.fetch()) all[placement].push_back({FromDays(date), static_cast<int>(percent)});
  return all;
}

void LoadAssessments(soci::session& sql, const std::string& org, Placement& p) {
  const long long id = p.id;
  long long date = 0, percent = 0;
  soci::statement st = (sql.prepare << "SELECT date, percent FROM loonwaarde WHERE org = :org AND "
                                       "placement = :id ORDER BY date",
                        soci::use(org), soci::use(id), soci::into(date), soci::into(percent));
  st.execute();
  while (st.fetch()) p.assessments.push_back({FromDays(date), static_cast<int>(percent)});
}

}  // namespace

std::optional<Participant> FindParticipant(soci::session& sql, const std::string& org,
                                           const std::string& ref, int schema_version,
                                           bool details) {
  ParticipantRow row;
  sql << "SELECT " << ParticipantColumns(schema_version)
      << " FROM participants WHERE org = :org AND ref = :ref",
      soci::use(org), soci::use(ref), TRAJECT_PARTICIPANT_INTO(row);
  if (!sql.got_data()) return std::nullopt;
  Participant p = row.ToModel();
  LoadAssignments(sql, org, p, schema_version);
  if (details) {
    LoadContacts(sql, org, p, schema_version);
    p.corrections = LoadCorrections(sql, org, p.ref, 0, schema_version);
  }
  return p;
}

std::vector<Participant> ListParticipants(soci::session& sql, const std::string& org,
                                          const std::string& area, int schema_version) {
  ParticipantRow row;
  std::vector<Participant> all;
  soci::statement st =
      (sql.prepare << "SELECT " << ParticipantColumns(schema_version)
                   << " FROM participants WHERE org = :org AND "
                      "(:area = '' OR area = :area2) ORDER BY ref",
       soci::use(org), soci::use(area), soci::use(area), TRAJECT_PARTICIPANT_INTO(row));
  st.execute();
  while (st.fetch()) all.push_back(row.ToModel());
  return all;
}

std::optional<Trajectory> FindTrajectory(soci::session& sql, const std::string& org,
                                         std::int64_t id, bool details, int schema_version) {
  TrajectoryRow row;
  const long long wanted = id;
  sql << "SELECT " << kTrajectoryColumns << " FROM trajectories WHERE org = :org AND id = :id",
      soci::use(org), soci::use(wanted), TRAJECT_TRAJECTORY_INTO(row);
  if (!sql.got_data()) return std::nullopt;
  Trajectory t = row.ToModel();
  if (details) {
    LoadTrajectoryDetails(sql, org, t, schema_version);
    t.corrections = LoadCorrections(sql, org, t.participant_ref, t.id, schema_version);
  }
  return t;
}

std::vector<Trajectory> ListTrajectories(soci::session& sql, const std::string& org,
                                         const TrajectoryFilter& filter) {
  // Only the filters that are set go into the WHERE clause, so that SQLite can use the
  // (org, ref) index; a ':x = '' OR' pattern makes it scan every trajectory of the organisation.
  TrajectoryRow row;
  const long long state = filter.state ? static_cast<long long>(*filter.state) : 0;
  std::string where = "org = :org";
  if (!filter.participant_ref.empty()) where += " AND ref = :ref";
  if (!filter.programme_id.empty()) where += " AND programme = :programme";
  if (filter.state) where += " AND state = :state";
  soci::statement st(sql);
  ExchangeAll(st, TRAJECT_TRAJECTORY_INTO(row));
  st.exchange(soci::use(org));
  if (!filter.participant_ref.empty()) st.exchange(soci::use(filter.participant_ref));
  if (!filter.programme_id.empty()) st.exchange(soci::use(filter.programme_id));
  if (filter.state) st.exchange(soci::use(state));
  st.alloc();
  // ORDER BY only without a ref: with one, it would pull SQLite from the (org, ref) index to the
  // primary key, a scan of the organisation; the few rows of one participant are sorted below.
  st.prepare(fmt::format("SELECT {} FROM trajectories WHERE {}{}", kTrajectoryColumns, where,
                         filter.participant_ref.empty() ? " ORDER BY id" : ""));
  st.define_and_bind();
  st.execute();
  std::vector<Trajectory> all;
  while (st.fetch()) all.push_back(row.ToModel());
  std::sort(all.begin(), all.end(),
            [](const Trajectory& a, const Trajectory& b) { return a.id < b.id; });
  return all;
}

std::int64_t NextTrajectoryId(soci::session& sql, const std::string& org) {
  long long next = 0;
  sql << "SELECT COALESCE(MAX(id), 0) + 1 FROM trajectories WHERE org = :org", soci::use(org),
      soci::into(next);
  return next;
}

std::optional<Placement> FindPlacement(soci::session& sql, const std::string& org,
                                       std::int64_t id) {
  PlacementRow row;
  const long long wanted = id;
  sql << "SELECT " << kPlacementColumns << " FROM placements WHERE org = :org AND id = :id",
      soci::use(org), soci::use(wanted), TRAJECT_PLACEMENT_INTO(row);
  if (!sql.got_data()) return std::nullopt;
  Placement p = row.ToModel();
  LoadAssessments(sql, org, p);
  return p;
}

std::vector<Placement> PlacementsOf(soci::session& sql, const std::string& org,
                                    std::int64_t trajectory_id) {
  PlacementRow row;
  const long long trajectory = trajectory_id;
  std::vector<Placement> all;
  // No ORDER BY: it would pull SQLite to the primary key (a scan of the organisation) instead
  // of placements_by_trajectory; a trajectory has few placements to sort.
  soci::statement st = (sql.prepare << "SELECT " << kPlacementColumns
                                    << " FROM placements WHERE org = :org AND trajectory = "
                                       ":trajectory",
                        soci::use(org), soci::use(trajectory), TRAJECT_PLACEMENT_INTO(row));
  st.execute();
  while (st.fetch()) all.push_back(row.ToModel());
  std::sort(all.begin(), all.end(),
            [](const Placement& a, const Placement& b) { return a.id < b.id; });
  for (Placement& p : all) LoadAssessments(sql, org, p);
  return all;
}

std::vector<PlacementView> ListPlacementViews(soci::session& sql, const std::string& org) {
  PlacementRow row;
  std::string ref, programme, track, area;
  long long groups = 0, birth = 0, started = 0;
  soci::indicator birth_indicator = soci::i_null;
  std::vector<PlacementView> all;
  soci::statement st =
      (sql.prepare << "SELECT p.id, p.trajectory, p.employer, p.centihours, p.wage_cents, "
                      "p.start, p.end_date, p.end_reason, t.ref, t.programme, t.track, "
                      "t.started, q.area, q.groups, q.birth FROM placements p JOIN trajectories t "
                      "ON t.org = p.org AND t.id = p.trajectory JOIN participants q ON q.org = "
                      "t.org AND q.ref = t.ref WHERE p.org = :org ORDER BY p.id",
       soci::use(org), TRAJECT_PLACEMENT_INTO(row), soci::into(ref), soci::into(programme),
       soci::into(track), soci::into(started), soci::into(area), soci::into(groups),
       soci::into(birth, birth_indicator));
  st.execute();
  while (st.fetch()) {
    PlacementView view;
    view.placement = row.ToModel();
    view.participant_ref = ref;
    view.programme_id = programme;
    view.track_id = track;
    view.trajectory_started = FromDays(started);
    view.area = area;
    view.groups = GroupsFromBits(groups);
    if (birth_indicator == soci::i_ok) view.birth = FromDays(birth);
    all.push_back(std::move(view));
  }
  auto assessments = AllAssessments(sql, org);
  for (PlacementView& view : all) {
    auto it = assessments.find(view.placement.id);
    if (it != assessments.end()) view.placement.assessments = it->second;
  }
  return all;
}

std::int64_t NextPlacementId(soci::session& sql, const std::string& org) {
  long long next = 0;
  sql << "SELECT COALESCE(MAX(id), 0) + 1 FROM placements WHERE org = :org", soci::use(org),
      soci::into(next);
  return next;
}

std::vector<Organisation> ListOrganisations(soci::session& sql) {
  std::string id, name;
  long long created = 0;
  std::vector<Organisation> all;
  soci::statement st = (sql.prepare << "SELECT id, name, created FROM organisations ORDER BY id",
                        soci::into(id), soci::into(name), soci::into(created));
  st.execute();
  while (st.fetch()) all.push_back({id, name, FromDays(created)});
  return all;
}

}  // namespace traject::storage

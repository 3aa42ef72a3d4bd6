#include "storage/queries.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "storage/record_rows.h"
#include "storage/schema.h"

namespace traject::storage {
namespace {

std::string ParticipantColumns(int schema_version) {
  std::string columns = "ref, birth, area, cohort, groups, registered, bsn_verified, klantmanager";
  columns += schema_version >= 2 ? ", jobhunter" : ", ''";
  columns += schema_version >= 5 ? ", bsn_hash" : ", ''";
  columns += schema_version >= kForgetSchema ? ", forgotten" : ", 0";
  return columns;
}
constexpr const char* kParticipantTypes = "tittiiittti";

Participant ParticipantAt(const Statement& s, std::size_t first) {
  Participant p;
  p.ref = s.Text(first);
  if (!s.IsNull(first + 1)) p.birth = FromDays(s.Int(first + 1));
  p.area = s.Text(first + 2);
  p.cohort = s.Text(first + 3);
  p.groups = GroupsFromBits(s.Int(first + 4));
  p.registered = FromDays(s.Int(first + 5));
  p.bsn_verified = s.Int(first + 6) != 0;
  p.klantmanager = s.Text(first + 7);
  p.jobhunter = s.Text(first + 8);
  p.bsn_hash = s.Text(first + 9);
  p.forgotten = s.Int(first + 10) != 0;
  return p;
}

}  // namespace

std::vector<Participant> ListParticipants(Statements& sql, const std::string& org,
                                          const std::string& area, int schema_version) {
  // Appended piece by piece: `"literal" + std::string&&` gives a false -Warray-bounds in g++ 12
  // -O3.
  std::string text = "SELECT ";
  text += ParticipantColumns(schema_version);
  text += " FROM participants WHERE org = :org AND (:area = '' OR area = :area2) ORDER BY ref";
  Statement& s = sql.Get(text, kParticipantTypes);
  s.Run(org, area, area);
  std::vector<Participant> all;
  while (s.Next()) all.push_back(ParticipantAt(s, 0));
  return all;
}

std::optional<std::string> RefWithBsnHash(Statements& sql, const std::string& org,
                                          const std::string& bsn_hash) {
  Statement& s = sql.Get(
      "SELECT ref FROM participants WHERE org = :org AND bsn_hash = :hash ORDER BY ref LIMIT 1",
      "t");
  if (!s.Run(org, bsn_hash).One()) return std::nullopt;
  return s.Text(0);
}

std::vector<Trajectory> ListTrajectories(Statements& sql, const std::string& org,
                                         const TrajectoryFilter& filter) {
  // With a participant the (org, ref) index finds its few trajectories, sorted below: an ORDER
  // BY id would pull SQLite to the primary key, a scan of the organisation. The other filters
  // have no index of their own.
  const std::string others =
      " AND (:programme = '' OR programme = :programme2) AND (:any_state = 1 OR state = :state)";
  const long long any_state = filter.state ? 0 : 1;
  const long long state = filter.state ? static_cast<long long>(*filter.state) : 0;
  std::vector<Trajectory> all;
  if (filter.participant_ref.empty()) {
    Statement& s = sql.Get(std::string("SELECT ") + kTrajectoryColumns +
                               " FROM trajectories WHERE org = :org" + others + " ORDER BY id",
                           kTrajectoryTypes);
    s.Run(org, filter.programme_id, filter.programme_id, any_state, state);
    while (s.Next()) all.push_back(TrajectoryAt(s));
    return all;
  }
  Statement& s = sql.Get(std::string("SELECT ") + kTrajectoryColumns +
                             " FROM trajectories WHERE org = :org AND ref = :ref" + others,
                         kTrajectoryTypes);
  s.Run(org, filter.participant_ref, filter.programme_id, filter.programme_id, any_state, state);
  while (s.Next()) all.push_back(TrajectoryAt(s));
  std::sort(all.begin(), all.end(),
            [](const Trajectory& a, const Trajectory& b) { return a.id < b.id; });
  return all;
}

std::vector<PlacementView> ListPlacementViews(Statements& sql, const std::string& org) {
  std::vector<PlacementView> all;
  Statement& s = sql.Get(
      "SELECT p.id, p.trajectory, p.employer, p.centihours, p.wage_cents, p.start, p.end_date, "
      "p.end_reason, t.ref, t.programme, t.track, t.started, q.area, q.groups, q.birth FROM "
      "placements p JOIN trajectories t ON t.org = p.org AND t.id = p.trajectory JOIN "
      "participants q ON q.org = t.org AND q.ref = t.ref WHERE p.org = :org ORDER BY p.id",
      std::string(kPlacementTypes) + "tttitii");
  s.Run(org);
  while (s.Next()) {
    PlacementView view;
    view.placement = PlacementAt(s);
    view.participant_ref = s.Text(8);
    view.programme_id = s.Text(9);
    view.track_id = s.Text(10);
    view.trajectory_started = FromDays(s.Int(11));
    view.area = s.Text(12);
    view.groups = GroupsFromBits(s.Int(13));
    if (!s.IsNull(14)) view.birth = FromDays(s.Int(14));
    all.push_back(std::move(view));
  }
  // Every assessment of the organisation in one pass, ordered like the placements.
  Statement& a = sql.Get(
      "SELECT placement, date, percent FROM loonwaarde WHERE org = :org ORDER BY placement, date",
      "iii");
  a.Run(org);
  std::map<std::int64_t, std::vector<LoonwaardeAssessment>> assessments;
  while (a.Next()) {
    assessments[a.Int(0)].push_back({FromDays(a.Int(1)), static_cast<int>(a.Int(2))});
  }
  // And the milestones of the trajectories with a placement, in one pass too (the others are
  // not read: their text would be fetched for nothing).
  Statement& m = sql.Get(
      "SELECT m.trajectory, m.milestone, m.reached, m.evidence FROM milestones m WHERE m.org = "
      ":org AND EXISTS (SELECT 1 FROM placements p WHERE p.org = m.org AND p.trajectory = "
      "m.trajectory) ORDER BY m.trajectory, m.seq",
      "itit");
  m.Run(org);
  struct Reached {
    std::vector<MilestoneRecord> milestones;
    int placements = 0;  // views still to get them: the last one takes them, uncopied
  };
  std::unordered_map<std::int64_t, Reached> milestones;
  milestones.reserve(all.size());
  for (const PlacementView& view : all) ++milestones[view.placement.trajectory_id].placements;
  while (m.Next()) {
    auto of = milestones.find(m.Int(0));
    if (of != milestones.end()) {
      of->second.milestones.push_back({m.Text(1), FromDays(m.Int(2)), m.Text(3)});
    }
  }
  for (PlacementView& view : all) {
    auto it = assessments.find(view.placement.id);
    if (it != assessments.end()) view.placement.assessments = std::move(it->second);
    Reached& reached = milestones[view.placement.trajectory_id];
    view.milestones =
        --reached.placements == 0 ? std::move(reached.milestones) : reached.milestones;
  }
  return all;
}

std::vector<Organisation> ListOrganisations(Statements& sql) {
  Statement& s = sql.Get("SELECT id, name, created FROM organisations ORDER BY id", "tti");
  s.Run();
  std::vector<Organisation> all;
  while (s.Next()) all.push_back({s.Text(0), s.Text(1), FromDays(s.Int(2))});
  return all;
}

}  // namespace traject::storage

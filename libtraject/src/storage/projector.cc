#include "storage/projector.h"

#include <string>
#include <type_traits>

namespace traject::storage {

long long GroupBits(const std::vector<TargetGroup>& groups) {
  long long bits = 0;
  for (TargetGroup group : groups) bits |= 1LL << static_cast<int>(group);
  return bits;
}

std::vector<TargetGroup> GroupsFromBits(long long bits) {
  std::vector<TargetGroup> groups;
  for (TargetGroup group : kAllTargetGroups) {
    if (bits & (1LL << static_cast<int>(group))) groups.push_back(group);
  }
  return groups;
}

namespace {

class Projector {
 public:
  Projector(soci::session& sql, const Event& event, int schema_version)
      : sql_(sql), org_(event.org), seq_(event.seq), schema_version_(schema_version) {}

  void operator()(const OrganisationCreated& e) {
    const long long created = ToDays(e.date);
    sql_ << "INSERT INTO organisations (id, name, created) VALUES (:id, :name, :created)",
        soci::use(e.id), soci::use(e.name), soci::use(created);
  }

  void operator()(const ParticipantRegistered& e) {
    long long birth = e.birth ? ToDays(*e.birth) : 0;
    soci::indicator birth_indicator = e.birth ? soci::i_ok : soci::i_null;
    const long long groups = GroupBits(e.groups);
    const long long registered = ToDays(e.registered);
    const long long bsn_verified = e.bsn_verified ? 1 : 0;
    sql_ << "INSERT INTO participants (org, ref, birth, area, cohort, groups, registered, "
            "bsn_verified, klantmanager) VALUES (:org, :ref, :birth, :area, :cohort, :groups, "
            ":registered, :bsn, '')",
        soci::use(org_), soci::use(e.ref), soci::use(birth, birth_indicator), soci::use(e.area),
        soci::use(e.cohort), soci::use(groups), soci::use(registered), soci::use(bsn_verified);
  }

  void operator()(const CaseworkerAssigned& e) {
    if (e.role == CaseworkerRole::kKlantmanager) {
      sql_ << "UPDATE participants SET klantmanager = :name WHERE org = :org AND ref = :ref",
          soci::use(e.name), soci::use(org_), soci::use(e.ref);
    } else {
      sql_ << "UPDATE participants SET jobhunter = :name WHERE org = :org AND ref = :ref",
          soci::use(e.name), soci::use(org_), soci::use(e.ref);
    }
  }

  void operator()(const ContactRecorded& e) {
    const long long date = ToDays(e.date);
    const std::string kind(ToString(e.kind));
    sql_ << "INSERT INTO contacts (org, ref, seq, date, kind) VALUES (:org, :ref, :seq, :date, "
            ":kind)",
        soci::use(org_), soci::use(e.ref), soci::use(seq_), soci::use(date), soci::use(kind);
  }

  void operator()(const TrajectoryStarted& e) {
    const long long id = e.trajectory_id;
    const long long state = static_cast<long long>(TrajectoryState::kAangemeld);
    const long long started = ToDays(e.date);
    sql_ << "INSERT INTO trajectories (org, id, ref, programme, track, state, started, "
            "state_since, exit_reason) VALUES (:org, :id, :ref, :programme, :track, :state, "
            ":started, :since, NULL)",
        soci::use(org_), soci::use(id), soci::use(e.ref), soci::use(e.programme_id),
        soci::use(e.track_id), soci::use(state), soci::use(started), soci::use(started);
  }

  void operator()(const TrajectoryStateChanged& e) {
    const long long id = e.trajectory_id;
    const long long from = static_cast<long long>(e.from);
    const long long to = static_cast<long long>(e.to);
    const long long date = ToDays(e.date);
    std::string exit_reason = e.exit_reason ? std::string(ToString(*e.exit_reason)) : "";
    soci::indicator exit_indicator = e.exit_reason ? soci::i_ok : soci::i_null;
    sql_ << "UPDATE trajectories SET state = :state, state_since = :since, "
            "exit_reason = COALESCE(:exit_reason, exit_reason) WHERE org = :org AND id = :id",
        soci::use(to), soci::use(date), soci::use(exit_reason, exit_indicator), soci::use(org_),
        soci::use(id);
    sql_ << "INSERT INTO state_changes (org, trajectory, seq, from_state, to_state, date, reason) "
            "VALUES (:org, :trajectory, :seq, :from, :to, :date, :reason)",
        soci::use(org_), soci::use(id), soci::use(seq_), soci::use(from), soci::use(to),
        soci::use(date), soci::use(e.reason);
  }

  void operator()(const MilestoneReached& e) {
    const long long id = e.trajectory_id;
    const long long reached = ToDays(e.date);
    sql_ << "INSERT INTO milestones (org, trajectory, milestone, seq, reached, evidence) VALUES "
            "(:org, :trajectory, :milestone, :seq, :reached, :evidence)",
        soci::use(org_), soci::use(id), soci::use(e.milestone_id), soci::use(seq_),
        soci::use(reached), soci::use(e.evidence);
  }

  void operator()(const PlacementStarted& e) {
    const long long id = e.placement_id;
    const long long trajectory = e.trajectory_id;
    const long long hours = e.hours_per_week;
    const long long wage = e.gross_monthly_wage;
    const long long start = ToDays(e.start);
    sql_ << "INSERT INTO placements (org, id, trajectory, employer, centihours, wage_cents, "
            "start, end_date, end_reason) VALUES (:org, :id, :trajectory, :employer, :hours, "
            ":wage, :start, NULL, '')",
        soci::use(org_), soci::use(id), soci::use(trajectory), soci::use(e.employer),
        soci::use(hours), soci::use(wage), soci::use(start);
  }

  void operator()(const PlacementEnded& e) {
    const long long id = e.placement_id;
    const long long end = ToDays(e.date);
    sql_ << "UPDATE placements SET end_date = :end_date, end_reason = :reason WHERE org = :org "
            "AND id = :id",
        soci::use(end), soci::use(e.reason), soci::use(org_), soci::use(id);
  }

  void operator()(const LoonwaardeAssessed& e) {
    const long long placement = e.placement_id;
    const long long date = ToDays(e.date);
    const long long percent = e.percent;
    sql_ << "INSERT INTO loonwaarde (org, placement, date, percent) VALUES (:org, :placement, "
            ":date, :percent)",
        soci::use(org_), soci::use(placement), soci::use(date), soci::use(percent);
  }

 private:
  soci::session& sql_;
  const std::string& org_;
  const long long seq_;
  [[maybe_unused]] const int schema_version_;
};

}  // namespace

void Project(soci::session& sql, const Event& event, int schema_version) {
  std::visit(Projector(sql, event, schema_version), event.payload);
}

}  // namespace traject::storage

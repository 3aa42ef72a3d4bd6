#include "storage/projector.h"

#include <fmt/format.h>

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

std::string GroupsText(long long bits) {
  std::vector<std::string> names;
  for (TargetGroup g : GroupsFromBits(bits)) names.emplace_back(ToString(g));
  return names.empty() ? "-" : fmt::format("{}", fmt::join(names, ";"));
}

std::string DateText(long long days, soci::indicator indicator = soci::i_ok) {
  return indicator == soci::i_ok ? FormatDate(FromDays(days)) : "-";
}

// "name old → new" pieces of a correction's summary.
class Summary {
 public:
  void Add(const char* name, const std::string& before, const std::string& after) {
    if (before == after) return;
    if (!text_.empty()) text_ += "; ";
    text_ +=
        fmt::format("{} {} → {}", name, before.empty() ? "-" : before, after.empty() ? "-" : after);
  }
  void Note(const std::string& text) {
    if (!text_.empty()) text_ += "; ";
    text_ += text;
  }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

class Projector {
 public:
  Projector(soci::session& sql, const Event& event, int schema_version)
      : sql_(sql), event_(event), org_(event.org), seq_(event.seq), version_(schema_version) {}

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
    SetCaseworker(e.ref, e.role, e.name);
    if (version_ < 3) return;
    const long long date = ToDays(e.date);
    const std::string role(ToString(e.role));
    CloseAssignment(e.ref, role, date, "");
    sql_ << "INSERT INTO assignments (org, ref, seq, role, name, start, until, end_reason) VALUES "
            "(:org, :ref, :seq, :role, :name, :start, NULL, '')",
        soci::use(org_), soci::use(e.ref), soci::use(seq_), soci::use(role), soci::use(e.name),
        soci::use(date);
  }

  void operator()(const CaseworkerUnassigned& e) {
    std::string name;
    if (e.role == CaseworkerRole::kKlantmanager) {
      sql_ << "SELECT klantmanager FROM participants WHERE org = :org AND ref = :ref",
          soci::use(org_), soci::use(e.ref), soci::into(name);
    } else {
      sql_ << "SELECT jobhunter FROM participants WHERE org = :org AND ref = :ref", soci::use(org_),
          soci::use(e.ref), soci::into(name);
    }
    SetCaseworker(e.ref, e.role, "");
    if (version_ < 3) return;
    CloseAssignment(e.ref, std::string(ToString(e.role)), ToDays(e.date), e.reason);
    Summary what;
    what.Add(std::string(ToString(e.role)).c_str(), name, "");
    RecordCorrection(e.ref, 0, 0, e.date, what.text(), e.reason);
  }

  void operator()(const ContactRecorded& e) {
    const long long date = ToDays(e.date);
    const std::string kind(ToString(e.kind));
    sql_ << "INSERT INTO contacts (org, ref, seq, date, kind) VALUES (:org, :ref, :seq, :date, "
            ":kind)",
        soci::use(org_), soci::use(e.ref), soci::use(seq_), soci::use(date), soci::use(kind);
  }

  void operator()(const ParticipantChanged& e) {
    std::string area, cohort;
    long long groups = 0, birth = 0;
    soci::indicator birth_indicator = soci::i_null;
    sql_ << "SELECT area, cohort, groups, birth FROM participants WHERE org = :org AND ref = :ref",
        soci::use(org_), soci::use(e.ref), soci::into(area), soci::into(cohort), soci::into(groups),
        soci::into(birth, birth_indicator);
    Summary what;
    if (e.area) what.Add("area", area, *e.area);
    if (e.cohort) what.Add("cohort", cohort, *e.cohort);
    if (e.groups) what.Add("groups", GroupsText(groups), GroupsText(GroupBits(*e.groups)));
    if (e.birth) what.Add("birth", DateText(birth, birth_indicator), FormatDate(*e.birth));
    const std::string new_area = e.area.value_or(area);
    const std::string new_cohort = e.cohort.value_or(cohort);
    const long long new_groups = e.groups ? GroupBits(*e.groups) : groups;
    long long new_birth = e.birth ? ToDays(*e.birth) : birth;
    soci::indicator new_birth_indicator = e.birth ? soci::i_ok : birth_indicator;
    sql_ << "UPDATE participants SET area = :area, cohort = :cohort, groups = :groups, birth = "
            ":birth WHERE org = :org AND ref = :ref",
        soci::use(new_area), soci::use(new_cohort), soci::use(new_groups),
        soci::use(new_birth, new_birth_indicator), soci::use(org_), soci::use(e.ref);
    if (version_ >= 3) RecordCorrection(e.ref, 0, 0, e.date, what.text(), e.reason);
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
    if (version_ < 3) {
      sql_ << "INSERT INTO state_changes (org, trajectory, seq, from_state, to_state, date, "
              "reason) VALUES (:org, :trajectory, :seq, :from, :to, :date, :reason)",
          soci::use(org_), soci::use(id), soci::use(seq_), soci::use(from), soci::use(to),
          soci::use(date), soci::use(e.reason);
      return;
    }
    // A caused change names its cause: the milestone or placement whose event is `caused_by`.
    std::string milestone;
    long long placement = 0;
    if (event_.caused_by) {
      const long long cause = *event_.caused_by;
      sql_ << "SELECT milestone FROM milestones WHERE org = :org AND trajectory = :id AND seq = "
              ":cause",
          soci::use(org_), soci::use(id), soci::use(cause), soci::into(milestone);
      sql_ << "SELECT id FROM placements WHERE org = :org AND trajectory = :id AND seq = :cause",
          soci::use(org_), soci::use(id), soci::use(cause), soci::into(placement);
    }
    sql_ << "INSERT INTO state_changes (org, trajectory, seq, from_state, to_state, date, reason, "
            "caused_by_milestone, caused_by_placement) VALUES (:org, :trajectory, :seq, :from, "
            ":to, :date, :reason, :milestone, :placement)",
        soci::use(org_), soci::use(id), soci::use(seq_), soci::use(from), soci::use(to),
        soci::use(date), soci::use(e.reason), soci::use(milestone), soci::use(placement);
  }

  void operator()(const MilestoneReached& e) {
    const long long id = e.trajectory_id;
    const long long reached = ToDays(e.date);
    sql_ << "INSERT INTO milestones (org, trajectory, milestone, seq, reached, evidence) VALUES "
            "(:org, :trajectory, :milestone, :seq, :reached, :evidence)",
        soci::use(org_), soci::use(id), soci::use(e.milestone_id), soci::use(seq_),
        soci::use(reached), soci::use(e.evidence);
  }

  void operator()(const MilestoneCorrected& e) {
    const long long id = e.trajectory_id;
    long long reached = 0;
    std::string evidence;
    sql_ << "SELECT reached, evidence FROM milestones WHERE org = :org AND trajectory = :id AND "
            "milestone = :milestone",
        soci::use(org_), soci::use(id), soci::use(e.milestone_id), soci::into(reached),
        soci::into(evidence);
    Summary what;
    if (e.reached) what.Add("reached", DateText(reached), FormatDate(*e.reached));
    if (e.evidence) what.Add("evidence", evidence, *e.evidence);
    const long long new_reached = e.reached ? ToDays(*e.reached) : reached;
    const std::string new_evidence = e.evidence.value_or(evidence);
    sql_ << "UPDATE milestones SET reached = :reached, evidence = :evidence WHERE org = :org AND "
            "trajectory = :id AND milestone = :milestone",
        soci::use(new_reached), soci::use(new_evidence), soci::use(org_), soci::use(id),
        soci::use(e.milestone_id);
    if (e.reached) {
      sql_ << "UPDATE state_changes SET date = :date WHERE org = :org AND trajectory = :id AND "
              "caused_by_milestone = :milestone",
          soci::use(new_reached), soci::use(org_), soci::use(id), soci::use(e.milestone_id);
      RecomputeState(id);
    }
    RecordCorrection(RefOfTrajectory(id), id, 0, e.date,
                     fmt::format("milestone {}: {}", e.milestone_id, what.text()), e.reason);
  }

  void operator()(const MilestoneRetracted& e) {
    const long long id = e.trajectory_id;
    long long reached = 0;
    sql_ << "SELECT reached FROM milestones WHERE org = :org AND trajectory = :id AND milestone = "
            ":milestone",
        soci::use(org_), soci::use(id), soci::use(e.milestone_id), soci::into(reached);
    sql_ << "DELETE FROM milestones WHERE org = :org AND trajectory = :id AND milestone = "
            ":milestone",
        soci::use(org_), soci::use(id), soci::use(e.milestone_id);
    sql_ << "DELETE FROM state_changes WHERE org = :org AND trajectory = :id AND "
            "caused_by_milestone = :milestone",
        soci::use(org_), soci::use(id), soci::use(e.milestone_id);
    RecomputeState(id);
    RecordCorrection(
        RefOfTrajectory(id), id, 0, e.date,
        fmt::format("milestone {} (reached {}) retracted", e.milestone_id, DateText(reached)),
        e.reason);
  }

  void operator()(const PlacementStarted& e) {
    const long long id = e.placement_id;
    const long long trajectory = e.trajectory_id;
    const long long hours = e.hours_per_week;
    const long long wage = e.gross_monthly_wage;
    const long long start = ToDays(e.start);
    if (version_ < 3) {
      sql_ << "INSERT INTO placements (org, id, trajectory, employer, centihours, wage_cents, "
              "start, end_date, end_reason) VALUES (:org, :id, :trajectory, :employer, :hours, "
              ":wage, :start, NULL, '')",
          soci::use(org_), soci::use(id), soci::use(trajectory), soci::use(e.employer),
          soci::use(hours), soci::use(wage), soci::use(start);
      return;
    }
    sql_ << "INSERT INTO placements (org, id, trajectory, employer, centihours, wage_cents, "
            "start, end_date, end_reason, seq) VALUES (:org, :id, :trajectory, :employer, :hours, "
            ":wage, :start, NULL, '', :seq)",
        soci::use(org_), soci::use(id), soci::use(trajectory), soci::use(e.employer),
        soci::use(hours), soci::use(wage), soci::use(start), soci::use(seq_);
  }

  void operator()(const PlacementEnded& e) {
    const long long id = e.placement_id;
    const long long end = ToDays(e.date);
    sql_ << "UPDATE placements SET end_date = :end_date, end_reason = :reason WHERE org = :org "
            "AND id = :id",
        soci::use(end), soci::use(e.reason), soci::use(org_), soci::use(id);
  }

  void operator()(const PlacementCorrected& e) {
    const long long id = e.placement_id;
    long long trajectory = 0, hours = 0, wage = 0, start = 0, end = 0;
    std::string employer, end_reason;
    soci::indicator end_indicator = soci::i_null;
    sql_ << "SELECT trajectory, employer, centihours, wage_cents, start, end_date, end_reason "
            "FROM placements WHERE org = :org AND id = :id",
        soci::use(org_), soci::use(id), soci::into(trajectory), soci::into(employer),
        soci::into(hours), soci::into(wage), soci::into(start), soci::into(end, end_indicator),
        soci::into(end_reason);
    Summary what;
    if (e.employer) what.Add("employer", employer, *e.employer);
    if (e.hours_per_week) {
      what.Add("hours", FormatHours(hours), FormatHours(*e.hours_per_week));
    }
    if (e.gross_monthly_wage) {
      what.Add("wage", FormatEuro(wage), FormatEuro(*e.gross_monthly_wage));
    }
    if (e.start) what.Add("start", DateText(start), FormatDate(*e.start));
    if (e.end) what.Add("end", DateText(end, end_indicator), FormatDate(*e.end));
    if (e.reopen) what.Note(fmt::format("end {} removed: the placement runs", DateText(end)));
    const std::string new_employer = e.employer.value_or(employer);
    const long long new_hours = e.hours_per_week.value_or(hours);
    const long long new_wage = e.gross_monthly_wage.value_or(wage);
    const long long new_start = e.start ? ToDays(*e.start) : start;
    long long new_end = e.end ? ToDays(*e.end) : end;
    soci::indicator new_end_indicator = e.reopen ? soci::i_null
                                        : e.end  ? soci::i_ok
                                                 : end_indicator;
    const std::string new_end_reason = e.reopen ? std::string() : end_reason;
    sql_ << "UPDATE placements SET employer = :employer, centihours = :hours, wage_cents = :wage, "
            "start = :start, end_date = :end_date, end_reason = :end_reason WHERE org = :org AND "
            "id = :id",
        soci::use(new_employer), soci::use(new_hours), soci::use(new_wage), soci::use(new_start),
        soci::use(new_end, new_end_indicator), soci::use(new_end_reason), soci::use(org_),
        soci::use(id);
    if (e.start) {
      sql_ << "UPDATE state_changes SET date = :date WHERE org = :org AND trajectory = :trajectory "
              "AND caused_by_placement = :id",
          soci::use(new_start), soci::use(org_), soci::use(trajectory), soci::use(id);
      RecomputeState(trajectory);
    }
    RecordCorrection(RefOfTrajectory(trajectory), trajectory, id, e.date,
                     fmt::format("placement {}: {}", id, what.text()), e.reason);
  }

  void operator()(const LoonwaardeAssessed& e) {
    const long long placement = e.placement_id;
    const long long date = ToDays(e.date);
    const long long percent = e.percent;
    sql_ << "INSERT INTO loonwaarde (org, placement, date, percent) VALUES (:org, :placement, "
            ":date, :percent)",
        soci::use(org_), soci::use(placement), soci::use(date), soci::use(percent);
  }

  void operator()(const LoonwaardeWithdrawn& e) {
    const long long placement = e.placement_id;
    const long long assessed = ToDays(e.assessed);
    long long percent = 0, trajectory = 0;
    sql_ << "SELECT percent FROM loonwaarde WHERE org = :org AND placement = :placement AND date = "
            ":date",
        soci::use(org_), soci::use(placement), soci::use(assessed), soci::into(percent);
    sql_ << "DELETE FROM loonwaarde WHERE org = :org AND placement = :placement AND date = :date",
        soci::use(org_), soci::use(placement), soci::use(assessed);
    sql_ << "SELECT trajectory FROM placements WHERE org = :org AND id = :id", soci::use(org_),
        soci::use(placement), soci::into(trajectory);
    RecordCorrection(RefOfTrajectory(trajectory), trajectory, placement, e.date,
                     fmt::format("placement {}: loonwaarde {}% of {} withdrawn", placement, percent,
                                 FormatDate(e.assessed)),
                     e.reason);
  }

 private:
  void SetCaseworker(const std::string& ref, CaseworkerRole role, const std::string& name) {
    if (role == CaseworkerRole::kKlantmanager) {
      sql_ << "UPDATE participants SET klantmanager = :name WHERE org = :org AND ref = :ref",
          soci::use(name), soci::use(org_), soci::use(ref);
    } else {
      sql_ << "UPDATE participants SET jobhunter = :name WHERE org = :org AND ref = :ref",
          soci::use(name), soci::use(org_), soci::use(ref);
    }
  }

  // Ends the open assignment of `role`, if any, on `until` (exclusive).
  void CloseAssignment(const std::string& ref, const std::string& role, long long until,
                       const std::string& reason) {
    sql_ << "UPDATE assignments SET until = :until, end_reason = :reason WHERE org = :org AND "
            "ref = :ref AND role = :role AND until IS NULL",
        soci::use(until), soci::use(reason), soci::use(org_), soci::use(ref), soci::use(role);
  }

  // The trajectory's state and state_since from its latest remaining state change.
  void RecomputeState(long long trajectory) {
    long long state = static_cast<long long>(TrajectoryState::kAangemeld), since = 0;
    soci::indicator state_indicator = soci::i_null;
    sql_ << "SELECT to_state, date FROM state_changes WHERE org = :org AND trajectory = :id ORDER "
            "BY seq DESC LIMIT 1",
        soci::use(org_), soci::use(trajectory), soci::into(state, state_indicator),
        soci::into(since);
    if (state_indicator != soci::i_ok || !sql_.got_data()) {
      state = static_cast<long long>(TrajectoryState::kAangemeld);
      sql_ << "SELECT started FROM trajectories WHERE org = :org AND id = :id", soci::use(org_),
          soci::use(trajectory), soci::into(since);
    }
    sql_ << "UPDATE trajectories SET state = :state, state_since = :since WHERE org = :org AND "
            "id = :id",
        soci::use(state), soci::use(since), soci::use(org_), soci::use(trajectory);
  }

  std::string RefOfTrajectory(long long trajectory) {
    std::string ref;
    sql_ << "SELECT ref FROM trajectories WHERE org = :org AND id = :id", soci::use(org_),
        soci::use(trajectory), soci::into(ref);
    return ref;
  }

  void RecordCorrection(const std::string& ref, long long trajectory, long long placement,
                        Date date, const std::string& what, const std::string& reason) {
    const std::string kind(KindOf(event_.payload));
    const long long day = ToDays(date);
    const long long recorded_at = event_.recorded_at_ms;
    sql_ << "INSERT INTO corrections (org, seq, ref, trajectory, placement, kind, date, what, "
            "reason, actor, recorded_at) VALUES (:org, :seq, :ref, :trajectory, :placement, "
            ":kind, :date, :what, :reason, :actor, :recorded_at)",
        soci::use(org_), soci::use(seq_), soci::use(ref), soci::use(trajectory),
        soci::use(placement), soci::use(kind), soci::use(day), soci::use(what), soci::use(reason),
        soci::use(event_.actor), soci::use(recorded_at);
  }

  soci::session& sql_;
  const Event& event_;
  const std::string& org_;
  const long long seq_;
  const int version_;
};

}  // namespace

void Project(soci::session& sql, const Event& event, int schema_version) {
  std::visit(Projector(sql, event, schema_version), event.payload);
}

}  // namespace traject::storage

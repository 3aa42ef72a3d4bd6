#include "storage/record_rows.h"

#include <fmt/format.h>

#include <algorithm>

#include "model/decide.h"
#include "storage/schema.h"

namespace traject::storage {

using model::Row;
using model::RowChange;

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

std::optional<std::int64_t> OptionalDays(const std::optional<Date>& date) {
  if (!date) return std::nullopt;
  return ToDays(*date);
}

std::optional<Date> OptionalDate(const Statement& s, std::size_t column) {
  if (s.IsNull(column)) return std::nullopt;
  return FromDays(s.Int(column));
}

template <typename T>
T Parsed(Result<T> parsed, T fallback) {
  return parsed.ok() ? *parsed : fallback;
}

// The rows of table `x` that belong to the participant's trajectories: found through
// trajectories_by_ref, then x's key. CROSS JOIN keeps SQLite's planner from starting at x (it
// would scan x's whole organisation when the tables have no statistics); PostgreSQL plans as it
// sees fit.
std::string OfTrajectories(const char* columns, const char* table) {
  return fmt::format(
      "SELECT {} FROM trajectories t CROSS JOIN {} x WHERE t.org = :org AND t.ref = :ref AND "
      "x.org = t.org AND x.trajectory = t.id",
      columns, table);
}

void LoadParticipantRows(Statements& sql, const std::string& org, model::ParticipantRecord& r,
                         int version) {
  if (version >= 2) {
    Statement& s = sql.Get(
        "SELECT seq, date, kind FROM contacts WHERE org = :org AND ref = :ref ORDER BY seq", "iit");
    s.Run(org, r.ref);
    while (s.Next()) {
      r.contacts.push_back({CohortContact{FromDays(s.Int(1)), Parsed(ParseContactKind(s.Text(2)),
                                                                     ContactKind::kInvited)},
                            s.Int(0)});
    }
  }
  if (version < 3) return;
  {
    Statement& s = sql.Get(
        "SELECT seq, role, name, start, until, end_reason FROM assignments WHERE org = :org AND "
        "ref = :ref ORDER BY seq",
        "ittiit");
    s.Run(org, r.ref);
    while (s.Next()) {
      CaseworkerAssignment a;
      a.role = Parsed(ParseCaseworkerRole(s.Text(1)), CaseworkerRole::kKlantmanager);
      a.name = s.Text(2);
      a.from = FromDays(s.Int(3));
      a.until = OptionalDate(s, 4);
      a.end_reason = s.Text(5);
      r.assignments.push_back({std::move(a), s.Int(0)});
    }
  }
  {
    // Sorted here, not by ORDER BY seq: with it SQLite reads the organisation's corrections in
    // key order (org, seq) rather than the participant's few through corrections_by_ref.
    Statement& s = sql.Get(
        "SELECT seq, kind, date, what, reason, actor, recorded_at, trajectory, placement FROM "
        "corrections WHERE org = :org AND ref = :ref",
        "ititttiii");
    s.Run(org, r.ref);
    while (s.Next()) {
      Correction c;
      c.kind = s.Text(1);
      c.date = FromDays(s.Int(2));
      c.what = s.Text(3);
      c.reason = s.Text(4);
      c.actor = s.Text(5);
      c.recorded_at_ms = s.Int(6);
      c.trajectory_id = s.Int(7);
      c.placement_id = s.Int(8);
      r.corrections.push_back({std::move(c), s.Int(0)});
    }
    std::sort(r.corrections.begin(), r.corrections.end(),
              [](const auto& a, const auto& b) { return a.seq < b.seq; });
  }
}

}  // namespace

Trajectory TrajectoryAt(const Statement& s) {
  Trajectory t;
  t.id = s.Int(0);
  t.participant_ref = s.Text(1);
  t.programme_id = s.Text(2);
  t.track_id = s.Text(3);
  t.state = static_cast<TrajectoryState>(s.Int(4));
  t.started = FromDays(s.Int(5));
  t.state_since = FromDays(s.Int(6));
  if (!s.IsNull(7)) {
    Result<ExitReason> reason = ParseExitReason(s.Text(7));
    if (reason.ok()) t.exit_reason = *reason;
  }
  return t;
}

Placement PlacementAt(const Statement& s) {
  Placement p;
  p.id = s.Int(0);
  p.trajectory_id = s.Int(1);
  p.employer = s.Text(2);
  p.hours_per_week = s.Int(3);
  p.gross_monthly_wage = s.Int(4);
  p.start = FromDays(s.Int(5));
  if (!s.IsNull(6)) p.end = FromDays(s.Int(6));
  p.end_reason = s.Text(7);
  return p;
}

namespace {

void LoadTrajectoryRows(Statements& sql, const std::string& org, model::ParticipantRecord& r,
                        int version) {
  {
    Statement& s = sql.Get(std::string("SELECT ") + kTrajectoryColumns +
                               " FROM trajectories WHERE org = :org AND ref = :ref",
                           kTrajectoryTypes);
    s.Run(org, r.ref);
    while (s.Next()) {
      model::TrajectoryRows rows;
      rows.head = {TrajectoryAt(s), 0};
      r.trajectories.push_back(std::move(rows));
    }
  }
  if (r.trajectories.empty()) return;
  std::sort(r.trajectories.begin(), r.trajectories.end(),
            [](const auto& a, const auto& b) { return a.head.value.id < b.head.value.id; });
  {
    Statement& s = sql.Get(
        OfTrajectories("x.trajectory, x.seq, x.milestone, x.reached, x.evidence", "milestones"),
        "iitit");
    s.Run(org, r.ref);
    while (s.Next()) {
      r.FindTrajectory(s.Int(0))->milestones.push_back(
          {MilestoneRecord{s.Text(2), FromDays(s.Int(3)), s.Text(4)}, s.Int(1)});
    }
  }
  {
    Statement& s = sql.Get(
        OfTrajectories(version >= 3 ? "x.trajectory, x.seq, x.from_state, x.to_state, x.date, "
                                      "x.reason, x.caused_by_milestone, x.caused_by_placement"
                                    : "x.trajectory, x.seq, x.from_state, x.to_state, x.date, "
                                      "x.reason, '', 0",
                       "state_changes"),
        "iiiiitti");
    s.Run(org, r.ref);
    while (s.Next()) {
      StateChange c{static_cast<TrajectoryState>(s.Int(2)),
                    static_cast<TrajectoryState>(s.Int(3)),
                    FromDays(s.Int(4)),
                    s.Text(5),
                    s.Text(6),
                    s.Int(7)};
      r.FindTrajectory(s.Int(0))->history.push_back({std::move(c), s.Int(1)});
    }
  }
  for (model::TrajectoryRows& t : r.trajectories) {
    auto by_seq = [](const auto& a, const auto& b) { return a.seq < b.seq; };
    std::sort(t.milestones.begin(), t.milestones.end(), by_seq);
    std::sort(t.history.begin(), t.history.end(), by_seq);
  }
  {
    Statement& s = sql.Get(
        OfTrajectories(version >= 3 ? "x.id, x.trajectory, x.employer, x.centihours, x.wage_cents, "
                                      "x.start, x.end_date, x.end_reason, x.seq"
                                    : "x.id, x.trajectory, x.employer, x.centihours, x.wage_cents, "
                                      "x.start, x.end_date, x.end_reason, 0",
                       "placements"),
        std::string(kPlacementTypes) + "i");
    s.Run(org, r.ref);
    while (s.Next()) {
      model::PlacementRows rows;
      rows.head = {PlacementAt(s), s.Int(8)};
      r.placements.push_back(std::move(rows));
    }
  }
  if (r.placements.empty()) return;
  std::sort(r.placements.begin(), r.placements.end(),
            [](const auto& a, const auto& b) { return a.head.value.id < b.head.value.id; });
  {
    Statement& s = sql.Get(
        "SELECT l.placement, l.date, l.percent FROM trajectories t CROSS JOIN placements x CROSS "
        "JOIN loonwaarde l WHERE t.org = :org AND t.ref = :ref AND x.org = t.org AND x.trajectory "
        "= t.id AND l.org = x.org AND l.placement = x.id",
        "iii");
    s.Run(org, r.ref);
    while (s.Next()) {
      r.FindPlacement(s.Int(0))->assessments.push_back(
          {LoonwaardeAssessment{FromDays(s.Int(1)), static_cast<int>(s.Int(2))}, 0});
    }
  }
  for (model::PlacementRows& p : r.placements) {
    std::sort(p.assessments.begin(), p.assessments.end(), [](const auto& a, const auto& b) {
      return ToDays(a.value.date) < ToDays(b.value.date);
    });
  }
}

// --- Writing ---------------------------------------------------------------------------------

class RecordWriter {
 public:
  RecordWriter(Statements& sql, BulkInserts& bulk, const std::string& org,
               model::ParticipantRecord& record, int version)
      : sql_(sql), bulk_(bulk), org_(org), r_(record), version_(version) {}

  void Write() {
    DeleteRows();
    if (r_.participant) WriteParticipant(*r_.participant);
    if (version_ >= 2) {
      for (const auto& c : r_.contacts) {
        if (c.change != RowChange::kInserted) continue;
        bulk_.Insert(
            "INSERT INTO contacts (org, ref, seq, date, kind) VALUES (:org, :ref, :seq, "
            ":date, :kind)",
            org_, r_.ref, c.seq, ToDays(c.value.date), ToString(c.value.kind));
      }
    }
    if (version_ >= 3) {
      for (const auto& a : r_.assignments) WriteAssignment(a);
    }
    for (const auto& t : r_.trajectories) WriteTrajectory(t);
    for (const auto& p : r_.placements) WritePlacement(p);
    if (version_ >= 3) {
      for (const auto& c : r_.corrections) {
        if (c.change != RowChange::kInserted) continue;
        const Correction& v = c.value;
        bulk_.Insert(
            "INSERT INTO corrections (org, seq, ref, trajectory, placement, kind, date, "
            "what, reason, actor, recorded_at) VALUES (:org, :seq, :ref, :trajectory, "
            ":placement, :kind, :date, :what, :reason, :actor, :recorded_at)",
            org_, c.seq, r_.ref, v.trajectory_id, v.placement_id, v.kind, ToDays(v.date), v.what,
            v.reason, v.actor, v.recorded_at_ms);
      }
    }
    r_.MarkWritten();
  }

 private:
  void DeleteRows() {
    for (const auto& p : r_.placements) {
      for (const auto& a : p.assessments) {
        if (a.change != RowChange::kDeleted) continue;
        sql_.Get(
                "DELETE FROM loonwaarde WHERE org = :org AND placement = :placement AND date = "
                ":date")
            .Run(org_, p.head.value.id, ToDays(a.value.date));
      }
    }
    for (const auto& t : r_.trajectories) {
      for (const auto& m : t.milestones) {
        if (m.change != RowChange::kDeleted) continue;
        sql_.Get(
                "DELETE FROM milestones WHERE org = :org AND trajectory = :trajectory AND "
                "milestone = :milestone")
            .Run(org_, t.head.value.id, m.value.milestone_id);
      }
      for (const auto& c : t.history) {
        if (c.change != RowChange::kDeleted) continue;
        sql_.Get(
                "DELETE FROM state_changes WHERE org = :org AND trajectory = :trajectory AND "
                "seq = :seq")
            .Run(org_, t.head.value.id, c.seq);
      }
    }
  }

  void WriteParticipant(const Row<Participant>& row) {
    const Participant& p = row.value;
    const long long groups = GroupBits(p.groups);
    if (row.change == RowChange::kInserted) {
      if (version_ >= kForgetSchema) {
        bulk_.Insert(
            "INSERT INTO participants (org, ref, birth, area, cohort, groups, registered, "
            "bsn_verified, klantmanager, jobhunter, bsn_hash, forgotten) VALUES (:org, :ref, "
            ":birth, :area, :cohort, :groups, :registered, :bsn, :klantmanager, :jobhunter, "
            ":bsn_hash, :forgotten)",
            org_, p.ref, OptionalDays(p.birth), p.area, p.cohort, groups, ToDays(p.registered),
            p.bsn_verified ? 1 : 0, p.klantmanager, p.jobhunter, p.bsn_hash, p.forgotten ? 1 : 0);
      } else if (version_ >= 5) {
        bulk_.Insert(
            "INSERT INTO participants (org, ref, birth, area, cohort, groups, registered, "
            "bsn_verified, klantmanager, jobhunter, bsn_hash) VALUES (:org, :ref, :birth, :area, "
            ":cohort, :groups, :registered, :bsn, :klantmanager, :jobhunter, :bsn_hash)",
            org_, p.ref, OptionalDays(p.birth), p.area, p.cohort, groups, ToDays(p.registered),
            p.bsn_verified ? 1 : 0, p.klantmanager, p.jobhunter, p.bsn_hash);
      } else if (version_ >= 2) {
        bulk_.Insert(
            "INSERT INTO participants (org, ref, birth, area, cohort, groups, registered, "
            "bsn_verified, klantmanager, jobhunter) VALUES (:org, :ref, :birth, :area, "
            ":cohort, :groups, :registered, :bsn, :klantmanager, :jobhunter)",
            org_, p.ref, OptionalDays(p.birth), p.area, p.cohort, groups, ToDays(p.registered),
            p.bsn_verified ? 1 : 0, p.klantmanager, p.jobhunter);
      } else {
        bulk_.Insert(
            "INSERT INTO participants (org, ref, birth, area, cohort, groups, registered, "
            "bsn_verified, klantmanager) VALUES (:org, :ref, :birth, :area, :cohort, "
            ":groups, :registered, :bsn, :klantmanager)",
            org_, p.ref, OptionalDays(p.birth), p.area, p.cohort, groups, ToDays(p.registered),
            p.bsn_verified ? 1 : 0, p.klantmanager);
      }
    } else if (row.change == RowChange::kUpdated) {
      if (version_ >= kForgetSchema) {
        sql_.Get(
                "UPDATE participants SET birth = :birth, area = :area, cohort = :cohort, groups "
                "= :groups, klantmanager = :klantmanager, jobhunter = :jobhunter, forgotten = "
                ":forgotten WHERE org = :org AND ref = :ref")
            .Run(OptionalDays(p.birth), p.area, p.cohort, groups, p.klantmanager, p.jobhunter,
                 p.forgotten ? 1 : 0, org_, p.ref);
      } else if (version_ >= 2) {
        sql_.Get(
                "UPDATE participants SET birth = :birth, area = :area, cohort = :cohort, groups "
                "= :groups, klantmanager = :klantmanager, jobhunter = :jobhunter WHERE org = "
                ":org AND ref = :ref")
            .Run(OptionalDays(p.birth), p.area, p.cohort, groups, p.klantmanager, p.jobhunter, org_,
                 p.ref);
      } else {
        sql_.Get(
                "UPDATE participants SET birth = :birth, area = :area, cohort = :cohort, groups "
                "= :groups, klantmanager = :klantmanager WHERE org = :org AND ref = :ref")
            .Run(OptionalDays(p.birth), p.area, p.cohort, groups, p.klantmanager, org_, p.ref);
      }
    }
  }

  void WriteAssignment(const Row<CaseworkerAssignment>& row) {
    const CaseworkerAssignment& a = row.value;
    if (row.change == RowChange::kInserted) {
      bulk_.Insert(
          "INSERT INTO assignments (org, ref, seq, role, name, start, until, end_reason) "
          "VALUES (:org, :ref, :seq, :role, :name, :start, :until, :end_reason)",
          org_, r_.ref, row.seq, ToString(a.role), a.name, ToDays(a.from), OptionalDays(a.until),
          a.end_reason);
    } else if (row.change == RowChange::kUpdated) {
      sql_.Get(
              "UPDATE assignments SET until = :until, end_reason = :end_reason WHERE org = :org "
              "AND ref = :ref AND seq = :seq")
          .Run(OptionalDays(a.until), a.end_reason, org_, r_.ref, row.seq);
    }
  }

  void WriteTrajectory(const model::TrajectoryRows& rows) {
    const Trajectory& t = rows.head.value;
    std::optional<std::string> exit_reason;
    if (t.exit_reason) exit_reason = std::string(ToString(*t.exit_reason));
    if (rows.head.change == RowChange::kInserted) {
      bulk_.Insert(
          "INSERT INTO trajectories (org, id, ref, programme, track, state, started, "
          "state_since, exit_reason) VALUES (:org, :id, :ref, :programme, :track, :state, "
          ":started, :since, :exit_reason)",
          org_, t.id, r_.ref, t.programme_id, t.track_id, static_cast<int>(t.state),
          ToDays(t.started), ToDays(t.state_since), exit_reason);
    } else if (rows.head.change == RowChange::kUpdated) {
      sql_.Get(
              "UPDATE trajectories SET state = :state, state_since = :since, exit_reason = "
              ":exit_reason WHERE org = :org AND id = :id")
          .Run(static_cast<int>(t.state), ToDays(t.state_since), exit_reason, org_, t.id);
    }
    for (const auto& m : rows.milestones) {
      if (m.change == RowChange::kInserted) {
        bulk_.Insert(
            "INSERT INTO milestones (org, trajectory, milestone, seq, reached, evidence) "
            "VALUES (:org, :trajectory, :milestone, :seq, :reached, :evidence)",
            org_, t.id, m.value.milestone_id, m.seq, ToDays(m.value.reached), m.value.evidence);
      } else if (m.change == RowChange::kUpdated) {
        sql_.Get(
                "UPDATE milestones SET reached = :reached, evidence = :evidence WHERE org = "
                ":org AND trajectory = :trajectory AND milestone = :milestone")
            .Run(ToDays(m.value.reached), m.value.evidence, org_, t.id, m.value.milestone_id);
      }
    }
    for (const auto& c : rows.history) {
      const StateChange& v = c.value;
      if (c.change == RowChange::kInserted) {
        if (version_ >= 3) {
          bulk_.Insert(
              "INSERT INTO state_changes (org, trajectory, seq, from_state, to_state, date, "
              "reason, caused_by_milestone, caused_by_placement) VALUES (:org, :trajectory, "
              ":seq, :from, :to, :date, :reason, :milestone, :placement)",
              org_, t.id, c.seq, static_cast<int>(v.from), static_cast<int>(v.to), ToDays(v.date),
              v.reason, v.caused_by_milestone, v.caused_by_placement);
        } else {
          bulk_.Insert(
              "INSERT INTO state_changes (org, trajectory, seq, from_state, to_state, date, "
              "reason) VALUES (:org, :trajectory, :seq, :from, :to, :date, :reason)",
              org_, t.id, c.seq, static_cast<int>(v.from), static_cast<int>(v.to), ToDays(v.date),
              v.reason);
        }
      } else if (c.change == RowChange::kUpdated) {
        sql_.Get(
                "UPDATE state_changes SET date = :date WHERE org = :org AND trajectory = "
                ":trajectory AND seq = :seq")
            .Run(ToDays(v.date), org_, t.id, c.seq);
      }
    }
  }

  void WritePlacement(const model::PlacementRows& rows) {
    const Placement& p = rows.head.value;
    if (rows.head.change == RowChange::kInserted) {
      if (version_ >= 3) {
        bulk_.Insert(
            "INSERT INTO placements (org, id, trajectory, employer, centihours, wage_cents, "
            "start, end_date, end_reason, seq) VALUES (:org, :id, :trajectory, :employer, "
            ":hours, :wage, :start, :end_date, :end_reason, :seq)",
            org_, p.id, p.trajectory_id, p.employer, p.hours_per_week, p.gross_monthly_wage,
            ToDays(p.start), OptionalDays(p.end), p.end_reason, rows.head.seq);
      } else {
        bulk_.Insert(
            "INSERT INTO placements (org, id, trajectory, employer, centihours, wage_cents, "
            "start, end_date, end_reason) VALUES (:org, :id, :trajectory, :employer, "
            ":hours, :wage, :start, :end_date, :end_reason)",
            org_, p.id, p.trajectory_id, p.employer, p.hours_per_week, p.gross_monthly_wage,
            ToDays(p.start), OptionalDays(p.end), p.end_reason);
      }
    } else if (rows.head.change == RowChange::kUpdated) {
      sql_.Get(
              "UPDATE placements SET employer = :employer, centihours = :hours, wage_cents = "
              ":wage, start = :start, end_date = :end_date, end_reason = :end_reason WHERE org = "
              ":org AND id = :id")
          .Run(p.employer, p.hours_per_week, p.gross_monthly_wage, ToDays(p.start),
               OptionalDays(p.end), p.end_reason, org_, p.id);
    }
    for (const auto& a : rows.assessments) {
      if (a.change != RowChange::kInserted) continue;
      bulk_.Insert(
          "INSERT INTO loonwaarde (org, placement, date, percent) VALUES (:org, :placement, "
          ":date, :percent)",
          org_, p.id, ToDays(a.value.date), a.value.percent);
    }
  }

  Statements& sql_;
  BulkInserts& bulk_;
  const std::string& org_;
  model::ParticipantRecord& r_;
  const int version_;
};

}  // namespace

model::ParticipantRecord LoadRecord(Statements& sql, const std::string& org, const std::string& ref,
                                    int schema_version) {
  model::ParticipantRecord r;
  r.ref = ref;
  Statement& s = sql.Get(
      std::string("SELECT birth, area, cohort, groups, registered, bsn_verified, klantmanager, ") +
          (schema_version >= 2 ? "jobhunter" : "''") +
          (schema_version >= 5 ? ", bsn_hash" : ", ''") +
          (schema_version >= kForgetSchema ? ", forgotten" : ", 0") +
          " FROM participants WHERE org = :org AND ref = :ref",
      "ittiiittti");
  if (!s.Run(org, ref).One()) return r;
  Participant p;
  p.ref = ref;
  p.birth = OptionalDate(s, 0);
  p.area = s.Text(1);
  p.cohort = s.Text(2);
  p.groups = GroupsFromBits(s.Int(3));
  p.registered = FromDays(s.Int(4));
  p.bsn_verified = s.Int(5) != 0;
  p.klantmanager = s.Text(6);
  p.jobhunter = s.Text(7);
  p.bsn_hash = s.Text(8);
  p.forgotten = s.Int(9) != 0;
  r.participant = Row<Participant>{std::move(p), 0};
  LoadParticipantRows(sql, org, r, schema_version);
  LoadTrajectoryRows(sql, org, r, schema_version);
  Statement& position = sql.Get(
      "SELECT COALESCE(MAX(position), -1) + 1 FROM events WHERE org = :org AND stream = :stream",
      "i");
  position.Run(org, model::ParticipantStream(ref)).One();
  r.next_position = position.Int(0);
  return r;
}

void DeleteRecordRows(Statements& sql, const std::string& org, const std::string& ref,
                      int schema_version) {
  constexpr const char* kTrajectories =
      "(SELECT id FROM trajectories WHERE org = :org2 AND ref = :ref)";
  for (const std::string& table : ProjectionTables(schema_version)) {
    if (table == "organisations") continue;
    std::string where;
    if (table == "loonwaarde") {
      where = fmt::format(
          "placement IN (SELECT id FROM placements WHERE org = :org2 AND trajectory IN {})",
          "(SELECT id FROM trajectories WHERE org = :org3 AND ref = :ref)");
      sql.Get(fmt::format("DELETE FROM loonwaarde WHERE org = :org AND {}", where))
          .Run(org, org, org, ref);
      continue;
    }
    if (table == "placements" || table == "milestones" || table == "state_changes") {
      where = fmt::format("trajectory IN {}", kTrajectories);
      sql.Get(fmt::format("DELETE FROM {} WHERE org = :org AND {}", table, where))
          .Run(org, org, ref);
      continue;
    }
    sql.Get(fmt::format("DELETE FROM {} WHERE org = :org AND ref = :ref", table)).Run(org, ref);
  }
}

void WriteRecord(Statements& sql, BulkInserts& inserts, const std::string& org,
                 model::ParticipantRecord& record, int schema_version) {
  RecordWriter(sql, inserts, org, record, schema_version).Write();
}

std::optional<std::string> RefOfTrajectory(Statements& sql, const std::string& org,
                                           std::int64_t id) {
  Statement& s = sql.Get("SELECT ref FROM trajectories WHERE org = :org AND id = :id", "t");
  if (!s.Run(org, id).One()) return std::nullopt;
  return s.Text(0);
}

std::optional<std::string> RefOfPlacement(Statements& sql, const std::string& org,
                                          std::int64_t id) {
  Statement& s = sql.Get(
      "SELECT t.ref FROM placements p JOIN trajectories t ON t.org = p.org AND t.id = "
      "p.trajectory WHERE p.org = :org AND p.id = :id",
      "t");
  if (!s.Run(org, id).One()) return std::nullopt;
  return s.Text(0);
}

}  // namespace traject::storage

#include "model/participant_record.h"

#include <fmt/format.h>

#include <algorithm>

namespace traject::model {
namespace {

template <typename T>
void EraseDeleted(std::vector<Row<T>>& rows) {
  std::erase_if(rows, [](const Row<T>& row) { return !row.live(); });
  for (Row<T>& row : rows) row.change = RowChange::kNone;
}

// Deletes a row: a row new since loading simply goes; a stored one waits to be deleted.
template <typename T>
void Delete(std::vector<Row<T>>& rows, std::size_t index) {
  if (rows[index].change == RowChange::kInserted) {
    rows.erase(rows.begin() + static_cast<std::ptrdiff_t>(index));
  } else {
    rows[index].change = RowChange::kDeleted;
  }
}

// Inserts `rows` (TrajectoryRows or PlacementRows) where its id keeps `all` ordered by id.
template <typename Rows>
void InsertById(std::vector<Rows>& all, Rows rows) {
  auto at =
      std::upper_bound(all.begin(), all.end(), rows.head.value.id,
                       [](std::int64_t id, const Rows& other) { return id < other.head.value.id; });
  all.insert(at, std::move(rows));
}

template <typename T>
std::vector<T> LiveValues(const std::vector<Row<T>>& rows) {
  std::vector<T> values;
  values.reserve(rows.size());
  for (const Row<T>& row : rows) {
    if (row.live()) values.push_back(row.value);
  }
  return values;
}

std::vector<TargetGroup> Canonical(const std::vector<TargetGroup>& groups) {
  std::vector<TargetGroup> out;
  for (TargetGroup g : kAllTargetGroups) {
    if (std::find(groups.begin(), groups.end(), g) != groups.end()) out.push_back(g);
  }
  return out;
}

std::string GroupsText(const std::vector<TargetGroup>& groups) {
  std::vector<std::string> names;
  for (TargetGroup g : Canonical(groups)) names.emplace_back(ToString(g));
  return names.empty() ? "-" : fmt::format("{}", fmt::join(names, ";"));
}

std::string DateText(const std::optional<Date>& date) { return date ? FormatDate(*date) : "-"; }

// "name old → new" pieces of a correction's summary.
class Summary {
 public:
  void Add(std::string_view name, const std::string& before, const std::string& after) {
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
  Projector(ParticipantRecord& record, const Event& event) : r_(record), event_(event) {}

  void operator()(const OrganisationCreated&) {
    // Not a participant's event: the organisations table is written by the store itself.
  }

  void operator()(const ParticipantForgotten&) {
    Person().forgotten = true;
    r_.participant->Touch();
  }

  void operator()(const ParticipantRegistered& e) {
    Participant p;
    p.ref = e.ref;
    p.birth = e.birth;
    p.area = e.area;
    p.cohort = e.cohort;
    p.groups = Canonical(e.groups);
    p.registered = e.registered;
    p.bsn_verified = e.bsn_verified;
    p.bsn_hash = e.bsn_hash;
    r_.participant = Row<Participant>{std::move(p), 0, RowChange::kInserted};
  }

  void operator()(const CaseworkerAssigned& e) {
    SetCaseworker(e.role, e.name);
    CloseAssignment(e.role, e.date, "");
    CaseworkerAssignment a;
    a.role = e.role;
    a.name = e.name;
    a.from = e.date;
    r_.assignments.push_back({std::move(a), event_.seq, RowChange::kInserted});
  }

  void operator()(const CaseworkerUnassigned& e) {
    traject::Participant& p = Person();
    const std::string name = e.role == CaseworkerRole::kKlantmanager ? p.klantmanager : p.jobhunter;
    SetCaseworker(e.role, "");
    CloseAssignment(e.role, e.date, e.reason);
    Summary what;
    what.Add(ToString(e.role), name, "");
    AddCorrection(0, 0, e.date, what.text(), e.reason);
  }

  void operator()(const ContactRecorded& e) {
    r_.contacts.push_back({CohortContact{e.date, e.kind}, event_.seq, RowChange::kInserted});
  }

  void operator()(const ParticipantChanged& e) {
    traject::Participant& p = Person();
    Summary what;
    if (e.area) what.Add("area", p.area, *e.area);
    if (e.cohort) what.Add("cohort", p.cohort, *e.cohort);
    if (e.groups) what.Add("groups", GroupsText(p.groups), GroupsText(*e.groups));
    if (e.birth) what.Add("birth", DateText(p.birth), FormatDate(*e.birth));
    if (e.area) p.area = *e.area;
    if (e.cohort) p.cohort = *e.cohort;
    if (e.groups) p.groups = Canonical(*e.groups);
    if (e.birth) p.birth = e.birth;
    r_.participant->Touch();
    AddCorrection(0, 0, e.date, what.text(), e.reason);
  }

  void operator()(const TrajectoryStarted& e) {
    Trajectory t;
    t.id = e.trajectory_id;
    t.participant_ref = e.ref;
    t.programme_id = e.programme_id;
    t.track_id = e.track_id;
    t.state = TrajectoryState::kAangemeld;
    t.started = e.date;
    t.state_since = e.date;
    TrajectoryRows rows;
    rows.head = {std::move(t), 0, RowChange::kInserted};
    InsertById(r_.trajectories, std::move(rows));
  }

  void operator()(const TrajectoryStateChanged& e) {
    TrajectoryRows& t = TrajectoryAt(e.trajectory_id);
    t.head.value.state = e.to;
    t.head.value.state_since = e.date;
    if (e.exit_reason) t.head.value.exit_reason = e.exit_reason;
    t.head.Touch();
    // A caused change names its cause: the milestone or placement whose event is `caused_by`.
    StateChange change{e.from, e.to, e.date, e.reason, "", 0};
    if (event_.caused_by) {
      const std::int64_t cause = *event_.caused_by;
      for (const Row<MilestoneRecord>& m : t.milestones) {
        if (m.live() && m.seq == cause) change.caused_by_milestone = m.value.milestone_id;
      }
      for (const PlacementRows& p : r_.placements) {
        if (p.head.value.trajectory_id == e.trajectory_id && p.head.seq == cause) {
          change.caused_by_placement = p.head.value.id;
        }
      }
    }
    t.history.push_back({std::move(change), event_.seq, RowChange::kInserted});
  }

  void operator()(const MilestoneReached& e) {
    TrajectoryAt(e.trajectory_id)
        .milestones.push_back({MilestoneRecord{e.milestone_id, e.date, e.evidence}, event_.seq,
                               RowChange::kInserted});
  }

  void operator()(const MilestoneCorrected& e) {
    TrajectoryRows& t = TrajectoryAt(e.trajectory_id);
    Row<MilestoneRecord>& m = t.milestones[LiveMilestone(t, e.milestone_id)];
    Summary what;
    if (e.reached) what.Add("reached", FormatDate(m.value.reached), FormatDate(*e.reached));
    if (e.evidence) what.Add("evidence", m.value.evidence, *e.evidence);
    if (e.reached) m.value.reached = *e.reached;
    if (e.evidence) m.value.evidence = *e.evidence;
    m.Touch();
    if (e.reached) {
      RedateCausedSteps(t, *e.reached, [&](const StateChange& c) {
        return c.caused_by_milestone == e.milestone_id;
      });
    }
    AddCorrection(t.head.value.id, 0, e.date,
                  fmt::format("milestone {}: {}", e.milestone_id, what.text()), e.reason);
  }

  void operator()(const MilestoneRetracted& e) {
    TrajectoryRows& t = TrajectoryAt(e.trajectory_id);
    const std::size_t index = LiveMilestone(t, e.milestone_id);
    const Date reached = t.milestones[index].value.reached;
    Delete(t.milestones, index);
    for (std::size_t i = t.history.size(); i-- > 0;) {
      if (t.history[i].live() && t.history[i].value.caused_by_milestone == e.milestone_id) {
        Delete(t.history, i);
      }
    }
    RecomputeState(t);
    AddCorrection(
        t.head.value.id, 0, e.date,
        fmt::format("milestone {} (reached {}) retracted", e.milestone_id, FormatDate(reached)),
        e.reason);
  }

  void operator()(const PlacementStarted& e) {
    Placement p;
    p.id = e.placement_id;
    p.trajectory_id = e.trajectory_id;
    p.employer = e.employer;
    p.hours_per_week = e.hours_per_week;
    p.gross_monthly_wage = e.gross_monthly_wage;
    p.start = e.start;
    PlacementRows rows;
    rows.head = {std::move(p), event_.seq, RowChange::kInserted};
    InsertById(r_.placements, std::move(rows));
  }

  void operator()(const PlacementEnded& e) {
    PlacementRows& p = PlacementAt(e.placement_id);
    p.head.value.end = e.date;
    p.head.value.end_reason = e.reason;
    p.head.Touch();
  }

  void operator()(const PlacementCorrected& e) {
    PlacementRows& rows = PlacementAt(e.placement_id);
    traject::Placement& p = rows.head.value;
    Summary what;
    if (e.employer) what.Add("employer", p.employer, *e.employer);
    if (e.hours_per_week) {
      what.Add("hours", FormatHours(p.hours_per_week), FormatHours(*e.hours_per_week));
    }
    if (e.gross_monthly_wage) {
      what.Add("wage", FormatEuro(p.gross_monthly_wage), FormatEuro(*e.gross_monthly_wage));
    }
    if (e.start) what.Add("start", FormatDate(p.start), FormatDate(*e.start));
    if (e.end) what.Add("end", DateText(p.end), FormatDate(*e.end));
    if (e.reopen) what.Note(fmt::format("end {} removed: the placement runs", DateText(p.end)));
    if (e.employer) p.employer = *e.employer;
    if (e.hours_per_week) p.hours_per_week = *e.hours_per_week;
    if (e.gross_monthly_wage) p.gross_monthly_wage = *e.gross_monthly_wage;
    if (e.start) p.start = *e.start;
    if (e.reopen) {
      p.end.reset();
      p.end_reason.clear();
    } else if (e.end) {
      p.end = e.end;
    }
    rows.head.Touch();
    TrajectoryRows& t = TrajectoryAt(p.trajectory_id);
    if (e.start) {
      RedateCausedSteps(t, *e.start,
                        [&](const StateChange& c) { return c.caused_by_placement == p.id; });
    }
    AddCorrection(p.trajectory_id, p.id, e.date, fmt::format("placement {}: {}", p.id, what.text()),
                  e.reason);
  }

  void operator()(const LoonwaardeAssessed& e) {
    std::vector<Row<LoonwaardeAssessment>>& all = PlacementAt(e.placement_id).assessments;
    auto at = std::upper_bound(
        all.begin(), all.end(), e.date, [](Date date, const Row<LoonwaardeAssessment>& other) {
          return std::chrono::sys_days(date) < std::chrono::sys_days(other.value.date);
        });
    all.insert(at, {LoonwaardeAssessment{e.date, e.percent}, 0, RowChange::kInserted});
  }

  void operator()(const LoonwaardeWithdrawn& e) {
    PlacementRows& p = PlacementAt(e.placement_id);
    int percent = 0;
    for (std::size_t i = 0; i < p.assessments.size(); ++i) {
      if (p.assessments[i].live() && p.assessments[i].value.date == e.assessed) {
        percent = p.assessments[i].value.percent;
        Delete(p.assessments, i);
        break;
      }
    }
    AddCorrection(p.head.value.trajectory_id, p.head.value.id, e.date,
                  fmt::format("placement {}: loonwaarde {}% of {} withdrawn", p.head.value.id,
                              percent, FormatDate(e.assessed)),
                  e.reason);
  }

 private:
  traject::Participant& Person() { return r_.participant->value; }

  TrajectoryRows& TrajectoryAt(std::int64_t id) { return *r_.FindTrajectory(id); }

  PlacementRows& PlacementAt(std::int64_t id) { return *r_.FindPlacement(id); }

  static std::size_t LiveMilestone(const TrajectoryRows& t, const std::string& id) {
    for (std::size_t i = 0; i < t.milestones.size(); ++i) {
      if (t.milestones[i].live() && t.milestones[i].value.milestone_id == id) return i;
    }
    return t.milestones.size();  // not reached: the decider refused that
  }

  void SetCaseworker(CaseworkerRole role, const std::string& name) {
    (role == CaseworkerRole::kKlantmanager ? Person().klantmanager : Person().jobhunter) = name;
    r_.participant->Touch();
  }

  // Ends the open assignment of `role`, if any, on `until` (exclusive).
  void CloseAssignment(CaseworkerRole role, Date until, const std::string& reason) {
    for (Row<CaseworkerAssignment>& a : r_.assignments) {
      if (a.value.role == role && !a.value.until) {
        a.value.until = until;
        a.value.end_reason = reason;
        a.Touch();
      }
    }
  }

  // A corrected fact moves the state changes it caused (`caused` picks them) to its new date,
  // and with them the trajectory's state_since.
  template <typename Caused>
  static void RedateCausedSteps(TrajectoryRows& t, Date date, Caused&& caused) {
    for (Row<StateChange>& c : t.history) {
      if (c.live() && caused(c.value)) {
        c.value.date = date;
        c.Touch();
      }
    }
    RecomputeState(t);
  }

  // The trajectory's state and state_since from its latest remaining state change.
  static void RecomputeState(TrajectoryRows& t) {
    const Row<StateChange>* latest = nullptr;
    for (const Row<StateChange>& c : t.history) {
      if (c.live() && (!latest || c.seq > latest->seq)) latest = &c;
    }
    t.head.value.state = latest ? latest->value.to : TrajectoryState::kAangemeld;
    t.head.value.state_since = latest ? latest->value.date : t.head.value.started;
    t.head.Touch();
  }

  void AddCorrection(std::int64_t trajectory, std::int64_t placement, Date date,
                     const std::string& what, const std::string& reason) {
    Correction c;
    c.kind = std::string(KindOf(event_.payload));
    c.date = date;
    c.what = what;
    c.reason = reason;
    c.actor = event_.actor;
    c.recorded_at_ms = event_.recorded_at_ms;
    c.trajectory_id = trajectory;
    c.placement_id = placement;
    r_.corrections.push_back({std::move(c), event_.seq, RowChange::kInserted});
  }

  ParticipantRecord& r_;
  const Event& event_;
};

}  // namespace

const TrajectoryRows* ParticipantRecord::FindTrajectory(std::int64_t id) const {
  auto it = std::lower_bound(
      trajectories.begin(), trajectories.end(), id,
      [](const TrajectoryRows& t, std::int64_t wanted) { return t.head.value.id < wanted; });
  return it != trajectories.end() && it->head.value.id == id ? &*it : nullptr;
}

const PlacementRows* ParticipantRecord::FindPlacement(std::int64_t id) const {
  auto it = std::lower_bound(
      placements.begin(), placements.end(), id,
      [](const PlacementRows& p, std::int64_t wanted) { return p.head.value.id < wanted; });
  return it != placements.end() && it->head.value.id == id ? &*it : nullptr;
}

void ParticipantRecord::MarkWritten() {
  if (participant) participant->change = RowChange::kNone;
  EraseDeleted(contacts);
  EraseDeleted(assignments);
  EraseDeleted(corrections);
  for (TrajectoryRows& t : trajectories) {
    t.head.change = RowChange::kNone;
    EraseDeleted(t.milestones);
    EraseDeleted(t.history);
  }
  for (PlacementRows& p : placements) {
    p.head.change = RowChange::kNone;
    EraseDeleted(p.assessments);
  }
}

Participant ParticipantOf(const ParticipantRecord& record, bool details) {
  Participant p = record.participant->value;
  p.assignments = LiveValues(record.assignments);
  if (details) {
    p.contacts = LiveValues(record.contacts);
    for (const Row<Correction>& c : record.corrections) {
      if (c.value.trajectory_id == 0) p.corrections.push_back(c.value);
    }
  }
  return p;
}

Trajectory TrajectoryOf(const ParticipantRecord& record, const TrajectoryRows& rows, bool details) {
  Trajectory t = rows.head.value;
  if (details) {
    t.milestones = LiveValues(rows.milestones);
    t.history = LiveValues(rows.history);
    for (const Row<Correction>& c : record.corrections) {
      if (c.value.trajectory_id == t.id) t.corrections.push_back(c.value);
    }
  }
  return t;
}

Placement PlacementOf(const PlacementRows& rows) {
  Placement p = rows.head.value;
  p.assessments = LiveValues(rows.assessments);
  return p;
}

void Project(ParticipantRecord& record, const Event& event) {
  std::visit(Projector(record, event), event.payload);
}

}  // namespace traject::model

#include "storage/decider.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "storage/event_log.h"
#include "storage/queries.h"

namespace traject::storage {
namespace {

using std::chrono::sys_days;

bool Before(Date a, Date b) { return sys_days(a) < sys_days(b); }

// A participant reference: 1..64 printable ASCII characters without spaces, commas or quotes
// (it appears in streams, CSV files and command lines).
Status CheckRef(const std::string& ref) {
  if (ref.empty() || ref.size() > 64) {
    return Status::InvalidArgument(fmt::format("reference '{}': must be 1..64 characters", ref));
  }
  for (char c : ref) {
    if (c <= ' ' || c > '~' || c == ',' || c == '"' || c == '\'' || c == '/') {
      return Status::InvalidArgument(fmt::format(
          "reference '{}': only printable characters without spaces, commas, quotes or '/'", ref));
    }
  }
  return Status::OK();
}

Status CheckText(const std::string& text, const char* field, bool required) {
  if (required && text.empty()) return Status::InvalidArgument(fmt::format("{}: required", field));
  if (text.size() > 200)
    return Status::InvalidArgument(fmt::format("{}: longer than 200 characters", field));
  for (unsigned char c : text) {
    if (c < ' ') return Status::InvalidArgument(fmt::format("{}: control character", field));
  }
  return Status::OK();
}

class Decider {
 public:
  explicit Decider(const DecisionContext& context) : c_(context) {}

  Result<std::vector<Decided>> operator()(const OrganisationCreated&) {
    return Status::InvalidArgument("organisations are created with CreateOrganisation");
  }

  Result<std::vector<Decided>> operator()(const ParticipantRegistered& e) {
    if (Status s = CheckRef(e.ref); !s.ok()) return s;
    if (Status s = CheckText(e.area, "area", false); !s.ok()) return s;
    if (Status s = CheckText(e.cohort, "cohort", false); !s.ok()) return s;
    if (e.birth && !Before(*e.birth, e.registered)) {
      return Status::InvalidArgument(fmt::format("birth date {} is not before registration {}",
                                                 FormatDate(*e.birth), FormatDate(e.registered)));
    }
    if (e.birth && AgeOn(*e.birth, e.registered) < 15) {
      return Status::InvalidArgument(
          fmt::format("birth date {}: younger than 15 on registration", FormatDate(*e.birth)));
    }
    if (FindParticipant(c_.sql, c_.org, e.ref, c_.schema_version)) {
      return Status::Conflict(fmt::format("participant '{}' is already registered", e.ref));
    }
    ParticipantRegistered completed = e;
    std::sort(completed.groups.begin(), completed.groups.end());
    completed.groups.erase(std::unique(completed.groups.begin(), completed.groups.end()),
                           completed.groups.end());
    return One(ParticipantStream(e.ref), std::move(completed));
  }

  Result<std::vector<Decided>> operator()(const CaseworkerAssigned& e) {
    if (Status s = RequireParticipant(e.ref); !s.ok()) return s;
    if (Status s = CheckText(e.name, "name", true); !s.ok()) return s;
    return One(ParticipantStream(e.ref), e);
  }

  Result<std::vector<Decided>> operator()(const ContactRecorded& e) {
    if (Status s = RequireParticipant(e.ref); !s.ok()) return s;
    return One(ParticipantStream(e.ref), e);
  }

  Result<std::vector<Decided>> operator()(const TrajectoryStarted& e) {
    if (Status s = RequireParticipant(e.ref); !s.ok()) return s;
    Result<const TrackDefinition*> track = RequireTrack(e.programme_id, e.track_id);
    if (!track.ok()) return track.status();
    TrajectoryFilter filter;
    filter.participant_ref = e.ref;
    filter.programme_id = e.programme_id;
    for (const Trajectory& t : ListTrajectories(c_.sql, c_.org, filter)) {
      if (!IsFinal(t.state) && t.state != TrajectoryState::kUitgestroomd) {
        return Status::Conflict(fmt::format(
            "participant '{}' already has an open trajectory {} in programme '{}' (state {})",
            e.ref, t.id, e.programme_id, ToString(t.state)));
      }
    }
    TrajectoryStarted completed = e;
    if (completed.trajectory_id == 0) {
      completed.trajectory_id = NextTrajectoryId(c_.sql, c_.org);
    } else if (completed.trajectory_id < 0) {
      return Status::InvalidArgument(
          fmt::format("trajectory id {} must be positive", e.trajectory_id));
    } else if (FindTrajectory(c_.sql, c_.org, completed.trajectory_id, false)) {
      return Status::Conflict(fmt::format("trajectory id {} is already in use", e.trajectory_id));
    }
    return One(ParticipantStream(e.ref), std::move(completed));
  }

  Result<std::vector<Decided>> operator()(const TrajectoryStateChanged& e) {
    Result<Trajectory> t = RequireTrajectory(e.trajectory_id);
    if (!t.ok()) return t.status();
    if (e.to == TrajectoryState::kGeplaatst) {
      return Status::InvalidArgument(
          "a trajectory becomes geplaatst by recording a placement, not by a state change");
    }
    if (e.to == TrajectoryState::kUitgestroomd && !e.exit_reason) {
      return Status::InvalidArgument("uitstroom needs an exit reason (work, education or other)");
    }
    if (e.to != TrajectoryState::kUitgestroomd && e.exit_reason) {
      return Status::InvalidArgument("an exit reason belongs only to uitstroom");
    }
    if (Status s = CheckText(e.reason, "reason", false); !s.ok()) return s;
    if (Status s = CheckTransition(t->state, e.to); !s.ok()) {
      return s.WithContext(fmt::format("trajectory {}", t->id));
    }
    if (Before(e.date, t->state_since)) {
      return Status::InvalidArgument(
          fmt::format("trajectory {}: date {} is before {}, when it entered its current state {}",
                      t->id, FormatDate(e.date), FormatDate(t->state_since), ToString(t->state)));
    }
    TrajectoryStateChanged completed = e;
    completed.from = t->state;
    return One(ParticipantStream(t->participant_ref), std::move(completed));
  }

  Result<std::vector<Decided>> operator()(const MilestoneReached& e) {
    Result<Trajectory> t = RequireTrajectory(e.trajectory_id, /*details=*/true);
    if (!t.ok()) return t.status();
    if (IsFinal(t->state)) {
      return Status::InvalidArgument(
          fmt::format("trajectory {} is {}: no more milestones", t->id, ToString(t->state)));
    }
    Result<const TrackDefinition*> track = RequireTrack(t->programme_id, t->track_id);
    if (!track.ok()) return track.status();
    const MilestoneDefinition* milestone = FindMilestone(**track, e.milestone_id);
    if (!milestone) {
      std::string known;
      for (const MilestoneDefinition& m : (*track)->milestones)
        known += (known.empty() ? "" : ", ") + m.id;
      return Status::NotFound(fmt::format("track '{}' has no milestone '{}'; its milestones: {}",
                                          t->track_id, e.milestone_id, known));
    }
    std::set<std::string> reached;
    for (const MilestoneRecord& r : t->milestones) reached.insert(r.milestone_id);
    if (reached.count(e.milestone_id)) {
      return Status::Conflict(
          fmt::format("trajectory {}: milestone '{}' was already reached", t->id, e.milestone_id));
    }
    for (const std::string& required : milestone->after) {
      if (!reached.count(required)) {
        return Status::InvalidArgument(fmt::format(
            "trajectory {}: milestone '{}' requires '{}' first", t->id, e.milestone_id, required));
      }
    }
    if (Before(e.date, t->started)) {
      return Status::InvalidArgument(fmt::format("trajectory {}: date {} is before its start {}",
                                                 t->id, FormatDate(e.date),
                                                 FormatDate(t->started)));
    }
    if (Status s = CheckText(e.evidence, "evidence", false); !s.ok()) return s;
    std::vector<Decided> decided;
    const std::string stream = ParticipantStream(t->participant_ref);
    decided.push_back({stream, e});
    if (milestone->enters && *milestone->enters > t->state) {
      if (Status s = CheckTransition(t->state, *milestone->enters); !s.ok()) {
        return s.WithContext(fmt::format("trajectory {}: milestone '{}' moves it to {}", t->id,
                                         e.milestone_id, ToString(*milestone->enters)));
      }
      if (Before(e.date, t->state_since)) {
        return Status::InvalidArgument(
            fmt::format("trajectory {}: date {} is before {}, when it entered its current state",
                        t->id, FormatDate(e.date), FormatDate(t->state_since)));
      }
      TrajectoryStateChanged change;
      change.trajectory_id = t->id;
      change.from = t->state;
      change.to = *milestone->enters;
      change.date = e.date;
      change.reason = fmt::format("milestone {}", e.milestone_id);
      decided.push_back({stream, change});
    }
    return decided;
  }

  Result<std::vector<Decided>> operator()(const PlacementStarted& e) {
    Result<Trajectory> t = RequireTrajectory(e.trajectory_id, /*details=*/true);
    if (!t.ok()) return t.status();
    if (IsFinal(t->state) || t->state == TrajectoryState::kUitgestroomd) {
      return Status::InvalidArgument(
          fmt::format("trajectory {} is {}: no new placements", t->id, ToString(t->state)));
    }
    if (Status s = CheckText(e.employer, "employer", true); !s.ok()) return s;
    if (e.hours_per_week <= 0 || e.hours_per_week > 8000) {
      return Status::InvalidArgument(
          fmt::format("hours per week {} not in (0, 80]", FormatHours(e.hours_per_week)));
    }
    if (e.gross_monthly_wage <= 0) {
      return Status::InvalidArgument("gross monthly wage must be more than 0");
    }
    if (Before(e.start, t->started)) {
      return Status::InvalidArgument(
          fmt::format("trajectory {}: placement start {} is before its start {}", t->id,
                      FormatDate(e.start), FormatDate(t->started)));
    }
    Result<const TrackDefinition*> track = RequireTrack(t->programme_id, t->track_id);
    if (!track.ok()) return track.status();
    std::string missing;
    for (const MilestoneDefinition& m : (*track)->milestones) {
      if (!m.required_for_placement) continue;
      auto reached = std::find_if(t->milestones.begin(), t->milestones.end(),
                                  [&](const MilestoneRecord& r) { return r.milestone_id == m.id; });
      if (reached == t->milestones.end() || Before(e.start, reached->reached)) {
        missing += fmt::format("{}'{}' ({})", missing.empty() ? "" : ", ", m.id, m.name);
      }
    }
    if (!missing.empty()) {
      return Status::InvalidArgument(fmt::format(
          "trajectory {}: a placement needs these milestones reached first: {}", t->id, missing));
    }
    for (const Placement& p : PlacementsOf(c_.sql, c_.org, t->id)) {
      if (!p.end) {
        return Status::Conflict(fmt::format(
            "trajectory {} already has a running placement {} at {}", t->id, p.id, p.employer));
      }
    }
    PlacementStarted completed = e;
    if (completed.placement_id == 0) {
      completed.placement_id = NextPlacementId(c_.sql, c_.org);
    } else if (completed.placement_id < 0 ||
               FindPlacement(c_.sql, c_.org, completed.placement_id)) {
      return Status::Conflict(
          fmt::format("placement id {} is already in use or invalid", e.placement_id));
    }
    std::vector<Decided> decided;
    const std::string stream = ParticipantStream(t->participant_ref);
    decided.push_back({stream, completed});
    if (t->state != TrajectoryState::kGeplaatst) {
      if (Status s = CheckTransition(t->state, TrajectoryState::kGeplaatst); !s.ok()) {
        return s.WithContext(
            fmt::format("trajectory {}: a placement moves it to geplaatst", t->id));
      }
      if (Before(e.start, t->state_since)) {
        return Status::InvalidArgument(fmt::format(
            "trajectory {}: placement start {} is before {}, when it entered its current state",
            t->id, FormatDate(e.start), FormatDate(t->state_since)));
      }
      TrajectoryStateChanged change;
      change.trajectory_id = t->id;
      change.from = t->state;
      change.to = TrajectoryState::kGeplaatst;
      change.date = e.start;
      change.reason = fmt::format("placement at {}", e.employer);
      decided.push_back({stream, change});
    }
    return decided;
  }

  Result<std::vector<Decided>> operator()(const PlacementEnded& e) {
    Result<Placement> p = RequirePlacement(e.placement_id);
    if (!p.ok()) return p.status();
    if (p->end) {
      return Status::Conflict(
          fmt::format("placement {} already ended on {}", p->id, FormatDate(*p->end)));
    }
    if (Before(e.date, p->start)) {
      return Status::InvalidArgument(fmt::format("placement {}: end {} is before its start {}",
                                                 p->id, FormatDate(e.date), FormatDate(p->start)));
    }
    if (Status s = CheckText(e.reason, "reason", false); !s.ok()) return s;
    return One(StreamOfTrajectory(p->trajectory_id), e);
  }

  Result<std::vector<Decided>> operator()(const LoonwaardeAssessed& e) {
    Result<Placement> p = RequirePlacement(e.placement_id);
    if (!p.ok()) return p.status();
    if (e.percent < 0 || e.percent > 100) {
      return Status::InvalidArgument(fmt::format("loonwaarde {}% not in 0..100", e.percent));
    }
    if (Before(e.date, p->start) || (p->end && Before(*p->end, e.date))) {
      return Status::InvalidArgument(fmt::format(
          "placement {}: assessment date {} is outside the placement", p->id, FormatDate(e.date)));
    }
    for (const LoonwaardeAssessment& a : p->assessments) {
      if (a.date == e.date) {
        return Status::Conflict(
            fmt::format("placement {} already has an assessment on {}", p->id, FormatDate(e.date)));
      }
    }
    return One(StreamOfTrajectory(p->trajectory_id), e);
  }

 private:
  template <typename T>
  static std::vector<Decided> One(std::string stream, T payload) {
    std::vector<Decided> decided;
    decided.push_back({std::move(stream), EventPayload(std::move(payload))});
    return decided;
  }

  Status RequireParticipant(const std::string& ref) {
    if (FindParticipant(c_.sql, c_.org, ref, c_.schema_version)) return Status::OK();
    return Status::NotFound(fmt::format("no participant '{}' in organisation '{}'", ref, c_.org));
  }

  Result<Trajectory> RequireTrajectory(std::int64_t id, bool details = false) {
    std::optional<Trajectory> t = FindTrajectory(c_.sql, c_.org, id, details);
    if (!t)
      return Status::NotFound(fmt::format("no trajectory {} in organisation '{}'", id, c_.org));
    return std::move(*t);
  }

  Result<Placement> RequirePlacement(std::int64_t id) {
    std::optional<Placement> p = FindPlacement(c_.sql, c_.org, id);
    if (!p)
      return Status::NotFound(fmt::format("no placement {} in organisation '{}'", id, c_.org));
    return std::move(*p);
  }

  std::string StreamOfTrajectory(std::int64_t id) {
    std::optional<Trajectory> t = FindTrajectory(c_.sql, c_.org, id, false);
    return ParticipantStream(t ? t->participant_ref : std::string());
  }

  Result<const TrackDefinition*> RequireTrack(const std::string& programme_id,
                                              const std::string& track_id) {
    if (!c_.catalogue || c_.catalogue->empty()) {
      return Status::InvalidArgument(
          "no programmes are loaded: load the banenplan plugins (--plugins DIR or "
          "TRAJECT_PLUGIN_PATH)");
    }
    const ProgrammeDefinition* programme = c_.catalogue->Find(programme_id);
    if (!programme) {
      std::string known;
      for (const ProgrammeDefinition* p : c_.catalogue->All())
        known += (known.empty() ? "" : ", ") + p->id;
      return Status::NotFound(
          fmt::format("unknown programme '{}'; loaded programmes: {}", programme_id, known));
    }
    const TrackDefinition* track = FindTrack(*programme, track_id);
    if (!track) {
      std::string known;
      for (const TrackDefinition& t : programme->tracks)
        known += (known.empty() ? "" : ", ") + t.id;
      return Status::NotFound(fmt::format("programme '{}' has no track '{}'; its tracks: {}",
                                          programme_id, track_id, known));
    }
    return track;
  }

  const DecisionContext& c_;
};

}  // namespace

Result<std::vector<Decided>> Decide(const DecisionContext& context, const EventPayload& command) {
  return std::visit(Decider(context), command);
}

}  // namespace traject::storage

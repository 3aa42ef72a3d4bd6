#include "model/decide.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "traject/bsn.h"

namespace traject::model {

namespace {
constexpr std::string_view kParticipantStreamPrefix = "participant/";
}  // namespace

std::string ParticipantStream(const std::string& ref) {
  return std::string(kParticipantStreamPrefix) + ref;
}

std::optional<std::string> ParticipantOfStream(const std::string& stream) {
  if (!stream.starts_with(kParticipantStreamPrefix)) return std::nullopt;
  return stream.substr(kParticipantStreamPrefix.size());
}

namespace {

using std::chrono::sys_days;

bool Before(Date a, Date b) { return sys_days(a) < sys_days(b); }

Status Invalid(const char* field, std::string message) {
  return Status::InvalidArgument(std::move(message)).WithField(field);
}

std::string Join(const std::vector<std::string>& parts) {
  return fmt::format("{}", fmt::join(parts, ", "));
}

// The state change a milestone or placement caused, as an index into `history`; -1 when none.
int CausedChange(const Trajectory& t, const std::string& milestone, std::int64_t placement) {
  for (std::size_t i = 0; i < t.history.size(); ++i) {
    const StateChange& c = t.history[i];
    if ((!milestone.empty() && c.caused_by_milestone == milestone) ||
        (placement != 0 && c.caused_by_placement == placement)) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

class Decider {
 public:
  Decider(DecisionReads& reads, const DecisionContext& context) : r_(reads), c_(context) {}

  Result<std::vector<Decided>> operator()(const ParticipantRegistered& e) {
    if (Status s = NotFuture(e.registered, "registered"); !s.ok()) return s;
    if (r_.FindParticipant(e.ref)) {
      return Status::Conflict(fmt::format("participant '{}' is already registered", e.ref))
          .WithField("ref");
    }
    ParticipantRegistered completed = e;
    Normalise(completed.groups);
    if (!e.bsn.empty()) {
      if (c_.bsn_key.empty()) {
        return Invalid("bsn",
                       "a BSN was given, but no BSN key is set (the CLI: --bsn-key-file or "
                       "TRAJECT_BSN_KEY_FILE; the library: StoreOptions::bsn_key): a BSN is kept "
                       "only as a keyed hash");
      }
      completed.bsn_hash = BsnHash(c_.bsn_key, e.bsn);
      completed.bsn.clear();
      completed.bsn_verified = true;
      if (std::optional<std::string> other = r_.ParticipantWithBsn(completed.bsn_hash)) {
        return Status::Conflict(
                   fmt::format("participant '{}' is registered with this BSN already", *other))
            .WithField("bsn");
      }
    }
    return One(ParticipantStream(e.ref), std::move(completed));
  }

  Result<std::vector<Decided>> operator()(const CaseworkerAssigned& e) {
    Result<Participant> p = RequireParticipant(e.ref);
    if (!p.ok()) return p.status();
    if (Status s = FactDate(*p, e.date, "date", "the assignment"); !s.ok()) return s;
    if (const CaseworkerAssignment* current = Current(*p, e.role)) {
      if (current->name == e.name) {
        return Status::Conflict(fmt::format("that caseworker is already the {} of '{}' (since {})",
                                            ToString(e.role), e.ref, FormatDate(current->from)))
            .WithField("name");
      }
      if (Before(e.date, current->from)) {
        return Invalid("date", fmt::format("participant '{}': the assignment date {} is before the "
                                           "current {}'s, {}",
                                           e.ref, FormatDate(e.date), ToString(e.role),
                                           FormatDate(current->from)));
      }
    }
    return One(ParticipantStream(e.ref), e);
  }

  Result<std::vector<Decided>> operator()(const CaseworkerUnassigned& e) {
    Result<Participant> p = RequireParticipant(e.ref);
    if (!p.ok()) return p.status();
    if (Status s = NotFuture(e.date, "date"); !s.ok()) return s;
    const CaseworkerAssignment* current = Current(*p, e.role);
    if (!current) {
      return Status::NotFound(fmt::format("participant '{}' has no {}", e.ref, ToString(e.role)))
          .WithField("role");
    }
    if (Before(e.date, current->from)) {
      return Invalid("date",
                     fmt::format("participant '{}': {} is before the {} was assigned, {}", e.ref,
                                 FormatDate(e.date), ToString(e.role), FormatDate(current->from)));
    }
    return One(ParticipantStream(e.ref), e);
  }

  Result<std::vector<Decided>> operator()(const ContactRecorded& e) {
    Result<Participant> p = RequireParticipant(e.ref);
    if (!p.ok()) return p.status();
    if (Status s = FactDate(*p, e.date, "date", "the contact"); !s.ok()) return s;
    return One(ParticipantStream(e.ref), e);
  }

  Result<std::vector<Decided>> operator()(const ParticipantChanged& e) {
    Result<Participant> p = RequireParticipant(e.ref);
    if (!p.ok()) return p.status();
    if (Status s = FactDate(*p, e.date, "date", "the change"); !s.ok()) return s;
    ParticipantChanged completed = e;
    if (completed.groups) Normalise(*completed.groups);
    if (e.birth) {
      if (!Before(*e.birth, p->registered)) {
        return Invalid("birth", fmt::format("participant '{}': the birth date is not before the "
                                            "registration date {}",
                                            e.ref, FormatDate(p->registered)));
      }
      if (AgeOn(*e.birth, p->registered) < 15) {
        return Invalid("birth",
                       fmt::format("participant '{}': younger than 15 on registration", e.ref));
      }
    }
    const bool changes = (e.area && *e.area != p->area) || (e.cohort && *e.cohort != p->cohort) ||
                         (completed.groups && *completed.groups != p->groups) ||
                         (e.birth && e.birth != p->birth);
    if (!changes) {
      return Invalid("reason", fmt::format("participant '{}': the change changes nothing", e.ref));
    }
    return One(ParticipantStream(e.ref), std::move(completed));
  }

  Result<std::vector<Decided>> operator()(const TrajectoryStarted& e) {
    Result<Participant> p = RequireParticipant(e.ref);
    if (!p.ok()) return p.status();
    if (p->birth && !Before(*p->birth, e.date)) {
      return Invalid("date", fmt::format("participant '{}': the trajectory start {} is not after "
                                         "the participant's birth",
                                         e.ref, FormatDate(e.date)));
    }
    if (Status s = FactDate(*p, e.date, "date", "the trajectory start"); !s.ok()) return s;
    Result<const TrackDefinition*> track = RequireTrack(e.programme_id, e.track_id);
    if (!track.ok()) return track.status();
    for (const Trajectory& t : r_.TrajectoriesOf(e.ref)) {
      if (t.programme_id == e.programme_id && !IsFinal(t.state) &&
          t.state != TrajectoryState::kUitgestroomd) {
        return Status::Conflict(fmt::format("participant '{}' already has an open trajectory {} in "
                                            "programme '{}' (state {})",
                                            e.ref, t.id, e.programme_id, ToString(t.state)))
            .WithField("programme_id");
      }
    }
    TrajectoryStarted completed = e;
    if (completed.trajectory_id == 0) {
      completed.trajectory_id = r_.NextTrajectoryId();
    } else if (r_.FindTrajectory(completed.trajectory_id, false)) {
      return Status::Conflict(fmt::format("trajectory id {} is already in use", e.trajectory_id))
          .WithField("trajectory_id");
    }
    return One(ParticipantStream(e.ref), std::move(completed));
  }

  Result<std::vector<Decided>> operator()(const TrajectoryStateChanged& e) {
    Result<Trajectory> t = RequireTrajectory(e.trajectory_id, false);
    if (!t.ok()) return t.status();
    if (e.to == TrajectoryState::kGeplaatst) {
      return Invalid("to",
                     "a trajectory becomes geplaatst by recording a placement, not by a state "
                     "change");
    }
    if (Status s = CheckTransition(t->state, e.to); !s.ok()) {
      return s.WithContext(fmt::format("trajectory {}", t->id)).WithField("to");
    }
    if (Status s = NotBeforeState(*t, e.date, "date"); !s.ok()) return s;
    if (Status s = NotFuture(e.date, "date"); !s.ok()) return s;
    if (t->state == TrajectoryState::kGeplaatst && e.to == TrajectoryState::kInLeerwerk) {
      // Back to learning once the job has ended: a running placement keeps it geplaatst.
      for (const Placement& p : r_.PlacementsOf(t->id)) {
        if (!p.end || Before(e.date, *p.end)) {
          return Invalid("to", fmt::format("trajectory {}: placement {} is still running on {}; "
                                           "end it first (placement end)",
                                           t->id, p.id, FormatDate(e.date)));
        }
      }
    }
    TrajectoryStateChanged completed = e;
    completed.from = t->state;
    return One(ParticipantStream(t->participant_ref), std::move(completed));
  }

  Result<std::vector<Decided>> operator()(const MilestoneReached& e) {
    Result<Trajectory> t = RequireTrajectory(e.trajectory_id, true);
    if (!t.ok()) return t.status();
    if (IsFinal(t->state)) {
      return Invalid("trajectory_id", fmt::format("trajectory {} is {}: no more milestones", t->id,
                                                  ToString(t->state)));
    }
    Result<const MilestoneDefinition*> milestone = RequireMilestone(*t, e.milestone_id);
    if (!milestone.ok()) return milestone.status();
    if (Reached(*t, e.milestone_id)) {
      return Status::Conflict(fmt::format("trajectory {}: milestone '{}' was already reached",
                                          t->id, e.milestone_id))
          .WithField("milestone_id");
    }
    for (const std::string& required : (*milestone)->after) {
      const MilestoneRecord* before = Reached(*t, required);
      if (!before) {
        return Invalid("milestone_id", fmt::format("trajectory {}: milestone '{}' requires '{}' "
                                                   "first",
                                                   t->id, e.milestone_id, required));
      }
      if (Before(e.date, before->reached)) {
        return Invalid("date", fmt::format("trajectory {}: milestone '{}' on {} is dated before "
                                           "'{}' ({}), which it requires",
                                           t->id, e.milestone_id, FormatDate(e.date), required,
                                           FormatDate(before->reached)));
      }
    }
    if (Status s = NotBeforeStart(*t, e.date, "date"); !s.ok()) return s;
    if (Status s = NotFuture(e.date, "date"); !s.ok()) return s;
    std::vector<Decided> decided;
    const std::string stream = ParticipantStream(t->participant_ref);
    decided.push_back({stream, e});
    const std::optional<TrajectoryState> enters = (*milestone)->enters;
    if (enters && *enters > t->state) {
      if (Status s = CheckTransition(t->state, *enters); !s.ok()) {
        return s
            .WithContext(fmt::format("trajectory {}: milestone '{}' moves it to {}", t->id,
                                     e.milestone_id, ToString(*enters)))
            .WithField("milestone_id");
      }
      if (Status s = NotBeforeState(*t, e.date, "date"); !s.ok()) return s;
      decided.push_back({stream, TrajectoryStateChanged{t->id, t->state, *enters, e.date,
                                                        fmt::format("milestone {}", e.milestone_id),
                                                        std::nullopt}});
    }
    return decided;
  }

  Result<std::vector<Decided>> operator()(const MilestoneCorrected& e) {
    Result<ReachedMilestone> found = RequireReached(e.trajectory_id, e.milestone_id, e.date);
    if (!found.ok()) return found.status();
    const Trajectory* t = &found->trajectory;
    const MilestoneDefinition* milestone = found->definition;
    const MilestoneRecord* record = &found->record;
    if (e.reached) {
      if (Status s = CorrectedAfter(e.date, *e.reached); !s.ok()) return s;
    }
    const bool changes = (e.reached && *e.reached != record->reached) ||
                         (e.evidence && *e.evidence != record->evidence);
    if (!changes) {
      return Invalid("reason", fmt::format("trajectory {}: the correction of '{}' changes nothing",
                                           t->id, e.milestone_id));
    }
    if (e.reached) {
      const Date reached = *e.reached;
      if (Status s = NotBeforeStart(*t, reached, "reached"); !s.ok()) return s;
      if (Status s = NotFuture(reached, "reached"); !s.ok()) return s;
      for (const std::string& required : milestone->after) {
        const MilestoneRecord* before = Reached(*t, required);
        if (before && Before(reached, before->reached)) {
          return Invalid("reached",
                         fmt::format("trajectory {}: '{}' would be dated {}, before '{}' ({}), "
                                     "which it requires",
                                     t->id, e.milestone_id, FormatDate(reached), required,
                                     FormatDate(before->reached)));
        }
      }
      for (const MilestoneRecord* other : ReachedRequiring(*t, e.milestone_id)) {
        if (Before(other->reached, reached)) {
          return Invalid("reached",
                         fmt::format("trajectory {}: '{}' would be dated {}, after '{}' ({}), "
                                     "which requires it",
                                     t->id, e.milestone_id, FormatDate(reached),
                                     other->milestone_id, FormatDate(other->reached)));
        }
      }
      if (milestone->required_for_placement) {
        for (const Placement& p : r_.PlacementsOf(t->id)) {
          if (Before(p.start, reached)) {
            return Invalid("reached",
                           fmt::format("trajectory {}: placement {} started on {} needs '{}' "
                                       "reached first",
                                       t->id, p.id, FormatDate(p.start), e.milestone_id));
          }
        }
      }
      if (Status s =
              KeepsHistoryInOrder(*t, CausedChange(*t, e.milestone_id, 0), reached, "reached");
          !s.ok()) {
        return s;
      }
    }
    return One(ParticipantStream(t->participant_ref), e);
  }

  Result<std::vector<Decided>> operator()(const MilestoneRetracted& e) {
    Result<ReachedMilestone> found = RequireReached(e.trajectory_id, e.milestone_id, e.date);
    if (!found.ok()) return found.status();
    const Trajectory* t = &found->trajectory;
    const MilestoneDefinition* milestone = found->definition;
    if (const std::vector<const MilestoneRecord*> requiring = ReachedRequiring(*t, e.milestone_id);
        !requiring.empty()) {
      const std::string& other = requiring.front()->milestone_id;
      return Invalid("milestone_id",
                     fmt::format("trajectory {}: '{}' requires '{}'; retract '{}' first", t->id,
                                 other, e.milestone_id, other));
    }
    if (milestone->required_for_placement) {
      std::vector<Placement> placements = r_.PlacementsOf(t->id);
      if (!placements.empty()) {
        return Invalid("milestone_id",
                       fmt::format("trajectory {}: placement {} needed '{}' reached first; "
                                   "correct its date instead",
                                   t->id, placements.front().id, e.milestone_id));
      }
    }
    const int caused = CausedChange(*t, e.milestone_id, 0);
    if (caused >= 0 && caused + 1 != static_cast<int>(t->history.size())) {
      const StateChange& latest = t->history.back();
      return Invalid("milestone_id",
                     fmt::format("trajectory {}: '{}' moved it to {}, and it has moved on since "
                                 "({} on {}); a lifecycle is not rewound",
                                 t->id, e.milestone_id, ToString(t->history[caused].to),
                                 ToString(latest.to), FormatDate(latest.date)));
    }
    return One(ParticipantStream(t->participant_ref), e);
  }

  Result<std::vector<Decided>> operator()(const PlacementStarted& e) {
    Result<Trajectory> t = RequireTrajectory(e.trajectory_id, true);
    if (!t.ok()) return t.status();
    if (IsFinal(t->state) || t->state == TrajectoryState::kUitgestroomd) {
      return Invalid("trajectory_id", fmt::format("trajectory {} is {}: no new placements", t->id,
                                                  ToString(t->state)));
    }
    if (Status s = NotBeforeStart(*t, e.start, "start"); !s.ok()) return s;
    if (Status s = NotFuture(e.start, "start"); !s.ok()) return s;
    if (Status s = RequiredMilestonesBy(*t, e.start); !s.ok()) return s;
    for (const Placement& p : r_.PlacementsOf(t->id)) {
      if (!p.end) {
        return Status::Conflict(
                   fmt::format("trajectory {} already has a running placement {}", t->id, p.id))
            .WithField("trajectory_id");
      }
    }
    PlacementStarted completed = e;
    if (completed.placement_id == 0) {
      completed.placement_id = r_.NextPlacementId();
    } else if (r_.FindPlacement(completed.placement_id)) {
      return Status::Conflict(fmt::format("placement id {} is already in use", e.placement_id))
          .WithField("placement_id");
    }
    std::vector<Decided> decided;
    const std::string stream = ParticipantStream(t->participant_ref);
    decided.push_back({stream, completed});
    if (t->state != TrajectoryState::kGeplaatst) {
      if (Status s = CheckTransition(t->state, TrajectoryState::kGeplaatst); !s.ok()) {
        return s.WithContext(fmt::format("trajectory {}: a placement moves it to geplaatst", t->id))
            .WithField("trajectory_id");
      }
      if (Status s = NotBeforeState(*t, e.start, "start"); !s.ok()) return s;
      decided.push_back(
          {stream, TrajectoryStateChanged{t->id, t->state, TrajectoryState::kGeplaatst, e.start,
                                          fmt::format("placement {}", completed.placement_id),
                                          std::nullopt}});
    }
    return decided;
  }

  Result<std::vector<Decided>> operator()(const PlacementEnded& e) {
    Result<Placement> p = RequirePlacement(e.placement_id);
    if (!p.ok()) return p.status();
    if (p->end) {
      return Status::Conflict(
                 fmt::format("placement {} already ended on {}", p->id, FormatDate(*p->end)))
          .WithField("placement_id");
    }
    if (Status s = EndFits(*p, p->start, e.date, "date"); !s.ok()) return s;
    return One(StreamOf(*p), e);
  }

  Result<std::vector<Decided>> operator()(const PlacementCorrected& e) {
    Result<Placement> p = RequirePlacement(e.placement_id);
    if (!p.ok()) return p.status();
    if (Status s = NotFuture(e.date, "date"); !s.ok()) return s;
    Date latest = std::max(p->start, e.start.value_or(p->start));
    if (e.end) latest = std::max(latest, *e.end);
    if (Status s = CorrectedAfter(e.date, latest); !s.ok()) return s;
    if (e.reopen && !p->end) {
      return Invalid("reopen", fmt::format("placement {} has no recorded end to remove", p->id));
    }
    const bool changes = (e.employer && *e.employer != p->employer) ||
                         (e.hours_per_week && *e.hours_per_week != p->hours_per_week) ||
                         (e.gross_monthly_wage && *e.gross_monthly_wage != p->gross_monthly_wage) ||
                         (e.start && *e.start != p->start) || (e.end && e.end != p->end) ||
                         (e.reopen && p->end);
    if (!changes) {
      return Invalid("reason", fmt::format("placement {}: the correction changes nothing", p->id));
    }
    const Date start = e.start.value_or(p->start);
    const std::optional<Date> end = e.reopen ? std::nullopt : e.end ? e.end : p->end;
    if (e.start) {
      Result<Trajectory> t = RequireTrajectory(p->trajectory_id, true);
      if (!t.ok()) return t.status();
      if (Status s = NotBeforeStart(*t, start, "start"); !s.ok()) return s;
      if (Status s = NotFuture(start, "start"); !s.ok()) return s;
      if (Status s = RequiredMilestonesBy(*t, start); !s.ok()) return s;
      if (!p->assessments.empty() && Before(p->assessments.front().date, start)) {
        return Invalid("start", fmt::format("placement {}: a loonwaarde assessment on {} would be "
                                            "before its start; withdraw it first",
                                            p->id, FormatDate(p->assessments.front().date)));
      }
      if (Status s =
              KeepsHistoryInOrder(*t, CausedChange(*t, std::string(), p->id), start, "start");
          !s.ok()) {
        return s;
      }
    }
    if (end) {
      if (Status s = EndFits(*p, start, *end, e.end ? "end" : "start"); !s.ok()) return s;
    }
    if (e.reopen) {
      if (!p->end) {
        return Invalid("reopen", fmt::format("placement {} has not ended", p->id));
      }
      for (const Placement& other : r_.PlacementsOf(p->trajectory_id)) {
        if (other.id != p->id && !other.end) {
          return Status::Conflict(fmt::format("placement {} cannot run again: trajectory {} has "
                                              "a running placement {}",
                                              p->id, p->trajectory_id, other.id))
              .WithField("reopen");
        }
      }
    }
    return One(StreamOf(*p), e);
  }

  Result<std::vector<Decided>> operator()(const LoonwaardeAssessed& e) {
    Result<Placement> p = RequirePlacement(e.placement_id);
    if (!p.ok()) return p.status();
    if (Before(e.date, p->start) || (p->end && Before(*p->end, e.date))) {
      return Invalid("date", fmt::format("placement {}: assessment date {} is outside the "
                                         "placement",
                                         p->id, FormatDate(e.date)));
    }
    if (Status s = NotFuture(e.date, "date"); !s.ok()) return s;
    for (const LoonwaardeAssessment& a : p->assessments) {
      if (a.date == e.date) {
        return Status::Conflict(fmt::format("placement {} already has an assessment on {}", p->id,
                                            FormatDate(e.date)))
            .WithField("date");
      }
    }
    return One(StreamOf(*p), e);
  }

  Result<std::vector<Decided>> operator()(const LoonwaardeWithdrawn& e) {
    Result<Placement> p = RequirePlacement(e.placement_id);
    if (!p.ok()) return p.status();
    if (Status s = NotFuture(e.date, "date"); !s.ok()) return s;
    const bool found =
        std::any_of(p->assessments.begin(), p->assessments.end(),
                    [&](const LoonwaardeAssessment& a) { return a.date == e.assessed; });
    if (!found) {
      return Status::NotFound(fmt::format("placement {} has no loonwaarde assessment on {}", p->id,
                                          FormatDate(e.assessed)))
          .WithField("assessed");
    }
    if (Status s = CorrectedAfter(e.date, e.assessed); !s.ok()) return s;
    return One(StreamOf(*p), e);
  }

 private:
  template <typename T>
  static std::vector<Decided> One(std::string stream, T payload) {
    std::vector<Decided> decided;
    decided.push_back({std::move(stream), EventPayload(std::move(payload))});
    return decided;
  }

  static void Normalise(std::vector<TargetGroup>& groups) {
    std::sort(groups.begin(), groups.end());
    groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
  }

  static const CaseworkerAssignment* Current(const Participant& p, CaseworkerRole role) {
    for (auto it = p.assignments.rbegin(); it != p.assignments.rend(); ++it) {
      if (it->role == role) return it->until ? nullptr : &*it;
    }
    return nullptr;
  }

  // A reached milestone as a correction finds it: its trajectory (with details), definition and
  // record, after checking the correction's date is neither in the future nor before it.
  struct ReachedMilestone {
    Trajectory trajectory;
    const MilestoneDefinition* definition = nullptr;
    MilestoneRecord record;
  };
  Result<ReachedMilestone> RequireReached(std::int64_t trajectory_id,
                                          const std::string& milestone_id, Date corrected_on) {
    Result<Trajectory> t = RequireTrajectory(trajectory_id, true);
    if (!t.ok()) return t.status();
    if (Status s = NotFuture(corrected_on, "date"); !s.ok()) return s;
    Result<const MilestoneDefinition*> definition = RequireMilestone(*t, milestone_id);
    if (!definition.ok()) return definition.status();
    const MilestoneRecord* record = Reached(*t, milestone_id);
    if (!record) return NotReached(*t, milestone_id);
    if (Status s = CorrectedAfter(corrected_on, record->reached); !s.ok()) return s;
    MilestoneRecord copy = *record;
    return ReachedMilestone{std::move(t).value(), *definition, std::move(copy)};
  }

  // The milestones reached in `t` whose definition requires `milestone` (`after`).
  // REQUIRES: track_ set (RequireMilestone ran).
  std::vector<const MilestoneRecord*> ReachedRequiring(const Trajectory& t,
                                                       const std::string& milestone) const {
    std::vector<const MilestoneRecord*> requiring;
    for (const MilestoneRecord& other : t.milestones) {
      const MilestoneDefinition* definition = FindMilestone(**track_, other.milestone_id);
      if (!definition) continue;
      if (std::find(definition->after.begin(), definition->after.end(), milestone) !=
          definition->after.end()) {
        requiring.push_back(&other);
      }
    }
    return requiring;
  }

  static const MilestoneRecord* Reached(const Trajectory& t, const std::string& milestone) {
    for (const MilestoneRecord& r : t.milestones) {
      if (r.milestone_id == milestone) return &r;
    }
    return nullptr;
  }

  static Status NotReached(const Trajectory& t, const std::string& milestone) {
    return Status::NotFound(
               fmt::format("trajectory {}: milestone '{}' was not reached", t.id, milestone))
        .WithField("milestone_id");
  }

  // A fact cannot be dated after today.
  Status NotFuture(Date date, const char* field) const {
    if (!Before(c_.today, date)) return Status::OK();
    return Invalid(field, fmt::format("{} {} is after today ({}): only facts that happened are "
                                      "recorded",
                                      field, FormatDate(date), FormatDate(c_.today)));
  }

  // A correction is made on or after the day of the fact it corrects (and of any new date it
  // gives): nobody corrects what has not happened yet.
  static Status CorrectedAfter(Date made, Date fact) {
    if (!Before(made, fact)) return Status::OK();
    return Invalid("date", fmt::format("the correction is dated {}, before the fact it corrects "
                                       "({}); date it on the day it was made",
                                       FormatDate(made), FormatDate(fact)));
  }

  // A fact about a participant: not before their registration, and not in the future.
  Status FactDate(const Participant& p, Date date, const char* field, const char* what) const {
    if (Before(date, p.registered)) {
      return Invalid(field, fmt::format("participant '{}': {} on {} is before the registration "
                                        "on {}",
                                        p.ref, what, FormatDate(date), FormatDate(p.registered)));
    }
    return NotFuture(date, field);
  }

  static Status NotBeforeStart(const Trajectory& t, Date date, const char* field) {
    if (!Before(date, t.started)) return Status::OK();
    return Invalid(field, fmt::format("trajectory {}: {} {} is before its start {}", t.id, field,
                                      FormatDate(date), FormatDate(t.started)));
  }

  static Status NotBeforeState(const Trajectory& t, Date date, const char* field) {
    if (!Before(date, t.state_since)) return Status::OK();
    return Invalid(field, fmt::format("trajectory {}: {} {} is before {}, when it entered its "
                                      "current state {}",
                                      t.id, field, FormatDate(date), FormatDate(t.state_since),
                                      ToString(t.state)));
  }

  // Moving the state change at `index` (if any) to `date` keeps the history in date order.
  static Status KeepsHistoryInOrder(const Trajectory& t, int index, Date date, const char* field) {
    if (index < 0) return Status::OK();
    const std::size_t i = static_cast<std::size_t>(index);
    const Date earliest = i == 0 ? t.started : t.history[i - 1].date;
    if (Before(date, earliest)) {
      return Invalid(field, fmt::format("trajectory {}: the move to {} would be dated {}, before "
                                        "the step before it ({})",
                                        t.id, ToString(t.history[i].to), FormatDate(date),
                                        FormatDate(earliest)));
    }
    if (i + 1 < t.history.size() && Before(t.history[i + 1].date, date)) {
      return Invalid(field,
                     fmt::format("trajectory {}: the move to {} would be dated {}, after the "
                                 "step after it ({} on {})",
                                 t.id, ToString(t.history[i].to), FormatDate(date),
                                 ToString(t.history[i + 1].to), FormatDate(t.history[i + 1].date)));
    }
    return Status::OK();
  }

  // The milestones a placement needs are reached on or before `start`. REQUIRES: track_ set.
  Status RequiredMilestonesBy(const Trajectory& t, Date start) {
    Result<const TrackDefinition*> track = RequireTrack(t.programme_id, t.track_id, true);
    if (!track.ok()) return track.status();
    std::vector<std::string> missing;
    for (const MilestoneDefinition& m : (*track)->milestones) {
      if (!m.required_for_placement) continue;
      const MilestoneRecord* reached = Reached(t, m.id);
      if (!reached || Before(start, reached->reached)) {
        missing.push_back(fmt::format("'{}' ({})", m.id, m.name));
      }
    }
    if (missing.empty()) return Status::OK();
    return Invalid("start", fmt::format("trajectory {}: a placement needs these milestones reached "
                                        "by its start first: {}",
                                        t.id, Join(missing)));
  }

  // An end on `end` of placement `p` starting on `start`: not before the start, not before its
  // latest assessment, not in the future.
  Status EndFits(const Placement& p, Date start, Date end, const char* field) const {
    if (Before(end, start)) {
      return Invalid(field, fmt::format("placement {}: end {} is before its start {}", p.id,
                                        FormatDate(end), FormatDate(start)));
    }
    if (!p.assessments.empty() && Before(end, p.assessments.back().date)) {
      return Invalid(field,
                     fmt::format("placement {}: end {} is before its loonwaarde assessment "
                                 "on {}; withdraw that first",
                                 p.id, FormatDate(end), FormatDate(p.assessments.back().date)));
    }
    return NotFuture(end, field);
  }

  // A forgotten participant (Store::ForgetParticipant) takes no more commands, about them or
  // their trajectories and placements: what was erased is not to grow back.
  static Status Forgotten(const std::string& ref, const char* field) {
    return Status::InvalidArgument(fmt::format("participant '{}' was forgotten at their request: "
                                               "nothing more is recorded about them",
                                               ref))
        .WithField(field);
  }

  Result<Participant> RequireParticipant(const std::string& ref) {
    std::optional<Participant> p = r_.FindParticipant(ref);
    if (p && p->forgotten) return Forgotten(ref, "ref");
    if (p) return std::move(*p);
    return Status::NotFound(fmt::format("no participant '{}' in organisation '{}'", ref, c_.org))
        .WithField("ref");
  }

  Result<Trajectory> RequireTrajectory(std::int64_t id, bool details) {
    std::optional<Trajectory> t = r_.FindTrajectory(id, details);
    if (t) {
      if (std::optional<Participant> p = r_.FindParticipant(t->participant_ref);
          p && p->forgotten) {
        return Forgotten(t->participant_ref, "trajectory_id");
      }
      return std::move(*t);
    }
    return Status::NotFound(fmt::format("no trajectory {} in organisation '{}'", id, c_.org))
        .WithField("trajectory_id");
  }

  Result<Placement> RequirePlacement(std::int64_t id) {
    std::optional<Placement> p = r_.FindPlacement(id);
    if (p) {
      if (Result<Trajectory> t = RequireTrajectory(p->trajectory_id, false); !t.ok()) {
        return t.status().WithField("placement_id");
      }
      return std::move(*p);
    }
    return Status::NotFound(fmt::format("no placement {} in organisation '{}'", id, c_.org))
        .WithField("placement_id");
  }

  std::string StreamOf(const Placement& p) {
    std::optional<Trajectory> t = r_.FindTrajectory(p.trajectory_id, false);
    return ParticipantStream(t ? t->participant_ref : std::string());
  }

  // `existing`: the trajectory already follows this programme, so a programme the catalogue
  // does not know means its plugin is not loaded (Plugin), not a typo (NotFound).
  Result<const TrackDefinition*> RequireTrack(const std::string& programme_id,
                                              const std::string& track_id, bool existing = false) {
    if (existing && (!c_.catalogue || !c_.catalogue->Find(programme_id))) {
      return Status::Plugin(fmt::format("no plugin is loaded for programme '{}', which this "
                                        "trajectory follows: its milestones and rules are unknown",
                                        programme_id))
          .WithField("trajectory_id");
    }
    if (!c_.catalogue || c_.catalogue->empty()) {
      return Status::NotFound(
                 fmt::format("programme '{}' is not known: no programmes are loaded (a "
                             "programme comes from its banenplan plugin)",
                             programme_id))
          .WithField("programme_id");
    }
    const ProgrammeDefinition* programme = c_.catalogue->Find(programme_id);
    if (!programme) {
      std::vector<std::string> known;
      for (const ProgrammeDefinition* p : c_.catalogue->All()) known.push_back(p->id);
      return Status::NotFound(fmt::format("unknown programme '{}' (its plugin is not loaded?); "
                                          "loaded programmes: {}",
                                          programme_id, Join(known)))
          .WithField("programme_id");
    }
    const TrackDefinition* track = FindTrack(*programme, track_id);
    if (!track) {
      std::vector<std::string> known;
      for (const TrackDefinition& t : programme->tracks) known.push_back(t.id);
      return Status::NotFound(fmt::format("programme '{}' has no track '{}'; its tracks: {}",
                                          programme_id, track_id, Join(known)))
          .WithField("track_id");
    }
    track_ = track;
    return track;
  }

  // The milestone's definition in the trajectory's track; also sets track_.
  Result<const MilestoneDefinition*> RequireMilestone(const Trajectory& t,
                                                      const std::string& milestone_id) {
    Result<const TrackDefinition*> track = RequireTrack(t.programme_id, t.track_id, true);
    if (!track.ok()) return track.status();
    const MilestoneDefinition* milestone = FindMilestone(**track, milestone_id);
    if (milestone) return milestone;
    std::vector<std::string> known;
    for (const MilestoneDefinition& m : (*track)->milestones) known.push_back(m.id);
    return Status::NotFound(fmt::format("track '{}' has no milestone '{}'; its milestones: {}",
                                        t.track_id, milestone_id, Join(known)))
        .WithField("milestone_id");
  }

  DecisionReads& r_;
  const DecisionContext& c_;
  std::optional<const TrackDefinition*> track_;  // the last track RequireTrack found
};

}  // namespace

Result<std::vector<Decided>> Decide(DecisionReads& reads, const DecisionContext& context,
                                    const Command& command) {
  if (Status s = ValidateCommand(command); !s.ok()) return s;
  return std::visit(Decider(reads, context), command);
}

}  // namespace traject::model

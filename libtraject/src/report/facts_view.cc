#include "report/facts_view.h"

#include <fmt/format.h>

#include <algorithm>

#include "traject/milestones.h"

namespace traject::report {

Result<storage::FactSource*> SourceOf(Store& store) {
  auto* source = dynamic_cast<storage::FactSource*>(&store);
  if (!source) {
    return Status::InvalidArgument("reports need a store opened with traject::Store::Open");
  }
  return source;
}

Result<ReportFacts> ReadFacts(Store& store, const FactParts& parts, Date as_of) {
  Result<storage::FactSource*> source = SourceOf(store);
  if (!source.ok()) return source.status();
  if (!as_of.ok()) {
    return Status::InvalidArgument("as-of date: required, a calendar date").WithField("as_of");
  }
  return (*source)->ReadReportFacts(parts, ToDay(as_of));
}

Status RequireKnown(Store& store, Date as_of) {
  Result<storage::FactSource*> source = SourceOf(store);
  if (!source.ok()) return source.status();
  if (!as_of.ok()) {
    return Status::InvalidArgument("as-of date: required, a calendar date").WithField("as_of");
  }
  return (*source)->RequireKnown(ToDay(as_of));
}

Day PlusMonths(Day day, int months) { return ToDay(traject::AddMonths(ToDate(day), months)); }

TrajectoryState StateOn(const ReportFacts& f, const FactTrajectory& t, Day day) {
  TrajectoryState state = TrajectoryState::kAangemeld;
  for (std::uint32_t i = t.history_begin; i < t.history_end; ++i) {
    if (f.transitions[i].date <= day) state = f.transitions[i].to;
  }
  return state;
}

bool IsOpenOn(const ReportFacts& f, const FactTrajectory& t, Day day) {
  return t.started <= day && !IsClosed(StateOn(f, t, day));
}

bool IsOpenSomeDay(const ReportFacts& f, const FactTrajectory& t, Day first, Day last) {
  if (t.started > last) return false;
  if (IsOpenOn(f, t, std::max(first, t.started))) return true;
  for (std::uint32_t i = t.history_begin; i < t.history_end; ++i) {
    const Day d = f.transitions[i].date;
    if (d >= first && d <= last && IsOpenOn(f, t, d)) return true;
  }
  return false;
}

std::optional<Day> FirstEntered(const ReportFacts& f, const FactTrajectory& t,
                                TrajectoryState state) {
  for (std::uint32_t i = t.history_begin; i < t.history_end; ++i) {
    if (f.transitions[i].to == state) return f.transitions[i].date;
  }
  return std::nullopt;
}

std::optional<Day> ProgrammeExit(const ReportFacts& f, const FactTrajectory& t) {
  for (std::uint32_t i = t.history_begin; i < t.history_end; ++i) {
    const TrajectoryState to = f.transitions[i].to;
    if (to == TrajectoryState::kUitgestroomd || to == TrajectoryState::kAfgebroken) {
      return f.transitions[i].date;
    }
  }
  return std::nullopt;
}

BijstandSpells::BijstandSpells(const ReportFacts& f) : f_(f), changes_(f.people.size()) {
  for (std::size_t person = 0; person < f.people.size(); ++person) {
    struct Event {
      Day day;
      std::int64_t seq;
      bool exit;
    };
    std::vector<Event> events;
    for (std::uint32_t i = f.trajectories_of[person]; i < f.trajectories_of[person + 1]; ++i) {
      const FactTrajectory& t = f.trajectories[i];
      for (std::uint32_t h = t.history_begin; h < t.history_end; ++h) {
        const TrajectoryState to = f.transitions[h].to;
        const FactTransition& c = f.transitions[h];
        if (to == TrajectoryState::kUitgestroomd) events.push_back({c.date, c.seq, true});
        if (to == TrajectoryState::kTerugval) events.push_back({c.date, c.seq, false});
      }
    }
    if (events.empty()) continue;
    // By day; on one day in the order recorded.
    std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
      return a.day != b.day ? a.day < b.day : a.seq < b.seq;
    });
    bool on = true;
    for (const Event& e : events) {
      if (e.exit == on) {  // an exit while on, or a return while off
        on = !on;
        changes_[person].push_back({e.day, !on});
      }
    }
  }
}

bool BijstandSpells::OnBijstand(std::int32_t person, Day day) const {
  const FactPerson& p = f_.people[static_cast<std::size_t>(person)];
  if (!p.known || p.registered > day) return false;
  bool on = true;
  for (const Change& c : changes_[static_cast<std::size_t>(person)]) {
    if (c.day > day) break;
    on = !c.off;
  }
  return on;
}

PlacementView ViewOf(const ReportFacts& f, const FactPlacement& placement) {
  const FactTrajectory& t = f.trajectories[static_cast<std::size_t>(placement.trajectory)];
  const FactPerson& person = f.people[static_cast<std::size_t>(placement.person)];
  PlacementView view;
  Placement& p = view.placement;
  p.id = placement.id;
  p.trajectory_id = t.id;
  p.employer = f.Name(placement.employer);
  p.hours_per_week = placement.centihours;
  p.gross_monthly_wage = placement.wage;
  p.start = ToDate(placement.start);
  if (placement.end) p.end = ToDate(*placement.end);
  for (std::uint32_t i = placement.assessments_begin; i < placement.assessments_end; ++i) {
    p.assessments.push_back({ToDate(f.assessments[i].date), f.assessments[i].percent});
  }
  view.participant_ref = person.ref;
  view.programme_id = f.Name(t.programme);
  view.track_id = f.Name(t.track);
  if (person.area >= 0) view.area = f.Name(person.area);
  for (TargetGroup g : kAllTargetGroups) {
    if (person.groups & (1u << static_cast<unsigned>(g))) view.groups.push_back(g);
  }
  if (person.birth) view.birth = ToDate(*person.birth);
  view.trajectory_started = ToDate(t.started);
  for (std::uint32_t i = t.milestones_begin; i < t.milestones_end; ++i) {
    view.milestones.push_back({f.Name(f.milestones[i].milestone), ToDate(f.milestones[i].reached),
                               f.evidence.empty() ? std::string() : f.evidence[i]});
  }
  return view;
}

bool IsWorking(const ReportFacts& f, std::int32_t person, Day day) {
  const auto p = static_cast<std::size_t>(person);
  for (std::uint32_t i = f.trajectories_of[p]; i < f.trajectories_of[p + 1]; ++i) {
    const FactTrajectory& t = f.trajectories[i];
    for (std::uint32_t j = t.placements_begin; j < t.placements_end; ++j) {
      const FactPlacement& placement = f.placements[j];
      if (placement.start <= day && (!placement.end || day <= *placement.end)) return true;
    }
  }
  return false;
}

NameId CaseworkerOn(const ReportFacts& f, std::int32_t person, CaseworkerRole role, Day day) {
  const auto p = static_cast<std::size_t>(person);
  NameId name = -1;
  for (std::uint32_t i = f.assignments_of[p]; i < f.assignments_of[p + 1]; ++i) {
    const storage::FactAssignment& a = f.assignments[i];
    if (a.role == role && a.from <= day && (!a.until || day < *a.until)) name = a.name;
  }
  return name;
}

Grouper::Grouper(const ReportFacts& f, ReportGrouping by, const ProgrammeCatalogue* programmes)
    : f_(f), by_(by), programmes_(programmes) {}

std::vector<std::string> Grouper::KeysOf(std::int32_t person, const FactTrajectory* trajectory,
                                         const FactPlacement* placement, Day day) const {
  const FactPerson& p = f_.people[static_cast<std::size_t>(person)];
  switch (by_) {
    case ReportGrouping::kProgramme:
      return {trajectory ? f_.Name(trajectory->programme) : std::string("(no trajectory)")};
    case ReportGrouping::kTrack:
      if (!trajectory) return {"(no trajectory)"};
      return {f_.Name(trajectory->programme) + "/" + f_.Name(trajectory->track)};
    case ReportGrouping::kArea:
      return {p.area < 0 ? std::string("(no area)") : f_.Name(p.area)};
    case ReportGrouping::kGroup: {
      std::vector<std::string> keys;
      std::uint8_t bits = p.groups;
      if (p.birth) {
        const int age = AgeOn(ToDate(*p.birth), ToDate(day));
        if (age < 27) bits |= 1u << static_cast<unsigned>(TargetGroup::kJongere);
        if (age >= 50) bits |= 1u << static_cast<unsigned>(TargetGroup::kVijftigPlusser);
      }
      for (TargetGroup g : kAllTargetGroups) {
        if (bits & (1u << static_cast<unsigned>(g))) keys.emplace_back(ToString(g));
      }
      if (keys.empty()) keys.emplace_back("(no target group)");
      return keys;
    }
    case ReportGrouping::kEmployer:
      return {placement ? f_.Name(placement->employer) : std::string("(no placement)")};
    case ReportGrouping::kKlantmanager: {
      const NameId name = CaseworkerOn(f_, person, CaseworkerRole::kKlantmanager, day);
      return {name < 0 ? std::string("(no klantmanager)") : f_.Name(name)};
    }
    case ReportGrouping::kMonth: {
      const Date d = ToDate(day);
      return {
          fmt::format("{:04}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()))};
    }
  }
  return {"?"};
}

std::string Grouper::LabelOf(const std::string& key) const {
  if (!programmes_) return key;
  if (by_ == ReportGrouping::kProgramme) {
    if (const ProgrammeDefinition* p = programmes_->Find(key)) return p->name;
  }
  if (by_ == ReportGrouping::kTrack) {
    const auto slash = key.find('/');
    if (slash != std::string::npos) {
      if (const ProgrammeDefinition* p = programmes_->Find(key.substr(0, slash))) {
        if (const TrackDefinition* t = FindTrack(*p, key.substr(slash + 1))) return t->name;
      }
    }
  }
  return key;
}

void AddPartsFor(ReportGrouping by, FactParts& parts) {
  switch (by) {
    case ReportGrouping::kArea:
    case ReportGrouping::kGroup:
      parts.people = true;
      break;
    case ReportGrouping::kKlantmanager:
      parts.assignments = true;
      break;
    case ReportGrouping::kProgramme:
    case ReportGrouping::kTrack:
      parts.trajectories = true;
      break;
    case ReportGrouping::kEmployer:
      parts.placements = true;
      break;
    case ReportGrouping::kMonth:
      break;
  }
}

Status RequireGrouping(ReportGrouping by, std::initializer_list<ReportGrouping> accepted,
                       const char* report) {
  std::vector<std::string_view> names;
  for (ReportGrouping g : accepted) {
    if (g == by) return Status::OK();
    names.push_back(ToString(g));
  }
  return Status::InvalidArgument(fmt::format("the {} report is by {}, not {}", report,
                                             fmt::join(names, ", "), ToString(by)))
      .WithField("by");
}

}  // namespace traject::report

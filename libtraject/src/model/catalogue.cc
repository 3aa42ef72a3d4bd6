#include "traject/catalogue.h"

#include <fmt/format.h>

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <utility>

namespace traject {

std::string_view ToString(ProgrammeKind kind) {
  return kind == ProgrammeKind::kArea ? "area" : "sector";
}

Result<ProgrammeKind> ParseProgrammeKind(std::string_view text) {
  if (text == "area") return ProgrammeKind::kArea;
  if (text == "sector") return ProgrammeKind::kSector;
  return Status::InvalidArgument(fmt::format("unknown programme kind '{}' (area or sector)", text));
}

std::string_view ToString(MilestoneOutcome outcome) {
  switch (outcome) {
    case MilestoneOutcome::kNone:
      return "none";
    case MilestoneOutcome::kSkillGain:
      return "skill-gain";
    case MilestoneOutcome::kCredential:
      return "credential";
  }
  return "?";
}

Result<MilestoneOutcome> ParseMilestoneOutcome(std::string_view text) {
  for (MilestoneOutcome o :
       {MilestoneOutcome::kNone, MilestoneOutcome::kSkillGain, MilestoneOutcome::kCredential}) {
    if (ToString(o) == text) return o;
  }
  return Status::InvalidArgument(
      fmt::format("unknown milestone outcome '{}' (none, skill-gain or credential)", text));
}

const TrackDefinition* FindTrack(const ProgrammeDefinition& programme, std::string_view track_id) {
  for (const TrackDefinition& track : programme.tracks) {
    if (track.id == track_id) return &track;
  }
  return nullptr;
}

const MilestoneDefinition* FindMilestone(const TrackDefinition& track,
                                         std::string_view milestone_id) {
  for (const MilestoneDefinition& milestone : track.milestones) {
    if (milestone.id == milestone_id) return &milestone;
  }
  return nullptr;
}

bool IsValidId(std::string_view id) {
  if (id.empty() || id.size() > 64 || id.front() == '-') return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

namespace {

constexpr std::string_view kIdsRule = "ids well-formed and unique";
constexpr std::string_view kNamesRule =
    "programme, tracks and milestones named; durations 0..120 months";
constexpr std::string_view kOrderRule = "milestones in topological order of 'after'";
constexpr std::string_view kEntersRule = "milestones enter only intake or in-leerwerk";
constexpr std::string_view kDeadlinesRule = "deadlines 1..3660 days with known anchors, no cycles";
constexpr std::string_view kOutcomesRule = "milestone outcomes none, skill-gain or credential";

using Edges = std::map<std::string, std::vector<std::string>>;

// Depth-first search for a cycle.
bool HasCycle(const Edges& edges) {
  enum class Mark { kNone, kActive, kDone };
  std::map<std::string, Mark> marks;
  std::function<bool(const std::string&)> visit = [&](const std::string& node) {
    Mark& mark = marks[node];
    if (mark == Mark::kActive) return true;
    if (mark == Mark::kDone) return false;
    mark = Mark::kActive;
    auto it = edges.find(node);
    if (it != edges.end()) {
      for (const std::string& next : it->second) {
        if (visit(next)) return true;
      }
    }
    marks[node] = Mark::kDone;
    return false;
  };
  for (const auto& [node, unused] : edges) {
    if (visit(node)) return true;
  }
  return false;
}

// Problems of one rule, appended to a shared list.
class Problems {
 public:
  Problems(std::vector<ProgrammeProblem>& all, std::string_view rule) : all_(all), rule_(rule) {}
  template <typename... Args>
  void Add(fmt::format_string<Args...> format, Args&&... args) {
    all_.push_back({rule_, fmt::format(format, std::forward<Args>(args)...)});
  }

 private:
  std::vector<ProgrammeProblem>& all_;
  std::string_view rule_;
};

std::string At(const TrackDefinition& track, const MilestoneDefinition& milestone) {
  return fmt::format("track '{}', milestone '{}'", track.id, milestone.id);
}

void CheckIds(const ProgrammeDefinition& programme, Problems problems) {
  if (!IsValidId(programme.id)) {
    problems.Add("programme '{}': malformed programme id", programme.id);
  }
  std::set<std::string> track_ids;
  for (const TrackDefinition& track : programme.tracks) {
    if (!IsValidId(track.id)) problems.Add("track '{}': malformed track id", track.id);
    if (!track_ids.insert(track.id).second) {
      problems.Add("programme '{}': duplicate track id '{}'", programme.id, track.id);
    }
    std::set<std::string> ids;
    for (const MilestoneDefinition& milestone : track.milestones) {
      if (!IsValidId(milestone.id))
        problems.Add("{}: malformed milestone id", At(track, milestone));
      if (!ids.insert(milestone.id).second) problems.Add("{}: duplicate id", At(track, milestone));
    }
  }
}

void CheckNames(const ProgrammeDefinition& programme, Problems problems) {
  if (programme.name.empty()) problems.Add("programme '{}': empty name", programme.id);
  if (programme.tracks.empty()) problems.Add("programme '{}': no tracks", programme.id);
  for (const TrackDefinition& track : programme.tracks) {
    if (track.name.empty()) problems.Add("track '{}': empty name", track.id);
    if (track.duration_months < 0 || track.duration_months > 120) {
      problems.Add("track '{}': duration_months {} not in 0..120", track.id, track.duration_months);
    }
    if (track.milestones.empty()) problems.Add("track '{}': no milestones", track.id);
    for (const MilestoneDefinition& milestone : track.milestones) {
      if (milestone.name.empty()) problems.Add("{}: empty name", At(track, milestone));
    }
  }
}

// Where each milestone id is first listed in its track.
std::map<std::string, std::size_t> Positions(const TrackDefinition& track) {
  std::map<std::string, std::size_t> positions;
  for (std::size_t i = 0; i < track.milestones.size(); ++i) {
    positions.emplace(track.milestones[i].id, i);
  }
  return positions;
}

Edges AfterEdges(const TrackDefinition& track) {
  Edges edges;
  for (const MilestoneDefinition& milestone : track.milestones) {
    std::vector<std::string>& next = edges[milestone.id];
    next.insert(next.end(), milestone.after.begin(), milestone.after.end());
  }
  return edges;
}

void CheckOrder(const ProgrammeDefinition& programme, Problems problems) {
  for (const TrackDefinition& track : programme.tracks) {
    const std::map<std::string, std::size_t> positions = Positions(track);
    for (std::size_t i = 0; i < track.milestones.size(); ++i) {
      const MilestoneDefinition& milestone = track.milestones[i];
      for (const std::string& before : milestone.after) {
        auto it = positions.find(before);
        if (before == milestone.id) {
          problems.Add("{}: refers to itself in 'after'", At(track, milestone));
        } else if (it == positions.end()) {
          problems.Add("{}: refers to unknown milestone '{}' in 'after'", At(track, milestone),
                       before);
        } else if (it->second > i) {
          problems.Add(
              "{}: after '{}', which is listed later; list every milestone after those in its "
              "'after'",
              At(track, milestone), before);
        }
      }
    }
    if (HasCycle(AfterEdges(track))) problems.Add("track '{}': 'after' has a cycle", track.id);
  }
}

void CheckEnters(const ProgrammeDefinition& programme, Problems problems) {
  for (const TrackDefinition& track : programme.tracks) {
    for (const MilestoneDefinition& milestone : track.milestones) {
      if (milestone.enters && *milestone.enters != TrajectoryState::kIntake &&
          *milestone.enters != TrajectoryState::kInLeerwerk) {
        problems.Add("{}: enters {}, which only the host sets", At(track, milestone),
                     ToString(*milestone.enters));
      }
    }
  }
}

void CheckDeadlines(const ProgrammeDefinition& programme, Problems problems) {
  for (const TrackDefinition& track : programme.tracks) {
    const std::map<std::string, std::size_t> positions = Positions(track);
    Edges edges = AfterEdges(track);
    for (const MilestoneDefinition& milestone : track.milestones) {
      if (!milestone.deadline) continue;
      const Deadline& deadline = *milestone.deadline;
      if (deadline.days < 1 || deadline.days > 3660) {
        problems.Add("{}: deadline of {} days not in 1..3660", At(track, milestone), deadline.days);
      }
      if (deadline.anchor.empty()) continue;
      if (deadline.anchor == milestone.id) {
        problems.Add("{}: deadline refers to itself", At(track, milestone));
      } else if (!positions.count(deadline.anchor)) {
        problems.Add("{}: deadline refers to unknown milestone '{}'", At(track, milestone),
                     deadline.anchor);
      }
      edges[milestone.id].push_back(deadline.anchor);
    }
    // A cycle of `after` alone is CheckOrder's; here only the ones the anchors close.
    if (!HasCycle(AfterEdges(track)) && HasCycle(edges)) {
      problems.Add("track '{}': deadline anchors and 'after' form a cycle", track.id);
    }
  }
}

// MilestoneOutcome has a fixed underlying type, so a plugin can hand over any of its 256 values
// (a cast from a number): only the three named ones mean something to the reports.
bool IsKnownOutcome(MilestoneOutcome outcome) {
  switch (outcome) {
    case MilestoneOutcome::kNone:
    case MilestoneOutcome::kSkillGain:
    case MilestoneOutcome::kCredential:
      return true;
  }
  return false;
}

// Names the programme as well as the track and milestone, so that the message says where the
// defect is on its own, whatever context a caller adds.
void CheckOutcomes(const ProgrammeDefinition& programme, Problems problems) {
  for (const TrackDefinition& track : programme.tracks) {
    for (const MilestoneDefinition& milestone : track.milestones) {
      if (!IsKnownOutcome(milestone.outcome)) {
        problems.Add("programme '{}', {}: outcome {} is not none, skill-gain or credential",
                     programme.id, At(track, milestone),
                     static_cast<unsigned>(static_cast<std::uint8_t>(milestone.outcome)));
      }
    }
  }
}

}  // namespace

std::vector<std::string_view> ProgrammeRuleNames() {
  return {kIdsRule, kNamesRule, kOrderRule, kEntersRule, kDeadlinesRule, kOutcomesRule};
}

std::vector<ProgrammeProblem> FindProgrammeProblems(const ProgrammeDefinition& programme) {
  std::vector<ProgrammeProblem> problems;
  CheckIds(programme, Problems(problems, kIdsRule));
  CheckNames(programme, Problems(problems, kNamesRule));
  CheckOrder(programme, Problems(problems, kOrderRule));
  CheckEnters(programme, Problems(problems, kEntersRule));
  CheckDeadlines(programme, Problems(problems, kDeadlinesRule));
  CheckOutcomes(programme, Problems(problems, kOutcomesRule));
  return problems;
}

Status ValidateProgramme(const ProgrammeDefinition& programme) {
  const std::vector<ProgrammeProblem> problems = FindProgrammeProblems(programme);
  if (problems.empty()) return Status::OK();
  std::string message = problems.front().message;
  for (std::size_t i = 1; i < problems.size(); ++i) message += "\n" + problems[i].message;
  return Status::InvalidArgument(message);
}

Status ProgrammeCatalogue::Add(ProgrammeDefinition programme, std::string source) {
  if (Status status = ValidateProgramme(programme); !status.ok()) {
    return status.WithContext(source);
  }
  auto it = entries_.find(programme.id);
  if (it != entries_.end()) {
    return Status::Conflict(fmt::format("programme id '{}' is defined by both {} and {}",
                                        programme.id, it->second.source, source));
  }
  std::string id = programme.id;
  entries_.emplace(std::move(id), Entry{std::move(programme), std::move(source)});
  return Status::OK();
}

const ProgrammeDefinition* ProgrammeCatalogue::Find(std::string_view programme_id) const {
  auto it = entries_.find(programme_id);
  return it == entries_.end() ? nullptr : &it->second.programme;
}

std::string ProgrammeCatalogue::SourceOf(std::string_view programme_id) const {
  auto it = entries_.find(programme_id);
  return it == entries_.end() ? std::string() : it->second.source;
}

std::vector<const ProgrammeDefinition*> ProgrammeCatalogue::All() const {
  std::vector<const ProgrammeDefinition*> all;
  for (const auto& [id, entry] : entries_) all.push_back(&entry.programme);
  return all;
}

}  // namespace traject

#include "traject/catalogue.h"

#include <fmt/format.h>

#include <functional>
#include <map>
#include <set>

namespace traject {

std::string_view ToString(ProgrammeKind kind) {
  return kind == ProgrammeKind::kArea ? "area" : "sector";
}

Result<ProgrammeKind> ParseProgrammeKind(std::string_view text) {
  if (text == "area") return ProgrammeKind::kArea;
  if (text == "sector") return ProgrammeKind::kSector;
  return Status::InvalidArgument(fmt::format("unknown programme kind '{}' (area or sector)", text));
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

// Depth-first search for a cycle through `after` edges and deadline anchors.
bool HasCycle(const std::map<std::string, std::vector<std::string>>& edges) {
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

void ValidateTrack(const TrackDefinition& track, std::vector<std::string>& problems) {
  const std::string where = fmt::format("track '{}'", track.id);
  if (!IsValidId(track.id)) problems.push_back(fmt::format("{}: malformed track id", where));
  if (track.name.empty()) problems.push_back(fmt::format("{}: empty name", where));
  if (track.duration_months < 0 || track.duration_months > 120) {
    problems.push_back(
        fmt::format("{}: duration_months {} not in 0..120", where, track.duration_months));
  }
  if (track.milestones.empty()) problems.push_back(fmt::format("{}: no milestones", where));
  std::set<std::string> ids;
  std::map<std::string, std::vector<std::string>> edges;
  for (const MilestoneDefinition& milestone : track.milestones) {
    const std::string at = fmt::format("{}, milestone '{}'", where, milestone.id);
    if (!IsValidId(milestone.id)) problems.push_back(fmt::format("{}: malformed milestone id", at));
    if (!ids.insert(milestone.id).second) problems.push_back(fmt::format("{}: duplicate id", at));
    if (milestone.name.empty()) problems.push_back(fmt::format("{}: empty name", at));
    edges[milestone.id] = milestone.after;
    if (milestone.deadline) {
      if (milestone.deadline->days < 1 || milestone.deadline->days > 3660) {
        problems.push_back(
            fmt::format("{}: deadline of {} days not in 1..3660", at, milestone.deadline->days));
      }
      if (!milestone.deadline->anchor.empty()) {
        edges[milestone.id].push_back(milestone.deadline->anchor);
      }
    }
    if (milestone.enters && IsFinal(*milestone.enters)) {
      problems.push_back(
          fmt::format("{}: may not enter final state {}", at, ToString(*milestone.enters)));
    }
  }
  for (const MilestoneDefinition& milestone : track.milestones) {
    for (const std::string& target : edges[milestone.id]) {
      if (!ids.count(target)) {
        problems.push_back(fmt::format("{}, milestone '{}': refers to unknown milestone '{}'",
                                       where, milestone.id, target));
      }
      if (target == milestone.id) {
        problems.push_back(
            fmt::format("{}, milestone '{}': refers to itself", where, milestone.id));
      }
    }
  }
  if (HasCycle(edges)) {
    problems.push_back(
        fmt::format("{}: milestone order (after/deadline anchors) has a cycle", where));
  }
}

}  // namespace

Status ValidateProgramme(const ProgrammeDefinition& programme) {
  std::vector<std::string> problems;
  const std::string where = fmt::format("programme '{}'", programme.id);
  if (!IsValidId(programme.id))
    problems.push_back(fmt::format("{}: malformed programme id", where));
  if (programme.name.empty()) problems.push_back(fmt::format("{}: empty name", where));
  if (programme.tracks.empty()) problems.push_back(fmt::format("{}: no tracks", where));
  std::set<std::string> track_ids;
  for (const TrackDefinition& track : programme.tracks) {
    if (!track_ids.insert(track.id).second) {
      problems.push_back(fmt::format("{}: duplicate track id '{}'", where, track.id));
    }
    ValidateTrack(track, problems);
  }
  if (problems.empty()) return Status::OK();
  std::string message = problems.front();
  for (std::size_t i = 1; i < problems.size(); ++i) message += "\n" + problems[i];
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

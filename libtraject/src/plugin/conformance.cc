#include <fmt/format.h>

#include <set>

#include "traject/plugin_check.h"
#include "traject/plugin_host.h"

namespace traject {
namespace {

using std::chrono::sys_days;

// Facts over a grid of inputs: every track, with no and with all milestones reached, a range
// of hours and loonwaarde values, and evaluation dates from the start to two years on.
std::vector<PlacementFacts> FactsGrid(const ProgrammeDefinition& programme) {
  std::vector<PlacementFacts> grid;
  const Date start{std::chrono::year{2024}, std::chrono::March, std::chrono::day{1}};
  for (const TrackDefinition& track : programme.tracks) {
    for (bool all_reached : {false, true}) {
      for (CentiHours hours : {800, 2000, 3600, 4000}) {
        for (int loonwaarde : {-1, 0, 50, 100}) {
          for (int months_on : {0, 3, 6, 12, 24}) {
            PlacementFacts facts;
            facts.programme_id = programme.id;
            facts.track_id = track.id;
            facts.trajectory_started = AddMonths(start, -3);
            if (all_reached) {
              for (const MilestoneDefinition& m : track.milestones) {
                facts.milestones.push_back({m.id, AddMonths(start, -1), "check"});
              }
            }
            facts.placement.id = 1;
            facts.placement.trajectory_id = 1;
            facts.placement.employer = "Conformance BV";
            facts.placement.hours_per_week = hours;
            facts.placement.gross_monthly_wage = 230000;
            facts.placement.start = start;
            if (loonwaarde >= 0) facts.placement.assessments.push_back({start, loonwaarde});
            facts.birth = Date{std::chrono::year{1990}, std::chrono::May, std::chrono::day{5}};
            facts.groups = {TargetGroup::kStatushouder};
            facts.on = AddMonths(start, months_on);
            grid.push_back(std::move(facts));
          }
        }
      }
    }
  }
  return grid;
}

ConformanceCheck CheckDecisions(const LoadedPlugin& plugin,
                                const std::vector<PlacementFacts>& grid) {
  ConformanceCheck check{"eligibility rules answer with reasons", true, ""};
  int calls = 0;
  for (const PlacementFacts& facts : grid) {
    Result<Decision> lks = plugin.LksEligibility(facts);
    Result<Decision> again = plugin.LksEligibility(facts);
    if (!lks.ok()) return {check.name, false, lks.status().message()};
    if (!lks->eligible && lks->reason.empty()) {
      return {check.name, false, "LksEligibility refused without a reason"};
    }
    if (again.ok() && (again->eligible != lks->eligible || again->reason != lks->reason)) {
      return {check.name, false, "LksEligibility gave different answers for the same facts"};
    }
    for (const char* premium : {"uitstroompremie", "bijverdienpremie"}) {
      Result<Decision> d = plugin.ParticipantPremiumEligibility(premium, facts);
      if (!d.ok()) return {check.name, false, d.status().message()};
      if (!d->eligible && d->reason.empty()) {
        return {check.name, false, fmt::format("{} refused without a reason", premium)};
      }
    }
    calls += 4;
  }
  check.detail = fmt::format("{} calls over {} placements", calls, grid.size());
  return check;
}

ConformanceCheck CheckPremiums(const LoadedPlugin& plugin,
                               const std::vector<PlacementFacts>& grid) {
  ConformanceCheck check{"premiums are well-formed", true, ""};
  int awards = 0;
  for (const PlacementFacts& facts : grid) {
    Result<std::vector<PremiumAward>> result = plugin.Premiums(facts);
    if (!result.ok()) return {check.name, false, result.status().message()};
    std::set<std::string> ids;
    for (const PremiumAward& a : *result) {
      const std::string at = fmt::format("premium '{}' on {}", a.premium_id, FormatDate(facts.on));
      if (!IsValidId(a.premium_id)) return {check.name, false, at + ": malformed id"};
      if (!ids.insert(a.premium_id).second) return {check.name, false, at + ": awarded twice"};
      if (a.name.empty()) return {check.name, false, at + ": no name"};
      if (a.amount <= 0 || a.amount > 100000000)
        return {check.name, false, at + ": amount out of range"};
      if (sys_days(a.due) < sys_days(facts.placement.start) ||
          sys_days(a.due) > sys_days(facts.on)) {
        return {check.name, false, at + ": due date outside the placement up to the date asked"};
      }
      ++awards;
    }
  }
  check.detail = fmt::format("{} awards over {} placements", awards, grid.size());
  return check;
}

}  // namespace

bool ConformanceReport::passed() const {
  for (const ConformanceCheck& c : checks) {
    if (!c.passed) return false;
  }
  return !checks.empty();
}

ConformanceReport CheckPlugin(const std::filesystem::path& path) {
  ConformanceReport report;
  Result<std::shared_ptr<LoadedPlugin>> loaded = LoadedPlugin::Load(path);
  if (!loaded.ok()) {
    report.checks.push_back(
        {"loads: entry point, API version, valid programme", false, loaded.status().message()});
    return report;
  }
  const LoadedPlugin& plugin = **loaded;
  report.plugin = fmt::format("{} {}", plugin.name(), plugin.version());
  report.programme = plugin.programme().id;
  report.checks.push_back(
      {"loads: entry point, API version " + std::to_string(TRAJECT_PLUGIN_API_VERSION), true,
       path.string()});
  int milestones = 0;
  for (const TrackDefinition& t : plugin.programme().tracks)
    milestones += static_cast<int>(t.milestones.size());
  report.checks.push_back(
      {"ids unique, milestone order acyclic, deadlines sane", true,
       fmt::format("{} tracks, {} milestones", plugin.programme().tracks.size(), milestones)});
  const std::vector<PlacementFacts> grid = FactsGrid(plugin.programme());
  report.checks.push_back(CheckDecisions(plugin, grid));
  report.checks.push_back(CheckPremiums(plugin, grid));
  return report;
}

}  // namespace traject

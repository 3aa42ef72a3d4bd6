#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string_view>

#include "traject/catalogue.h"
#include "traject/plugin_check.h"
#include "traject/plugin_host.h"
#include "traject/premiums.h"

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
    for (std::string_view premium : BuiltinPremiumIds()) {
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

ConformanceCheck CheckBuiltinPremiumIds(const LoadedPlugin& plugin,
                                        const std::vector<PlacementFacts>& grid) {
  ConformanceCheck check{"premium ids are distinct from built-in premiums", true, ""};
  const std::vector<std::string_view> builtin = BuiltinPremiumIds();
  std::set<std::string> seen;
  for (const PlacementFacts& facts : grid) {
    Result<std::vector<PremiumAward>> result = plugin.Premiums(facts);
    if (!result.ok()) return {check.name, false, result.status().message()};
    for (const PremiumAward& a : *result) {
      if (std::find(builtin.begin(), builtin.end(), a.premium_id) != builtin.end()) {
        return {check.name, false,
                fmt::format("premium '{}' on {}: the id of a built-in premium; give the plugin's "
                            "premium an id of its own",
                            a.premium_id, FormatDate(facts.on))};
      }
      seen.insert(a.premium_id);
    }
  }
  std::string ids;
  for (const std::string& id : seen) ids += (ids.empty() ? "" : ", ") + id;
  check.detail = seen.empty() ? "no premiums awarded" : "awarded: " + ids;
  return check;
}

std::string Counted(int n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

int CountOutcome(const TrackDefinition& track, MilestoneOutcome outcome) {
  return static_cast<int>(
      std::count_if(track.milestones.begin(), track.milestones.end(),
                    [&](const MilestoneDefinition& m) { return m.outcome == outcome; }));
}

// What each track declares for the outcome reports: "t: 1 credential, 2 skill gains; ...".
std::string OutcomeCounts(const ProgrammeDefinition& programme) {
  std::string counts;
  for (const TrackDefinition& t : programme.tracks) {
    counts += fmt::format(
        "{}{}: {}, {}", counts.empty() ? "" : "; ", t.id,
        Counted(CountOutcome(t, MilestoneOutcome::kCredential), "credential", "credentials"),
        Counted(CountOutcome(t, MilestoneOutcome::kSkillGain), "skill gain", "skill gains"));
  }
  return counts.empty() ? "no tracks" : counts;
}

// A track that names a qualification promises one: without a milestone marked credential the
// credential-attainment report would count nobody on it, however many got the diploma. Not a
// rule of ValidateProgramme: such a plugin still loads (its money rules are unaffected), but
// fails this check so that its author marks the milestone.
ConformanceCheck CheckQualifications(const ProgrammeDefinition& programme) {
  ConformanceCheck check{"tracks naming a qualification mark a credential", true, ""};
  int naming = 0;
  for (const TrackDefinition& t : programme.tracks) {
    if (t.qualification.empty()) continue;
    ++naming;
    if (CountOutcome(t, MilestoneOutcome::kCredential) == 0) {
      return {check.name, false,
              fmt::format("track '{}' names a qualification but no milestone is marked "
                          "credential; set outcome = MilestoneOutcome::kCredential on the "
                          "milestone that attains it",
                          t.id)};
    }
  }
  check.detail = naming == 0 ? "no track names a qualification"
                             : fmt::format("{} with a qualification: each marks a credential",
                                           Counted(naming, "track", "tracks"));
  return check;
}

// One check per structural rule of ValidateProgramme, each with every problem of its rule, or
// what it covered.
std::vector<ConformanceCheck> StructuralChecks(const ProgrammeDefinition& programme) {
  const std::vector<ProgrammeProblem> problems = FindProgrammeProblems(programme);
  int milestones = 0, links = 0, entering = 0, deadlines = 0;
  for (const TrackDefinition& t : programme.tracks) {
    for (const MilestoneDefinition& m : t.milestones) {
      ++milestones;
      links += static_cast<int>(m.after.size());
      entering += m.enters ? 1 : 0;
      deadlines += m.deadline ? 1 : 0;
    }
  }
  const std::string all =
      fmt::format("{} tracks, {} milestones", programme.tracks.size(), milestones);
  const std::vector<std::string_view> rules = ProgrammeRuleNames();
  const std::vector<std::string> covered = {all,
                                            all,
                                            fmt::format("{} 'after' links", links),
                                            fmt::format("{} milestones enter a state", entering),
                                            fmt::format("{} deadlines", deadlines),
                                            OutcomeCounts(programme)};
  std::vector<ConformanceCheck> checks;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    ConformanceCheck check{std::string(rules[i]), true, ""};
    for (const ProgrammeProblem& problem : problems) {
      if (problem.rule != rules[i]) continue;
      check.passed = false;
      check.detail += (check.detail.empty() ? "" : "; ") + problem.message;
    }
    if (check.passed) check.detail = i < covered.size() ? covered[i] : all;
    checks.push_back(std::move(check));
  }
  return checks;
}

}  // namespace

bool ConformanceReport::passed() const { return !checks.empty() && first_failure() == nullptr; }

const ConformanceCheck* ConformanceReport::first_failure() const {
  for (const ConformanceCheck& c : checks) {
    if (!c.passed) return &c;
  }
  return nullptr;
}

ConformanceReport CheckPlugin(const std::filesystem::path& path) {
  ConformanceReport report;
  const std::string loads =
      fmt::format("loads: entry point, API version {}, build key", TRAJECT_PLUGIN_API_VERSION);
  // Open, not Load: an invalid programme is reported rule by rule below.
  Result<std::shared_ptr<LoadedPlugin>> loaded = LoadedPlugin::Open(path);
  if (!loaded.ok()) {
    report.checks.push_back({loads, false, loaded.status().message()});
    return report;
  }
  const LoadedPlugin& plugin = **loaded;
  report.plugin = fmt::format("{} {}", plugin.name(), plugin.version());
  report.programme = plugin.programme().id;
  report.checks.push_back(
      {loads, true, fmt::format("{}, built with {}", path.string(), HostBuildKey())});
  for (ConformanceCheck& check : StructuralChecks(plugin.programme())) {
    report.checks.push_back(std::move(check));
  }
  report.checks.push_back(CheckQualifications(plugin.programme()));
  const std::vector<PlacementFacts> grid = FactsGrid(plugin.programme());
  report.checks.push_back(CheckDecisions(plugin, grid));
  report.checks.push_back(CheckPremiums(plugin, grid));
  report.checks.push_back(CheckBuiltinPremiumIds(plugin, grid));
  return report;
}

}  // namespace traject

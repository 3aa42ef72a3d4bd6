// Conformance checking of one plugin in isolation (`traject plugins check PATH`): what a host
// needs from a plugin beyond loading — sane definitions and rules that behave over a range of
// inputs. Used by plugin authors before shipping and by the tests of the bundled plugins.
//
// The checks, by name, in the order they run:
//   1. "loads: entry point, API version 3, build key" — LoadedPlugin::Open succeeds (the
//      library loads, has the entry point, matches the API version and build key, and create()
//      and Programme() return without throwing). When it fails, no other check runs.
//   2.-7. One check per structural rule of ValidateProgramme, named as ProgrammeRuleNames()
//      (catalogue.h): "ids well-formed and unique"; "programme, tracks and milestones named;
//      durations 0..120 months"; "milestones in topological order of 'after'"; "milestones
//      enter only intake or in-leerwerk"; "deadlines 1..3660 days with known anchors, no
//      cycles"; "milestone outcomes none, skill-gain or credential" (its detail, when it
//      passes, counts the credentials and skill gains of each track). Once check 1 passed, the
//      six pass exactly when LoadedPlugin::Load would accept the plugin: they are the rules of
//      ValidateProgramme, from the same code.
//   8. "tracks naming a qualification mark a credential" — every track with a non-empty
//      `qualification` has at least one milestone with outcome kCredential; otherwise the
//      credential-attainment report could never count anyone on it. Not a load rule: such a
//      plugin loads and its money rules apply, but it fails the check.
//   9. "eligibility rules answer with reasons" — LksEligibility and
//      ParticipantPremiumEligibility (for each of BuiltinPremiumIds()) do not throw, give a
//      reason with every refusal, and answer the same facts the same way.
//  10. "premiums are well-formed" — Premiums does not throw; each award has a valid id unique
//      among that call's awards, a name, an amount in 1..100000000 cents, and a due date from
//      the placement's start up to the date asked.
//  11. "premium ids are distinct from built-in premiums" — no award uses an id of
//      BuiltinPremiumIds() ("bijverdienpremie", "uitstroompremie").
// Checks 9 to 11 call the rules over a grid of facts: every track, with no and with all
// milestones reached, 8 to 40 hours, no, 0, 50 and 100 % loonwaarde, from the placement's
// start to two years on.
//
// Thread safety: CheckPlugin loads a library; like PluginRegistry loading (plugin_host.h), do
// not run it concurrently with other plugin loading.
#ifndef TRAJECT_PLUGIN_CHECK_H_
#define TRAJECT_PLUGIN_CHECK_H_

#include <filesystem>
#include <string>
#include <vector>

#include "traject/export.h"
#include "traject/status.h"

namespace traject {

struct ConformanceCheck {
  std::string name;  // what was checked: one of the names above
  bool passed = false;
  // Why it failed (a structural rule: every problem, "; "-separated; any other check: the
  // first problem), or what was covered.
  std::string detail;
};

struct TRAJECT_EXPORT ConformanceReport {
  std::string plugin;  // name and version, when it loaded
  std::string programme;
  std::vector<ConformanceCheck> checks;  // in the order run
  // True when there is at least one check and every check passed.
  bool passed() const;
  // The first check that failed, in the order run; nullptr when none failed. Points into
  // `checks`: valid while the report lives and `checks` is not changed.
  const ConformanceCheck* first_failure() const;
};

// Loads the plugin at `path` (nothing else) with LoadedPlugin::Open, so that a programme that
// fails ValidateProgramme is still reported rule by rule, and runs every check. Never fails:
// a loading problem is a failed first check whose detail is LoadedPlugin::Open's error.
TRAJECT_EXPORT ConformanceReport CheckPlugin(const std::filesystem::path& path);

}  // namespace traject

#endif  // TRAJECT_PLUGIN_CHECK_H_

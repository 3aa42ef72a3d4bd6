// ProgrammeCatalogue: the programmes (banenplannen) known to a process, by id.
//
// Filled from plugins (PluginRegistry) or, in tests and embedding code, directly. The store
// validates programme, track and milestone ids against it.
//
// Thread safety: const methods may be called concurrently; Add requires exclusive access.
#ifndef TRAJECT_CATALOGUE_H_
#define TRAJECT_CATALOGUE_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "traject/export.h"
#include "traject/programme.h"
#include "traject/status.h"

namespace traject {

class TRAJECT_EXPORT ProgrammeCatalogue {
 public:
  // Adds a programme defined by `source` (a plugin path, or any label). Errors:
  // InvalidArgument "<source>: " followed by ValidateProgramme's problems when the definition
  // fails it; Conflict "programme id '<id>' is defined by both <other source> and <source>"
  // when another source already defines the id.
  Status Add(ProgrammeDefinition programme, std::string source);

  // nullptr when unknown. The pointer stays valid until the catalogue is destroyed or added to.
  const ProgrammeDefinition* Find(std::string_view programme_id) const;
  // The source that defined the programme; empty when unknown.
  std::string SourceOf(std::string_view programme_id) const;
  // All programmes, ordered by id.
  std::vector<const ProgrammeDefinition*> All() const;
  bool empty() const { return entries_.empty(); }

 private:
  struct Entry {
    ProgrammeDefinition programme;
    std::string source;
  };
  std::map<std::string, Entry, std::less<>> entries_;
};

// The structural rules every programme must pass, each with a name that the conformance
// checker (plugin_check.h) reports as a check of its own:
//   "ids well-formed and unique": programme, track and milestone ids are IsValidId; track ids
//     unique in the programme, milestone ids unique in their track.
//   "programme, tracks and milestones named; durations 0..120 months": non-empty names, at
//     least one track, at least one milestone per track, duration_months in 0..120.
//   "milestones in topological order of 'after'": each `after` entry names another milestone
//     of the same track that is listed earlier (so `after` has no cycle).
//   "milestones enter only intake or in-leerwerk": every other state (aangemeld, geplaatst,
//     uitgestroomd, afgebroken, terugval) only the host sets.
//   "deadlines 1..3660 days with known anchors, no cycles": deadline days in 1..3660; an
//     anchor names another milestone of the same track; anchors and `after` together acyclic.
//   "milestone outcomes none, skill-gain or credential": every milestone's `outcome` is one of
//     the three named MilestoneOutcome values (plugin API 3), not another value cast into it.
TRAJECT_EXPORT std::vector<std::string_view> ProgrammeRuleNames();

// One problem ValidateProgramme found.
struct ProgrammeProblem {
  std::string_view rule;  // the rule broken: one of ProgrammeRuleNames() (static storage)
  // Where and what: "programme 'p': ...", "track 't': ...", "track 't', milestone 'm': ..." or,
  // for an outcome, "programme 'p', track 't', milestone 'm': ...".
  std::string message;
};

// Every problem of `programme`, rule by rule in the order of ProgrammeRuleNames(); empty when
// it passes them all.
TRAJECT_EXPORT std::vector<ProgrammeProblem> FindProgrammeProblems(
    const ProgrammeDefinition& programme);

// The structural rules above. Returns InvalidArgument with every problem found, one per line
// (FindProgrammeProblems' messages); OK when none.
TRAJECT_EXPORT Status ValidateProgramme(const ProgrammeDefinition& programme);

// True for [a-z0-9][a-z0-9-]* of at most 64 characters.
TRAJECT_EXPORT bool IsValidId(std::string_view id);

}  // namespace traject

#endif  // TRAJECT_CATALOGUE_H_

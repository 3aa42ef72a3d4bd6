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
  // Adds a programme defined by `source` (a plugin path, or any label).
  // Conflict if another source already defines the id (both sources are named);
  // InvalidArgument if the definition fails ValidateProgramme.
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

// Structural checks every programme must pass: ids well-formed and unique, every `after` and
// deadline anchor names a milestone of the same track, the `after` and anchor graph acyclic,
// deadlines 1..3660 days, at least one track. Returns every problem found, one per line,
// as InvalidArgument; OK when none.
TRAJECT_EXPORT Status ValidateProgramme(const ProgrammeDefinition& programme);

// True for [a-z0-9][a-z0-9-]* of at most 64 characters.
TRAJECT_EXPORT bool IsValidId(std::string_view id);

}  // namespace traject

#endif  // TRAJECT_CATALOGUE_H_

// The host side of the plugin SDK: finding, loading, checking and calling banenplan plugins.
//
// Loading reads the entry point's TrajectPluginInfo and checks its API version before creating
// anything. Each LoadedPlugin owns its plugin object together with the shared library it came
// from: the library stays loaded as long as any LoadedPlugin (or copy of its shared_ptr) lives.
// Every call into plugin code is guarded: an exception becomes a Plugin status naming the
// plugin and the callback, never a crash.
//
// Thread safety: a PluginRegistry is not thread-safe while loading; once loaded, its const
// methods and the LoadedPlugin calls may be used concurrently.
#ifndef TRAJECT_PLUGIN_HOST_H_
#define TRAJECT_PLUGIN_HOST_H_

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "traject/catalogue.h"
#include "traject/export.h"
#include "traject/plugin.h"
#include "traject/status.h"

namespace traject {

class TRAJECT_EXPORT LoadedPlugin {
 public:
  // Loads the plugin at `path`. Errors (all Status::Plugin, naming the path): cannot load the
  // library; entry point `traject_plugin_info` not found; wrong API version ("built for API X,
  // this traject supports Y"); malformed info; create() or Programme() threw or returned
  // nothing; the programme fails ValidateProgramme.
  static Result<std::shared_ptr<LoadedPlugin>> Load(const std::filesystem::path& path);

  const std::string& name() const { return name_; }
  const std::string& version() const { return version_; }
  const std::filesystem::path& path() const { return path_; }
  // The programme as returned by the plugin at load.
  const ProgrammeDefinition& programme() const { return programme_; }

  // Guarded calls into the plugin; a throwing plugin gives Status::Plugin.
  Result<Decision> LksEligibility(const PlacementFacts& facts) const;
  Result<Decision> ParticipantPremiumEligibility(std::string_view premium_id,
                                                 const PlacementFacts& facts) const;
  Result<std::vector<PremiumAward>> Premiums(const PlacementFacts& facts) const;

  struct Parts;  // implementation detail: the library and the object, destroyed in order
  LoadedPlugin(std::shared_ptr<Parts> parts, std::string name, std::string version,
               std::filesystem::path path, ProgrammeDefinition programme);

 private:
  std::shared_ptr<Parts> parts_;
  std::string name_;
  std::string version_;
  std::filesystem::path path_;
  ProgrammeDefinition programme_;
};

// The directories searched for plugins, in order, without duplicates: `explicit_dirs` (from
// --plugins), then each entry of the TRAJECT_PLUGIN_PATH environment variable (':'-separated),
// then the bundled plugins' directory (lib/traject/plugins next to libtraject, in the build
// tree and the install tree alike). Directories that do not exist are left out.
TRAJECT_EXPORT std::vector<std::filesystem::path> PluginDirectories(
    const std::vector<std::string>& explicit_dirs);

class TRAJECT_EXPORT PluginRegistry {
 public:
  // Loads every "*.so" file directly in each directory, in file-name order. Stops at the first
  // failure, which names the file; a programme id claimed twice is Conflict naming both files.
  Status LoadDirectories(const std::vector<std::filesystem::path>& directories);
  // Adds one loaded plugin (Conflict when its programme id is taken).
  Status Add(std::shared_ptr<LoadedPlugin> plugin);

  const ProgrammeCatalogue& catalogue() const { return catalogue_; }
  // nullptr when no plugin defines the programme.
  const LoadedPlugin* PluginFor(std::string_view programme_id) const;
  const std::vector<std::shared_ptr<LoadedPlugin>>& plugins() const { return plugins_; }

 private:
  ProgrammeCatalogue catalogue_;
  std::vector<std::shared_ptr<LoadedPlugin>> plugins_;
};

}  // namespace traject

#endif  // TRAJECT_PLUGIN_HOST_H_

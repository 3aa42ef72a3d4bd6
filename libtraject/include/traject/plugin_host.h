// The host side of the plugin SDK: finding, loading, checking and calling banenplan plugins.
//
// Loading reads the entry point's TrajectPluginInfo and checks its API version, then its build
// key, before reading anything else or creating anything (plugin.h). Each LoadedPlugin owns its
// plugin object together with the shared library it came from: the library stays loaded as long as
// any LoadedPlugin (or copy of its shared_ptr) lives. Every call into plugin code is guarded: an
// exception becomes a Plugin status naming the plugin and the callback, never a crash.
//
// Thread safety: a PluginRegistry is not thread-safe while loading; once loaded, its const
// methods and the LoadedPlugin calls may be used concurrently.
#ifndef TRAJECT_PLUGIN_HOST_H_
#define TRAJECT_PLUGIN_HOST_H_

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "traject/catalogue.h"
#include "traject/export.h"
#include "traject/plugin.h"
#include "traject/status.h"

namespace traject {

// The build key this libtraject was compiled with (TRAJECT_PLUGIN_BUILD_KEY in plugin.h): a
// plugin's `build_key` must equal it. Static storage.
TRAJECT_EXPORT const char* HostBuildKey();

class TRAJECT_EXPORT LoadedPlugin {
 public:
  // Loads the plugin at `path` for use: Open, then ValidateProgramme on its programme.
  // Errors: every error of Open, and Status::Plugin "<path>: plugin '<name>' defines an
  // invalid programme:" followed by ValidateProgramme's problems, one per line.
  static Result<std::shared_ptr<LoadedPlugin>> Load(const std::filesystem::path& path);

  // Loads the plugin at `path` without validating its programme: for the conformance checker
  // (plugin_check.h), which reports each structural rule on its own. Use Load otherwise;
  // PluginRegistry::Add refuses a programme that fails ValidateProgramme in any case.
  // The file is opened once, walking `path` from "/" one component at a time without
  // following links blindly, and every directory on the way, every link met and the file
  // itself are checked on their open descriptors before anything is loaded; the library is
  // then loaded from that very descriptor (as /proc/self/fd/N), so a path swapped meanwhile
  // changes nothing. No code of the file runs before these checks pass.
  // Errors, all Status::Plugin, checked in this order:
  //   - "plugin file <path> is writable by others (mode 0NNN): refused ...", "... is writable
  //     by its group ...", "... is owned by uid N, neither you nor root ...": a plugin runs with
  //     the loader's rights, so a file anyone else can change is never loaded (the group may
  //     write only when it is the owner's private group, gid = uid); a link is judged by the
  //     file it leads to, named as "plugin file <path> (resolved to <file>) ...";
  //   - "plugin file <path>: the directory <dir> on its path is writable by others (mode
  //     0NNN) ..." (or by its group, or owned by uid N): any directory from "/" to the file
  //     that someone but you or root can change; a sticky directory (/tmp) may be on the way,
  //     since no one else can rename what is yours in it;
  //   - "plugin file <path>: the link <link> on its path is owned by uid N, neither you nor
  //     root ...";
  //   - "plugin file <path> is not a regular file: refused", "cannot open plugin file <path>:
  //     <reason> (at <part>)";
  //   and then with a message starting "<path>: ":
  //   - "cannot load as a shared library: <dlopen error>";
  //   - "entry point 'traject_plugin_info' not found: not a traject plugin ...";
  //   - "the entry point threw", "the entry point returned no info";
  //   - "wrong plugin API version: built for API X, this traject supports API Y; rebuild the
  //     plugin against this traject SDK" (nothing but `api_version` was read);
  //   - "malformed plugin info (build_key)": null, empty, over 200 characters or holding a
  //     control character;
  //   - "wrong build key: built with <theirs>, this traject needs <ours>; rebuild the plugin
  //     with the same compiler and standard library against this SDK" (nothing but
  //     `api_version` and `build_key` was read, and no plugin code was called but the entry
  //     point);
  //   - "malformed plugin info (name, version, create, destroy)": a name or version as the
  //     build key above, or a null function;
  //   - "plugin '<name>' threw from create: <what>" (or "threw a non-standard exception from
  //     create"), "plugin '<name>' create() returned null";
  //   - "plugin '<name>' threw from Programme: <what>" (or "... a non-standard exception ...").
  static Result<std::shared_ptr<LoadedPlugin>> Open(const std::filesystem::path& path);

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

// A plugin file that PluginRegistry::LoadDirectories skipped, and why.
struct PluginLoadWarning {
  std::filesystem::path path;  // the file skipped
  // The error LoadedPlugin::Load gave for it, without the leading "<path>: " (the path is
  // above): always Status::Plugin.
  Status status;
};

class TRAJECT_EXPORT PluginRegistry {
 public:
  // Loads every "*.so" file directly in each directory: the directories in the order given,
  // the files of each in file-name order. A file that LoadedPlugin::Load refuses (not a
  // library, no entry point, wrong API version or build key, malformed info, a throwing
  // create() or Programme(), an invalid programme) is skipped and recorded in warnings();
  // loading goes on. The same plugin met twice is loaded once: a path that leads to a file
  // loaded already (a link, or the directory given twice) is passed over, and a byte-for-byte
  // copy of one is skipped with a warning. Errors, which stop loading (the plugins added
  // before stay):
  //   - Status::Plugin "plugin directory <dir> is writable by others ..." (or by its group, or
  //     owned by someone but you or root; a sticky shared directory such as /tmp is refused as
  //     a plugin directory too), "plugin directory <dir>: the directory <d> on its path is
  //     ...", and each error of Open about a "plugin file": someone else could put or change
  //     code there, so it is refused, not skipped;
  //   - Status::Plugin "cannot read plugin directory <dir>: <reason>";
  //   - Status::Plugin "programme id '<id>' is defined by both <file1> and <file2>; remove one
  //     ..." when two different plugins claim one programme id: ambiguous rules are never
  //     resolved silently.
  Status LoadDirectories(const std::vector<std::filesystem::path>& directories);
  // Adds one loaded plugin. Errors: Status::Plugin "programme id '<id>' is defined by both
  // <file1> and <file2>" when its programme id is taken; Status::Plugin "<file>: " followed by
  // ValidateProgramme's problems when its programme is invalid (only a plugin from
  // LoadedPlugin::Open can have one).
  Status Add(std::shared_ptr<LoadedPlugin> plugin);

  // The files LoadDirectories skipped, in the order met (across calls); empty when none.
  // Callers should show them: the programmes of a skipped file are unknown to catalogue().
  const std::vector<PluginLoadWarning>& warnings() const { return warnings_; }
  const ProgrammeCatalogue& catalogue() const { return catalogue_; }
  // nullptr when no plugin defines the programme.
  const LoadedPlugin* PluginFor(std::string_view programme_id) const;
  const std::vector<std::shared_ptr<LoadedPlugin>>& plugins() const { return plugins_; }

 private:
  ProgrammeCatalogue catalogue_;
  std::vector<std::shared_ptr<LoadedPlugin>> plugins_;
  std::vector<PluginLoadWarning> warnings_;
  std::set<std::filesystem::path> loaded_files_;                  // canonical paths met
  std::map<std::string, std::filesystem::path> loaded_contents_;  // bytes of loaded files
};

}  // namespace traject

#endif  // TRAJECT_PLUGIN_HOST_H_

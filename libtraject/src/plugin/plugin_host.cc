#include "traject/plugin_host.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <set>

#include "plugin/library_from_descriptor.h"
#include "plugin/load_permissions.h"

namespace traject {

// Destruction order matters: the object must go before the library that holds its code.
struct LoadedPlugin::Parts {
  boost::dll::shared_library library;
  const TrajectPluginInfo* info = nullptr;
  BanenplanPlugin* object = nullptr;

  ~Parts() {
    if (object) info->destroy(object);
  }
};

LoadedPlugin::LoadedPlugin(std::shared_ptr<Parts> parts, std::string name, std::string version,
                           std::filesystem::path path, ProgrammeDefinition programme)
    : parts_(std::move(parts)),
      name_(std::move(name)),
      version_(std::move(version)),
      path_(std::move(path)),
      programme_(std::move(programme)) {}

namespace {

// Calls plugin code; anything thrown becomes a Plugin status naming plugin and callback.
template <typename F>
auto CallPlugin(const std::string& plugin, const char* callback, F&& f) -> Result<decltype(f())> {
  try {
    return f();
  } catch (const std::exception& e) {
    return Status::Plugin(fmt::format("plugin '{}' threw from {}: {}", plugin, callback, e.what()));
  } catch (...) {
    return Status::Plugin(
        fmt::format("plugin '{}' threw a non-standard exception from {}", plugin, callback));
  }
}

bool IsSafeText(const char* text) {
  if (!text || !*text) return false;
  for (std::size_t i = 0; text[i]; ++i) {
    if (i >= 200 || static_cast<unsigned char>(text[i]) < ' ') return false;
  }
  return true;
}

// Loads the plugin from `file`, the descriptor of `path` that passed the checks; errors do not
// name the path (the callers add it). `file` is closed once the library is loaded (or not).
Result<std::shared_ptr<LoadedPlugin>> OpenPlugin(plugin::CheckedPath file,
                                                 const std::filesystem::path& path, bool validate) {
  auto parts = std::make_shared<LoadedPlugin::Parts>();
  Status loaded = plugin::LoadLibraryFromDescriptor(file.fd, path, parts->library);
  file.fd.reset();
  if (!loaded.ok()) return loaded;
  if (!parts->library.has(TRAJECT_PLUGIN_ENTRY_SYMBOL)) {
    return Status::Plugin(
        fmt::format("entry point '{}' not found: not a traject plugin (define it with "
                    "TRAJECT_DEFINE_PLUGIN)",
                    TRAJECT_PLUGIN_ENTRY_SYMBOL));
  }
  auto entry = parts->library.get<const TrajectPluginInfo*()>(TRAJECT_PLUGIN_ENTRY_SYMBOL);
  const TrajectPluginInfo* info = nullptr;
  try {
    info = entry();
  } catch (...) {
    return Status::Plugin("the entry point threw");
  }
  if (!info) return Status::Plugin("the entry point returned no info");
  // api_version is the first field in every version of the struct: read it before anything else.
  if (info->api_version != TRAJECT_PLUGIN_API_VERSION) {
    return Status::Plugin(fmt::format(
        "wrong plugin API version: built for API {}, this traject supports API {}; rebuild "
        "the plugin against this traject SDK",
        info->api_version, TRAJECT_PLUGIN_API_VERSION));
  }
  // Same API: the build key is the second field. Compare it, as a C string, before anything
  // of the standard library crosses the boundary (names are read as C strings only).
  if (!IsSafeText(info->build_key)) {
    return Status::Plugin("malformed plugin info (build_key)");
  }
  if (std::strcmp(info->build_key, HostBuildKey()) != 0) {
    return Status::Plugin(fmt::format(
        "wrong build key: built with {}, this traject needs {}; rebuild the plugin with the same "
        "compiler and standard library against this SDK",
        info->build_key, HostBuildKey()));
  }
  if (!IsSafeText(info->name) || !IsSafeText(info->version) || !info->create || !info->destroy) {
    return Status::Plugin("malformed plugin info (name, version, create, destroy)");
  }
  parts->info = info;
  const std::string name = info->name;
  Result<BanenplanPlugin*> object = CallPlugin(name, "create", [&] { return info->create(); });
  if (!object.ok()) return object.status();
  if (!*object) return Status::Plugin(fmt::format("plugin '{}' create() returned null", name));
  parts->object = *object;
  Result<ProgrammeDefinition> programme =
      CallPlugin(name, "Programme", [&] { return parts->object->Programme(); });
  if (!programme.ok()) return programme.status();
  if (validate) {
    if (Status s = ValidateProgramme(*programme); !s.ok()) {
      return Status::Plugin(
          fmt::format("plugin '{}' defines an invalid programme:\n{}", name, s.message()));
    }
  }
  return std::make_shared<LoadedPlugin>(std::move(parts), name, info->version, path,
                                        std::move(programme).value());
}

// The bytes of the file open at `fd`, read from its start; empty when it cannot be read (then
// it is not compared).
std::string ReadWholeFile(int fd) {
  std::string bytes;
  char buffer[1 << 16];
  for (off_t at = 0;;) {
    const ssize_t n = ::pread(fd, buffer, sizeof buffer, at);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return std::string();
    if (n == 0) return bytes;
    bytes.append(buffer, static_cast<std::size_t>(n));
    at += n;
  }
}

// Opens the plugin file at `path` through checked directories and links only (see
// load_permissions.h), then loads it from that descriptor.
Result<std::shared_ptr<LoadedPlugin>> CheckAndOpenPlugin(const std::filesystem::path& path,
                                                         bool validate) {
  Result<plugin::CheckedPath> file =
      plugin::OpenCheckedPluginPath(path, plugin::PluginPathKind::kFile, "plugin file");
  if (!file.ok()) return file.status();
  Result<std::shared_ptr<LoadedPlugin>> plugin =
      OpenPlugin(std::move(file).value(), path, validate);
  if (!plugin.ok()) return plugin.status().WithContext(path.string());
  return plugin;
}

}  // namespace

const char* HostBuildKey() { return TRAJECT_PLUGIN_BUILD_KEY; }

Result<std::shared_ptr<LoadedPlugin>> LoadedPlugin::Load(const std::filesystem::path& path) {
  return CheckAndOpenPlugin(path, /*validate=*/true);
}

Result<std::shared_ptr<LoadedPlugin>> LoadedPlugin::Open(const std::filesystem::path& path) {
  return CheckAndOpenPlugin(path, /*validate=*/false);
}

Result<Decision> LoadedPlugin::LksEligibility(const PlacementFacts& facts) const {
  return CallPlugin(name_, "LksEligibility", [&] { return parts_->object->LksEligibility(facts); });
}

Result<Decision> LoadedPlugin::ParticipantPremiumEligibility(std::string_view premium_id,
                                                             const PlacementFacts& facts) const {
  return CallPlugin(name_, "ParticipantPremiumEligibility", [&] {
    return parts_->object->ParticipantPremiumEligibility(premium_id, facts);
  });
}

Result<std::vector<PremiumAward>> LoadedPlugin::Premiums(const PlacementFacts& facts) const {
  return CallPlugin(name_, "Premiums", [&] { return parts_->object->Premiums(facts); });
}

std::vector<std::filesystem::path> PluginDirectories(
    const std::vector<std::string>& explicit_dirs) {
  std::vector<std::filesystem::path> candidates(explicit_dirs.begin(), explicit_dirs.end());
  if (const char* env = std::getenv("TRAJECT_PLUGIN_PATH")) {
    std::string_view rest = env;
    while (!rest.empty()) {
      const auto colon = rest.find(':');
      std::string_view entry = rest.substr(0, colon);
      if (!entry.empty()) candidates.emplace_back(entry);
      rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    }
  }
  try {
    candidates.push_back(boost::dll::this_line_location().parent_path() / "traject" / "plugins");
  } catch (const std::exception&) {
    // No location for libtraject: only explicit directories are searched.
  }
  std::vector<std::filesystem::path> directories;
  std::set<std::filesystem::path> seen;
  for (const std::filesystem::path& candidate : candidates) {
    std::error_code error;
    if (!std::filesystem::is_directory(candidate, error)) continue;
    std::filesystem::path canonical = std::filesystem::canonical(candidate, error);
    if (error || !seen.insert(canonical).second) continue;
    directories.push_back(canonical);
  }
  return directories;
}

Status PluginRegistry::LoadDirectories(const std::vector<std::filesystem::path>& directories) {
  for (const std::filesystem::path& directory : directories) {
    // The directory itself is checked here (and again, with every file, below): an unsafe
    // one is refused even when it holds no plugin yet.
    if (Result<plugin::CheckedPath> checked = plugin::OpenCheckedPluginPath(
            directory, plugin::PluginPathKind::kDirectory, "plugin directory");
        !checked.ok()) {
      return checked.status();
    }
    std::vector<std::filesystem::path> files;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
      if (entry.path().extension() == ".so") files.push_back(entry.path());
    }
    if (error) {
      return Status::Plugin(
          fmt::format("cannot read plugin directory {}: {}", directory.string(), error.message()));
    }
    std::sort(files.begin(), files.end());
    for (const std::filesystem::path& file : files) {
      // A file others can change is refused outright, not skipped: its programme would
      // otherwise look merely missing.
      Result<plugin::CheckedPath> checked =
          plugin::OpenCheckedPluginPath(file, plugin::PluginPathKind::kFile, "plugin file");
      if (!checked.ok()) return checked.status();
      // The same plugin twice (a link to, or a copy of, a file loaded already) is one plugin:
      // skipped, with a warning for a copy; only different plugins claiming one programme
      // conflict.
      if (!loaded_files_.insert(checked->resolved).second) continue;
      const std::string bytes = ReadWholeFile(checked->fd.get());
      if (auto same = loaded_contents_.find(bytes);
          !bytes.empty() && same != loaded_contents_.end()) {
        warnings_.push_back(
            {file, Status::Plugin(fmt::format("the same file as {}, loaded already: skipped",
                                              same->second.string()))});
        continue;
      }
      Result<std::shared_ptr<LoadedPlugin>> plugin =
          OpenPlugin(std::move(checked).value(), file, /*validate=*/true);
      if (!plugin.ok()) {
        warnings_.push_back({file, plugin.status()});
        continue;
      }
      if (Status s = Add(std::move(plugin).value()); !s.ok()) {
        return Status::Plugin(s.message() +
                              "; remove one of the two files (or the directory "
                              "that holds it) from the plugin path");
      }
      if (!bytes.empty()) loaded_contents_.emplace(bytes, file);
    }
  }
  return Status::OK();
}

Status PluginRegistry::Add(std::shared_ptr<LoadedPlugin> plugin) {
  if (Status s = catalogue_.Add(plugin->programme(), plugin->path().string()); !s.ok()) {
    return Status::Plugin(s.message());
  }
  plugins_.push_back(std::move(plugin));
  return Status::OK();
}

const LoadedPlugin* PluginRegistry::PluginFor(std::string_view programme_id) const {
  for (const auto& plugin : plugins_) {
    if (plugin->programme().id == programme_id) return plugin.get();
  }
  return nullptr;
}

}  // namespace traject

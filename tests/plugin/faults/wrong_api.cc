// A plugin built for a future API version: the host must refuse it before touching anything
// but `api_version`. Only that field is laid out as in TrajectPluginInfo; every later field is
// a pointer the host would crash on if it read one (as a build key, a name or a function).
#include <traject/plugin.h>

#include <cstdint>

namespace {
struct FutureInfo {
  std::uint32_t api_version;
  std::uintptr_t unreadable[6];
};
}  // namespace

TRAJECT_PLUGIN_EXPORT const TrajectPluginInfo* traject_plugin_info() {
  static const FutureInfo info = {999, {1, 1, 1, 1, 1, 1}};
  return reinterpret_cast<const TrajectPluginInfo*>(&info);
}

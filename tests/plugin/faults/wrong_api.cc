// A plugin built for a future API version: the host must refuse it before touching anything.
#include <traject/plugin.h>

namespace {
class Future final : public traject::BanenplanPlugin {
 public:
  traject::ProgrammeDefinition Programme() const override { return {}; }
};
}  // namespace

TRAJECT_PLUGIN_EXPORT const TrajectPluginInfo* traject_plugin_info() {
  static const TrajectPluginInfo info = {999, "future", "9.9.9",
                                         []() -> traject::BanenplanPlugin* { return new Future(); },
                                         [](traject::BanenplanPlugin* p) { delete p; }};
  return &info;
}

// A plugin whose Programme() throws: loading must fail with a clear error, not crash.
#include <traject/plugin.h>

#include <stdexcept>

namespace {
class Throws final : public traject::BanenplanPlugin {
 public:
  traject::ProgrammeDefinition Programme() const override {
    throw std::runtime_error("definitions file missing");
  }
};
}  // namespace

TRAJECT_DEFINE_PLUGIN(Throws, "throws-programme", "0.1.0")

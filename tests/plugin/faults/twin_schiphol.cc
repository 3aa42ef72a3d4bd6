// A good plugin of its own that claims the programme id of the bundled Schiphol plugin: two
// different sets of rules for one programme, which the host must refuse, never choose between.
#include <traject/plugin.h>

namespace {
class TwinSchiphol final : public traject::BanenplanPlugin {
 public:
  traject::ProgrammeDefinition Programme() const override {
    traject::ProgrammeDefinition p;
    p.id = "schiphol";
    p.name = "Another Schiphol";
    traject::TrackDefinition t;
    t.id = "werk";
    t.name = "Werk";
    t.milestones = {traject::MilestoneDefinition{.id = "intake", .name = "Intake"}};
    p.tracks = {t};
    return p;
  }
};
}  // namespace

TRAJECT_DEFINE_PLUGIN(TwinSchiphol, "twin-schiphol", "0.1.0")

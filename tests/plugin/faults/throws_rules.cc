// A plugin with a valid programme whose rules throw: every call must become a plugin error.
#include <traject/plugin.h>

#include <stdexcept>

namespace {
class ThrowsRules final : public traject::BanenplanPlugin {
 public:
  traject::ProgrammeDefinition Programme() const override {
    traject::ProgrammeDefinition p;
    p.id = "throws-rules";
    p.name = "Throwing rules";
    traject::TrackDefinition t;
    t.id = "werk";
    t.name = "Werk";
    t.milestones = {traject::MilestoneDefinition{
        .id = "intake", .name = "Intake", .enters = traject::TrajectoryState::kIntake}};
    p.tracks = {t};
    return p;
  }
  traject::Decision LksEligibility(const traject::PlacementFacts&) const override {
    throw std::logic_error("eligibility table not loaded");
  }
};
}  // namespace

TRAJECT_DEFINE_PLUGIN(ThrowsRules, "throws-rules", "0.1.0")

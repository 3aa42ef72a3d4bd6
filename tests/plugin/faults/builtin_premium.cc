// A plugin with a valid programme that awards a premium under the id of a built-in one,
// "uitstroompremie": the host could not tell the two apart in a premium report, so the checker
// must refuse it and name the check.
#include <traject/plugin.h>
#include <traject/plugin_rules.h>

namespace {
class BuiltinPremium final : public traject::BanenplanPlugin {
 public:
  traject::ProgrammeDefinition Programme() const override {
    traject::ProgrammeDefinition p;
    p.id = "builtin-premium";
    p.name = "Premium with a built-in id";
    traject::TrackDefinition t;
    t.id = "werk";
    t.name = "Werk";
    t.milestones = {traject::MilestoneDefinition{
        .id = "intake", .name = "Intake", .enters = traject::TrajectoryState::kIntake}};
    p.tracks = {t};
    return p;
  }
  std::vector<traject::PremiumAward> Premiums(const traject::PlacementFacts& facts) const override {
    std::vector<traject::PremiumAward> awards;
    if (auto a = traject::EmployerWerkbehoudPremium(facts, "uitstroompremie",
                                                    "Eigen uitstroompremie", 6, 50000)) {
      awards.push_back(*a);
    }
    return awards;
  }
};
}  // namespace

TRAJECT_DEFINE_PLUGIN(BuiltinPremium, "builtin-premium", "0.1.0")

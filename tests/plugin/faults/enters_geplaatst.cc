// A plugin whose milestone moves the trajectory to geplaatst, a state only the host sets (when
// a placement starts): loading must refuse it, and the checker must name the rule.
#include <traject/plugin.h>

namespace {
class EntersGeplaatst final : public traject::BanenplanPlugin {
 public:
  traject::ProgrammeDefinition Programme() const override {
    traject::ProgrammeDefinition p;
    p.id = "enters-geplaatst";
    p.name = "Milestone entering geplaatst";
    traject::TrackDefinition t;
    t.id = "werk";
    t.name = "Werk";
    t.milestones = {
        traject::MilestoneDefinition{
            .id = "intake", .name = "Intake", .enters = traject::TrajectoryState::kIntake},
        traject::MilestoneDefinition{.id = "contract",
                                     .name = "Contract getekend",
                                     .after = {"intake"},
                                     .enters = traject::TrajectoryState::kGeplaatst},
    };
    p.tracks = {t};
    return p;
  }
};
}  // namespace

TRAJECT_DEFINE_PLUGIN(EntersGeplaatst, "enters-geplaatst", "0.1.0")

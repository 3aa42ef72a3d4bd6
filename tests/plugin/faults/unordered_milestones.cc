// A plugin whose milestones are listed out of the topological order of `after` (no cycle:
// "diploma" comes after "start-bbl", but is listed before it): loading must refuse it, and the
// checker must name the rule.
#include <traject/plugin.h>

namespace {
class UnorderedMilestones final : public traject::BanenplanPlugin {
 public:
  traject::ProgrammeDefinition Programme() const override {
    traject::ProgrammeDefinition p;
    p.id = "unordered-milestones";
    p.name = "Milestones out of order";
    traject::TrackDefinition t;
    t.id = "bbl";
    t.name = "BBL";
    t.milestones = {
        traject::MilestoneDefinition{
            .id = "intake", .name = "Intake", .enters = traject::TrajectoryState::kIntake},
        traject::MilestoneDefinition{.id = "diploma", .name = "Diploma", .after = {"start-bbl"}},
        traject::MilestoneDefinition{.id = "start-bbl",
                                     .name = "Start BBL",
                                     .after = {"intake"},
                                     .enters = traject::TrajectoryState::kInLeerwerk},
    };
    p.tracks = {t};
    return p;
  }
};
}  // namespace

TRAJECT_DEFINE_PLUGIN(UnorderedMilestones, "unordered-milestones", "0.1.0")

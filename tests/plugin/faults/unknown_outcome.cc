// A plugin that puts a value into MilestoneOutcome that is none of its three names (as a plugin
// casting a number from its own tables might): the reports could not count it, so loading must
// refuse it, and the checker must name the rule, the programme, the track and the milestone.
#include <traject/plugin.h>

namespace {
class UnknownOutcome final : public traject::BanenplanPlugin {
 public:
  traject::ProgrammeDefinition Programme() const override {
    traject::ProgrammeDefinition p;
    p.id = "unknown-outcome";
    p.name = "Milestone with an unknown outcome";
    traject::TrackDefinition t;
    t.id = "bbl";
    t.name = "BBL";
    t.milestones = {
        traject::MilestoneDefinition{
            .id = "intake", .name = "Intake", .enters = traject::TrajectoryState::kIntake},
        traject::MilestoneDefinition{.id = "diploma",
                                     .name = "Diploma",
                                     .after = {"intake"},
                                     .outcome = static_cast<traject::MilestoneOutcome>(7)},
    };
    p.tracks = {t};
    return p;
  }
};
}  // namespace

TRAJECT_DEFINE_PLUGIN(UnknownOutcome, "unknown-outcome", "0.1.0")

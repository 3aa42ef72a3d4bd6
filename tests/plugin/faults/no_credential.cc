// A plugin with a valid programme whose track names a qualification but marks no milestone as
// a credential (its diploma is left at the default, none): it loads, since its money rules are
// unaffected, but the checker must fail it, naming the track. Its other track names no
// qualification and has a skill gain only, which is fine.
#include <traject/plugin.h>

namespace {
class NoCredential final : public traject::BanenplanPlugin {
 public:
  traject::ProgrammeDefinition Programme() const override {
    traject::ProgrammeDefinition p;
    p.id = "no-credential";
    p.name = "Qualification without a credential";
    traject::TrackDefinition werk;
    werk.id = "werk";
    werk.name = "Werk met beoordeling";
    werk.milestones = {
        traject::MilestoneDefinition{
            .id = "intake", .name = "Intake", .enters = traject::TrajectoryState::kIntake},
        traject::MilestoneDefinition{.id = "beoordeling",
                                     .name = "Praktijkbeoordeling",
                                     .after = {"intake"},
                                     .outcome = traject::MilestoneOutcome::kSkillGain},
    };
    traject::TrackDefinition bbl;
    bbl.id = "bbl";
    bbl.name = "BBL";
    bbl.qualification = "MBO-2, BBL";
    bbl.milestones = {
        traject::MilestoneDefinition{
            .id = "intake", .name = "Intake", .enters = traject::TrajectoryState::kIntake},
        traject::MilestoneDefinition{.id = "diploma", .name = "Diploma MBO-2", .after = {"intake"}},
    };
    p.tracks = {werk, bbl};
    return p;
  }
};
}  // namespace

TRAJECT_DEFINE_PLUGIN(NoCredential, "no-credential", "0.1.0")

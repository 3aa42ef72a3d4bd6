// Banenplan Noord: an example plugin written outside the traject repository, against the
// installed SDK only. One area plan for Amsterdam-Noord with a single leerwerk track for
// installation techniek (elektro), and one employer premium.
#include <traject/plugin.h>
#include <traject/plugin_rules.h>

namespace {

using traject::Deadline;
using traject::MilestoneDefinition;
using traject::MilestoneOutcome;
using traject::TrajectoryState;

class BanenplanNoord final : public traject::BanenplanPlugin {
 public:
  traject::ProgrammeDefinition Programme() const override {
    traject::ProgrammeDefinition p;
    p.id = "noord";
    p.name = "Banenplan Noord";
    p.kind = traject::ProgrammeKind::kArea;
    p.area = "Noord";
    p.collective = "Werkgevers in Noord";
    p.description = "Example: elektro and installatietechniek jobs in Amsterdam-Noord.";

    traject::TrackDefinition elektro;
    elektro.id = "elektro-monteur";
    elektro.name = "Elektromonteur (BBL)";
    elektro.sector = "techniek";
    elektro.qualification = "MBO-2 Eerste monteur elektrotechnische installaties, BBL";
    elektro.duration_months = 18;
    elektro.milestones = {
        MilestoneDefinition{.id = "intake",
                            .name = "Intake",
                            .deadline = Deadline{"", 30},
                            .enters = TrajectoryState::kIntake},
        MilestoneDefinition{.id = "vca-basis",
                            .name = "VCA Basis",
                            .after = {"intake"},
                            .deadline = Deadline{"intake", 60},
                            .evidence = {"VCA-diploma"},
                            .required_for_placement = true,
                            .outcome = MilestoneOutcome::kCredential},
        MilestoneDefinition{.id = "start-bbl",
                            .name = "Start BBL",
                            .after = {"vca-basis"},
                            .deadline = Deadline{"intake", 90},
                            .evidence = {"BBL-contract"},
                            .enters = TrajectoryState::kInLeerwerk},
    };
    p.tracks = {elektro};
    return p;
  }

  // EUR 500 for the employer after four months of werkbehoud.
  std::vector<traject::PremiumAward> Premiums(const traject::PlacementFacts& facts) const override {
    std::vector<traject::PremiumAward> awards;
    if (auto award = traject::EmployerWerkbehoudPremium(facts, "noord-startpremie",
                                                        "Noord startpremie", 4, 50000)) {
      awards.push_back(*award);
    }
    return awards;
  }
};

}  // namespace

TRAJECT_DEFINE_PLUGIN(BanenplanNoord, "noord", "0.1.0")

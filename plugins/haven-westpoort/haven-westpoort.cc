// Haven/Westpoort: the port and industry employer collective. Work in the port and in
// installation needs a VCA safety certificate before placement; the collective trains
// zonnepaneelmonteurs for the energy transition. Chosen numbers: README.md next to this file.
#include <traject/plugin.h>
#include <traject/plugin_rules.h>

namespace {

using traject::Deadline;
using traject::MilestoneDefinition;
using traject::MilestoneOutcome;
using traject::TrajectoryState;

// Every track starts with an intake and the VCA safety certificate, required before placement.
std::vector<MilestoneDefinition> IntakeAndVca(const char* intake_name) {
  return {
      MilestoneDefinition{.id = "intake",
                          .name = intake_name,
                          .deadline = Deadline{"", 30},
                          .enters = TrajectoryState::kIntake},
      MilestoneDefinition{.id = "vca-basis",
                          .name = "VCA Basis behaald",
                          .after = {"intake"},
                          .deadline = Deadline{"intake", 42},
                          .evidence = {"VCA-diploma"},
                          .required_for_placement = true,
                          .outcome = MilestoneOutcome::kCredential},
  };
}

class HavenWestpoort final : public traject::BanenplanPlugin {
 public:
  traject::ProgrammeDefinition Programme() const override {
    traject::ProgrammeDefinition p;
    p.id = "haven-westpoort";
    p.name = "Banenplan Haven/Westpoort";
    p.kind = traject::ProgrammeKind::kArea;
    p.area = "Westpoort";
    p.collective = "Werkgeverscollectief Haven/Westpoort";
    p.description =
        "Port, industry and installation jobs in Westpoort, with safety training "
        "(VCA) and technical leerwerk toward the energy transition.";

    traject::TrackDefinition zonnepanelen;
    zonnepanelen.id = "zonnepaneelmonteur";
    zonnepanelen.name = "Zonnepaneelmonteur";
    zonnepanelen.sector = "techniek";
    zonnepanelen.qualification = "Certificaat zonnepaneelmonteur (met werken op hoogte)";
    zonnepanelen.duration_months = 6;
    zonnepanelen.milestones = IntakeAndVca("Intake en technische test");
    zonnepanelen.milestones.insert(
        zonnepanelen.milestones.end(),
        {
            MilestoneDefinition{.id = "start-opleiding",
                                .name = "Start praktijkopleiding",
                                .after = {"intake"},
                                .deadline = Deadline{"intake", 60},
                                .evidence = {"opleidingsovereenkomst"},
                                .enters = TrajectoryState::kInLeerwerk},
            MilestoneDefinition{.id = "werken-op-hoogte",
                                .name = "Certificaat werken op hoogte",
                                .after = {"start-opleiding"},
                                .deadline = Deadline{"start-opleiding", 90},
                                .evidence = {"certificaat werken op hoogte"},
                                .required_for_placement = true,
                                .outcome = MilestoneOutcome::kCredential},
            MilestoneDefinition{.id = "certificaat",
                                .name = "Certificaat zonnepaneelmonteur",
                                .after = {"werken-op-hoogte", "vca-basis"},
                                .deadline = Deadline{"start-opleiding", 183},
                                .evidence = {"certificaat"},
                                .outcome = MilestoneOutcome::kCredential},
        });

    traject::TrackDefinition haven;
    haven.id = "havenlogistiek";
    haven.name = "Havenlogistiek (BBL)";
    haven.sector = "haven";
    haven.qualification = "MBO-2 Havenlogistiek medewerker, BBL";
    haven.duration_months = 12;
    haven.milestones = IntakeAndVca("Intake");
    haven.milestones.insert(haven.milestones.end(),
                            {
                                MilestoneDefinition{.id = "start-bbl",
                                                    .name = "Start BBL",
                                                    .after = {"vca-basis"},
                                                    .deadline = Deadline{"intake", 90},
                                                    .evidence = {"BBL-contract"},
                                                    .enters = TrajectoryState::kInLeerwerk},
                                MilestoneDefinition{.id = "diploma",
                                                    .name = "Diploma MBO-2",
                                                    .after = {"start-bbl"},
                                                    .deadline = Deadline{"start-bbl", 548},
                                                    .evidence = {"diploma"},
                                                    .outcome = MilestoneOutcome::kCredential},
                            });
    p.tracks = {zonnepanelen, haven};
    return p;
  }

  // Safety first: no loonkostensubsidie for a placement without a VCA certificate.
  traject::Decision LksEligibility(const traject::PlacementFacts& facts) const override {
    if (!traject::ReachedOn(facts, "vca-basis")) {
      return {false, "Haven/Westpoort: loonkostensubsidie needs VCA Basis (milestone vca-basis)"};
    }
    return {};
  }

  // Collective retention premium: EUR 2,500 for the employer after twelve months.
  std::vector<traject::PremiumAward> Premiums(const traject::PlacementFacts& facts) const override {
    std::vector<traject::PremiumAward> awards;
    if (auto award = traject::EmployerWerkbehoudPremium(
            facts, "hw-behoudpremie", "Haven/Westpoort behoudpremie", 12, 250000)) {
      awards.push_back(*award);
    }
    return awards;
  }
};

}  // namespace

TRAJECT_DEFINE_PLUGIN(HavenWestpoort, "haven-westpoort", "1.0.0")

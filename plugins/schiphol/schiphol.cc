// Schiphol: the area banenplan with the Luchtvaart Community Schiphol (LCS). Work airside needs
// a certificate of conduct (VOG) and a Schiphol pass before the first day; the plugin makes
// both milestones required for a placement. Chosen numbers: README.md next to this file.
#include <traject/plugin.h>
#include <traject/plugin_rules.h>

namespace {

using traject::Deadline;
using traject::MilestoneDefinition;
using traject::MilestoneOutcome;
using traject::TrajectoryState;

class Schiphol final : public traject::BanenplanPlugin {
 public:
  traject::ProgrammeDefinition Programme() const override {
    traject::ProgrammeDefinition p;
    p.id = "schiphol";
    p.name = "Banenplan Schiphol";
    p.kind = traject::ProgrammeKind::kArea;
    p.area = "Schiphol";
    p.collective = "Luchtvaart Community Schiphol";
    p.description =
        "Jobs in aviation services at Schiphol for people from bijstand, with "
        "screening (VOG, Schipholpas) arranged before the first working day.";

    const std::vector<MilestoneDefinition> screening = {
        MilestoneDefinition{.id = "intake",
                            .name = "Intake en matchgesprek LCS",
                            .deadline = Deadline{"", 30},
                            .enters = TrajectoryState::kIntake},
        MilestoneDefinition{.id = "vog",
                            .name = "VOG luchtvaart ontvangen",
                            .after = {"intake"},
                            .deadline = Deadline{"intake", 56},
                            .evidence = {"VOG (screeningsprofiel luchtvaart)"},
                            .required_for_placement = true},
        MilestoneDefinition{.id = "schipholpas",
                            .name = "Schipholpas (airside) uitgegeven",
                            .after = {"vog"},
                            .deadline = Deadline{"vog", 42},
                            .evidence = {"pasnummer Schipholpas"},
                            .required_for_placement = true},
    };

    traject::TrackDefinition bagage;
    bagage.id = "bagage-logistiek";
    bagage.name = "Bagage- en vrachtafhandeling (BBL)";
    bagage.sector = "luchtvaart";
    bagage.qualification = "MBO-2 Logistiek medewerker, BBL";
    bagage.duration_months = 12;
    bagage.milestones = screening;
    bagage.milestones.push_back(MilestoneDefinition{.id = "start-opleiding",
                                                    .name = "Start BBL-opleiding",
                                                    .after = {"intake"},
                                                    .deadline = Deadline{"intake", 90},
                                                    .evidence = {"praktijkovereenkomst"},
                                                    .enters = TrajectoryState::kInLeerwerk});
    bagage.milestones.push_back(MilestoneDefinition{.id = "certificaat",
                                                    .name = "Certificaat logistiek",
                                                    .after = {"start-opleiding"},
                                                    .deadline = Deadline{"start-opleiding", 365},
                                                    .evidence = {"certificaat"},
                                                    .outcome = MilestoneOutcome::kCredential});

    traject::TrackDefinition schoonmaak;
    schoonmaak.id = "schoonmaak-airside";
    schoonmaak.name = "Schoonmaak vliegtuigen en terminal";
    schoonmaak.sector = "luchtvaart";
    schoonmaak.qualification = "Vakdiploma schoonmaak (SVS)";
    schoonmaak.duration_months = 6;
    schoonmaak.milestones = screening;
    schoonmaak.milestones.push_back(MilestoneDefinition{.id = "vakdiploma",
                                                        .name = "Vakdiploma schoonmaak",
                                                        .after = {"intake"},
                                                        .deadline = Deadline{"intake", 183},
                                                        .evidence = {"vakdiploma SVS"},
                                                        .outcome = MilestoneOutcome::kCredential});
    p.tracks = {bagage, schoonmaak};
    return p;
  }

  // LCS employers take people on contracts of at least 12 hours a week; below that the
  // collective's agreement gives no loonkostensubsidie.
  traject::Decision LksEligibility(const traject::PlacementFacts& facts) const override {
    if (facts.placement.hours_per_week < 1200) {
      return {false,
              "Banenplan Schiphol: loonkostensubsidie needs a contract of at least 12 "
              "hours a week"};
    }
    return {};
  }

  // LCS plaatsingsbonus: EUR 750 for the employer after three months of werkbehoud.
  std::vector<traject::PremiumAward> Premiums(const traject::PlacementFacts& facts) const override {
    std::vector<traject::PremiumAward> awards;
    if (auto award = traject::EmployerWerkbehoudPremium(facts, "lcs-plaatsingsbonus",
                                                        "LCS plaatsingsbonus", 3, 75000)) {
      awards.push_back(*award);
    }
    return awards;
  }
};

}  // namespace

TRAJECT_DEFINE_PLUGIN(Schiphol, "schiphol", "1.0.0")

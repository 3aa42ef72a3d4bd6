// ZuidoostWerkt!: the area banenplan of Amsterdam Zuidoost, where employers, the municipality
// and social organisations work together to get people into work and keep them there. Its care
// employers offer the two zorg leerwerk tracks. Numbers the sources do not give are chosen and
// documented in README.md next to this file.
#include <traject/plugin.h>
#include <traject/plugin_rules.h>

namespace {

using traject::Deadline;
using traject::MilestoneDefinition;
using traject::MilestoneOutcome;
using traject::TrajectoryState;

// Care work needs a VOG: both tracks start with an intake and the VOG, required before placement.
std::vector<MilestoneDefinition> IntakeAndVog(const char* intake_name) {
  return {
      MilestoneDefinition{.id = "intake",
                          .name = intake_name,
                          .deadline = Deadline{"", 30},
                          .enters = TrajectoryState::kIntake},
      MilestoneDefinition{.id = "vog",
                          .name = "VOG ontvangen",
                          .after = {"intake"},
                          .deadline = Deadline{"intake", 60},
                          .evidence = {"VOG"},
                          .required_for_placement = true},
  };
}

class ZuidoostWerkt final : public traject::BanenplanPlugin {
 public:
  traject::ProgrammeDefinition Programme() const override {
    traject::ProgrammeDefinition p;
    p.id = "zuidoostwerkt";
    p.name = "ZuidoostWerkt!";
    p.kind = traject::ProgrammeKind::kArea;
    p.area = "Zuidoost";
    p.collective = "Werkgeverscollectief ZuidoostWerkt!";
    p.description =
        "Area banenplan Amsterdam Zuidoost: employers, municipality and social "
        "organisations get people from bijstand into work and keep them there.";

    traject::TrackDefinition calibris;
    calibris.id = "calibris-zorg";
    calibris.name = "Calibris leerwerk zorg";
    calibris.sector = "zorg";
    calibris.qualification = "Praktijkverklaring zorg (Calibris), toward MBO-2 Helpende Z&W";
    calibris.duration_months = 12;
    calibris.milestones = IntakeAndVog("Intakegesprek met klantmanager");
    calibris.milestones.insert(
        calibris.milestones.end(),
        {
            MilestoneDefinition{.id = "start-wijkleerbedrijf",
                                .name = "Start in wijkleerbedrijf (met behoud van uitkering)",
                                .after = {"intake"},
                                .deadline = Deadline{"intake", 60},
                                .evidence = {"leerwerkovereenkomst"},
                                .enters = TrajectoryState::kInLeerwerk},
            MilestoneDefinition{.id = "praktijkbeoordeling",
                                .name = "Praktijkbeoordeling",
                                .after = {"start-wijkleerbedrijf"},
                                .deadline = Deadline{"start-wijkleerbedrijf", 180},
                                .evidence = {"beoordelingsformulier"},
                                .outcome = MilestoneOutcome::kSkillGain},
            MilestoneDefinition{.id = "praktijkverklaring",
                                .name = "Praktijkverklaring behaald",
                                .after = {"praktijkbeoordeling"},
                                .deadline = Deadline{"", 365},
                                .evidence = {"praktijkverklaring"},
                                .required_for_placement = true,
                                .outcome = MilestoneOutcome::kCredential},
        });

    traject::TrackDefinition verzorgende;
    verzorgende.id = "mbo2-verzorgende";
    verzorgende.name = "MBO-2 verzorgende (BBL)";
    verzorgende.sector = "zorg";
    verzorgende.qualification = "MBO-2 Helpende Zorg en Welzijn, BBL (route naar verzorgende IG)";
    verzorgende.duration_months = 24;
    verzorgende.milestones = IntakeAndVog("Intakegesprek");
    verzorgende.milestones.insert(
        verzorgende.milestones.end(),
        {
            MilestoneDefinition{.id = "toelating-opleiding",
                                .name = "Toelating MBO-opleiding",
                                .after = {"intake"},
                                .deadline = Deadline{"intake", 90},
                                .evidence = {"toelatingsbrief ROC"},
                                .enters = TrajectoryState::kInLeerwerk,
                                .required_for_placement = true},
            MilestoneDefinition{.id = "tussenbeoordeling",
                                .name = "Tussentijdse beoordeling",
                                .after = {"toelating-opleiding"},
                                .deadline = Deadline{"toelating-opleiding", 183},
                                .evidence = {"voortgangsverslag"},
                                .outcome = MilestoneOutcome::kSkillGain},
            MilestoneDefinition{.id = "diploma",
                                .name = "Diploma MBO-2",
                                .after = {"tussenbeoordeling"},
                                .deadline = Deadline{"toelating-opleiding", 730},
                                .evidence = {"diploma"},
                                .outcome = MilestoneOutcome::kCredential},
        });
    p.tracks = {calibris, verzorgende};
    return p;
  }

  // Employer premium of the collective: EUR 1,000 once a placement lasts six months.
  std::vector<traject::PremiumAward> Premiums(const traject::PlacementFacts& facts) const override {
    std::vector<traject::PremiumAward> awards;
    if (auto award = traject::EmployerWerkbehoudPremium(
            facts, "zow-werkbehoudpremie", "ZuidoostWerkt! werkbehoudpremie", 6, 100000)) {
      awards.push_back(*award);
    }
    return awards;
  }
};

}  // namespace

TRAJECT_DEFINE_PLUGIN(ZuidoostWerkt, "zuidoostwerkt", "1.0.0")

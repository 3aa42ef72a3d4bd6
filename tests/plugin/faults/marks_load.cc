// A plugin whose code runs the moment it is loaded: its static initialiser appends a line to
// the file named by TRAJECT_TEST_LOAD_MARKER (when set). The tests of what the loader checks
// put it where it must be refused and assert that the marker never appears: a refusal that
// came after dlopen would be too late. Its programme is valid, so that a wrong load succeeds
// and shows its name.
#include <traject/plugin.h>

#include <cstdio>
#include <cstdlib>

namespace {

struct MarkOnLoad {
  MarkOnLoad() {
    if (const char* marker = std::getenv("TRAJECT_TEST_LOAD_MARKER")) {
      if (std::FILE* file = std::fopen(marker, "a")) {
        std::fputs("marks-load ran\n", file);
        std::fclose(file);
      }
    }
  }
} mark_on_load;

class MarksLoad final : public traject::BanenplanPlugin {
 public:
  traject::ProgrammeDefinition Programme() const override {
    traject::ProgrammeDefinition p;
    p.id = "marks-load";
    p.name = "Runs code when loaded";
    traject::TrackDefinition t;
    t.id = "werk";
    t.name = "Werk";
    t.milestones = {traject::MilestoneDefinition{
        .id = "intake", .name = "Intake", .enters = traject::TrajectoryState::kIntake}};
    p.tracks = {t};
    return p;
  }
};

}  // namespace

TRAJECT_DEFINE_PLUGIN(MarksLoad, "marks-load", "0.1.0")

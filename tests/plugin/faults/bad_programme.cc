// A plugin whose milestone order has a cycle and a dangling deadline anchor.
#include <traject/plugin.h>

namespace {
class BadProgramme final : public traject::BanenplanPlugin {
 public:
  traject::ProgrammeDefinition Programme() const override {
    traject::ProgrammeDefinition p;
    p.id = "bad-programme";
    p.name = "Bad programme";
    traject::TrackDefinition t;
    t.id = "kring";
    t.name = "Kring";
    t.milestones = {
        traject::MilestoneDefinition{.id = "a", .name = "A", .after = {"b"}},
        traject::MilestoneDefinition{
            .id = "b", .name = "B", .after = {"a"}, .deadline = traject::Deadline{"nowhere", 10}},
    };
    p.tracks = {t};
    return p;
  }
};
}  // namespace

TRAJECT_DEFINE_PLUGIN(BadProgramme, "bad-programme", "0.1.0")

// A plugin compiled with libstdc++'s old string ABI (-D_GLIBCXX_USE_CXX11_ABI=0, set in
// tests/CMakeLists.txt): a real build whose std::string, and so every programme it returns,
// has another layout than the host's. Its build key says so; the host must refuse it before
// calling create() or Programme(), never crash.
#include <traject/plugin.h>

#if !defined(_GLIBCXX_USE_CXX11_ABI) || _GLIBCXX_USE_CXX11_ABI
#error "build this fault with -D_GLIBCXX_USE_CXX11_ABI=0"
#endif

namespace {
class OtherAbi final : public traject::BanenplanPlugin {
 public:
  traject::ProgrammeDefinition Programme() const override {
    traject::ProgrammeDefinition p;
    p.id = "other-abi";
    p.name = "Built with the old string ABI";
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

TRAJECT_DEFINE_PLUGIN(OtherAbi, "other-abi", "0.1.0")

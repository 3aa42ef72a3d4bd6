// Loading plugins: the bundled ones, each kind of fault, and lifetimes across unloading.
#include "traject/plugin_host.h"

#include <gtest/gtest.h>

#include "testutil.h"
#include "traject/plugin_check.h"

namespace traject {
namespace {

std::filesystem::path Bundled(const std::string& name) {
  return std::filesystem::path(TRAJECT_BUNDLED_PLUGIN_DIR) / ("traject-" + name + ".so");
}
std::filesystem::path Fault(const std::string& name) {
  return std::filesystem::path(TRAJECT_TEST_PLUGIN_DIR) / name / ("traject-" + name + ".so");
}

TEST(PluginHostTest, LoadsTheBundledPlugins) {
  PluginRegistry registry;
  ASSERT_OK(registry.LoadDirectories({TRAJECT_BUNDLED_PLUGIN_DIR}));
  ASSERT_EQ(registry.plugins().size(), 3u);
  const ProgrammeDefinition* schiphol = registry.catalogue().Find("schiphol");
  ASSERT_NE(schiphol, nullptr);
  EXPECT_EQ(schiphol->collective, "Luchtvaart Community Schiphol");
  // Between them the three offer the tracks the banenplannen promise.
  EXPECT_NE(FindTrack(*registry.catalogue().Find("zuidoostwerkt"), "mbo2-verzorgende"), nullptr);
  EXPECT_NE(FindTrack(*registry.catalogue().Find("zuidoostwerkt"), "calibris-zorg"), nullptr);
  EXPECT_NE(FindTrack(*registry.catalogue().Find("haven-westpoort"), "zonnepaneelmonteur"),
            nullptr);
  const TrackDefinition* bagage = FindTrack(*schiphol, "bagage-logistiek");
  ASSERT_NE(bagage, nullptr);
  EXPECT_TRUE(FindMilestone(*bagage, "schipholpas")->required_for_placement);
}

TEST(PluginHostTest, BundledPluginsPassTheConformanceCheck) {
  for (const char* name : {"zuidoostwerkt", "schiphol", "haven-westpoort"}) {
    ConformanceReport report = CheckPlugin(Bundled(name));
    EXPECT_TRUE(report.passed()) << name;
    for (const ConformanceCheck& c : report.checks)
      EXPECT_TRUE(c.passed) << name << ": " << c.name << ": " << c.detail;
  }
}

TEST(PluginHostTest, PluginRulesApply) {
  Result<std::shared_ptr<LoadedPlugin>> haven = LoadedPlugin::Load(Bundled("haven-westpoort"));
  ASSERT_OK(haven);
  PlacementFacts facts;
  facts.programme_id = "haven-westpoort";
  facts.placement.start = test::D("2024-03-01");
  facts.on = test::D("2025-04-01");
  Result<Decision> without_vca = (*haven)->LksEligibility(facts);
  ASSERT_OK(without_vca);
  EXPECT_FALSE(without_vca->eligible);
  EXPECT_NE(without_vca->reason.find("VCA"), std::string::npos);
  facts.milestones.push_back({"vca-basis", test::D("2024-02-01"), "VCA-123"});
  EXPECT_TRUE((*haven)->LksEligibility(facts)->eligible);
  Result<std::vector<PremiumAward>> premiums = (*haven)->Premiums(facts);
  ASSERT_OK(premiums);
  ASSERT_EQ(premiums->size(), 1u);  // twelve months reached on 2025-03-01
  EXPECT_EQ((*premiums)[0].due, test::D("2025-03-01"));
  EXPECT_EQ((*premiums)[0].amount, 250000);
}

TEST(PluginHostTest, EachFaultHasItsOwnClearError) {
  test::TempDir dir;
  const std::string junk = dir.File("junk.so");
  std::ofstream(junk) << "not an ELF file";
  struct Case {
    std::filesystem::path path;
    const char* expected;
  };
  const Case cases[] = {
      {junk, "cannot load as a shared library"},
      {Fault("no-entry"), "entry point 'traject_plugin_info' not found"},
      {Fault("wrong-api"),
       "wrong plugin API version: built for API 999, this traject supports API 1"},
      {Fault("throws-programme"),
       "plugin 'throws-programme' threw from Programme: definitions file missing"},
      {Fault("bad-programme"), "cycle"},
  };
  for (const Case& c : cases) {
    Result<std::shared_ptr<LoadedPlugin>> loaded = LoadedPlugin::Load(c.path);
    ASSERT_FALSE(loaded.ok()) << c.path;
    EXPECT_EQ(loaded.status().code(), Status::Code::kPlugin);
    EXPECT_NE(loaded.status().message().find(c.expected), std::string::npos)
        << loaded.status().message();
    EXPECT_NE(loaded.status().message().find(c.path.string()), std::string::npos);
  }
  Status bad = LoadedPlugin::Load(Fault("bad-programme")).status();
  EXPECT_NE(bad.message().find("unknown milestone 'nowhere'"), std::string::npos) << bad.message();
}

TEST(PluginHostTest, ThrowingRulesBecomePluginErrors) {
  Result<std::shared_ptr<LoadedPlugin>> plugin = LoadedPlugin::Load(Fault("throws-rules"));
  ASSERT_OK(plugin);
  Result<Decision> decision = (*plugin)->LksEligibility(PlacementFacts{});
  ASSERT_FALSE(decision.ok());
  EXPECT_EQ(decision.status().message(),
            "plugin 'throws-rules' threw from LksEligibility: eligibility table not loaded");
  ConformanceReport report = CheckPlugin(Fault("throws-rules"));
  EXPECT_FALSE(report.passed());
}

TEST(PluginHostTest, TwoPluginsClaimingOneProgrammeAreRefused) {
  test::TempDir dir;
  std::filesystem::copy_file(Bundled("schiphol"), dir.path() / "traject-schiphol-copy.so");
  PluginRegistry registry;
  Status s = registry.LoadDirectories({TRAJECT_BUNDLED_PLUGIN_DIR, dir.path()});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kPlugin);
  EXPECT_NE(s.message().find("programme id 'schiphol' is defined by both"), std::string::npos)
      << s.message();
  EXPECT_NE(s.message().find("traject-schiphol-copy.so"), std::string::npos);
}

TEST(PluginHostTest, DataOutlivesTheLibraryButObjectsKeepItLoaded) {
  ProgrammeDefinition copy;
  Result<Decision> decision = Decision{};
  {
    Result<std::shared_ptr<LoadedPlugin>> plugin = LoadedPlugin::Load(Bundled("schiphol"));
    ASSERT_OK(plugin);
    std::shared_ptr<LoadedPlugin> kept = *plugin;
    plugin = Status::Internal("dropped");  // the registry's reference goes away...
    PlacementFacts facts;
    facts.placement.hours_per_week = 800;
    decision = kept->LksEligibility(facts);  // ...the kept handle still works
    copy = kept->programme();
  }  // the library is unloaded here
  ASSERT_OK(decision);
  EXPECT_FALSE(decision->eligible);
  EXPECT_NE(decision->reason.find("12 hours"), std::string::npos);
  EXPECT_EQ(copy.name, "Banenplan Schiphol");  // plain values copied out stay valid
  EXPECT_EQ(copy.tracks.size(), 2u);
}

}  // namespace
}  // namespace traject

// Loading plugins: the bundled ones, each kind of fault, the build key, skipping bad files,
// the conformance checks, and lifetimes across unloading.
#include "traject/plugin_host.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "testutil.h"
#include "traject/plugin_check.h"
#include "traject/version.h"

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

// Every check, by name and in order: the list docs/plugins.md and plugin_check.h give.
const std::vector<std::string> kCheckNames = {
    "loads: entry point, API version 3, build key",
    "ids well-formed and unique",
    "programme, tracks and milestones named; durations 0..120 months",
    "milestones in topological order of 'after'",
    "milestones enter only intake or in-leerwerk",
    "deadlines 1..3660 days with known anchors, no cycles",
    "milestone outcomes none, skill-gain or credential",
    "tracks naming a qualification mark a credential",
    "eligibility rules answer with reasons",
    "premiums are well-formed",
    "premium ids are distinct from built-in premiums",
};

std::vector<std::string> Names(const ConformanceReport& report) {
  std::vector<std::string> names;
  for (const ConformanceCheck& c : report.checks) names.push_back(c.name);
  return names;
}

const ConformanceCheck* Find(const ConformanceReport& report, const std::string& name) {
  for (const ConformanceCheck& c : report.checks) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

TEST(PluginHostTest, BundledPluginsPassTheConformanceCheck) {
  for (const char* name : {"zuidoostwerkt", "schiphol", "haven-westpoort"}) {
    ConformanceReport report = CheckPlugin(Bundled(name));
    EXPECT_TRUE(report.passed()) << name;
    EXPECT_EQ(report.first_failure(), nullptr) << name;
    EXPECT_EQ(Names(report), kCheckNames) << name;
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
      // Every field after api_version of this fault is an unreadable pointer: reading one
      // (as the build key, say) would crash the test.
      {Fault("wrong-api"),
       "wrong plugin API version: built for API 999, this traject supports API 3; rebuild the "
       "plugin against this traject SDK"},
      {Fault("other-abi"), "wrong build key: built with gcc; libstdc++ cxx11-abi=0"},
      {Fault("throws-programme"),
       "plugin 'throws-programme' threw from Programme: definitions file missing"},
      {Fault("bad-programme"), "cycle"},
      {Fault("enters-geplaatst"),
       "track 'werk', milestone 'contract': enters geplaatst, which only the host sets"},
      {Fault("unordered-milestones"),
       "track 'bbl', milestone 'diploma': after 'start-bbl', which is listed later"},
      {Fault("unknown-outcome"),
       "programme 'unknown-outcome', track 'bbl', milestone 'diploma': outcome 7 is not none, "
       "skill-gain or credential"},
  };
  for (const Case& c : cases) {
    Result<std::shared_ptr<LoadedPlugin>> loaded = LoadedPlugin::Load(c.path);
    ASSERT_FALSE(loaded.ok()) << c.path;
    EXPECT_EQ(loaded.status().code(), Status::Code::kPlugin);
    EXPECT_NE(loaded.status().message().find(c.expected), std::string::npos)
        << loaded.status().message();
    EXPECT_EQ(loaded.status().message().rfind(c.path.string() + ": ", 0), 0u)
        << loaded.status().message();
  }
  Status bad = LoadedPlugin::Load(Fault("bad-programme")).status();
  EXPECT_NE(bad.message().find("deadline refers to unknown milestone 'nowhere'"), std::string::npos)
      << bad.message();
}

TEST(PluginHostTest, BuildKeyNamesCompilerStandardLibraryAndSdkVersion) {
  const std::string key = HostBuildKey();
  EXPECT_EQ(key, TRAJECT_PLUGIN_BUILD_KEY);  // the host's key is the one plugins compile in
  // While the major version is 0 a minor may break plugins: the key carries "major.minor".
  const std::string sdk = TRAJECT_VERSION_MAJOR == 0
                              ? fmt::format("{}.{}", TRAJECT_VERSION_MAJOR, TRAJECT_VERSION_MINOR)
                              : fmt::format("{}", TRAJECT_VERSION_MAJOR);
  EXPECT_EQ(TRAJECT_VERSION_STRING, fmt::format("{}.{}.{}", TRAJECT_VERSION_MAJOR,
                                                TRAJECT_VERSION_MINOR, TRAJECT_VERSION_PATCH));
#if defined(__GNUC__) && !defined(__clang__) && defined(__GLIBCXX__) && _GLIBCXX_USE_CXX11_ABI
  EXPECT_EQ(key, "gcc; libstdc++ cxx11-abi=1; traject-sdk " + sdk);
#else
  EXPECT_NE(key.find("; traject-sdk " + sdk), std::string::npos) << key;
#endif
}

TEST(PluginHostTest, OtherStandardLibraryAbiIsRefusedByItsBuildKey) {
  const std::filesystem::path path = Fault("other-abi");
  const std::string expected = fmt::format(
      "{}: wrong build key: built with gcc; libstdc++ cxx11-abi=0; traject-sdk {}.{}, this "
      "traject needs {}; rebuild the plugin with the same compiler and standard library against "
      "this SDK",
      path.string(), TRAJECT_VERSION_MAJOR, TRAJECT_VERSION_MINOR, HostBuildKey());
  Result<std::shared_ptr<LoadedPlugin>> loaded = LoadedPlugin::Load(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), Status::Code::kPlugin);
  EXPECT_EQ(loaded.status().message(), expected);
  // The checker's loader refuses it the same way, as its first and only check.
  Result<std::shared_ptr<LoadedPlugin>> opened = LoadedPlugin::Open(path);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().message(), expected);
  ConformanceReport report = CheckPlugin(path);
  EXPECT_FALSE(report.passed());
  ASSERT_EQ(report.checks.size(), 1u);
  ASSERT_NE(report.first_failure(), nullptr);
  EXPECT_EQ(report.first_failure()->name, kCheckNames[0]);
  EXPECT_EQ(report.first_failure()->detail, expected);
  EXPECT_TRUE(report.plugin.empty());  // its name was never read into a std::string
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

TEST(PluginHostTest, BadFilesAreSkippedWithAWarningEach) {
  test::TempDir dir;
  std::ofstream(dir.File("traject-junk.so")) << "plain text";
  std::ofstream(dir.File("notes.txt")) << "not a *.so file: not even tried";
  const std::vector<std::pair<std::string, std::string>> faults = {
      {"no-entry", "entry point 'traject_plugin_info' not found"},
      {"wrong-api", "wrong plugin API version: built for API 999"},
      {"other-abi", "wrong build key: built with gcc; libstdc++ cxx11-abi=0"},
      {"throws-programme", "plugin 'throws-programme' threw from Programme"},
      {"bad-programme", "plugin 'bad-programme' defines an invalid programme"},
      {"enters-geplaatst", "enters geplaatst, which only the host sets"},
      {"unordered-milestones", "after 'start-bbl', which is listed later"},
      {"unknown-outcome", "milestone 'diploma': outcome 7 is not none, skill-gain or credential"},
  };
  std::vector<std::filesystem::path> directories = {TRAJECT_BUNDLED_PLUGIN_DIR, dir.path()};
  for (const auto& [fault, reason] : faults) {
    directories.push_back(std::filesystem::path(TRAJECT_TEST_PLUGIN_DIR) / fault);
  }
  directories.push_back(std::filesystem::path(TRAJECT_TEST_PLUGIN_DIR) / "throws-rules");
  directories.push_back(std::filesystem::path(TRAJECT_TEST_PLUGIN_DIR) / "no-credential");

  PluginRegistry registry;
  ASSERT_OK(registry.LoadDirectories(directories));
  // The good ones load: the bundled three, throws-rules and no-credential (valid programmes;
  // they fail only the checker's rule checks).
  EXPECT_EQ(registry.plugins().size(), 5u);
  EXPECT_NE(registry.catalogue().Find("schiphol"), nullptr);
  EXPECT_NE(registry.catalogue().Find("throws-rules"), nullptr);
  EXPECT_NE(registry.catalogue().Find("no-credential"), nullptr);
  EXPECT_EQ(registry.catalogue().Find("enters-geplaatst"), nullptr);
  EXPECT_EQ(registry.catalogue().Find("unknown-outcome"), nullptr);
  // One warning per bad file, in the order met, with the path apart from the reason.
  ASSERT_EQ(registry.warnings().size(), faults.size() + 1) << registry.warnings().size();
  EXPECT_EQ(registry.warnings()[0].path, dir.path() / "traject-junk.so");
  EXPECT_NE(registry.warnings()[0].status.message().find("cannot load as a shared library"),
            std::string::npos);
  for (std::size_t i = 0; i < faults.size(); ++i) {
    const PluginLoadWarning& warning = registry.warnings()[i + 1];
    EXPECT_EQ(warning.path, Fault(faults[i].first));
    EXPECT_EQ(warning.status.code(), Status::Code::kPlugin);
    EXPECT_NE(warning.status.message().find(faults[i].second), std::string::npos)
        << warning.status.message();
    EXPECT_EQ(warning.status.message().find(warning.path.string()), std::string::npos)
        << "the path is a field of its own: " << warning.status.message();
  }
}

TEST(PluginHostTest, TwoPluginsClaimingOneProgrammeAreRefused) {
  PluginRegistry registry;
  // Bad files around it do not soften the conflict: it stays an error naming both files.
  const std::filesystem::path twin =
      std::filesystem::path(TRAJECT_TEST_PLUGIN_DIR) / "twin-schiphol";
  Status s =
      registry.LoadDirectories({TRAJECT_BUNDLED_PLUGIN_DIR,
                                std::filesystem::path(TRAJECT_TEST_PLUGIN_DIR) / "no-entry", twin});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kPlugin);
  EXPECT_EQ(
      s.message(),
      fmt::format(
          "programme id 'schiphol' is defined by both {} and {}; remove one of the two files (or "
          "the directory that holds it) from the plugin path",
          (std::filesystem::path(TRAJECT_BUNDLED_PLUGIN_DIR) / "traject-schiphol.so").string(),
          (twin / "traject-twin-schiphol.so").string()));
  EXPECT_EQ(registry.warnings().size(), 1u);  // no-entry, before the conflict
}

TEST(PluginHostTest, TheSamePluginTwiceIsLoadedOnce) {
  // A copy of a bundled plugin, and a link to one, in a directory searched before the bundled
  // one: one Schiphol plugin, and a warning for the copy only.
  test::TempDir dir;
  std::filesystem::copy_file(Bundled("schiphol"), dir.path() / "traject-schiphol-copy.so");
  std::filesystem::create_directories(dir.path() / "links");
  std::filesystem::create_symlink(Bundled("zuidoostwerkt"),
                                  dir.path() / "links" / "traject-zuidoostwerkt.so");
  PluginRegistry registry;
  ASSERT_OK(
      registry.LoadDirectories({dir.path(), dir.path() / "links", TRAJECT_BUNDLED_PLUGIN_DIR}));
  EXPECT_NE(registry.PluginFor("schiphol"), nullptr);
  EXPECT_NE(registry.PluginFor("zuidoostwerkt"), nullptr);
  EXPECT_EQ(registry.plugins().size(), 3u);
  ASSERT_EQ(registry.warnings().size(), 1u);
  EXPECT_EQ(registry.warnings()[0].path, Bundled("schiphol"));
  EXPECT_NE(registry.warnings()[0].status.message().find("the same file as"), std::string::npos);
}

// A plugin runs with its loader's rights: a file or directory someone else can change is
// refused with an error naming it, never loaded and never merely skipped.
TEST(PluginHostTest, PluginsOthersCanChangeAreRefused) {
  using std::filesystem::perms;
  test::TempDir dir;
  const std::filesystem::path plugins = dir.path() / "plugins";
  std::filesystem::create_directories(plugins);
  std::filesystem::permissions(plugins, perms::owner_all | perms::group_read | perms::group_exec);
  const std::filesystem::path file = plugins / "traject-schiphol.so";
  std::filesystem::copy_file(Bundled("schiphol"), file);
  std::filesystem::permissions(file, perms::owner_read | perms::owner_write | perms::group_read);
  {
    PluginRegistry registry;
    ASSERT_OK(registry.LoadDirectories({plugins}));  // the owner's alone: loads
    EXPECT_NE(registry.PluginFor("schiphol"), nullptr);
  }
  // The directory writable by others: someone could drop a plugin in.
  std::filesystem::permissions(plugins, perms::others_write, std::filesystem::perm_options::add);
  {
    PluginRegistry registry;
    Status s = registry.LoadDirectories({plugins});
    EXPECT_EQ(s.code(), Status::Code::kPlugin);
    EXPECT_NE(s.message().find(fmt::format("plugin directory {} is writable by others (mode 0752)",
                                           plugins.string())),
              std::string::npos)
        << s.message();
    EXPECT_NE(s.message().find("chmod go-w"), std::string::npos) << s.message();
    EXPECT_TRUE(registry.plugins().empty());
  }
  std::filesystem::permissions(plugins, perms::others_write, std::filesystem::perm_options::remove);
  // The file writable by others, through the registry, Load and Open alike.
  std::filesystem::permissions(file, perms::others_write, std::filesystem::perm_options::add);
  {
    PluginRegistry registry;
    Status s = registry.LoadDirectories({plugins});
    EXPECT_NE(s.message().find(
                  fmt::format("plugin file {} is writable by others (mode 0642)", file.string())),
              std::string::npos)
        << s.message();
    EXPECT_TRUE(registry.plugins().empty());
    EXPECT_TRUE(registry.warnings().empty());  // refused, not skipped
    EXPECT_EQ(LoadedPlugin::Load(file).status().code(), Status::Code::kPlugin);
    EXPECT_EQ(LoadedPlugin::Open(file).status().code(), Status::Code::kPlugin);
  }
  std::filesystem::permissions(file, perms::others_write, std::filesystem::perm_options::remove);
  // A link is judged by what it leads to.
  const std::filesystem::path link = dir.path() / "links";
  std::filesystem::create_directories(link);
  std::filesystem::create_symlink(file, link / "traject-schiphol.so");
  std::filesystem::permissions(file, perms::others_write, std::filesystem::perm_options::add);
  EXPECT_NE(LoadedPlugin::Load(link / "traject-schiphol.so")
                .status()
                .message()
                .find("is writable by others"),
            std::string::npos);
  std::filesystem::permissions(file, perms::others_write, std::filesystem::perm_options::remove);

  if (::geteuid() != 0) return;  // only root can give a file away to test the rest
  // Writable by the owner's private group (gid = uid): loads; by another group: refused.
  std::filesystem::permissions(file, perms::group_write, std::filesystem::perm_options::add);
  ASSERT_EQ(::chown(file.c_str(), 0, 0), 0);
  EXPECT_OK(LoadedPlugin::Load(file));
  ASSERT_EQ(::chown(file.c_str(), 0, 1), 0);
  EXPECT_NE(LoadedPlugin::Load(file).status().message().find("is writable by its group (gid 1"),
            std::string::npos);
  // Owned by someone else, even unwritable: refused.
  std::filesystem::permissions(file, perms::group_write, std::filesystem::perm_options::remove);
  ASSERT_EQ(::chown(file.c_str(), 1, 1), 0);
  EXPECT_NE(
      LoadedPlugin::Load(file).status().message().find("is owned by uid 1, neither you nor root"),
      std::string::npos);
}

TEST(PluginHostTest, RegistryAddRefusesAnInvalidProgrammeFromOpen) {
  Result<std::shared_ptr<LoadedPlugin>> opened = LoadedPlugin::Open(Fault("enters-geplaatst"));
  ASSERT_OK(opened);  // Open leaves validation to the checker...
  PluginRegistry registry;
  Status s = registry.Add(*opened);  // ...but nothing invalid gets into a catalogue
  EXPECT_EQ(s.code(), Status::Code::kPlugin);
  EXPECT_NE(s.message().find("enters geplaatst, which only the host sets"), std::string::npos)
      << s.message();
  EXPECT_TRUE(registry.plugins().empty());
  EXPECT_TRUE(registry.catalogue().empty());
}

// The checker reports each structural rule as its own check, and names the first that fails.
TEST(PluginCheckTest, EachStructuralFaultFailsItsNamedCheck) {
  struct Case {
    std::string fault;
    std::string check;
    std::string detail;
  };
  const std::vector<Case> cases = {
      {"enters-geplaatst", "milestones enter only intake or in-leerwerk",
       "track 'werk', milestone 'contract': enters geplaatst, which only the host sets"},
      {"unordered-milestones", "milestones in topological order of 'after'",
       "track 'bbl', milestone 'diploma': after 'start-bbl', which is listed later; list every "
       "milestone after those in its 'after'"},
      {"bad-programme", "milestones in topological order of 'after'",
       "track 'kring', milestone 'a': after 'b', which is listed later"},
      {"builtin-premium", "premium ids are distinct from built-in premiums",
       "premium 'uitstroompremie' on 2024-09-01: the id of a built-in premium"},
  };
  for (const Case& c : cases) {
    ConformanceReport report = CheckPlugin(Fault(c.fault));
    EXPECT_FALSE(report.passed()) << c.fault;
    EXPECT_EQ(Names(report), kCheckNames) << c.fault;  // loaded, so every check ran
    const ConformanceCheck* failed = report.first_failure();
    ASSERT_NE(failed, nullptr) << c.fault;
    EXPECT_EQ(failed->name, c.check) << c.fault;
    EXPECT_NE(failed->detail.find(c.detail), std::string::npos) << failed->detail;
    EXPECT_TRUE(Find(report, "ids well-formed and unique")->passed) << c.fault;
  }
  // The other rules of a faulty programme still pass on their own.
  ConformanceReport geplaatst = CheckPlugin(Fault("enters-geplaatst"));
  EXPECT_TRUE(Find(geplaatst, "milestones in topological order of 'after'")->passed);
  EXPECT_TRUE(Find(geplaatst, "premium ids are distinct from built-in premiums")->passed);
  // bad-programme breaks two rules; the deadline check names the unknown anchor.
  const ConformanceReport bad = CheckPlugin(Fault("bad-programme"));
  const ConformanceCheck* deadlines =
      Find(bad, "deadlines 1..3660 days with known anchors, no cycles");
  ASSERT_NE(deadlines, nullptr);
  EXPECT_FALSE(deadlines->passed);
  EXPECT_NE(deadlines->detail.find("deadline refers to unknown milestone 'nowhere'"),
            std::string::npos)
      << deadlines->detail;
  // A built-in premium id is a rule fault, not a structural one: the plugin loads.
  EXPECT_OK(LoadedPlugin::Load(Fault("builtin-premium")));
  ConformanceReport premium = CheckPlugin(Fault("builtin-premium"));
  EXPECT_TRUE(Find(premium, "premiums are well-formed")->passed);
}

// The outcomes each bundled track declares (plugins/*/README.md, "Outcomes"), as the checker
// reports them; every track naming a qualification marks a credential.
TEST(PluginCheckTest, BundledPluginsDeclareCredentialsAndSkillGains) {
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"zuidoostwerkt",
       "calibris-zorg: 1 credential, 1 skill gain; mbo2-verzorgende: 1 credential, 1 skill gain"},
      {"schiphol",
       "bagage-logistiek: 1 credential, 0 skill gains; schoonmaak-airside: 1 credential, 0 skill "
       "gains"},
      {"haven-westpoort",
       "zonnepaneelmonteur: 3 credentials, 0 skill gains; havenlogistiek: 2 credentials, 0 skill "
       "gains"},
  };
  for (const auto& [name, counts] : expected) {
    ConformanceReport report = CheckPlugin(Bundled(name));
    const ConformanceCheck* outcomes =
        Find(report, "milestone outcomes none, skill-gain or credential");
    ASSERT_NE(outcomes, nullptr) << name;
    EXPECT_TRUE(outcomes->passed) << name;
    EXPECT_EQ(outcomes->detail, counts) << name;
    const ConformanceCheck* qualifications =
        Find(report, "tracks naming a qualification mark a credential");
    ASSERT_NE(qualifications, nullptr) << name;
    EXPECT_TRUE(qualifications->passed) << name << ": " << qualifications->detail;
    EXPECT_EQ(qualifications->detail, "2 tracks with a qualification: each marks a credential");
  }
  // Steps are none: a VOG and a Schipholpas are screenings, a VCA diploma is a credential.
  Result<std::shared_ptr<LoadedPlugin>> schiphol = LoadedPlugin::Load(Bundled("schiphol"));
  ASSERT_OK(schiphol);
  const TrackDefinition* bagage = FindTrack((*schiphol)->programme(), "bagage-logistiek");
  ASSERT_NE(bagage, nullptr);
  EXPECT_EQ(FindMilestone(*bagage, "vog")->outcome, MilestoneOutcome::kNone);
  EXPECT_EQ(FindMilestone(*bagage, "schipholpas")->outcome, MilestoneOutcome::kNone);
  EXPECT_EQ(FindMilestone(*bagage, "certificaat")->outcome, MilestoneOutcome::kCredential);
  Result<std::shared_ptr<LoadedPlugin>> haven = LoadedPlugin::Load(Bundled("haven-westpoort"));
  ASSERT_OK(haven);
  const TrackDefinition* zon = FindTrack((*haven)->programme(), "zonnepaneelmonteur");
  ASSERT_NE(zon, nullptr);
  EXPECT_EQ(FindMilestone(*zon, "vca-basis")->outcome, MilestoneOutcome::kCredential);
  EXPECT_EQ(FindMilestone(*zon, "start-opleiding")->outcome, MilestoneOutcome::kNone);
}

TEST(PluginCheckTest, AnUnknownOutcomeFailsItsStructuralCheckAndLoading) {
  const std::string problem =
      "programme 'unknown-outcome', track 'bbl', milestone 'diploma': outcome 7 is not none, "
      "skill-gain or credential";
  ConformanceReport report = CheckPlugin(Fault("unknown-outcome"));
  EXPECT_FALSE(report.passed());
  EXPECT_EQ(Names(report), kCheckNames);
  ASSERT_NE(report.first_failure(), nullptr);
  EXPECT_EQ(report.first_failure()->name, "milestone outcomes none, skill-gain or credential");
  EXPECT_EQ(report.first_failure()->detail, problem);
  int failed = 0;
  for (const ConformanceCheck& c : report.checks) failed += c.passed ? 0 : 1;
  EXPECT_EQ(failed, 1);  // its track names no qualification; its rules are the defaults
  // A structural rule: loading for use refuses it with the same words.
  Result<std::shared_ptr<LoadedPlugin>> loaded = LoadedPlugin::Load(Fault("unknown-outcome"));
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().message(),
            Fault("unknown-outcome").string() +
                ": plugin 'unknown-outcome' defines an invalid programme:\n" + problem);
}

TEST(PluginCheckTest, AQualificationWithoutACredentialFailsTheCheckButLoads) {
  ConformanceReport report = CheckPlugin(Fault("no-credential"));
  EXPECT_FALSE(report.passed());
  EXPECT_EQ(Names(report), kCheckNames);
  const ConformanceCheck* failed = report.first_failure();
  ASSERT_NE(failed, nullptr);
  EXPECT_EQ(failed->name, "tracks naming a qualification mark a credential");
  EXPECT_EQ(failed->detail,
            "track 'bbl' names a qualification but no milestone is marked credential; set "
            "outcome = MilestoneOutcome::kCredential on the milestone that attains it");
  for (const ConformanceCheck& c : report.checks) {
    if (&c != failed) {
      EXPECT_TRUE(c.passed) << c.name << ": " << c.detail;
    }
  }
  // The outcomes themselves are valid, and counted per track.
  EXPECT_EQ(Find(report, "milestone outcomes none, skill-gain or credential")->detail,
            "werk: 0 credentials, 1 skill gain; bbl: 0 credentials, 0 skill gains");
  // Not a rule of ValidateProgramme: its money rules are sound, so it loads for use.
  EXPECT_OK(LoadedPlugin::Load(Fault("no-credential")));
  // A programme naming no qualification passes, and says so.
  const ConformanceReport none = CheckPlugin(Fault("builtin-premium"));
  EXPECT_EQ(Find(none, "tracks naming a qualification mark a credential")->detail,
            "no track names a qualification");
}

TEST(PluginCheckTest, LoadingProblemsAreTheFirstAndOnlyCheck) {
  for (const char* fault : {"no-entry", "wrong-api", "other-abi", "throws-programme"}) {
    ConformanceReport report = CheckPlugin(Fault(fault));
    ASSERT_EQ(report.checks.size(), 1u) << fault;
    EXPECT_EQ(report.first_failure(), &report.checks[0]) << fault;
    EXPECT_EQ(report.checks[0].name, kCheckNames[0]);
    EXPECT_NE(report.checks[0].detail.find(Fault(fault).string()), std::string::npos);
  }
  EXPECT_EQ(ConformanceReport{}.first_failure(), nullptr);
  EXPECT_FALSE(ConformanceReport{}.passed());  // no checks is no pass
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

// `traject plugins list|check` and plugin faults through the real binary: a bad file in a
// plugin directory is skipped with one warning naming it and why, and the command goes on; two
// plugins claiming one programme fail with exit code 7; `plugins check` fails (exit 7) on every
// fault, naming the check. The database is never touched by a fault.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <map>
#include <string>

#include "cli/cli_runner.h"

namespace traject {
namespace {

using test::RunCli;

std::string FaultDir(const std::string& name) {
  return std::string(TRAJECT_TEST_PLUGIN_DIR) + "/" + name;
}
std::string FaultFile(const std::string& name) {
  return FaultDir(name) + "/traject-" + name + ".so";
}

std::size_t Count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

TEST(PluginsE2eTest, ListShowsProgrammesTracksAndMilestones) {
  test::CliResult table = RunCli({"plugins", "list"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("ZuidoostWerkt!"), std::string::npos);
  EXPECT_NE(table.out.find("schipholpas"), std::string::npos);
  EXPECT_EQ(table.err, "");  // no warnings
  test::CliResult json = RunCli({"plugins", "list", "--json"});
  rapidjson::Document doc;
  doc.Parse(json.out.c_str());
  ASSERT_TRUE(doc.IsObject()) << json.out;
  ASSERT_TRUE(doc["programmes"].IsArray()) << json.out;
  ASSERT_EQ(doc["programmes"].Size(), 3u);
  ASSERT_TRUE(doc["skipped"].IsArray()) << json.out;
  EXPECT_EQ(doc["skipped"].Size(), 0u);
  std::set<std::string> tracks;
  for (const auto& programme : doc["programmes"].GetArray()) {
    for (const auto& track : programme["tracks"].GetArray()) tracks.insert(track["id"].GetString());
  }
  for (const char* expected : {"mbo2-verzorgende", "calibris-zorg", "zonnepaneelmonteur"}) {
    EXPECT_TRUE(tracks.count(expected)) << expected;
  }
  test::CliResult csv = RunCli({"plugins", "list", "--csv"});
  EXPECT_EQ(csv.out.rfind("programme,track,milestone,", 0), 0u) << csv.out;
}

// What reaching each milestone attains (plugin API 3): a column of the table and CSV, added
// last, and a field of every milestone in the JSON.
TEST(PluginsE2eTest, ListShowsMilestoneOutcomes) {
  test::CliResult json = RunCli({"plugins", "list", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  rapidjson::Document doc;
  doc.Parse(json.out.c_str());
  ASSERT_TRUE(doc.IsObject()) << json.out;
  std::map<std::string, std::string> outcomes;  // "programme/track/milestone" -> outcome
  for (const auto& programme : doc["programmes"].GetArray()) {
    for (const auto& track : programme["tracks"].GetArray()) {
      for (const auto& m : track["milestones"].GetArray()) {
        ASSERT_TRUE(m.HasMember("outcome") && m["outcome"].IsString()) << json.out;
        const std::string outcome = m["outcome"].GetString();
        EXPECT_TRUE(outcome == "none" || outcome == "skill-gain" || outcome == "credential")
            << outcome;
        outcomes[std::string(programme["programme"].GetString()) + "/" + track["id"].GetString() +
                 "/" + m["id"].GetString()] = outcome;
        EXPECT_TRUE(m.HasMember("required_for_placement"));  // the older fields stay
      }
    }
  }
  EXPECT_EQ(outcomes["zuidoostwerkt/mbo2-verzorgende/diploma"], "credential");
  EXPECT_EQ(outcomes["zuidoostwerkt/mbo2-verzorgende/tussenbeoordeling"], "skill-gain");
  EXPECT_EQ(outcomes["zuidoostwerkt/mbo2-verzorgende/vog"], "none");
  EXPECT_EQ(outcomes["haven-westpoort/havenlogistiek/vca-basis"], "credential");
  EXPECT_EQ(outcomes["schiphol/bagage-logistiek/schipholpas"], "none");

  // The outcome column comes last, so that scripts reading columns by position keep working.
  // CSV rows end in CRLF (RFC 4180).
  test::CliResult csv = RunCli({"plugins", "list", "--csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("programme,track,milestone,name,after,deadline,evidence,enters,"
                          "before_placement,outcome\r\n",
                          0),
            0u)
      << csv.out;
  EXPECT_NE(csv.out.find("zuidoostwerkt,calibris-zorg,praktijkbeoordeling,Praktijkbeoordeling,"
                         "start-wijkleerbedrijf,180 d after start-wijkleerbedrijf,"
                         "beoordelingsformulier,,,skill-gain\r\n"),
            std::string::npos)
      << csv.out;
  test::CliResult table = RunCli({"plugins", "list"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("before_placement  outcome"), std::string::npos) << table.out;
}

TEST(PluginsE2eTest, PluginPathVariableAddsDirectories) {
  test::CliResult r = RunCli({"plugins", "list", "--json"},
                             "TRAJECT_PLUGIN_PATH=" + test::ShellQuote(FaultDir("throws-rules")));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  rapidjson::Document doc;
  doc.Parse(r.out.c_str());
  ASSERT_TRUE(doc.IsObject()) << r.out;
  EXPECT_EQ(doc["programmes"].Size(), 4u);  // the bundled three and the one from the variable
  bool found = false;
  for (const auto& p : doc["programmes"].GetArray())
    found = found || std::string(p["programme"].GetString()) == "throws-rules";
  EXPECT_TRUE(found);
  // A bad file found through the variable is skipped like one from --plugins.
  test::CliResult bad =
      RunCli({"plugins", "list"}, "TRAJECT_PLUGIN_PATH=" + test::ShellQuote(FaultDir("wrong-api")));
  EXPECT_EQ(bad.exit_code, 0) << bad.err;
  EXPECT_NE(bad.err.find("traject: warning: skipped plugin " + FaultFile("wrong-api") +
                         ": wrong plugin API version: built for API 999"),
            std::string::npos)
      << bad.err;
}

TEST(PluginsE2eTest, CheckPassesForBundledPlugins) {
  for (const char* name : {"zuidoostwerkt", "schiphol", "haven-westpoort"}) {
    const std::string path = std::string(TRAJECT_BUNDLED_PLUGIN_DIR) + "/traject-" + name + ".so";
    test::CliResult r = RunCli({"plugins", "check", path});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(r.out.find("FAIL"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("  ok    milestones enter only intake or in-leerwerk: "),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("  ok    milestone outcomes none, skill-gain or credential: "),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("  ok    tracks naming a qualification mark a credential: 2 tracks with "
                         "a qualification: each marks a credential\n"),
              std::string::npos)
        << r.out;
    EXPECT_TRUE(r.out.ends_with("All 11 checks passed\n")) << r.out;
  }
}

TEST(PluginsE2eTest, BadPluginFilesAreSkippedWithAWarningAndLeaveTheDatabaseUntouched) {
  test::TempDir dir;
  const std::string db = dir.Database("faults");
  ASSERT_EQ(RunCli({"--db", db, "init", "--org", "amsterdam"}).exit_code, 0);
  ASSERT_EQ(RunCli({"--db", db, "participant", "add", "--ref", "P-1", "--registered", "2024-01-01"})
                .exit_code,
            0);
  const std::string before = test::Snapshot(db);

  // A directory with a file that is not a plugin at all.
  const std::string junk_dir = dir.File("junk");
  std::filesystem::create_directories(junk_dir);
  const std::string junk = junk_dir + "/traject-junk.so";
  std::ofstream(junk) << "plain text";

  struct Case {
    std::string file;
    std::string reason;  // how the warning's reason starts
    std::string check;   // the check `plugins check FILE` names
  };
  const std::string loads = "loads: entry point, API version 3, build key";
  const std::vector<Case> cases = {
      {junk, "cannot load as a shared library", loads},
      {FaultFile("no-entry"), "entry point 'traject_plugin_info' not found", loads},
      {FaultFile("wrong-api"), "wrong plugin API version: built for API 999", loads},
      {FaultFile("other-abi"),
       "wrong build key: built with gcc; libstdc++ cxx11-abi=0; traject-sdk 0.1, this traject "
       "needs ",
       loads},
      {FaultFile("throws-programme"), "plugin 'throws-programme' threw from Programme", loads},
      {FaultFile("enters-geplaatst"),
       "plugin 'enters-geplaatst' defines an invalid programme:\n  track 'werk', milestone "
       "'contract': enters geplaatst, which only the host sets",
       "milestones enter only intake or in-leerwerk"},
      {FaultFile("unordered-milestones"),
       "plugin 'unordered-milestones' defines an invalid programme:\n  track 'bbl', milestone "
       "'diploma': after 'start-bbl', which is listed later",
       "milestones in topological order of 'after'"},
      {FaultFile("unknown-outcome"),
       "plugin 'unknown-outcome' defines an invalid programme:\n  programme 'unknown-outcome', "
       "track 'bbl', milestone 'diploma': outcome 7 is not none, skill-gain or credential",
       "milestone outcomes none, skill-gain or credential"},
  };
  for (const Case& c : cases) {
    const std::string plugin_dir = std::filesystem::path(c.file).parent_path().string();
    const std::string warning = "traject: warning: skipped plugin " + c.file + ": " + c.reason;
    // A command that needs the plugins succeeds, with the bundled ones, and warns once.
    test::CliResult r = RunCli({"--db", db, "--plugins", plugin_dir, "participant", "list"});
    EXPECT_EQ(r.exit_code, 0) << c.file << "\n" << r.err;
    EXPECT_EQ(Count(r.err, warning), 1u) << r.err;
    EXPECT_EQ(Count(r.err, "traject: warning:"), 1u) << r.err;
    EXPECT_NE(r.out.find("P-1"), std::string::npos) << r.out;
    EXPECT_EQ(test::Snapshot(db), before) << c.file;

    // `plugins list --json` lists the file as skipped, with the same reason.
    test::CliResult list = RunCli({"--plugins", plugin_dir, "plugins", "list", "--json"});
    EXPECT_EQ(list.exit_code, 0) << list.err;
    EXPECT_EQ(Count(list.err, warning), 1u) << list.err;
    rapidjson::Document doc;
    doc.Parse(list.out.c_str());
    ASSERT_TRUE(doc.IsObject()) << list.out;
    EXPECT_EQ(doc["programmes"].Size(), 3u);
    ASSERT_EQ(doc["skipped"].Size(), 1u) << list.out;
    EXPECT_EQ(std::string(doc["skipped"][0]["path"].GetString()), c.file);
    const std::string reason = doc["skipped"][0]["reason"].GetString();
    EXPECT_EQ(reason.rfind(c.reason.substr(0, c.reason.find('\n')), 0), 0u) << reason;

    // Alone, the file still fails the check, which names the check that failed.
    test::CliResult check = RunCli({"plugins", "check", c.file});
    EXPECT_EQ(check.exit_code, 7) << check.out << check.err;
    EXPECT_NE(check.out.find("  FAIL  " + c.check), std::string::npos) << check.out;
    EXPECT_NE(
        check.err.find("traject: plugin error: " + c.file + " fails check '" + c.check + "': "),
        std::string::npos)
        << check.err;
  }

  // Every fault at once, around a write: one warning per file, and the write succeeds.
  std::vector<std::string> args = {"--db", db};
  for (const Case& c : cases) {
    args.push_back("--plugins");
    args.push_back(std::filesystem::path(c.file).parent_path().string());
  }
  args.push_back("--plugins");  // the same directory twice is searched once
  args.push_back(junk_dir);
  for (const char* arg : {"participant", "add", "--ref", "P-2", "--registered", "2024-02-01"})
    args.push_back(arg);
  test::CliResult all = RunCli(args);
  EXPECT_EQ(all.exit_code, 0) << all.err;
  EXPECT_EQ(Count(all.err, "traject: warning: skipped plugin "), cases.size()) << all.err;
  for (const Case& c : cases) EXPECT_EQ(Count(all.err, "skipped plugin " + c.file + ": "), 1u);
  EXPECT_EQ(RunCli({"--db", db, "participant", "show", "P-2"}).exit_code, 0);

  // Two plugins claiming one programme stay an error naming both files, before any write.
  const std::string after_write = test::Snapshot(db);
  const std::string twin_dir = FaultDir("twin-schiphol");
  test::CliResult twin =
      RunCli({"--db", db, "--plugins", twin_dir, "participant", "add", "--ref", "P-3"});
  EXPECT_EQ(twin.exit_code, 7) << twin.err;
  EXPECT_NE(twin.err.find("programme id 'schiphol' is defined by both"), std::string::npos)
      << twin.err;
  EXPECT_NE(twin.err.find(twin_dir + "/traject-twin-schiphol.so"), std::string::npos) << twin.err;
  EXPECT_NE(twin.err.find("remove one of the two files"), std::string::npos) << twin.err;
  EXPECT_EQ(test::Snapshot(db), after_write);
  EXPECT_EQ(RunCli({"plugins", "check", twin_dir + "/traject-twin-schiphol.so"}).exit_code,
            0);  // alone, the twin is a good plugin

  // A copy of a bundled plugin is the same plugin: skipped with a warning, nothing fails.
  const std::string copy_dir = dir.File("copy");
  std::filesystem::create_directories(copy_dir);
  std::filesystem::copy_file(std::string(TRAJECT_BUNDLED_PLUGIN_DIR) + "/traject-schiphol.so",
                             copy_dir + "/traject-schiphol.so");
  test::CliResult copy = RunCli({"--plugins", copy_dir, "plugins", "list"});
  EXPECT_EQ(copy.exit_code, 0) << copy.err;
  EXPECT_NE(copy.err.find("the same file as " + copy_dir + "/traject-schiphol.so"),
            std::string::npos)
      << copy.err;
}

TEST(PluginsE2eTest, CheckNamesTheFailedCheckAndItsDetail) {
  struct Case {
    std::string fault;
    std::string summary;  // after "<file> fails "
  };
  const std::vector<Case> cases = {
      {"enters-geplaatst",
       "check 'milestones enter only intake or in-leerwerk': track 'werk', milestone 'contract': "
       "enters geplaatst, which only the host sets"},
      {"unordered-milestones",
       "check 'milestones in topological order of 'after'': track 'bbl', milestone 'diploma': "
       "after 'start-bbl', which is listed later; list every milestone after those in its "
       "'after'"},
      {"builtin-premium",
       "check 'premium ids are distinct from built-in premiums': premium 'uitstroompremie' on "
       "2024-09-01: the id of a built-in premium; give the plugin's premium an id of its own"},
      {"other-abi",
       "check 'loads: entry point, API version 3, build key': " + FaultFile("other-abi") +
           ": wrong build key: built with gcc; libstdc++ cxx11-abi=0"},
      {"unknown-outcome",
       "check 'milestone outcomes none, skill-gain or credential': programme 'unknown-outcome', "
       "track 'bbl', milestone 'diploma': outcome 7 is not none, skill-gain or credential"},
      {"no-credential",
       "check 'tracks naming a qualification mark a credential': track 'bbl' names a "
       "qualification but no milestone is marked credential; set outcome = "
       "MilestoneOutcome::kCredential on the milestone that attains it"},
  };
  for (const Case& c : cases) {
    test::CliResult r = RunCli({"plugins", "check", FaultFile(c.fault)});
    EXPECT_EQ(r.exit_code, 7) << r.out << r.err;
    EXPECT_NE(r.err.find("traject: plugin error: " + FaultFile(c.fault) + " fails " + c.summary),
              std::string::npos)
        << r.err;
    // The table ends with a summary naming the first failed check.
    const std::string name = c.summary.substr(7, c.summary.find("': ") - 7);
    EXPECT_NE(r.out.find("checks failed; the first: '" + name + "'\n"), std::string::npos) << r.out;
    test::CliResult json = RunCli({"plugins", "check", FaultFile(c.fault), "--json"});
    EXPECT_EQ(json.exit_code, 7);
    rapidjson::Document doc;
    doc.Parse(json.out.c_str());
    ASSERT_TRUE(doc.IsObject()) << json.out;
    EXPECT_FALSE(doc["passed"].GetBool());
    EXPECT_EQ(std::string(doc["failed_check"].GetString()), name);
  }

  // A file in a directory others can write is refused before any of its code runs: the
  // marks-load plugin writes the marker from a static initialiser, at dlopen.
  test::TempDir dir;
  const std::filesystem::path open = dir.path() / "open";
  std::filesystem::create_directories(open);
  std::filesystem::permissions(open, std::filesystem::perms::all);
  const std::string file = (open / "traject-marks-load.so").string();
  std::filesystem::copy_file(FaultFile("marks-load"), file);
  const std::string marker = dir.File("marker");
  test::CliResult unsafe =
      RunCli({"plugins", "check", file}, "TRAJECT_TEST_LOAD_MARKER=" + test::ShellQuote(marker));
  EXPECT_EQ(unsafe.exit_code, 7) << unsafe.out << unsafe.err;
  EXPECT_NE(unsafe.err.find("traject: plugin error: " + file +
                            " fails check 'loads: entry point, API version 3, build key': plugin "
                            "file " +
                            file + ": the directory " + open.string() +
                            " on its path is writable by others (mode 0777): refused"),
            std::string::npos)
      << unsafe.err;
  EXPECT_FALSE(std::filesystem::exists(marker));
}

TEST(PluginsE2eTest, ThrowingRulesFailTheReportAndLeaveTheDatabaseUntouched) {
  test::TempDir dir;
  const std::string db = dir.Database("rules");
  ASSERT_EQ(RunCli({"--db", db, "init", "--org", "amsterdam"}).exit_code, 0);
  ASSERT_EQ(RunCli({"--db", db, "participant", "add", "--ref", "P-1", "--registered", "2024-01-01"})
                .exit_code,
            0);
  const std::string before = test::Snapshot(db);

  // A plugin that throws from a rule: the report that needs it fails with exit 7.
  ASSERT_EQ(
      RunCli({"--db", db, "--plugins", FaultDir("throws-rules"), "trajectory", "start", "--ref",
              "P-1", "--programme", "throws-rules", "--track", "werk", "--date", "2024-01-02"})
          .exit_code,
      0);
  ASSERT_EQ(RunCli({"--db", db, "--plugins", FaultDir("throws-rules"), "milestone", "record", "1",
                    "intake", "--date", "2024-01-03"})
                .exit_code,
            0);
  ASSERT_EQ(RunCli({"--db", db, "--plugins", FaultDir("throws-rules"), "placement", "record", "1",
                    "--employer", "X", "--hours", "30", "--wage", "2000", "--start", "2024-02-01"})
                .exit_code,
            0);
  const std::string with_placement = test::Snapshot(db);
  test::CliResult report =
      RunCli({"--db", db, "--plugins", FaultDir("throws-rules"), "report", "placements"});
  EXPECT_EQ(report.exit_code, 7);
  EXPECT_NE(report.err.find("plugin 'throws-rules' threw from LksEligibility"), std::string::npos)
      << report.err;
  EXPECT_EQ(test::Snapshot(db), with_placement);
  test::CliResult check =
      RunCli({"plugins", "check", FaultDir("throws-rules") + "/traject-throws-rules.so"});
  EXPECT_EQ(check.exit_code, 7);
  EXPECT_NE(check.out.find("FAIL"), std::string::npos);
  EXPECT_NE(before, with_placement);
}

// A database holding a programme whose plugin is not loaded: figures that need its rules are
// refused (exit 7), or with --allow-missing-plugins computed without them and flagged; reads
// that need no rules still work.
TEST(PluginsE2eTest, FiguresOfAProgrammeWithoutItsPluginAreRefusedOrFlagged) {
  test::TempDir dir;
  const std::string db = dir.Database("missing");
  const std::string plugins = FaultDir("throws-rules");
  ASSERT_EQ(RunCli({"--db", db, "init", "--org", "amsterdam"}).exit_code, 0);
  for (std::vector<std::string> args :
       {std::vector<std::string>{"participant", "add", "--ref", "P-1", "--registered",
                                 "2024-01-01"},
        {"trajectory", "start", "--ref", "P-1", "--programme", "throws-rules", "--track", "werk",
         "--date", "2024-01-02"},
        {"milestone", "record", "1", "intake", "--date", "2024-01-03"},
        {"placement", "record", "1", "--employer", "X", "--hours", "30", "--wage", "2000",
         "--start", "2024-02-01"}}) {
    args.insert(args.begin(), {"--db", db, "--plugins", plugins});
    test::CliResult r = RunCli(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // Without the plugin (only the bundled ones load): every figure that needs its rules.
  for (std::vector<std::string> figure : {std::vector<std::string>{"report", "placements"},
                                          {"subsidy", "schedule", "1"},
                                          {"subsidy", "commitments", "--from", "2024-03-01"},
                                          {"subsidy", "premiums", "1"}}) {
    std::vector<std::string> args = {"--db", db, "--as-of", "2024-06-30"};
    args.insert(args.end(), figure.begin(), figure.end());
    test::CliResult refused = RunCli(args);
    EXPECT_EQ(refused.exit_code, 7) << figure[1] << ": " << refused.err;
    EXPECT_NE(refused.err.find("no plugin is loaded for programme 'throws-rules' (1 placement)"),
              std::string::npos)
        << refused.err;
    EXPECT_NE(refused.err.find("--allow-missing-plugins"), std::string::npos) << refused.err;

    args.insert(args.begin() + 4, {"--allow-missing-plugins", "--json"});
    test::CliResult flagged = RunCli(args);
    EXPECT_EQ(flagged.exit_code, 0) << figure[1] << ": " << flagged.err;
    EXPECT_NE(flagged.err.find("WARNING: no plugin loaded for throws-rules"), std::string::npos)
        << flagged.err;
    if (figure[0] != "subsidy" || figure[1] != "commitments") {
      EXPECT_NE(flagged.out.find("\"rules_missing\":"), std::string::npos) << flagged.out;
    }
  }
  test::CliResult report = RunCli({"--db", db, "--as-of", "2024-06-30", "--allow-missing-plugins",
                                   "--json", "report", "placements"});
  rapidjson::Document doc;
  doc.Parse(report.out.c_str());
  ASSERT_TRUE(doc.IsArray()) << report.out;
  EXPECT_EQ(doc[0]["rules_missing"].GetInt64(), 1);

  // The reports that need a programme's milestones (deadlines, credentials), or its rules.
  for (const char* name : {"milestones", "wioa", "subsidy"}) {
    test::CliResult refused = RunCli({"--db", db, "--as-of", "2024-06-30", "report", name});
    EXPECT_EQ(refused.exit_code, 7) << name << ": " << refused.err;
    EXPECT_NE(refused.err.find(std::string(name) == "subsidy" ? "'throws-rules' (1 placement)"
                                                              : "'throws-rules' (1 trajectory)"),
              std::string::npos)
        << name << ": " << refused.err;
    test::CliResult flagged =
        RunCli({"--db", db, "--as-of", "2024-06-30", "--allow-missing-plugins", "report", name});
    EXPECT_EQ(flagged.exit_code, 0) << name << ": " << flagged.err;
    EXPECT_NE(flagged.err.find("WARNING: no plugin loaded for throws-rules"), std::string::npos)
        << name << ": " << flagged.err;
  }
  // Reports that need no programme definitions work as they are.
  EXPECT_EQ(RunCli({"--db", db, "--as-of", "2024-06-30", "report", "outcomes"}).exit_code, 0);

  // Reads that need no rules still work; show warns that names and deadlines are unknown.
  EXPECT_EQ(RunCli({"--db", db, "trajectory", "list"}).exit_code, 0);
  test::CliResult show = RunCli({"--db", db, "trajectory", "show", "1"});
  EXPECT_EQ(show.exit_code, 0) << show.err;
  EXPECT_NE(show.err.find("plugin of programme 'throws-rules' is not loaded"), std::string::npos);
  EXPECT_NE(show.out.find("intake"), std::string::npos) << show.out;
}

}  // namespace
}  // namespace traject

// `traject plugins list|check` and plugin faults through the real binary: each fault gives a
// clear error and exit code 7, and leaves the database untouched.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "cli/cli_runner.h"

namespace traject {
namespace {

using test::RunCli;

std::string FaultDir(const std::string& name) {
  return std::string(TRAJECT_TEST_PLUGIN_DIR) + "/" + name;
}

TEST(PluginsE2eTest, ListShowsProgrammesTracksAndMilestones) {
  test::CliResult table = RunCli({"plugins", "list"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("ZuidoostWerkt!"), std::string::npos);
  EXPECT_NE(table.out.find("schipholpas"), std::string::npos);
  test::CliResult json = RunCli({"plugins", "list", "--json"});
  rapidjson::Document doc;
  doc.Parse(json.out.c_str());
  ASSERT_TRUE(doc.IsArray()) << json.out;
  ASSERT_EQ(doc.Size(), 3u);
  std::set<std::string> tracks;
  for (const auto& programme : doc.GetArray()) {
    for (const auto& track : programme["tracks"].GetArray()) tracks.insert(track["id"].GetString());
  }
  for (const char* expected : {"mbo2-verzorgende", "calibris-zorg", "zonnepaneelmonteur"}) {
    EXPECT_TRUE(tracks.count(expected)) << expected;
  }
  test::CliResult csv = RunCli({"plugins", "list", "--csv"});
  EXPECT_EQ(csv.out.rfind("programme,track,milestone,", 0), 0u) << csv.out;
}

TEST(PluginsE2eTest, PluginPathVariableAddsDirectories) {
  test::CliResult r = RunCli({"plugins", "list", "--json"},
                             "TRAJECT_PLUGIN_PATH=" + test::ShellQuote(FaultDir("throws-rules")));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  rapidjson::Document doc;
  doc.Parse(r.out.c_str());
  ASSERT_TRUE(doc.IsArray());
  EXPECT_EQ(doc.Size(), 4u);  // the bundled three and the one from the variable
  bool found = false;
  for (const auto& p : doc.GetArray())
    found = found || std::string(p["programme"].GetString()) == "throws-rules";
  EXPECT_TRUE(found);
  test::CliResult bad =
      RunCli({"plugins", "list"}, "TRAJECT_PLUGIN_PATH=" + test::ShellQuote(FaultDir("wrong-api")));
  EXPECT_EQ(bad.exit_code, 7);
}

TEST(PluginsE2eTest, CheckPassesForBundledPlugins) {
  for (const char* name : {"zuidoostwerkt", "schiphol", "haven-westpoort"}) {
    const std::string path = std::string(TRAJECT_BUNDLED_PLUGIN_DIR) + "/traject-" + name + ".so";
    test::CliResult r = RunCli({"plugins", "check", path});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(r.out.find("FAIL"), std::string::npos) << r.out;
  }
}

TEST(PluginsE2eTest, FaultsFailCleanlyAndLeaveTheDatabaseUntouched) {
  test::TempDir dir;
  const std::string db = dir.File("faults.db");
  ASSERT_EQ(RunCli({"--db", db, "init", "--org", "amsterdam"}).exit_code, 0);
  ASSERT_EQ(RunCli({"--db", db, "participant", "add", "--ref", "P-1", "--registered", "2024-01-01"})
                .exit_code,
            0);
  const std::string before = test::ReadFile(db);

  // A directory with a file that is not a plugin, and one with a copy of a bundled plugin.
  const std::string junk_dir = dir.File("junk");
  std::filesystem::create_directories(junk_dir);
  std::ofstream(junk_dir + "/traject-junk.so") << "plain text";
  const std::string twin_dir = dir.File("twin");
  std::filesystem::create_directories(twin_dir);
  std::filesystem::copy_file(std::string(TRAJECT_BUNDLED_PLUGIN_DIR) + "/traject-zuidoostwerkt.so",
                             twin_dir + "/traject-zuidoost-twin.so");

  struct Case {
    std::string dir;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {junk_dir, "cannot load as a shared library"},
      {FaultDir("no-entry"), "entry point 'traject_plugin_info' not found"},
      {FaultDir("wrong-api"), "wrong plugin API version: built for API 999"},
      {FaultDir("throws-programme"), "threw from Programme"},
      {twin_dir, "programme id 'zuidoostwerkt' is defined by both"},
  };
  for (const Case& c : cases) {
    test::CliResult r =
        RunCli({"--db", db, "--plugins", c.dir, "participant", "add", "--ref", "P-2"});
    EXPECT_EQ(r.exit_code, 7) << c.dir << "\n" << r.err;
    EXPECT_NE(r.err.find(c.expected), std::string::npos) << r.err;
    test::CliResult check = RunCli(
        {"plugins", "check",
         c.dir + "/" + std::filesystem::directory_iterator(c.dir)->path().filename().string()});
    if (c.dir != twin_dir) {
      EXPECT_EQ(check.exit_code, 7) << check.out;  // alone, the twin is a good plugin
    }
  }

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
  const std::string with_placement = test::ReadFile(db);
  test::CliResult report =
      RunCli({"--db", db, "--plugins", FaultDir("throws-rules"), "report", "placements"});
  EXPECT_EQ(report.exit_code, 7);
  EXPECT_NE(report.err.find("plugin 'throws-rules' threw from LksEligibility"), std::string::npos)
      << report.err;
  EXPECT_EQ(test::ReadFile(db), with_placement);
  test::CliResult check =
      RunCli({"plugins", "check", FaultDir("throws-rules") + "/traject-throws-rules.so"});
  EXPECT_EQ(check.exit_code, 7);
  EXPECT_NE(check.out.find("FAIL"), std::string::npos);
  EXPECT_NE(before, with_placement);
}

}  // namespace
}  // namespace traject

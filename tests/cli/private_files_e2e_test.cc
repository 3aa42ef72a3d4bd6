// End to end through the real binary: every command that writes a file — init (the SQLite
// database), export --csv, report html, participant export, backup, restore — makes it its
// owner's alone (mode 600) under the usual umask 022, and refuses, exit 3, a symbolic link
// planted at its output path, leaving what the link leads to unchanged (docs/security.md,
// "Files only their owner reads"; the details are PrivateFileTest's).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "cli/cli_runner.h"

namespace traject {
namespace {

namespace fs = std::filesystem;

unsigned Mode(const std::string& path) {
  struct stat info {};
  return ::lstat(path.c_str(), &info) == 0 ? info.st_mode & 0777 : 01000;
}

class PrivateFilesE2eTest : public test::CliTest {
 protected:
  void SetUp() override { umask_ = ::umask(022); }  // the traject processes inherit it
  void TearDown() override { ::umask(umask_); }
  std::string File(const std::string& name) { return dir_.File(name); }
  mode_t umask_ = 0;
};

TEST_F(PrivateFilesE2eTest, EveryFileWrittenIsPrivateAndNoLinkIsFollowed) {
  // A link to a file of the user's own is planted at each output path.
  const std::string victim = File("victim");
  std::ofstream(victim) << "precious";
  ::chmod(victim.c_str(), 0644);
  const auto link = [&](const std::string& path) {
    fs::create_directories(fs::path(path).parent_path());
    fs::create_symlink(victim, path);
    return path;
  };
  const auto refused = [&](std::vector<std::string> args, const std::string& at) {
    SCOPED_TRACE(args.back());
    test::CliResult r = args.front() == "--db" ? test::RunCli(args) : Run(args);
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_NE(r.err.find(at), std::string::npos) << r.err;
    EXPECT_EQ(test::ReadFile(victim), "precious");
    EXPECT_EQ(Mode(victim), 0644u);
  };

  // init: the database (on SQLite), never through a link, even one that leads nowhere.
  const std::string dangling = File("dangling.db");
  fs::create_symlink(File("made-through-the-link.db"), dangling);
  refused({"--db", dangling, "--org", "amsterdam", "init"}, dangling);
  EXPECT_FALSE(fs::exists(File("made-through-the-link.db")));
  Ok({"--org", "amsterdam", "init"});
  if (!test::UsePostgres()) {
    EXPECT_EQ(Mode(db_), 0600u);
  }
  Ok({"participant", "add", "--ref", "P-1", "--birth", "1990-04-12", "--area", "Osdorp",
      "--registered", "2025-01-06"});

  const std::string csv = File("csv");
  Ok({"export", "--csv", csv});
  EXPECT_EQ(Mode(csv + "/participants.csv"), 0600u);
  EXPECT_EQ(Mode(csv + "/events.csv"), 0600u);
  const std::string linked_csv = link(File("linked-csv/participants.csv"));
  refused({"export", "--csv", File("linked-csv")}, linked_csv);

  Ok({"report", "html", File("dashboard.html")});
  EXPECT_EQ(Mode(File("dashboard.html")), 0600u);
  refused({"report", "html", link(File("dashboard-link.html"))}, File("dashboard-link.html"));

  Ok({"participant", "export", "P-1", "--out", File("P-1.json")});
  EXPECT_EQ(Mode(File("P-1.json")), 0600u);
  refused({"participant", "export", "P-1", "--out", link(File("P-1-link.json"))},
          File("P-1-link.json"));

  Ok({"backup", File("backup.traject")});
  EXPECT_EQ(Mode(File("backup.traject")), 0600u);
  refused({"backup", link(File("backup-link.traject"))}, File("backup-link.traject"));

  // restore: a new SQLite file, whatever the backend backed up.
  const std::string restored = File("restored.db");
  test::CliResult r = test::RunCli({"--db", restored, "restore", File("backup.traject")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Mode(restored), 0600u);
  refused({"--db", link(File("restored-link.db")), "restore", File("backup.traject")},
          File("restored-link.db"));
}

}  // namespace
}  // namespace traject

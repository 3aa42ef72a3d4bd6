// End to end through the real binary: `traject backup` and `traject restore` on a demo database.
// A restore, from either encoding, gives every report the same figures, in CSV, and an audit
// chain that verifies against the head kept before the backup; a changed or truncated archive is
// refused (exit 3) and leaves no database behind.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "cli/cli_runner.h"
#include "cli/every_report.h"

namespace traject {
namespace {

class BackupE2eTest : public test::CliTest {
 protected:
  static constexpr const char* kAsOf = "2026-11-24";

  void SetUp() override {
    test::CliResult demo =
        Run({"--as-of", kAsOf, "demo", "--participants", "200", "--seed", "5", "--check-ins", "1"});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
  }

  std::string File(const std::string& name) { return (dir_.path() / name).string(); }
};

TEST_F(BackupE2eTest, ARestoredDatabaseGivesTheSameReportsAndAVerifyingChain) {
  test::CliResult head = Run({"audit", "head"});
  ASSERT_EQ(head.exit_code, 0) << head.err;
  const std::string kept = head.out.substr(0, head.out.find_first_of(" \n"));
  const std::string before = test::EveryReportCsv(db_, kAsOf);

  for (const char* format : {"json", "binary"}) {
    SCOPED_TRACE(format);
    const std::string archive = File(std::string("backup.") + format);
    test::CliResult made = Run({"backup", archive, "--format", format});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    EXPECT_NE(made.out.find("Backed up to"), std::string::npos) << made.out;
    struct stat info {};
    ASSERT_EQ(::stat(archive.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u) << "an archive of personal data readable by others";

    test::CliResult checked = test::RunCli({"restore", archive, "--check"});
    EXPECT_EQ(checked.exit_code, 0) << checked.err;

    const std::string target = dir_.Database(std::string("restored_") + format);
    test::CliResult restored = test::RunCli({"--db", target, "restore", archive});
    ASSERT_EQ(restored.exit_code, 0) << restored.err;
    EXPECT_EQ(test::EveryReportCsv(target, kAsOf), before);
    test::CliResult verified = test::RunCli({"--db", target, "audit", "verify", "--head", kept});
    EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
    // A second restore into the same target is refused: a restore makes a new database.
    EXPECT_EQ(test::RunCli({"--db", target, "restore", archive}).exit_code, 3);
  }
  // An archive is never overwritten.
  EXPECT_EQ(Run({"backup", File("backup.json")}).exit_code, 3);
  // A view of the database is not what a backup or restore works on: refused, not ignored.
  EXPECT_EQ(Run({"--as-recorded", "2026-01-01", "backup", File("as-recorded")}).exit_code, 3);
  EXPECT_FALSE(std::filesystem::exists(File("as-recorded")));
  const std::string untouched = File("as-recorded.db");
  EXPECT_EQ(test::RunCli(
                {"--db", untouched, "--as-recorded", "2026-01-01", "restore", File("backup.json")})
                .exit_code,
            3);
  EXPECT_FALSE(std::filesystem::exists(untouched));
  // File names: an empty one, and a directory that is not there, named as given.
  EXPECT_EQ(Run({"backup", ""}).exit_code, 3);
  test::CliResult no_dir = Run({"backup", File("no-such-dir/backup.json")});
  EXPECT_EQ(no_dir.exit_code, 4);
  EXPECT_NE(no_dir.err.find(File("no-such-dir/backup.json") + ": cannot create it"),
            std::string::npos)
      << no_dir.err;
  test::CliResult no_dir_restore =
      test::RunCli({"--db", File("no-such-dir/restored.db"), "restore", File("backup.json")});
  EXPECT_EQ(no_dir_restore.exit_code, 3) << no_dir_restore.err;
}

// `traject keygen` and `backup --key-file`: an encrypted archive of a demo database (many
// chunks) restores with its key only; without it, with another key, or changed, nothing is
// written (exit 3).
TEST_F(BackupE2eTest, AnEncryptedBackupRestoresWithItsKeyOnly) {
  const std::string key = File("backup.key"), other = File("other.key");
  test::CliResult made_key = test::RunCli({"keygen", key});
  ASSERT_EQ(made_key.exit_code, 0) << made_key.err;
  struct stat info {};
  ASSERT_EQ(::stat(key.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_EQ(test::RunCli({"keygen", key}).exit_code, 3) << "a key file was overwritten";
  ASSERT_EQ(test::RunCli({"keygen", other}).exit_code, 0);
  EXPECT_NE(test::ReadFile(key), test::ReadFile(other));

  const std::string before = test::EveryReportCsv(db_, kAsOf);
  const std::string archive = File("sealed.traject");
  test::CliResult made = Run({"backup", archive, "--format", "binary", "--key-file", key});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  EXPECT_NE(made.out.find("encrypted binary archive"), std::string::npos) << made.out;
  ASSERT_GT(std::filesystem::file_size(archive), 3u * 64 * 1024) << "not several chunks";

  const std::string refused = dir_.Database("refused");
  test::CliResult no_key = test::RunCli({"--db", refused, "restore", archive});
  EXPECT_EQ(no_key.exit_code, 3);
  EXPECT_NE(no_key.err.find("--key-file"), std::string::npos) << no_key.err;
  test::CliResult wrong = test::RunCli({"--db", refused, "restore", archive, "--key-file", other});
  EXPECT_EQ(wrong.exit_code, 3);
  EXPECT_NE(wrong.err.find("another key"), std::string::npos) << wrong.err;
  std::string bytes = test::ReadFile(archive);
  bytes[bytes.size() / 2] ^= 0x01;
  const std::string changed = File("changed.traject");
  { std::ofstream(changed, std::ios::binary) << bytes; }
  test::CliResult damaged = test::RunCli({"--db", refused, "restore", changed, "--key-file", key});
  EXPECT_EQ(damaged.exit_code, 3);
  EXPECT_NE(damaged.err.find("does not authenticate"), std::string::npos) << damaged.err;
  EXPECT_EQ(test::RunCli({"restore", changed, "--check", "--key-file", key}).exit_code, 3);
  EXPECT_FALSE(std::filesystem::exists(refused)) << "a refused restore left a database";

  test::CliResult checked = test::RunCli({"restore", archive, "--check", "--key-file", key});
  EXPECT_EQ(checked.exit_code, 0) << checked.err;
  const std::string target = dir_.Database("opened");
  test::CliResult restored = test::RunCli({"--db", target, "restore", archive, "--key-file", key});
  ASSERT_EQ(restored.exit_code, 0) << restored.err;
  EXPECT_EQ(test::EveryReportCsv(target, kAsOf), before);
}

TEST_F(BackupE2eTest, AChangedOrTruncatedArchiveIsRefusedAndLeavesNoDatabase) {
  const std::string archive = File("backup.json");
  ASSERT_EQ(Run({"backup", archive}).exit_code, 0);
  const std::string text = test::ReadFile(archive);
  // One digit of the log changed, as an editor would: the JSON stays valid.
  std::string changed = text;
  const auto field = changed.find("\"effective\": ");
  ASSERT_NE(field, std::string::npos) << text.substr(0, 400);
  const auto last_digit = changed.find(',', field) - 1;  // of the day number
  changed[last_digit] = changed[last_digit] == '9' ? '8' : changed[last_digit] + 1;
  const std::pair<const char*, std::string> bad[] = {
      {"changed", changed},
      {"truncated", text.substr(0, text.size() / 2)},
  };
  for (const auto& [name, content] : bad) {
    SCOPED_TRACE(name);
    const std::string file = File(std::string("bad-") + name);
    std::ofstream(file, std::ios::binary) << content;
    test::CliResult checked = test::RunCli({"restore", file, "--check"});
    EXPECT_EQ(checked.exit_code, 3) << checked.err;
    EXPECT_NE(checked.err.find(file), std::string::npos) << "the error names the archive";
    const std::string target = File(std::string("target-") + name + ".db");
    test::CliResult restored = test::RunCli({"--db", target, "restore", file});
    EXPECT_EQ(restored.exit_code, 3) << restored.err;
    EXPECT_FALSE(std::filesystem::exists(target));
  }
}

}  // namespace
}  // namespace traject

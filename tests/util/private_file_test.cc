// Files only their owner reads (docs/security.md): every file libtraject writes — through
// WritePrivateFile, a backup, a CSV export, the SQLite database and its -wal and -shm — is mode
// 600 under the usual umask 022, and no write follows a symbolic link planted at its name or
// goes into a file that is already there. Each test runs under umask 022.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "testutil.h"
#include "traject/backup.h"
#include "traject/exchange.h"
#include "traject/private_file.h"

namespace traject {
namespace {

namespace fs = std::filesystem;

// An owner that is not the test's: `nobody` on Debian.
constexpr uid_t kOtherUser = 65534;

unsigned Mode(const std::string& path) {
  struct stat info {};
  return ::lstat(path.c_str(), &info) == 0 ? info.st_mode & 0777 : 01000;
}

class PrivateFileTest : public ::testing::Test {
 protected:
  void SetUp() override { umask_ = ::umask(022); }
  void TearDown() override { ::umask(umask_); }

  std::string File(const std::string& name) const { return dir_.File(name); }

  // A file of the user's own, mode 644, that a planted link leads to.
  std::string Victim(const std::string& name) {
    const std::string path = File(name);
    std::ofstream(path) << "precious";
    ::chmod(path.c_str(), 0644);
    return path;
  }

  // Every name in `directory`, so that a temporary file left behind shows.
  static std::vector<std::string> Names(const std::string& directory) {
    std::vector<std::string> names;
    for (const fs::directory_entry& e : fs::directory_iterator(directory)) {
      names.push_back(e.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  mode_t umask_ = 0;
  test::TempDir dir_;
};

TEST_F(PrivateFileTest, ANewFileIsItsOwnersAloneWhateverTheUmask) {
  for (ExistingFile existing : {ExistingFile::kRefuse, ExistingFile::kReplaceOwn}) {
    const std::string path = File(existing == ExistingFile::kRefuse ? "refuse" : "replace");
    ASSERT_OK(WritePrivateFile(path, "content", existing));
    EXPECT_EQ(Mode(path), 0600u);
    EXPECT_EQ(test::ReadFile(path), "content");
  }
  EXPECT_EQ(Names(dir_.path().string()), (std::vector<std::string>{"refuse", "replace"}));
}

TEST_F(PrivateFileTest, ALinkAtTheNameIsNeverFollowed) {
  const std::string victim = Victim("victim");
  const std::string link = File("link");
  fs::create_symlink(victim, link);
  const std::string dangling = File("dangling");
  fs::create_symlink(File("created-through-the-link"), dangling);
  for (ExistingFile existing : {ExistingFile::kRefuse, ExistingFile::kReplaceOwn}) {
    for (const std::string& path : {link, dangling}) {
      Status s = WritePrivateFile(path, "attacker's", existing);
      EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << path;
      EXPECT_NE(s.message().find(path), std::string::npos) << s.message();
    }
  }
  EXPECT_EQ(test::ReadFile(victim), "precious");
  EXPECT_EQ(Mode(victim), 0644u);
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(Names(dir_.path().string()), (std::vector<std::string>{"dangling", "link", "victim"}));
}

TEST_F(PrivateFileTest, AnOwnFileIsRefusedOrReplacedWholeAsAsked) {
  const std::string path = Victim("own");
  EXPECT_EQ(WritePrivateFile(path, "new", ExistingFile::kRefuse).code(),
            Status::Code::kInvalidArgument);
  EXPECT_EQ(test::ReadFile(path), "precious");
  // Replaced as a directory entry: a reader holding the old file keeps reading the old content.
  std::ifstream reader(path);
  ASSERT_OK(WritePrivateFile(path, "new", ExistingFile::kReplaceOwn));
  EXPECT_EQ(test::ReadFile(path), "new");
  EXPECT_EQ(Mode(path), 0600u);
  std::string old;
  reader >> old;
  EXPECT_EQ(old, "precious");
  EXPECT_EQ(Names(dir_.path().string()), std::vector<std::string>{"own"});
}

TEST_F(PrivateFileTest, AnotherUsersFileIsNeverReplaced) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to make a file of another user";
  const std::string theirs = Victim("theirs");
  ::chmod(theirs.c_str(), 0666);
  ASSERT_EQ(::chown(theirs.c_str(), kOtherUser, kOtherUser), 0);
  Status s = WritePrivateFile(theirs, "mine", ExistingFile::kReplaceOwn);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(s.message().find("another user"), std::string::npos) << s.message();
  EXPECT_EQ(test::ReadFile(theirs), "precious");
  struct stat info {};
  ASSERT_EQ(::stat(theirs.c_str(), &info), 0);
  EXPECT_EQ(info.st_uid, kOtherUser);
}

TEST_F(PrivateFileTest, WhatCannotBeWrittenIsNamed) {
  EXPECT_EQ(WritePrivateFile("", "x", ExistingFile::kRefuse).code(),
            Status::Code::kInvalidArgument);
  const std::string missing = File("no-such-dir/file");
  Status no_dir = WritePrivateFile(missing, "x", ExistingFile::kReplaceOwn);
  EXPECT_EQ(no_dir.code(), Status::Code::kNotFound);
  EXPECT_NE(no_dir.message().find(missing), std::string::npos) << no_dir.message();
  for (const std::string& directory : {dir_.path().string(), dir_.path().string() + "/"}) {
    Status s = WritePrivateFile(directory, "x", ExistingFile::kReplaceOwn);
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << directory;
    EXPECT_NE(s.message().find("is a directory"), std::string::npos) << s.message();
  }
  EXPECT_TRUE(Names(dir_.path().string()).empty());
}

// SQLite gives -wal and -shm the database file's mode: a database created 600 keeps both 600.
TEST_F(PrivateFileTest, TheSqliteDatabaseAndItsWalAndShmAreItsOwnersAlone) {
  const std::string db = File("private.db");
  auto store = test::OpenTestStore(db);
  ASSERT_NE(store, nullptr);
  // Open, with the organisation written: the -wal and -shm are there.
  for (const char* suffix : {"", "-wal", "-shm"}) {
    EXPECT_EQ(Mode(db + suffix), 0600u) << db + suffix;
  }
}

TEST_F(PrivateFileTest, ADatabaseOthersCanReadIsRefusedUntilMadePrivate) {
  const std::string db = File("shared.db");
  { ASSERT_NE(test::OpenTestStore(db), nullptr); }
  ::chmod(db.c_str(), 0644);
  const std::string before = test::ReadFile(db);
  Result<std::unique_ptr<Store>> refused = Store::Open(db);
  ASSERT_EQ(refused.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("chmod 600 " + fs::canonical(db).string()),
            std::string::npos)
      << refused.status().message();
  EXPECT_EQ(BackupDatabase(db, File("backup"), ArchiveFormat::kJson).status().code(),
            Status::Code::kInvalidArgument);
  EXPECT_EQ(test::ReadFile(db), before);
  EXPECT_FALSE(fs::exists(File("backup")));
  ::chmod(db.c_str(), 0600);
  EXPECT_OK(Store::Open(db).status());
}

TEST_F(PrivateFileTest, NoDatabaseIsCreatedThroughALink) {
  const std::string link = File("link.db");
  fs::create_symlink(File("elsewhere.db"), link);
  Result<std::unique_ptr<Store>> refused = Store::Open(link);
  EXPECT_EQ(refused.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("symbolic link"), std::string::npos)
      << refused.status().message();
  EXPECT_FALSE(fs::exists(File("elsewhere.db")));
}

TEST_F(PrivateFileTest, ABackupAndARestoredDatabaseAreItsOwnersAlone) {
  const std::string db = File("source.db");
  { ASSERT_NE(test::OpenTestStore(db), nullptr); }
  const std::string victim = Victim("victim");
  const std::string link = File("backup-link");
  fs::create_symlink(victim, link);
  EXPECT_EQ(BackupDatabase(db, link, ArchiveFormat::kJson).status().code(),
            Status::Code::kInvalidArgument);
  EXPECT_EQ(test::ReadFile(victim), "precious");

  const std::string archive = File("backup");
  ASSERT_OK(BackupDatabase(db, archive, ArchiveFormat::kJson).status());
  EXPECT_EQ(Mode(archive), 0600u);
  const std::string restored = File("restored.db");
  ASSERT_OK(RestoreDatabase(archive, restored).status());
  EXPECT_EQ(Mode(restored), 0600u);
}

TEST_F(PrivateFileTest, ACsvExportIsPrivateAndNeverWritesThroughALinkOrIntoAnotherUsersFile) {
  auto store = test::OpenTestStore(File("export.db"));
  ASSERT_NE(store, nullptr);
  ASSERT_OK(store
                ->Record(ParticipantRegistered{"P-1",
                                               test::D("1980-03-04"),
                                               "Osdorp",
                                               "2019-12 Osdorp",
                                               {TargetGroup::kStatushouder},
                                               test::D("2019-12-02"),
                                               true})
                .status());
  const std::string out = File("out");
  Result<CsvExportSummary> exported = ExportCsv(*store, out);
  ASSERT_OK(exported.status());
  EXPECT_EQ(Mode(out), 0700u);
  EXPECT_EQ(Mode(exported->participants_path), 0600u);
  EXPECT_EQ(Mode(exported->events_path), 0600u);
  // Exporting again replaces the user's own files.
  const std::string first = test::ReadFile(exported->participants_path);
  ASSERT_OK(ExportCsv(*store, out).status());
  EXPECT_EQ(test::ReadFile(exported->participants_path), first);
  EXPECT_EQ(Names(out), (std::vector<std::string>{"events.csv", "participants.csv"}));

  // A link planted in the directory is refused before anything is written.
  const std::string victim = Victim("victim");
  const std::string linked = File("linked");
  fs::create_directory(linked);
  fs::create_symlink(victim, linked + "/events.csv");
  Result<CsvExportSummary> refused = ExportCsv(*store, linked);
  EXPECT_EQ(refused.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("symbolic link"), std::string::npos)
      << refused.status().message();
  EXPECT_EQ(test::ReadFile(victim), "precious");
  EXPECT_EQ(Names(linked), std::vector<std::string>{"events.csv"});

  // So is another user's file, which stays theirs and unchanged.
  if (::geteuid() == 0) {
    const std::string shared = File("shared");
    fs::create_directory(shared);
    const std::string theirs = shared + "/participants.csv";
    std::ofstream(theirs) << "theirs";
    ::chmod(theirs.c_str(), 0666);
    ASSERT_EQ(::chown(theirs.c_str(), kOtherUser, kOtherUser), 0);
    EXPECT_EQ(ExportCsv(*store, shared).status().code(), Status::Code::kInvalidArgument);
    EXPECT_EQ(test::ReadFile(theirs), "theirs");
    EXPECT_EQ(Names(shared), std::vector<std::string>{"participants.csv"});
  }
}

}  // namespace
}  // namespace traject

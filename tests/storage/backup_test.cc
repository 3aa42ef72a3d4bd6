// Backup and restore (traject/backup.h, docs/security.md "Backup and restore"): an archive of a
// whole database, restored into a new one, gives every organisation the same log, the same
// projections and an audit chain that verifies, also against a head kept before the backup; a
// truncated archive, one whose checksum fails, one from a newer version and a target that holds
// data are refused, and a refused restore leaves no database behind.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "testutil.h"
#include "traject/backup.h"
#include "traject/store.h"

namespace traject {
namespace {

using test::D;

constexpr const char* kOrgs[] = {"test-org", "other-org"};

std::unique_ptr<Store> OpenOrg(const std::string& location, const std::string& org,
                               bool create = false) {
  StoreOptions options;
  options.catalogue = &test::TestCatalogue();
  options.clock_ms = [] { return test::kTestClockMs; };
  options.organisation = org;
  options.create_organisation = create;
  options.bsn_key = std::string(40, 'k');
  options.audit_key = std::string(40, 'a');
  options.actor = "tester";
  Result<std::unique_ptr<Store>> opened = Store::Open(location, options);
  EXPECT_TRUE(opened.ok()) << org << ": " << opened.status().ToString();
  return opened.ok() ? std::move(opened).value() : nullptr;
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

bool DatabaseExists(const std::string& location) {
  if (!location.starts_with("postgresql://")) return std::filesystem::exists(location);
  // An empty PostgreSQL database: no tables of ours.
  int tables = 0;
  *test::OpenSql(location) << "SELECT COUNT(*) FROM information_schema.tables WHERE "
                              "table_schema = current_schema()",
      soci::into(tables);
  return tables > 0;
}

class StoreBackupTest : public ::testing::Test {
 protected:
  void SetUp() override { Populate(source_, &heads_); }

  // Two organisations, a correction, a placement and a forgotten participant (so the archive
  // carries audit rewrites too); `heads` gets each organisation's audit head.
  void Populate(const std::string& location, std::vector<AuditHead>* heads) {
    for (const char* org : kOrgs) {
      std::unique_ptr<Store> store = OpenOrg(location, org, /*create=*/true);
      ASSERT_NE(store, nullptr);
      for (const char* ref : {"P-1", "P-2", "P-3"}) {
        ParticipantRegistered r{ref, D("1980-05-06"), "Zuidoost", "2020-02",
                                {},  D("2024-01-02"), false};
        if (std::string(ref) == "P-2") r.bsn = "111222333";
        ASSERT_OK(store->Record(r));
      }
      ASSERT_OK(store->Record(TrajectoryStarted{0, "P-1", "test-plan", "zorg", D("2024-01-08")}));
      ASSERT_OK(store->Record(MilestoneReached{1, "intake", D("2024-01-15"), "gesprek"}));
      ASSERT_OK(store->Record(MilestoneReached{1, "vog", D("2024-02-10"), "VOG"}));
      ASSERT_OK(store->Record(PlacementStarted{0, 1, "Zorggroep", 3200, 230000, D("2024-03-01")}));
      ParticipantChanged moved{"P-3", D("2024-10-01")};
      moved.area = "Noord";
      moved.reason = "verhuisd";
      ASSERT_OK(store->Record(moved));
      ASSERT_OK(store->ForgetParticipant("P-2"));
      heads->push_back(*store->AuditChainHead());
    }
  }

  // Every organisation's projections and log, as text.
  std::string AllOf(const std::string& location) {
    std::string all;
    for (const char* org : kOrgs) {
      std::unique_ptr<Store> store = OpenOrg(location, org);
      if (!store) return "cannot open " + std::string(org);
      all += std::string("== ") + org + "\n" + test::Everything(*store);
    }
    return all;
  }

  test::TempDir dir_;
  std::string source_ = dir_.Database("source");
  std::vector<AuditHead> heads_;  // per organisation, in kOrgs order, before the backup
};

TEST_F(StoreBackupTest, ARestoreOfAnOlderArchiveForgetsAgain) {
  // An archive before P-3 was forgotten, and one after: restoring the older one with the newer
  // one's list of forgotten participants forgets P-3 again.
  const std::string older = dir_.File("older");
  ASSERT_OK(BackupDatabase(source_, older, ArchiveFormat::kJson));
  ASSERT_OK(OpenOrg(source_, "test-org")->ForgetParticipant("P-3"));
  const std::string newer = dir_.File("newer");
  ASSERT_OK(BackupDatabase(source_, newer, ArchiveFormat::kJson));

  RestoreOptions keyless;
  keyless.forgotten_from = {newer};
  const std::string refused = dir_.Database("refused");
  Result<ArchiveSummary> no_key = RestoreDatabase(older, refused, keyless);
  EXPECT_EQ(no_key.status().code(), Status::Code::kInvalidArgument);
  EXPECT_FALSE(DatabaseExists(refused)) << "a refused restore wrote a database";
  RestoreOptions wrong = keyless;
  wrong.audit_key = std::string(40, 'w');
  EXPECT_EQ(RestoreDatabase(older, refused, wrong).status().code(), Status::Code::kInvalidArgument);
  EXPECT_FALSE(DatabaseExists(refused));

  RestoreOptions options = keyless;
  options.audit_key = std::string(40, 'a');
  const std::string target = dir_.Database("again");
  Result<ArchiveSummary> restored = RestoreDatabase(older, target, options);
  ASSERT_OK(restored);
  EXPECT_EQ(restored->forgotten_again, 1);
  std::unique_ptr<Store> store = OpenOrg(target, "test-org");
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->GetParticipant("P-3").status().code(), Status::Code::kNotFound);
  EXPECT_OK(store->GetParticipant("P-1").status());
  // The other organisation's P-3 was not forgotten.
  EXPECT_OK(OpenOrg(target, "other-org")->GetParticipant("P-3").status());
  EXPECT_TRUE(store->VerifyAuditChain()->ok());
}

TEST_F(StoreBackupTest, ARestoreGivesTheSameRecordAndAVerifyingChainInEitherFormat) {
  const std::string before = AllOf(source_);
  for (ArchiveFormat format : {ArchiveFormat::kJson, ArchiveFormat::kPortableBinary}) {
    SCOPED_TRACE(std::string(ToString(format)));
    const std::string archive = dir_.File(std::string("backup-") + std::string(ToString(format)));
    Result<ArchiveSummary> made = BackupDatabase(source_, archive, format);
    ASSERT_OK(made);
    EXPECT_EQ(made->format, format);
    EXPECT_EQ(made->version, kArchiveVersion);
    EXPECT_EQ(made->organisations, (std::vector<std::string>{"other-org", "test-org"}));
    std::int64_t events = 0;
    for (const char* org : kOrgs) events += *OpenOrg(source_, org)->EventCount();
    EXPECT_EQ(made->events, events);
    EXPECT_EQ(std::filesystem::status(archive).permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);

    Result<ArchiveSummary> checked = VerifyArchive(archive);
    ASSERT_OK(checked);
    EXPECT_EQ(checked->checksum, made->checksum);

    const std::string target = dir_.Database(std::string("restored_") + ToString(format).data());
    Result<ArchiveSummary> restored = RestoreDatabase(archive, target);
    ASSERT_OK(restored);
    EXPECT_EQ(restored->events, made->events);
    EXPECT_EQ(AllOf(target), before);
    for (std::size_t i = 0; i < std::size(kOrgs); ++i) {
      std::unique_ptr<Store> store = OpenOrg(target, kOrgs[i]);
      ASSERT_NE(store, nullptr);
      Result<AuditVerification> verified = store->VerifyAuditChain(heads_[i]);
      ASSERT_OK(verified);
      EXPECT_TRUE(verified->ok()) << kOrgs[i] << ": " << verified->problems[0].detail;
      // The restored database takes new writes, after the restored events, on the same chain.
      ASSERT_OK(store->Record(ParticipantRegistered{
          "P-9", D("1990-01-01"), "Noord", "2021-01", {}, D("2025-01-02"), false}));
      EXPECT_GT(store->AuditChainHead()->seq, heads_[i].seq);
      verified = store->VerifyAuditChain(heads_[i]);
      ASSERT_OK(verified);
      EXPECT_TRUE(verified->ok());
    }
  }
}

TEST_F(StoreBackupTest, AnArchiveCrossesBackends) {
  if (!test::UsePostgres()) GTEST_SKIP() << "needs the PostgreSQL test server (label postgres)";
  // PostgreSQL to SQLite.
  const std::string from_pg = dir_.File("from-pg.bin");
  ASSERT_OK(BackupDatabase(source_, from_pg, ArchiveFormat::kPortableBinary));
  const std::string sqlite = dir_.File("restored.db");
  ASSERT_OK(RestoreDatabase(from_pg, sqlite));
  EXPECT_EQ(AllOf(sqlite), AllOf(source_));
  // SQLite to PostgreSQL.
  const std::string sqlite_source = dir_.File("source.db");
  std::vector<AuditHead> heads;
  Populate(sqlite_source, &heads);
  const std::string from_sqlite = dir_.File("from-sqlite.json");
  ASSERT_OK(BackupDatabase(sqlite_source, from_sqlite, ArchiveFormat::kJson));
  const std::string pg = dir_.Database("restored_from_sqlite");
  ASSERT_OK(RestoreDatabase(from_sqlite, pg));
  EXPECT_EQ(AllOf(pg), AllOf(sqlite_source));
  for (std::size_t i = 0; i < std::size(kOrgs); ++i) {
    Result<AuditVerification> verified = OpenOrg(pg, kOrgs[i])->VerifyAuditChain(heads[i]);
    ASSERT_OK(verified);
    EXPECT_TRUE(verified->ok());
  }
}

TEST_F(StoreBackupTest, AnExistingArchiveOrTargetIsNeverOverwritten) {
  const std::string archive = dir_.File("backup.json");
  WriteFile(archive, "keep me");
  Result<ArchiveSummary> made = BackupDatabase(source_, archive, ArchiveFormat::kJson);
  ASSERT_EQ(made.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(made.status().message().find("exists"), std::string::npos) << made.status().message();
  EXPECT_EQ(test::ReadFile(archive), "keep me");

  std::filesystem::remove(archive);
  ASSERT_OK(BackupDatabase(source_, archive, ArchiveFormat::kJson));
  const std::string before = test::Snapshot(source_);
  Result<ArchiveSummary> restored = RestoreDatabase(archive, source_);
  ASSERT_EQ(restored.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(test::Snapshot(source_), before);
}

TEST_F(StoreBackupTest, ABadArchiveIsRefusedAndLeavesNoDatabase) {
  const std::string good = dir_.File("good.json");
  ASSERT_OK(BackupDatabase(source_, good, ArchiveFormat::kJson));
  const std::string binary = dir_.File("good.bin");
  ASSERT_OK(BackupDatabase(source_, binary, ArchiveFormat::kPortableBinary));
  const std::string text = test::ReadFile(good);
  const std::string bytes = test::ReadFile(binary);

  struct Case {
    const char* name;
    std::string content;
    const char* expected;  // in the error message
  };
  std::string flipped = text;
  const auto wage = flipped.find("230000");
  ASSERT_NE(wage, std::string::npos);
  flipped.replace(wage, 6, "990000");  // still valid JSON, a different wage
  std::string newer = text;
  const std::string current = fmt::format("\"version\": {}", kArchiveVersion);
  const auto version = newer.find(current);
  ASSERT_NE(version, std::string::npos) << text.substr(0, 300);
  newer.replace(version, current.size(), fmt::format("\"version\": {}", kArchiveVersion + 1));
  std::string dropped = text;  // one whole line of events gone: counts and checksum fail
  {
    const auto first = dropped.find('\n') + 1;
    dropped.erase(first, dropped.find('\n', first) + 1 - first);
  }
  // Lengths claiming two terabytes, of the first record's name and of the first list of rows:
  // refused without allocating them (a sanitizer build would stop at such an allocation).
  const std::string magic = "TRAJECT-BACKUP-BINARY\n";
  ASSERT_EQ(bytes.substr(0, magic.size()), magic);
  const std::string two_terabytes("\x00\x00\x00\x00\x00\x02\x00\x00", 8);  // little-endian
  std::string long_name = bytes;
  long_name.replace(magic.size() + 1, 8, two_terabytes);  // after cereal's byte-order byte
  std::string many_rows = bytes;
  const auto events = many_rows.find("events");
  ASSERT_NE(events, std::string::npos);
  many_rows.replace(events + 6, 8, two_terabytes);
  std::string binary_flipped = bytes;
  binary_flipped[binary_flipped.size() / 2] ^= 0x20;
  const Case cases[] = {
      {"truncated json", text.substr(0, text.size() * 2 / 3), "truncated"},
      {"truncated binary", bytes.substr(0, bytes.size() * 2 / 3), "truncated"},
      {"flipped wage", flipped, "checksum"},
      {"a record dropped", dropped, ""},
      {"flipped binary byte", binary_flipped, ""},
      {"newer version", newer, "newer"},
      {"content after the end", text + "{\"record\": \"events\", \"rows\": []}\n", "after"},
      {"a name of two terabytes", long_name, "not a traject backup archive header"},
      {"two terabytes of rows", many_rows, ""},
      {"not an archive", "participant_ref,birth\nP-1,1980-01-01\n", "not a traject backup"},
      {"empty", "", "not a traject backup"},
      // Found by fuzzing: cereal threw out of the reader (the CLI said "internal error").
      {"binary cut right after its first line", magic, "the archive ends before its header"},
      // A stack overflow in rapidjson's recursive parser, before the line was screened.
      {"nested 300000 deep", "{\"record\": \"header\", \"format\": " + std::string(300000, '['),
       "line 1: not a traject backup archive header: arrays or objects nested deeper than 64"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string bad = dir_.File("bad");
    WriteFile(bad, c.content);
    Result<ArchiveSummary> checked = VerifyArchive(bad);
    ASSERT_EQ(checked.status().code(), Status::Code::kInvalidArgument)
        << checked.status().ToString();
    EXPECT_NE(checked.status().message().find(c.expected), std::string::npos)
        << checked.status().message();
    // Never a payload in the message: it holds personal data.
    EXPECT_EQ(checked.status().message().find("Zorggroep"), std::string::npos);
    const std::string target = dir_.Database("target");
    Result<ArchiveSummary> restored = RestoreDatabase(bad, target);
    ASSERT_EQ(restored.status().code(), Status::Code::kInvalidArgument);
    EXPECT_FALSE(DatabaseExists(target)) << "a refused restore left a database";
    if (!target.starts_with("postgresql://")) {
      for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
        EXPECT_EQ(entry.path().string().find(".restoring"), std::string::npos)
            << "left behind: " << entry.path();
      }
    }
  }
  EXPECT_EQ(VerifyArchive(dir_.File("missing")).status().code(), Status::Code::kNotFound);
}

// Two restores into one new SQLite file at once: one makes it, the other is refused, and what
// is there is a whole database; a file of someone's beside it, named as a restore once named
// its scratch file, is left alone.
TEST_F(StoreBackupTest, RestoresIntoOneTargetAtOnceNeitherLoseNorTouchOthersFiles) {
  if (test::UsePostgres()) GTEST_SKIP() << "a SQLite file's scratch files";
  const std::string archive = dir_.File("backup.json");
  ASSERT_OK(BackupDatabase(source_, archive, ArchiveFormat::kJson));
  const std::string before = AllOf(source_);
  const std::string target = dir_.File("target.db");
  WriteFile(target + ".restoring", "my notes");
  Result<ArchiveSummary> results[2] = {Status::Internal("not run"), Status::Internal("not run")};
  {
    std::thread first([&] { results[0] = RestoreDatabase(archive, target); });
    std::thread second([&] { results[1] = RestoreDatabase(archive, target); });
    first.join();
    second.join();
  }
  const int succeeded = results[0].ok() + results[1].ok();
  EXPECT_EQ(succeeded, 1) << results[0].status().ToString() << " / "
                          << results[1].status().ToString();
  for (const Result<ArchiveSummary>& result : results) {
    if (!result.ok()) {
      EXPECT_EQ(result.status().code(), Status::Code::kInvalidArgument);
    }
  }
  EXPECT_EQ(AllOf(target), before);
  EXPECT_EQ(test::ReadFile(target + ".restoring"), "my notes");
}

// Encrypted archives (BackupOptions::encryption_key): nothing of the content is readable in the
// file; restore and verify need the key, and a wrong key, a changed, cut or added byte, or a key
// given for a plain archive is refused before anything is written.
TEST_F(StoreBackupTest, AnEncryptedArchiveRestoresWithItsKeyOnly) {
  const std::string before = AllOf(source_);
  const std::string key(44, 'b');
  for (ArchiveFormat format : {ArchiveFormat::kJson, ArchiveFormat::kPortableBinary}) {
    SCOPED_TRACE(std::string(ToString(format)));
    const std::string archive = dir_.File(std::string("sealed-") + std::string(ToString(format)));
    BackupOptions backup;
    backup.format = format;
    backup.encryption_key = key;
    Result<ArchiveSummary> made = BackupDatabase(source_, archive, backup);
    ASSERT_OK(made);
    EXPECT_TRUE(made->encrypted);
    const std::string bytes = test::ReadFile(archive);
    for (const char* plain : {"Zorggroep", "Zuidoost", "P-1", "test-org", "traject-backup",
                              "230000", "events", made->checksum.c_str()}) {
      EXPECT_EQ(bytes.find(plain), std::string::npos) << "readable in the archive: " << plain;
    }

    Result<ArchiveSummary> checked = VerifyArchive(archive, key);
    ASSERT_OK(checked);
    EXPECT_TRUE(checked->encrypted);
    EXPECT_EQ(checked->checksum, made->checksum);
    EXPECT_EQ(checked->format, format);
    RestoreOptions options;
    options.encryption_key = key;
    const std::string target = dir_.Database(std::string("opened_") + ToString(format).data());
    ASSERT_OK(RestoreDatabase(archive, target, options));
    EXPECT_EQ(AllOf(target), before);

    struct Case {
      const char* name;
      std::string content;
      std::string key;
      const char* expected;  // in the error message
    };
    const std::size_t header = std::string("TRAJECT-BACKUP-ENCRYPTED\n").size() + 1 + 32 + 24;
    std::string middle = bytes;
    middle[header + (bytes.size() - header) / 2] ^= 0x01;
    std::string last = bytes;
    last.back() ^= 0x80;
    std::string nonce = bytes;
    nonce[header - 1] ^= 0x01;
    std::string version = bytes;
    version[header - 24 - 32 - 1] = 9;
    const Case cases[] = {
        {"no key", bytes, "", "give the backup key"},
        {"another key", bytes, std::string(44, 'c'), "another key"},
        {"a key too short", bytes, "short", "at least 32"},
        {"a byte changed in the middle", middle, key, "does not authenticate"},
        {"the last byte changed", last, key, "does not authenticate"},
        {"a byte of the nonce changed", nonce, key, "does not authenticate"},
        {"a newer layout", version, key, "layout version 9"},
        {"cut in its header", bytes.substr(0, header - 3), key, "ends in its header"},
        {"cut in its first line", bytes.substr(0, 20), key, "ends in its header"},
        {"cut in its key id", bytes.substr(0, 40), key, "ends in its header"},
        {"cut in its last chunk", bytes.substr(0, bytes.size() - 5), key, "does not authenticate"},
        {"cut after its header", bytes.substr(0, header), key, "ends before its last chunk"},
        {"bytes added", bytes + "x", key, "does not authenticate"},
    };
    for (const Case& c : cases) {
      SCOPED_TRACE(c.name);
      const std::string bad = dir_.File("bad");
      WriteFile(bad, c.content);
      Result<ArchiveSummary> refused = VerifyArchive(bad, c.key);
      ASSERT_EQ(refused.status().code(), Status::Code::kInvalidArgument)
          << refused.status().ToString();
      EXPECT_NE(refused.status().message().find(c.expected), std::string::npos)
          << refused.status().message();
      RestoreOptions with = options;
      with.encryption_key = c.key;
      const std::string refused_target = dir_.Database("refused");
      EXPECT_EQ(RestoreDatabase(bad, refused_target, with).status().code(),
                Status::Code::kInvalidArgument);
      EXPECT_FALSE(DatabaseExists(refused_target)) << "a refused restore left a database";
    }
  }
  // A key given for a plain archive is refused rather than ignored: whoever gave it expected an
  // encrypted one.
  const std::string plain = dir_.File("plain");
  ASSERT_OK(BackupDatabase(source_, plain, ArchiveFormat::kJson));
  Result<ArchiveSummary> keyed = VerifyArchive(plain, key);
  EXPECT_EQ(keyed.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(keyed.status().message().find("not an encrypted archive"), std::string::npos);
  // A key too short to encrypt with writes no archive.
  BackupOptions weak;
  weak.encryption_key = "short";
  EXPECT_EQ(BackupDatabase(source_, dir_.File("weak"), weak).status().code(),
            Status::Code::kInvalidArgument);
  EXPECT_FALSE(std::filesystem::exists(dir_.File("weak")));
}

}  // namespace
}  // namespace traject

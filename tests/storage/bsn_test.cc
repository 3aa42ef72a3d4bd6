// The BSN is kept only as a keyed hash (traject/bsn.h, docs/security.md): never in the
// projections, the log or a message; found again with the key, not without it.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "testutil.h"
#include "traject/audit.h"
#include "traject/backup.h"
#include "traject/bsn.h"
#include "traject/key_file.h"
#include "traject/store.h"

namespace traject {
namespace {

using test::D;

constexpr const char* kBsn = "111222333";    // passes the elfproef
constexpr const char* kOther = "123456782";  // so does this one
const std::string kKey(40, 'k');

std::unique_ptr<Store> OpenWithKey(const std::string& location, const std::string& key) {
  StoreOptions options;
  options.catalogue = &test::TestCatalogue();
  options.clock_ms = [] { return test::kTestClockMs; };
  options.organisation = "test-org";
  options.create_organisation = true;
  options.bsn_key = key;
  Result<std::unique_ptr<Store>> store = Store::Open(location, options);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(store).value() : nullptr;
}

ParticipantRegistered WithBsn(const std::string& ref, const std::string& bsn) {
  ParticipantRegistered r{ref, D("1980-03-04"), "Osdorp", "", {}, D("2024-01-02"), false};
  r.bsn = bsn;
  return r;
}

// Everything the database holds, as stored: the SQLite file with its write-ahead log and
// journal, or every table of the PostgreSQL database.
std::string RawContent(const std::string& location) {
  if (location.starts_with("postgresql://")) return test::Snapshot(location);
  std::string all;
  for (const char* suffix : {"", "-wal", "-journal", "-shm"}) {
    if (std::filesystem::exists(location + suffix)) all += test::ReadFile(location + suffix);
  }
  return all;
}

class StoreBsnTest : public ::testing::Test {
 protected:
  test::TempDir dir_;
  std::string location_ = dir_.Database("bsn");
};

TEST_F(StoreBsnTest, TheBsnIsStoredNowhereButItsHashIs) {
  auto store = OpenWithKey(location_, kKey);
  ASSERT_NE(store, nullptr);
  ASSERT_OK(store->Record(WithBsn("P-1", kBsn)));
  const std::string hash = BsnHash(kKey, kBsn);
  const Participant p = *store->GetParticipant("P-1");
  EXPECT_TRUE(p.bsn_verified);
  EXPECT_EQ(p.bsn_hash, hash);
  int registrations = 0;
  ASSERT_OK(store->ForEachEvent([&](const Event& e) {
    if (const auto* r = std::get_if<ParticipantRegistered>(&e.payload)) {
      ++registrations;
      EXPECT_TRUE(r->bsn.empty()) << "the log's event holds the BSN";
      EXPECT_EQ(r->bsn_hash, hash);
    }
    return Status::OK();
  }));
  EXPECT_EQ(registrations, 1);
  store.reset();  // closed: SQLite's file holds what was written
  const std::string raw = RawContent(location_);
  EXPECT_NE(raw.find(hash), std::string::npos) << "the scan must see what is stored";
  EXPECT_EQ(raw.find(kBsn), std::string::npos) << "the clear BSN is in the database";
}

TEST_F(StoreBsnTest, AParticipantIsFoundByBsnWithTheKeyOnly) {
  {
    auto store = OpenWithKey(location_, kKey);
    ASSERT_OK(store->Record(WithBsn("P-1", kBsn)));
    ASSERT_OK(store->Record(WithBsn("P-2", kOther)));
    EXPECT_EQ(store->FindParticipantByBsn(kBsn)->ref, "P-1");
    EXPECT_EQ(store->FindParticipantByBsn(kOther)->ref, "P-2");
  }
  // Another key would find no one: it is refused at Open (AnotherKeyThan... below).
  StoreOptions other_key;
  other_key.organisation = "test-org";
  other_key.bsn_key = std::string(40, 'x');
  EXPECT_EQ(Store::Open(location_, other_key).status().field(), "bsn_key");
  auto no_key = OpenWithKey(location_, "");
  Result<Participant> refused = no_key->FindParticipantByBsn(kBsn);
  EXPECT_EQ(refused.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("key"), std::string::npos);
}

TEST_F(StoreBsnTest, ABadBsnOrAMissingKeyIsRefusedWithoutRepeatingIt) {
  auto store = OpenWithKey(location_, kKey);
  const std::string before = test::Snapshot(location_);
  Result<Recorded> bad = store->Record(WithBsn("P-1", "111222334"));
  EXPECT_EQ(bad.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(bad.status().field(), "bsn");
  EXPECT_EQ(bad.status().ToString().find("111222334"), std::string::npos);
  Result<Participant> bad_find = store->FindParticipantByBsn("111222334");
  EXPECT_EQ(bad_find.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(bad_find.status().ToString().find("111222334"), std::string::npos);

  auto no_key = OpenWithKey(location_, "");
  Result<Recorded> keyless = no_key->Record(WithBsn("P-1", kBsn));
  EXPECT_EQ(keyless.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(keyless.status().ToString().find(kBsn), std::string::npos);
  EXPECT_EQ(test::Snapshot(location_), before) << "a refused command wrote something";

  // The hash is the store's to set.
  ParticipantRegistered forged = WithBsn("P-1", "");
  forged.bsn_hash = std::string(64, 'a');
  EXPECT_EQ(store->Record(forged).status().field(), "bsn_hash");
}

TEST_F(StoreBsnTest, OneBsnIsOneParticipantAlsoWithinABatch) {
  auto store = OpenWithKey(location_, kKey);
  ASSERT_OK(store->Record(WithBsn("P-1", kBsn)));
  Result<Recorded> twice = store->Record(WithBsn("P-2", kBsn));
  EXPECT_EQ(twice.status().code(), Status::Code::kConflict);
  EXPECT_NE(twice.status().message().find("P-1"), std::string::npos);
  EXPECT_EQ(twice.status().ToString().find(kBsn), std::string::npos);
  Result<Recorded> batch = store->RecordAll({WithBsn("P-3", kOther), WithBsn("P-4", kOther)});
  EXPECT_EQ(batch.status().code(), Status::Code::kConflict);
  EXPECT_EQ(store->GetParticipant("P-3").status().code(), Status::Code::kNotFound);
}

// A store opened with another BSN key than the one its BSNs were hashed with would hash the
// same BSN differently and let a duplicate in (issue 21, item 10): it is refused at Open.
TEST_F(StoreBsnTest, AnotherKeyThanTheBsnsWereHashedWithIsRefusedAtOpen) {
  {
    auto store = OpenWithKey(location_, kKey);
    ASSERT_NE(store, nullptr);
    // Before any BSN is hashed, no key is bound to the database yet.
    ASSERT_OK(store->Record(
        ParticipantRegistered{"P-0", std::nullopt, "", "", {}, D("2024-01-02"), false}));
  }
  {
    auto other = OpenWithKey(location_, std::string(40, 'o'));
    ASSERT_NE(other, nullptr);
  }
  {
    auto store = OpenWithKey(location_, kKey);
    ASSERT_NE(store, nullptr);
    ASSERT_OK(store->Record(WithBsn("P-1", kBsn)));
  }
  StoreOptions options;
  options.catalogue = &test::TestCatalogue();
  options.organisation = "test-org";
  const std::string wrong(40, 'w');
  options.bsn_key = wrong;
  Result<std::unique_ptr<Store>> refused = Store::Open(location_, options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(refused.status().field(), "bsn_key") << refused.status().ToString();
  EXPECT_EQ(refused.status().ToString().find(wrong), std::string::npos);
  // Without a key the store opens (BSN commands then ask for one); with the right one, the
  // duplicate is caught.
  options.bsn_key.clear();
  EXPECT_OK(Store::Open(location_, options).status());
  auto store = OpenWithKey(location_, kKey);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->Record(WithBsn("P-2", kBsn)).status().code(), Status::Code::kConflict);
}

TEST_F(StoreBsnTest, AShortKeyIsRefusedAtOpen) {
  StoreOptions options;
  options.bsn_key = "short";
  Result<std::unique_ptr<Store>> store = Store::Open(location_, options);
  EXPECT_EQ(store.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(store.status().field(), "bsn_key");
}

TEST(BsnKeyFileTest, OnlyALongEnoughKeyOfItsOwnerAloneIsRead) {
  test::TempDir dir;
  const std::string file = dir.File("bsn.key");
  std::ofstream(file) << std::string(44, 'q') << "\n";
  ::chmod(file.c_str(), 0600);
  Result<std::string> key = ReadBsnKeyFile(file);
  ASSERT_OK(key.status());
  EXPECT_EQ(*key, std::string(44, 'q'));  // without the newline
  ::chmod(file.c_str(), 0640);
  EXPECT_EQ(ReadBsnKeyFile(file).status().code(), Status::Code::kInvalidArgument);
  ::chmod(file.c_str(), 0600);
  std::ofstream(file) << "too short\n";
  Result<std::string> short_key = ReadBsnKeyFile(file);
  EXPECT_EQ(short_key.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(short_key.status().ToString().find("too short"), std::string::npos);
  EXPECT_EQ(ReadBsnKeyFile(dir.File("missing")).status().code(), Status::Code::kNotFound);
}

// Every key file is read the same way (util/key_file): what another user could have written or
// swapped is refused, whichever key it is (issue 21, item 10). `traject keygen` writes one that
// passes.
TEST(KeyFileTest, AKeyOthersCouldHaveWrittenIsRefusedAndANewOneIsRead) {
  test::TempDir dir;
  const std::string made = dir.File("backup.key");
  ASSERT_OK(WriteNewKeyFile(made));
  EXPECT_EQ(std::filesystem::status(made).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  Result<std::string> read = ReadBackupKeyFile(made);
  ASSERT_OK(read.status());
  EXPECT_EQ(read->size(), 44u);  // 32 random bytes in base64
  const std::string first = *read;
  EXPECT_EQ(WriteNewKeyFile(made).code(), Status::Code::kInvalidArgument) << "overwritten";
  EXPECT_EQ(*ReadBackupKeyFile(made), first);
  ASSERT_OK(WriteNewKeyFile(dir.File("other.key")));
  EXPECT_NE(*ReadAuditKeyFile(dir.File("other.key")), first);

  // A symbolic link, even to a good key of one's own: whoever may change the link chooses it.
  const std::string link = dir.File("link.key");
  std::filesystem::create_symlink(made, link);
  Result<std::string> linked = ReadBsnKeyFile(link);
  EXPECT_EQ(linked.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(linked.status().message().find("symbolic link"), std::string::npos);

  // A directory others may write in (they could replace the key), unless it is sticky.
  const std::filesystem::path shared = dir.path() / "shared";
  std::filesystem::create_directory(shared);
  const std::string in_shared = (shared / "audit.key").string();
  ASSERT_OK(WriteNewKeyFile(in_shared));
  ::chmod(shared.c_str(), 0777);
  Result<std::string> open_dir = ReadAuditKeyFile(in_shared);
  EXPECT_EQ(open_dir.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(open_dir.status().message().find("may be written by others"), std::string::npos);
  // Nor is a new key written there: it could not be read.
  EXPECT_EQ(WriteNewKeyFile((shared / "new.key").string()).code(), Status::Code::kInvalidArgument);
  EXPECT_FALSE(std::filesystem::exists(shared / "new.key"));
  ::chmod(shared.c_str(), 01777);  // as /tmp: others may not replace a file they do not own
  EXPECT_OK(ReadAuditKeyFile(in_shared).status());
  ::chmod(shared.c_str(), 0700);

  // A file of another user (only root can make one here).
  if (::geteuid() == 0) {
    ASSERT_EQ(::chown(made.c_str(), 65534, 65534), 0);
    Result<std::string> foreign = ReadBackupKeyFile(made);
    EXPECT_EQ(foreign.status().code(), Status::Code::kInvalidArgument);
    EXPECT_NE(foreign.status().message().find("owned by user 65534"), std::string::npos);
    EXPECT_EQ(foreign.status().message().find(first), std::string::npos) << "the key shown";
  }
}

TEST(BsnHashTest, IsHmacSha256) {
  // RFC 4231, test case 6: a 131-byte key of 0xaa.
  EXPECT_EQ(
      BsnHash(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First"),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

}  // namespace
}  // namespace traject

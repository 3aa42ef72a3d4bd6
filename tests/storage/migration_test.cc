#include <gtest/gtest.h>
#include <sys/stat.h>

#include "testutil.h"
#include "traject/store.h"

namespace traject {
namespace {

using test::D;

void Populate(Store& store) {
  ASSERT_OK(store.Record(ParticipantRegistered{"P-1",
                                               D("1980-03-04"),
                                               "Osdorp",
                                               "2019-12 Osdorp",
                                               {TargetGroup::kStatushouder},
                                               D("2019-12-02"),
                                               true}));
  ASSERT_OK(store.Record(
      CaseworkerAssigned{"P-1", CaseworkerRole::kKlantmanager, "K. Smit", D("2019-12-03")}));
  ASSERT_OK(store.Record(TrajectoryStarted{0, "P-1", "test-plan", "zorg", D("2020-01-06")}));
  ASSERT_OK(store.Record(MilestoneReached{1, "intake", D("2020-01-13"), ""}));
}

TEST(MigrationTest, EmptyFileMigratesToLatest) {
  test::TempDir dir;
  auto store = test::OpenTestStore(dir.Database("new"));
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), Store::LatestSchemaVersion());
  Populate(*store);
}

TEST(MigrationTest, PreviousVersionMigratesAndKeepsEverything) {
  test::TempDir dir;
  const std::string old_path = dir.Database("previous");
  {
    // Version 3: before the audit chain (4) and BSN hashes (5), so every later step runs.
    constexpr int kBeforeTheChain = 3;
    auto v1 = test::OpenTestStore(old_path, kBeforeTheChain);
    ASSERT_NE(v1, nullptr);
    EXPECT_EQ(v1->schema_version(), kBeforeTheChain);
    Populate(*v1);
    // Before the chain's version there is no chain to verify: said, not faked.
    Result<AuditVerification> none = v1->VerifyAuditChain();
    EXPECT_EQ(none.status().code(), Status::Code::kInvalidArgument);
  }
  auto migrated = test::OpenTestStore(old_path);
  ASSERT_NE(migrated, nullptr);
  EXPECT_EQ(migrated->schema_version(), Store::LatestSchemaVersion());
  // The migration chained the log as it stood: every event, and a head at its last.
  Result<AuditVerification> chained = migrated->VerifyAuditChain();
  ASSERT_OK(chained.status());
  EXPECT_TRUE(chained->ok()) << chained->problems.front().detail;
  EXPECT_EQ(chained->events, *migrated->EventCount());
  EXPECT_EQ(chained->head.seq, migrated->AuditChainHead()->seq);
  // The new version's features work on the migrated data...
  ASSERT_OK(migrated->Record(
      CaseworkerAssigned{"P-1", CaseworkerRole::kJobhunter, "J. Vos", D("2020-02-01")}));
  ASSERT_OK(migrated->Record(ContactRecorded{"P-1", ContactKind::kConversation, D("2020-02-02")}));

  // ...and its projections equal those of a database that was at the newest version all along.
  auto fresh = test::OpenTestStore(dir.Database("fresh"));
  Populate(*fresh);
  ASSERT_OK(fresh->Record(
      CaseworkerAssigned{"P-1", CaseworkerRole::kJobhunter, "J. Vos", D("2020-02-01")}));
  ASSERT_OK(fresh->Record(ContactRecorded{"P-1", ContactKind::kConversation, D("2020-02-02")}));
  EXPECT_EQ(*migrated->DumpProjections(), *fresh->DumpProjections());
  EXPECT_EQ(migrated->GetParticipant("P-1")->klantmanager, "K. Smit");
  // And the chain goes on from where the migration left it.
  EXPECT_TRUE(migrated->VerifyAuditChain()->ok());
  EXPECT_EQ(migrated->VerifyAuditChain()->events, *migrated->EventCount());
}

TEST(MigrationTest, NewerSchemaIsRefusedAndLeftUntouched) {
  test::TempDir dir;
  const std::string path = dir.Database("future");
  { ASSERT_NE(test::OpenTestStore(path), nullptr); }
  *test::OpenSql(path) << "UPDATE schema_version SET version = 999";
  const std::string before = test::Snapshot(path);
  Result<std::unique_ptr<Store>> store = Store::Open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Status::Code::kStorage);
  EXPECT_NE(store.status().message().find("newer than this build"), std::string::npos);
  EXPECT_EQ(test::Snapshot(path), before);
}

TEST(MigrationTest, ForeignDatabaseIsRefused) {
  test::TempDir dir;
  const std::string path = dir.Database("other");
  *test::OpenSql(path) << "CREATE TABLE something (x INTEGER)";
  // Made by SQLite with the umask's mode: made private as traject makes its own, so that only
  // what is in it is judged.
  if (!test::UsePostgres()) ::chmod(path.c_str(), 0600);
  Result<std::unique_ptr<Store>> store = Store::Open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("not a traject database"), std::string::npos);
}

}  // namespace
}  // namespace traject

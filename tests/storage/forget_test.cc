// Export and forget (traject/participant_rights.h, docs/security.md): an export holds everything
// stored about one participant; a forget erases their reference, BSN hash and notes from the log
// and the projections, in the raw database file too, keeps every other fact, and leaves an audit
// chain that verifies, and that still catches a change to the rewritten rows.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "testutil.h"
#include "traject/bsn.h"
#include "traject/store.h"

namespace traject {
namespace {

using test::D;

const std::string kKey(40, 'k');
constexpr const char* kBsn = "111222333";
// Notes that only the forgotten participant's events carry, so a scan can look for them.
constexpr const char* kEvidence = "certificaat-CX-81723";
constexpr const char* kReason = "verhuisd-naar-Almere-Haven";
constexpr const char* kEndReason = "contract-niet-verlengd-Q7";

class StoreForgetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StoreOptions options;
    options.catalogue = &test::TestCatalogue();
    options.clock_ms = [] { return test::kTestClockMs; };
    options.organisation = "test-org";
    options.create_organisation = true;
    options.bsn_key = kKey;
    options.audit_key = std::string(40, 'a');
    options.actor = "tester";
    Result<std::unique_ptr<Store>> opened = Store::Open(location_, options);
    ASSERT_OK(opened);
    store_ = std::move(opened).value();
    for (const char* ref : {"P-1", "P-2"}) {
      ParticipantRegistered r{ref, D("1970-03-04"), "Osdorp", "2019-09",
                              {},  D("2024-01-02"), false};
      if (std::string(ref) == "P-1") r.bsn = kBsn;
      ASSERT_OK(store_->Record(r));
    }
    ASSERT_OK(store_->Record(
        CaseworkerAssigned{"P-1", CaseworkerRole::kKlantmanager, "A. Smit", D("2024-01-03")}));
    ASSERT_OK(store_->Record(ContactRecorded{"P-1", ContactKind::kConversation, D("2024-01-04")}));
    ASSERT_OK(store_->Record(TrajectoryStarted{0, "P-1", "test-plan", "zorg", D("2024-01-08")}));
    ASSERT_OK(store_->Record(TrajectoryStarted{0, "P-2", "test-plan", "zorg", D("2024-01-09")}));
    ASSERT_OK(store_->Record(MilestoneReached{1, "intake", D("2024-01-15"), kEvidence}));
    ASSERT_OK(store_->Record(MilestoneReached{1, "vog", D("2024-02-10"), "VOG 1"}));
    ASSERT_OK(store_->Record(PlacementStarted{0, 1, "Zorggroep", 3200, 230000, D("2024-03-01")}));
    ASSERT_OK(store_->Record(LoonwaardeAssessed{1, D("2024-03-05"), 70}));
    ASSERT_OK(store_->Record(PlacementEnded{1, D("2024-09-30"), kEndReason}));
    ParticipantChanged moved{"P-1", D("2024-10-01")};
    moved.area = "Noord";
    moved.reason = kReason;
    ASSERT_OK(store_->Record(moved));
  }

  // The database's bytes (SQLite: the file, its WAL and journal) or, on PostgreSQL, every table.
  std::string Raw() {
    if (location_.starts_with("postgresql://")) return test::Snapshot(location_);
    std::string all;
    for (const char* suffix : {"", "-wal", "-journal"}) {
      if (std::filesystem::exists(location_ + suffix)) all += test::ReadFile(location_ + suffix);
    }
    return all;
  }

  test::TempDir dir_;
  std::string location_ = dir_.Database("forget");
  std::unique_ptr<Store> store_;
};

TEST_F(StoreForgetTest, AnExportHoldsTheRecordTheTrajectoriesAndEveryEvent) {
  Result<ParticipantExport> exported = store_->ExportParticipant("P-1");
  ASSERT_OK(exported);
  EXPECT_EQ(exported->organisation, "test-org");
  EXPECT_EQ(exported->participant.ref, "P-1");
  EXPECT_EQ(exported->participant.area, "Noord");
  EXPECT_EQ(exported->participant.bsn_hash, BsnHash(kKey, kBsn));
  ASSERT_EQ(exported->participant.contacts.size(), 1u);
  ASSERT_EQ(exported->trajectories.size(), 1u);
  EXPECT_EQ(exported->trajectories[0].milestones.size(), 2u);
  ASSERT_EQ(exported->placements.size(), 1u);
  EXPECT_EQ(exported->placements[0].assessments.size(), 1u);
  // Every event of the participant's stream, and none of P-2's.
  std::int64_t in_stream = 0;
  ASSERT_OK(store_->ForEachEvent([&](const Event& e) {
    if (e.stream == "participant/P-1") ++in_stream;
    return Status::OK();
  }));
  ASSERT_EQ(static_cast<std::int64_t>(exported->events.size()), in_stream);
  for (const Event& e : exported->events) EXPECT_EQ(e.stream, "participant/P-1");

  const std::string json = ParticipantExportJson(*exported);
  for (const char* member :
       {"\"format\": \"traject-participant-export\"", "\"version\": 1", "\"ref\": \"P-1\"",
        "\"kind\": \"placement.ended\"", "\"wage_cents\": 230000", "\"payload\": {"}) {
    EXPECT_NE(json.find(member), std::string::npos) << member << " not in\n" << json;
  }
  EXPECT_NE(json.find(kEvidence), std::string::npos);
  EXPECT_EQ(json.find("P-2"), std::string::npos) << "another participant's data in the export";
  EXPECT_EQ(store_->ExportParticipant("P-9").status().code(), Status::Code::kNotFound);
}

TEST_F(StoreForgetTest, ForgettingErasesTheReferenceHashAndNotesEverywhere) {
  const std::string hash = BsnHash(kKey, kBsn);
  {
    const std::string before = Raw();
    for (const std::string& text : {std::string("P-1"), hash, std::string(kEvidence)}) {
      ASSERT_NE(before.find(text), std::string::npos) << "the scan must see " << text;
    }
  }
  const Participant kept_before = *store_->GetParticipant("P-1");
  Result<ForgetSummary> done = store_->ForgetParticipant("P-1");
  ASSERT_OK(done);
  EXPECT_TRUE(done->pseudonym.starts_with("forgotten-")) << done->pseudonym;
  // Registered, assigned, contact, started (4); intake and the move to intake it caused (2);
  // vog (1); the placement and the move to geplaatst it caused (2); assessed, ended, changed (3).
  EXPECT_EQ(done->events_rewritten, 4 + 2 + 1 + 2 + 3);
  std::int64_t rewritten = 0;
  ASSERT_OK(store_->ForEachEvent([&](const Event& e) {
    if (e.stream == "participant/" + done->pseudonym && e.seq != done->seq) ++rewritten;
    EXPECT_NE(e.stream, "participant/P-1");
    return Status::OK();
  }));
  EXPECT_EQ(rewritten, done->events_rewritten);

  EXPECT_EQ(store_->GetParticipant("P-1").status().code(), Status::Code::kNotFound);
  Result<Participant> now = store_->GetParticipant(done->pseudonym);
  ASSERT_OK(now);
  EXPECT_TRUE(now->forgotten);
  EXPECT_TRUE(now->bsn_hash.empty());
  // The facts aggregate reports count stay.
  EXPECT_EQ(now->birth, kept_before.birth);
  EXPECT_EQ(now->area, kept_before.area);
  EXPECT_EQ(now->registered, kept_before.registered);
  EXPECT_EQ(now->klantmanager, kept_before.klantmanager);
  ASSERT_EQ(now->corrections.size(), 1u);
  EXPECT_EQ(now->corrections[0].reason, std::string(kErasedText));
  Result<Trajectory> t = store_->GetTrajectory(1);
  ASSERT_OK(t);
  EXPECT_EQ(t->participant_ref, done->pseudonym);
  EXPECT_EQ(t->milestones[0].evidence, std::string(kErasedText));
  EXPECT_EQ(store_->GetPlacement(1)->end_reason, std::string(kErasedText));
  EXPECT_EQ(store_->GetPlacement(1)->gross_monthly_wage, 230000);
  EXPECT_EQ(store_->FindParticipantByBsn(kBsn).status().code(), Status::Code::kNotFound);
  // The other participant is untouched.
  EXPECT_EQ(store_->GetTrajectory(2)->participant_ref, "P-2");

  // Projections are what the rewritten log gives.
  const std::string live = *store_->DumpProjections();
  ASSERT_OK(store_->RebuildProjections());
  EXPECT_EQ(*store_->DumpProjections(), live);

  store_.reset();  // closed: SQLite's file holds what was written
  const std::string after = Raw();
  for (const std::string& text :
       {std::string("participant/P-1"), std::string("\"P-1\""), hash, std::string(kEvidence),
        std::string(kReason), std::string(kEndReason)}) {
    EXPECT_EQ(after.find(text), std::string::npos) << text << " is still in the database";
  }
  EXPECT_NE(after.find("\"P-2\""), std::string::npos) << "the scan must see the other one";
}

// PostgreSQL keeps old row versions and index entries in its files after the forget's UPDATEs
// and DELETEs: read page by page (pageinspect's get_raw_page), the reference is still there.
// The forget says what the owner must run (ForgetSummary::maintenance); after it, no page of
// any table or index holds it. On SQLite there is nothing left to run.
TEST_F(StoreForgetTest, WhatPostgresqlKeepsInItsFilesIsNamedAndGoneAfterTheMaintenance) {
  Result<ForgetSummary> done = store_->ForgetParticipant("P-1");
  ASSERT_OK(done);
  if (!test::UsePostgres()) {
    EXPECT_TRUE(done->maintenance.empty());
    return;
  }
  ASSERT_EQ(done->maintenance.size(), 1u);
  EXPECT_TRUE(done->maintenance[0].starts_with("VACUUM FULL ")) << done->maintenance[0];
  for (const char* table : {" events_p", " participants_p", " milestones_p"}) {
    EXPECT_NE(done->maintenance[0].find(table), std::string::npos) << done->maintenance[0];
  }
  std::unique_ptr<soci::session> sql = test::OpenSql(location_);
  *sql << "CREATE EXTENSION IF NOT EXISTS pageinspect";
  // Pages of every table and index of ours (not the catalog's) that hold `text`.
  const auto pages_holding = [&](const std::string& text) {
    int pages = 0;
    *sql << "SELECT COUNT(*) FROM pg_class c, LATERAL generate_series(0, "
            "(pg_relation_size(c.oid) / current_setting('block_size')::int)::int - 1) AS p "
            "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'i') "
            "AND position(convert_to(:text, 'UTF8') IN get_raw_page(c.oid::regclass::text, p)) > 0",
        soci::use(text), soci::into(pages);
    return pages;
  };
  const std::string reference = "participant/P-1";
  ASSERT_GT(pages_holding(reference), 0) << "the old rows should still be in the files";
  ASSERT_GT(pages_holding(std::string(kEvidence)), 0);
  store_.reset();
  // VACUUM FULL keeps the rows a transaction still running on the server may see (here:
  // other tests' snapshots, an autovacuum); as an operator would, run it again until it could
  // remove them — a few times at most.
  for (int run = 0; run < 40; ++run) {
    for (const std::string& statement : done->maintenance) *sql << statement;
    if (pages_holding(reference) == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  EXPECT_EQ(pages_holding(reference), 0) << "the maintenance left the reference in a file";
  {  // where, if anywhere
    soci::rowset<std::string> pages =
        (sql->prepare << "SELECT c.relname::text || ' page ' || p FROM pg_class c, LATERAL "
                         "generate_series(0, (pg_relation_size(c.oid) / 8192)::int - 1) AS p "
                         "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN "
                         "('r', 'i') AND position(convert_to('participant/P-1', 'UTF8') IN "
                         "get_raw_page(c.oid::regclass::text, p)) > 0");
    for (const std::string& page : pages) ADD_FAILURE() << "the reference is in " << page;
  }
  EXPECT_EQ(pages_holding(std::string(kEvidence)), 0);
  EXPECT_GT(pages_holding("participant/P-2"), 0) << "the scan must see the other one";
}

// SQLite: a reader holding a snapshot from before the forget (a long report, a sqlite3 shell)
// keeps the old pages needed, so the checkpoint cannot empty the write-ahead log. The forget
// waits for it up to the busy timeout, then says so and what to run, instead of reporting a
// clean erase while the reference is still in the -wal file.
TEST_F(StoreForgetTest, AReaderOfAnOlderSnapshotIsWaitedForOrNamed) {
  if (test::UsePostgres()) GTEST_SKIP() << "SQLite's write-ahead log";
  std::unique_ptr<soci::session> reader = test::OpenSql(location_);
  int participants = 0;
  *reader << "BEGIN";
  *reader << "SELECT COUNT(*) FROM participants", soci::into(participants);
  ASSERT_EQ(participants, 2);
  StoreOptions options;
  options.catalogue = &test::TestCatalogue();
  options.clock_ms = [] { return test::kTestClockMs; };
  options.organisation = "test-org";
  options.audit_key = std::string(40, 'a');
  options.busy_timeout_ms = 200;
  store_.reset();
  Result<std::unique_ptr<Store>> impatient = Store::Open(location_, options);
  ASSERT_OK(impatient);
  Result<ForgetSummary> done = (*impatient)->ForgetParticipant("P-1");
  ASSERT_OK(done);
  ASSERT_EQ(done->maintenance, std::vector<std::string>{"PRAGMA wal_checkpoint(TRUNCATE)"});
  EXPECT_NE(done->left_over.find("read snapshot"), std::string::npos) << done->left_over;
  EXPECT_NE(Raw().find("participant/P-1"), std::string::npos)
      << "the scan should still see the old pages while the reader holds them";

  *reader << "COMMIT";
  reader.reset();
  impatient->reset();
  std::unique_ptr<soci::session> owner = test::OpenSql(location_);
  for (const std::string& statement : done->maintenance) *owner << statement;
  owner.reset();
  EXPECT_EQ(Raw().find("participant/P-1"), std::string::npos) << "still in the database";
  EXPECT_NE(Raw().find("participant/P-2"), std::string::npos) << "the scan must see the other";

  // Without a reader the forget leaves nothing to run.
  Result<std::unique_ptr<Store>> again = Store::Open(location_, options);
  ASSERT_OK(again);
  Result<ForgetSummary> clean = (*again)->ForgetParticipant("P-2");
  ASSERT_OK(clean);
  EXPECT_TRUE(clean->maintenance.empty()) << clean->left_over;
  EXPECT_TRUE(clean->left_over.empty());
}

TEST_F(StoreForgetTest, TheAuditChainVerifiesAfterAForgetAndCatchesChangesToRewrittenRows) {
  const AuditHead kept = *store_->AuditChainHead();
  Result<ForgetSummary> done = store_->ForgetParticipant("P-1");
  ASSERT_OK(done);
  Result<AuditVerification> verified = store_->VerifyAuditChain(kept);
  ASSERT_OK(verified);
  EXPECT_TRUE(verified->ok()) << (verified->problems.empty() ? "" : verified->problems[0].detail);

  // A rewritten row changed afterwards, directly in the database, is caught.
  std::int64_t target = 0;
  ASSERT_OK(store_->ForEachEvent([&](const Event& e) {
    if (!target && std::holds_alternative<PlacementStarted>(e.payload)) target = e.seq;
    return Status::OK();
  }));
  ASSERT_GT(target, 0);
  {
    auto sql = test::OpenSql(location_);
    *sql << "UPDATE events SET payload = REPLACE(payload, '230000', '990000') WHERE seq = "
         << target;
  }
  verified = store_->VerifyAuditChain();
  ASSERT_OK(verified);
  ASSERT_FALSE(verified->ok());
  EXPECT_EQ(verified->problems[0].kind, AuditProblemKind::kChanged);
  EXPECT_EQ(verified->problems[0].seq, target);
}

TEST_F(StoreForgetTest, ARewriteMarkedAsAForgetWithoutOneIsCaught) {
  // Someone changes P-2's registration and records its old digest as if a forget had done it.
  ASSERT_OK(store_->ForgetParticipant("P-1"));
  std::int64_t target = 0;
  ASSERT_OK(store_->ForEachEvent([&](const Event& e) {
    if (e.stream == "participant/P-2" && !target) target = e.seq;
    return Status::OK();
  }));
  auto sql = test::OpenSql(location_);
  *sql << "INSERT INTO audit_rewrites (org, seq, digest, rewritten_digest, rewritten_by) SELECT "
          "org, "
       << target
       << ", digest, rewritten_digest, rewritten_by FROM audit_rewrites ORDER BY seq "
          "LIMIT 1";
  *sql << "UPDATE events SET payload = REPLACE(payload, 'Osdorp', 'Noord') WHERE seq = " << target;
  Result<AuditVerification> verified = store_->VerifyAuditChain();
  ASSERT_OK(verified);
  ASSERT_FALSE(verified->ok());
  bool named = false;
  for (const AuditProblem& p : verified->problems) named |= p.seq == target;
  EXPECT_TRUE(named) << "the forged rewrite of event " << target << " is not named";
}

TEST_F(StoreForgetTest, NothingMoreIsRecordedAboutAForgottenParticipant) {
  Result<ForgetSummary> done = store_->ForgetParticipant("P-1");
  ASSERT_OK(done);
  const std::string before = test::Everything(*store_);
  const std::vector<Command> refused = {
      ContactRecorded{done->pseudonym, ContactKind::kInvited, D("2025-01-01")},
      TrajectoryStarted{0, done->pseudonym, "test-plan", "zorg", D("2025-01-01")},
      MilestoneReached{1, "start-leren", D("2025-01-02"), ""},
      LoonwaardeAssessed{1, D("2024-06-01"), 80},
  };
  for (const Command& command : refused) {
    Result<Recorded> recorded = store_->Record(command);
    EXPECT_EQ(recorded.status().code(), Status::Code::kInvalidArgument) << KindOf(command);
    EXPECT_NE(recorded.status().message().find("forgotten"), std::string::npos)
        << recorded.status().ToString();
  }
  // A new participant may take the old reference: it names nobody any more.
  EXPECT_OK(store_->Record(
      ParticipantRegistered{"P-1", std::nullopt, "", "", {}, D("2025-01-01"), false}));
  EXPECT_EQ(store_->ForgetParticipant(done->pseudonym).status().code(),
            Status::Code::kConflict);  // already done
  EXPECT_EQ(store_->ForgetParticipant("P-9").status().code(), Status::Code::kNotFound);
  EXPECT_NE(test::Everything(*store_), before);  // the new P-1 only
}

TEST_F(StoreForgetTest, AnAsRecordedViewCannotForget) {
  Result<std::unique_ptr<Store>> view = store_->AsRecorded(D("2026-06-01"));
  ASSERT_OK(view);
  EXPECT_EQ((*view)->ForgetParticipant("P-1").status().code(), Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace traject

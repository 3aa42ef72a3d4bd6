#include "traject/store.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <map>

#include "testutil.h"

namespace traject {
namespace {

using test::D;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = test::OpenTestStore(db_);
    ASSERT_NE(store_, nullptr);
  }

  // Registers P-1 and starts trajectory 1 in test-plan/zorg on 2024-01-08.
  void StartTrajectory() {
    ASSERT_OK(store_->Record(ParticipantRegistered{
        "P-1", D("1990-01-01"), "Bijlmer Oost", "", {}, D("2024-01-02"), false}));
    ASSERT_OK(store_->Record(TrajectoryStarted{0, "P-1", "test-plan", "zorg", D("2024-01-08")}));
  }

  std::string Everything() {
    Result<std::string> dump = store_->DumpProjections();
    EXPECT_TRUE(dump.ok());
    std::string log;
    EXPECT_OK(store_->ForEachEvent([&](const Event& e) {
      log += std::to_string(e.seq) + " " + std::string(KindOf(e.payload)) + " " +
             EncodePayload(e.payload) + "\n";
      return Status::OK();
    }));
    return *dump + log;
  }

  test::TempDir dir_;
  std::string db_ = dir_.Database("t");
  std::unique_ptr<Store> store_;
};

TEST_F(StoreTest, FullLifecycleThroughMilestonesPlacementAndExit) {
  StartTrajectory();
  ASSERT_OK(store_->Record(MilestoneReached{1, "intake", D("2024-01-15"), ""}));
  ASSERT_OK(store_->Record(MilestoneReached{1, "start-leren", D("2024-02-01"), ""}));
  ASSERT_OK(store_->Record(MilestoneReached{1, "vog", D("2024-02-10"), "VOG 2024-77"}));
  Result<Recorded> placed =
      store_->Record(PlacementStarted{0, 1, "Zorggroep", 3200, 230000, D("2024-03-01")});
  ASSERT_OK(placed);
  ASSERT_EQ(placed->events.size(), 2u);  // the placement and the move to geplaatst it causes
  EXPECT_EQ(placed->events[1].caused_by, placed->events[0].seq);
  ASSERT_OK(store_->Record(LoonwaardeAssessed{1, D("2024-04-01"), 60}));
  ASSERT_OK(store_->Record(TrajectoryStateChanged{
      1, {}, TrajectoryState::kUitgestroomd, D("2024-06-01"), "vast contract", ExitReason::kWork}));

  Result<Trajectory> t = store_->GetTrajectory(1);
  ASSERT_OK(t);
  EXPECT_EQ(t->state, TrajectoryState::kUitgestroomd);
  EXPECT_EQ(t->state_since, D("2024-06-01"));
  EXPECT_EQ(t->exit_reason, ExitReason::kWork);
  ASSERT_EQ(t->milestones.size(), 3u);
  EXPECT_EQ(t->milestones[2].evidence, "VOG 2024-77");
  ASSERT_EQ(t->history.size(), 4u);  // intake, in-leerwerk, geplaatst, uitgestroomd
  EXPECT_EQ(t->history[1].to, TrajectoryState::kInLeerwerk);
  EXPECT_EQ(t->history[3].from, TrajectoryState::kGeplaatst);

  Result<Placement> p = store_->GetPlacement(1);
  ASSERT_OK(p);
  EXPECT_EQ(p->employer, "Zorggroep");
  EXPECT_EQ(p->hours_per_week, 3200);
  EXPECT_EQ(p->gross_monthly_wage, 230000);
  ASSERT_EQ(p->assessments.size(), 1u);
  EXPECT_EQ(p->assessments[0].percent, 60);

  ASSERT_OK(store_->Record(TrajectoryStateChanged{
      1, {}, TrajectoryState::kTerugval, D("2024-09-01"), "", std::nullopt}));
  EXPECT_EQ(store_->GetTrajectory(1)->state, TrajectoryState::kTerugval);
}

TEST_F(StoreTest, IllegalTransitionIsRefusedAndWritesNothing) {
  StartTrajectory();
  const std::string before = Everything();
  Result<Recorded> exit = store_->Record(TrajectoryStateChanged{
      1, {}, TrajectoryState::kUitgestroomd, D("2024-02-01"), "", ExitReason::kWork});
  ASSERT_FALSE(exit.ok());
  EXPECT_EQ(exit.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(exit.status().message().find("illegal transition aangemeld -> uitgestroomd"),
            std::string::npos)
      << exit.status().message();
  EXPECT_EQ(Everything(), before);

  // A milestone that would skip intake is refused the same way.
  Result<Recorded> skip = store_->Record(MilestoneReached{1, "start-leren", D("2024-02-01"), ""});
  ASSERT_FALSE(skip.ok());
  EXPECT_EQ(Everything(), before);
}

TEST_F(StoreTest, PlacementNeedsRequiredMilestones) {
  StartTrajectory();
  ASSERT_OK(store_->Record(MilestoneReached{1, "intake", D("2024-01-15"), ""}));
  Result<Recorded> placed =
      store_->Record(PlacementStarted{0, 1, "Zorggroep", 3200, 230000, D("2024-03-01")});
  ASSERT_FALSE(placed.ok());
  EXPECT_NE(placed.status().message().find("'vog'"), std::string::npos)
      << placed.status().message();
}

TEST_F(StoreTest, ReferencesAndIdsAreChecked) {
  StartTrajectory();
  Result<Recorded> duplicate = store_->Record(
      ParticipantRegistered{"P-1", std::nullopt, "", "", {}, D("2024-01-02"), false});
  EXPECT_EQ(duplicate.status().code(), Status::Code::kConflict);
  EXPECT_EQ(store_->Record(TrajectoryStarted{0, "P-404", "test-plan", "zorg", D("2024-01-08")})
                .status()
                .code(),
            Status::Code::kNotFound);
  Result<Recorded> programme =
      store_->Record(TrajectoryStarted{0, "P-1", "nope", "zorg", D("2024-01-08")});
  EXPECT_EQ(programme.status().code(), Status::Code::kNotFound);
  EXPECT_NE(programme.status().message().find("test-plan"), std::string::npos);
  EXPECT_EQ(store_->Record(TrajectoryStarted{0, "P-1", "test-plan", "zorg", D("2024-01-09")})
                .status()
                .code(),
            Status::Code::kConflict);  // already an open trajectory in that programme
  EXPECT_EQ(store_->Record(MilestoneReached{99, "intake", D("2024-01-15"), ""}).status().code(),
            Status::Code::kNotFound);
}

TEST_F(StoreTest, FailedBatchLeavesDatabaseUnchanged) {
  StartTrajectory();
  const std::string before = Everything();
  std::vector<Command> batch = {
      ParticipantRegistered{"P-2", std::nullopt, "Osdorp", "", {}, D("2024-01-03"), false},
      TrajectoryStarted{0, "P-2", "test-plan", "zorg", D("2024-01-10")},
      MilestoneReached{2, "intake", D("2024-01-20"), ""},
      MilestoneReached{2, "no-such-milestone", D("2024-01-21"), ""},
  };
  Result<Recorded> recorded = store_->RecordAll(batch);
  ASSERT_FALSE(recorded.ok());
  EXPECT_NE(recorded.status().message().find("commands[3]: "), std::string::npos)
      << recorded.status().message();
  EXPECT_EQ(Everything(), before);
  EXPECT_EQ(store_->GetParticipant("P-2").status().code(), Status::Code::kNotFound);

  batch.pop_back();
  ASSERT_OK(store_->RecordAll(batch));
  EXPECT_EQ(store_->GetTrajectory(2)->state, TrajectoryState::kIntake);
}

TEST_F(StoreTest, ReplayRebuildsIdenticalProjections) {
  StartTrajectory();
  ASSERT_OK(store_->Record(
      CaseworkerAssigned{"P-1", CaseworkerRole::kKlantmanager, "A. Bakker", D("2024-01-03")}));
  ASSERT_OK(store_->Record(
      CaseworkerAssigned{"P-1", CaseworkerRole::kJobhunter, "J. Jansen", D("2024-01-04")}));
  ASSERT_OK(store_->Record(ContactRecorded{"P-1", ContactKind::kInvited, D("2024-01-02")}));
  ASSERT_OK(store_->Record(ContactRecorded{"P-1", ContactKind::kConversation, D("2024-01-05")}));
  ASSERT_OK(store_->Record(MilestoneReached{1, "intake", D("2024-01-15"), ""}));
  ASSERT_OK(store_->Record(MilestoneReached{1, "vog", D("2024-01-20"), "VOG"}));
  ASSERT_OK(store_->Record(PlacementStarted{0, 1, "Zorggroep", 3600, 240000, D("2024-02-01")}));
  ASSERT_OK(store_->Record(LoonwaardeAssessed{1, D("2024-03-01"), 45}));
  ASSERT_OK(store_->Record(PlacementEnded{1, D("2024-08-31"), "einde contract"}));

  Result<std::string> before = store_->DumpProjections();
  ASSERT_OK(before);
  EXPECT_NE(before->find("A. Bakker"), std::string::npos);
  EXPECT_NE(before->find("einde contract"), std::string::npos);
  ASSERT_OK(store_->RebuildProjections());
  Result<std::string> after = store_->DumpProjections();
  ASSERT_OK(after);
  EXPECT_EQ(*after, *before);

  // A second database fed the same log through replay gives the same projections too.
  Result<Participant> p = store_->GetParticipant("P-1");
  ASSERT_OK(p);
  EXPECT_EQ(p->klantmanager, "A. Bakker");
  EXPECT_EQ(p->jobhunter, "J. Jansen");
  ASSERT_EQ(p->contacts.size(), 2u);
  EXPECT_EQ(p->contacts[1].kind, ContactKind::kConversation);
}

TEST_F(StoreTest, TenantsDoNotSeeEachOther) {
  StartTrajectory();
  ASSERT_OK(store_->CreateOrganisation("other-org", "Other", D("2020-01-01")));
  StoreOptions options;
  options.organisation = "other-org";
  options.catalogue = &test::TestCatalogue();
  Result<std::unique_ptr<Store>> other = Store::Open(db_, options);
  ASSERT_OK(other);
  EXPECT_EQ((*other)->GetParticipant("P-1").status().code(), Status::Code::kNotFound);
  EXPECT_TRUE((*other)->ListTrajectories()->empty());
  ASSERT_OK((*other)->Record(
      ParticipantRegistered{"P-1", std::nullopt, "", "", {}, D("2024-01-02"), false}));
  // Each log holds its organisation.created event plus its own participant events.
  EXPECT_EQ(*(*other)->EventCount(), 2);
  EXPECT_EQ(*store_->EventCount(), 3);
}

TEST_F(StoreTest, UnknownOrganisationIsNotFoundAtOpen) {
  StoreOptions options;
  options.organisation = "nowhere";
  options.catalogue = &test::TestCatalogue();
  Result<std::unique_ptr<Store>> other = Store::Open(db_, options);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), Status::Code::kNotFound);
  EXPECT_NE(other.status().message().find("organisation 'nowhere' does not exist"),
            std::string::npos)
      << other.status().message();
  // A library error gives no command-line advice: a partner has no command line.
  EXPECT_EQ(other.status().message().find("traject init"), std::string::npos);

  ASSERT_OK(store_->CreateOrganisation("nowhere", "Nowhere", D("2024-01-01")));
  other = Store::Open(db_, options);
  ASSERT_OK(other);
  ASSERT_OK((*other)->Record(
      ParticipantRegistered{"P-9", std::nullopt, "", "", {}, D("2024-01-02"), false}));
}

// An organisation's name is text like every other name (issue 21, item 8): one line, no
// control characters, no text that shows other than it reads, of the common length.
TEST_F(StoreTest, OrganisationNamesAreCheckedLikeEveryName) {
  const std::string bad_names[] = {"",
                                   "Gemeente\nAmsterdam",
                                   "Gemeente\x1b[2JAmsterdam",
                                   "Gemeente\u2028Amsterdam",
                                   "Gemeente \u202Emadretsma",
                                   "Gemeente\xFF",
                                   std::string(kMaxTextLength + 1, 'x')};
  for (const std::string& name : bad_names) {
    const Status s = store_->CreateOrganisation("wsp", name, D("2024-01-01"));
    EXPECT_EQ(s.code(), Status::Code::kInvalidArgument) << s.message();
    EXPECT_EQ(s.field(), "organisation name") << s.message();
  }
  EXPECT_EQ(store_->Organisations()->size(), 1u) << "a refused organisation was created";
  StoreOptions options;
  options.organisation = "wsp";
  options.organisation_name = "Werkgevers\u2066servicepunt";
  options.create_organisation = true;
  options.catalogue = &test::TestCatalogue();
  EXPECT_EQ(Store::Open(db_, options).status().code(), Status::Code::kInvalidArgument);
  EXPECT_OK(
      store_->CreateOrganisation("wsp", "Werkgeversservicepunt Groot-Amsterdam", D("2024-01-01")));
}

// A caller's mistake is FailedPrecondition, not a storage failure (issue 21, item 10): a second
// batch, a write beside an open batch, a batch used after it failed or was committed. None of
// them writes anything.
TEST_F(StoreTest, MisusingABatchIsAFailedPrecondition) {
  const std::string before = Everything();
  Result<std::unique_ptr<WriteBatch>> batch = store_->BeginBatch();
  ASSERT_OK(batch);
  const ParticipantRegistered p1{"P-1", std::nullopt, "", "", {}, D("2024-01-02"), false};
  const ParticipantRegistered p2{"P-2", std::nullopt, "", "", {}, D("2024-01-02"), false};
  auto expect_precondition = [](const Status& s, const char* what) {
    EXPECT_EQ(s.code(), Status::Code::kFailedPrecondition) << what << ": " << s.ToString();
  };
  expect_precondition(store_->BeginBatch().status(), "a second batch");
  expect_precondition(store_->Record(p2).status(), "Record beside a batch");
  expect_precondition(store_->RecordAll({p2}).status(), "RecordAll beside a batch");
  expect_precondition(store_->ForgetParticipant("P-1").status(), "a forget beside a batch");
  expect_precondition(store_->CreateOrganisation("wsp", "WSP", D("2024-01-01")),
                      "CreateOrganisation beside a batch");
  expect_precondition(store_->RebuildProjections(), "a rebuild beside a batch");
  ASSERT_OK((*batch)->Record(p1));
  EXPECT_EQ((*batch)->Record(p1).status().code(), Status::Code::kConflict);
  expect_precondition((*batch)->Record(p2).status(), "Record after an error");
  expect_precondition((*batch)->Commit(), "Commit after an error");
  batch->reset();
  EXPECT_EQ(Everything(), before);

  batch = store_->BeginBatch();
  ASSERT_OK(batch);
  ASSERT_OK((*batch)->Record(p1));
  ASSERT_OK((*batch)->Commit());
  expect_precondition((*batch)->Record(p2).status(), "Record after Commit");
  expect_precondition((*batch)->Commit(), "a second Commit");
  ASSERT_OK(store_->Record(p2));  // the committed batch no longer holds the store
}

// Options that make no sense are refused at Open, naming the option (issue 21, item 10).
TEST_F(StoreTest, SenselessOptionsAreRefusedAtOpen) {
  auto expect_refused = [&](StoreOptions options, const char* field) {
    options.catalogue = &test::TestCatalogue();
    Result<std::unique_ptr<Store>> refused = Store::Open(db_, options);
    ASSERT_FALSE(refused.ok()) << field;
    EXPECT_EQ(refused.status().code(), Status::Code::kInvalidArgument) << field;
    EXPECT_EQ(refused.status().field(), field) << refused.status().ToString();
  };
  StoreOptions options;
  options.busy_timeout_ms = -1;
  expect_refused(options, "busy_timeout_ms");
  options = {};
  options.schema_version = 999;
  expect_refused(options, "schema_version");
  options.schema_version = -2;
  expect_refused(options, "schema_version");
  options = {};
  options.clock_ms = [] { return std::int64_t{-3'000'000'000'000}; };  // 1874
  expect_refused(options, "clock_ms");
  options.clock_ms = [] { return std::int64_t{8'000'000'000'000}; };  // 2223
  expect_refused(options, "clock_ms");
  options = {};
  options.busy_timeout_ms = 0;
  options.catalogue = &test::TestCatalogue();
  EXPECT_OK(Store::Open(db_, options).status());
}

TEST_F(StoreTest, OpenCreatesTheNamedOrganisationWhenAsked) {
  // The database holds test-org; a partner opens its own organisation by name, creating it.
  StoreOptions options;
  options.organisation = "wsp";
  options.organisation_name = "Werkgeversservicepunt";
  options.create_organisation = true;
  options.catalogue = &test::TestCatalogue();
  options.clock_ms = [] { return test::kTestClockMs; };
  Result<std::unique_ptr<Store>> wsp = Store::Open(db_, options);
  ASSERT_OK(wsp);
  EXPECT_EQ((*wsp)->organisation(), "wsp");
  ASSERT_OK((*wsp)->Record(
      ParticipantRegistered{"W-1", std::nullopt, "", "", {}, D("2024-01-02"), false}));
  Result<std::vector<Organisation>> all = (*wsp)->Organisations();
  ASSERT_OK(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[1].name, "Werkgeversservicepunt");
  EXPECT_EQ((*all)[1].created, D("2026-06-01"));
  // Its writes went to wsp, not to the other organisation; opening again creates nothing.
  EXPECT_EQ(store_->GetParticipant("W-1").status().code(), Status::Code::kNotFound);
  ASSERT_OK(Store::Open(db_, options));
  EXPECT_EQ((*wsp)->Organisations()->size(), 2u);
  // Without a name there is nothing to create.
  options.organisation.clear();
  EXPECT_EQ(Store::Open(db_, options).status().code(), Status::Code::kInvalidArgument);
}

TEST_F(StoreTest, RecordedFindsTheAssignedIds) {
  StartTrajectory();
  ASSERT_OK(store_->Record(MilestoneReached{1, "intake", D("2024-01-15"), ""}));
  ASSERT_OK(store_->Record(MilestoneReached{1, "vog", D("2024-01-16"), ""}));
  Result<Recorded> placed =
      store_->Record(PlacementStarted{0, 1, "Zorggroep", 3200, 230000, D("2024-03-01")});
  ASSERT_OK(placed);
  ASSERT_NE(placed->Find<PlacementStarted>(), nullptr);
  EXPECT_EQ(placed->Find<PlacementStarted>()->placement_id, 1);
  EXPECT_EQ(placed->Find<TrajectoryStateChanged>()->to, TrajectoryState::kGeplaatst);
  EXPECT_EQ(placed->Find<LoonwaardeAssessed>(), nullptr);
}

// A placement view carries its trajectory's milestones as they stand (corrections applied), in
// the order recorded, so that reports need no lookup per placement.
TEST_F(StoreTest, PlacementViewsCarryTheirTrajectorysMilestones) {
  StartTrajectory();
  ASSERT_OK(store_->Record(MilestoneReached{1, "intake", D("2024-01-15"), ""}));
  ASSERT_OK(store_->Record(MilestoneReached{1, "vog", D("2024-01-16"), "VOG 1"}));
  ASSERT_OK(store_->Record(PlacementStarted{0, 1, "Zorggroep", 3200, 230000, D("2024-03-01")}));
  ASSERT_OK(store_->Record(PlacementEnded{1, D("2024-03-31"), "proeftijd"}));
  ASSERT_OK(store_->Record(PlacementStarted{0, 1, "Thuiszorg", 1600, 120000, D("2024-04-01")}));
  ASSERT_OK(store_->Record(
      MilestoneCorrected{1, "vog", D("2024-05-01"), D("2024-01-20"), "VOG 2", "typo"}));
  Result<std::vector<PlacementView>> views = store_->ListPlacementViews();
  ASSERT_OK(views);
  ASSERT_EQ(views->size(), 2u);
  for (const PlacementView& view : *views) {
    ASSERT_EQ(view.milestones.size(), 2u);
    EXPECT_EQ(view.milestones[0].milestone_id, "intake");
    EXPECT_EQ(view.milestones[1].milestone_id, "vog");
    EXPECT_EQ(view.milestones[1].reached, D("2024-01-20"));
    EXPECT_EQ(view.milestones[1].evidence, "VOG 2");
  }
  const std::vector<MilestoneRecord> of_trajectory = store_->GetTrajectory(1)->milestones;
  ASSERT_EQ(of_trajectory.size(), 2u);
  EXPECT_EQ(of_trajectory[1].reached, (*views)[0].milestones[1].reached);
}

// A batch's events are written in bulk (on PostgreSQL with COPY, whose text format escapes
// backslashes, tabs and line breaks): every byte reads back as recorded.
TEST_F(StoreTest, BulkWrittenEventsReadBackByteForByte) {
  StartTrajectory();
  Result<std::unique_ptr<WriteBatch>> batch = store_->BeginBatch();
  ASSERT_OK(batch);
  std::vector<Event> recorded;
  for (int i = 0; i < 40; ++i) {
    Result<Recorded> r = (*batch)->Record(ParticipantRegistered{
        fmt::format("B-{}", i), std::nullopt, "Noord \\ Oost", "", {}, D("2024-01-02"), false});
    ASSERT_OK(r);
    recorded.insert(recorded.end(), r->events.begin(), r->events.end());
  }
  Result<Recorded> noted = (*batch)->Record(
      MilestoneReached{1, "intake", D("2024-01-15"), "regel 1\nregel 2\r\n\\N \"é\""});
  ASSERT_OK(noted);
  recorded.insert(recorded.end(), noted->events.begin(), noted->events.end());
  ASSERT_OK((*batch)->Commit());
  std::map<std::int64_t, std::string> stored;
  ASSERT_OK(store_->ForEachEvent([&](const Event& e) {
    stored[e.seq] = e.stream + "|" + EncodePayload(e.payload);
    return Status::OK();
  }));
  for (const Event& e : recorded) {
    EXPECT_EQ(stored[e.seq], e.stream + "|" + EncodePayload(e.payload)) << e.seq;
  }
  EXPECT_EQ(store_->GetTrajectory(1)->milestones.at(0).evidence, "regel 1\nregel 2\r\n\\N \"é\"");
}

// On PostgreSQL the log and every projection are partitioned by organisation: each
// organisation's rows live in one partition of each table, so queries of one organisation read
// one partition (and a distributed setup can shard on the same column; docs/scaling.md).
TEST_F(StoreTest, PostgresTablesArePartitionedByOrganisation) {
  if (!test::UsePostgres()) GTEST_SKIP() << "PostgreSQL only (TRAJECT_TEST_POSTGRES_URL)";
  StartTrajectory();
  StoreOptions options;
  options.organisation = "other-org";
  options.create_organisation = true;
  options.catalogue = &test::TestCatalogue();
  options.clock_ms = [] { return test::kTestClockMs; };
  Result<std::unique_ptr<Store>> other = Store::Open(db_, options);
  ASSERT_OK(other);
  ASSERT_OK((*other)->Record(
      ParticipantRegistered{"Q-1", std::nullopt, "", "", {}, D("2024-01-02"), false}));
  auto sql = test::OpenSql(db_);
  for (const char* table : {"events", "participants", "trajectories", "state_changes", "milestones",
                            "placements", "loonwaarde", "contacts", "assignments", "corrections"}) {
    // Named, not a temporary: SOCI runs the statement when the whole expression ends, after a
    // temporary bound with use() has already gone.
    const std::string name = table;
    long long partitions = 0;
    *sql << "SELECT COUNT(*) FROM pg_inherits WHERE inhparent = CAST(:t AS regclass)",
        soci::use(name), soci::into(partitions);
    EXPECT_EQ(partitions, 16) << table;
  }
  for (const char* org : {"test-org", "other-org"}) {
    const std::string name = org;
    long long holding = 0;
    *sql << "SELECT COUNT(DISTINCT tableoid) FROM events WHERE org = :org", soci::use(name),
        soci::into(holding);
    EXPECT_EQ(holding, 1) << org;  // one partition holds all of an organisation's events
  }
  // And the tenants stay apart.
  EXPECT_EQ((*other)->GetParticipant("P-1").status().code(), Status::Code::kNotFound);
  EXPECT_EQ(*(*other)->EventCount(), 2);  // organisation.created and Q-1
}

// A read never creates a schema: a store that may not create a database (every command but
// `init`) refuses a database without traject's tables, as it refuses a missing SQLite file, and
// writes nothing to it. A connection that fails keeps PostgreSQL's own reason, without the
// password.
TEST(StoreOpenTest, AReadNeverCreatesASchemaAndAFailedConnectionSaysWhy) {
  test::TempDir dir;
  StoreOptions read_only;
  read_only.create_if_missing = false;
  const std::string empty = dir.Database("empty");
  if (!test::UsePostgres()) {
    std::ofstream(empty).close();  // an empty file: a SQLite database with no tables
    std::filesystem::permissions(
        empty, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  }
  const std::string before = test::Snapshot(empty);
  Result<std::unique_ptr<Store>> refused = Store::Open(empty, read_only);
  ASSERT_EQ(refused.status().code(), Status::Code::kNotFound) << refused.status().ToString();
  EXPECT_EQ(refused.status().field(), "location");
  EXPECT_NE(refused.status().message().find("no traject database"), std::string::npos)
      << refused.status().message();
  EXPECT_EQ(test::Snapshot(empty), before) << "a read wrote to the database";
  if (!test::UsePostgres()) return;

  // PostgreSQL's reasons, one per way a connection fails.
  const std::string url = test::PostgresDatabaseUrl("no_such_database_here");
  const std::string password =
      url.substr(url.find(':', 13) + 1, url.find('@') - url.find(':', 13) - 1);
  ASSERT_FALSE(password.empty()) << url;
  std::string wrong_password = test::PostgresUrl();
  wrong_password.replace(wrong_password.find(password), password.size(), "not-the-password");
  struct Case {
    std::string location;
    const char* reason;
  };
  const Case cases[] = {
      {url, "database \"no_such_database_here\" does not exist"},
      {wrong_password, "password authentication failed"},
      {test::PostgresUrl() + "?sslmode=require", "SSL"},
      {"postgresql://traject:s3cret@127.0.0.1:1/traject", "Connection refused"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(RedactedLocation(c.location));
    Result<std::unique_ptr<Store>> failed = Store::Open(c.location, read_only);
    ASSERT_EQ(failed.status().code(), Status::Code::kStorage) << failed.status().ToString();
    EXPECT_NE(failed.status().message().find("cannot connect to PostgreSQL"), std::string::npos)
        << failed.status().message();
    EXPECT_NE(failed.status().message().find(c.reason), std::string::npos)
        << failed.status().message();
    for (const std::string& secret :
         {password, std::string("not-the-password"), std::string("s3cret")}) {
      EXPECT_EQ(failed.status().message().find(secret), std::string::npos)
          << "a password in the message";
    }
  }
}

TEST(StoreOpenTest, RefusesWhatItCannotUse) {
  test::TempDir dir;
  StoreOptions options;
  options.create_if_missing = false;
  EXPECT_EQ(Store::Open(dir.File("missing.db"), options).status().code(), Status::Code::kNotFound);
  StoreOptions holding_nothing;
  holding_nothing.batch_records = 0;
  Result<std::unique_ptr<Store>> nothing = Store::Open(dir.File("any.db"), holding_nothing);
  EXPECT_EQ(nothing.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(nothing.status().field(), "batch_records");
  // A server that is not there: a storage error that never shows the password.
  Result<std::unique_ptr<Store>> pg = Store::Open("postgresql://u:s3cret@127.0.0.1:1/traject");
  EXPECT_EQ(pg.status().code(), Status::Code::kStorage);
  EXPECT_EQ(pg.status().message().find("s3cret"), std::string::npos) << pg.status().message();
  EXPECT_NE(pg.status().message().find("postgresql://u:***@127.0.0.1:1/traject"), std::string::npos)
      << pg.status().message();
  // A password that libpq's reason happens to contain is masked there too, and a password of
  // asterisks is not found again in its own mask.
  for (const char* password : {"refused", "*"}) {
    Result<std::unique_ptr<Store>> masked =
        Store::Open(fmt::format("postgresql://u:{}@127.0.0.1:1/traject", password));
    EXPECT_EQ(masked.status().code(), Status::Code::kStorage) << password;
    if (std::string(password) == "refused") {
      EXPECT_EQ(masked.status().message().find("refused"), std::string::npos)
          << masked.status().message();
    }
  }
  for (const char* bad : {"postgresql://host-without-database", "postgresql://u:p@h:port/db",
                          "postgresql://u:%zz@h/db", "mysql://h/db"}) {
    Result<std::unique_ptr<Store>> refused = Store::Open(bad);
    EXPECT_EQ(refused.status().code(), Status::Code::kInvalidArgument) << bad;
    EXPECT_EQ(refused.status().message().find("%zz"), std::string::npos);
  }
  EXPECT_EQ(RedactedLocation("postgresql://wsp:geheim@db.example:5432/traject?sslmode=require"),
            "postgresql://wsp:***@db.example:5432/traject?sslmode=require");
  EXPECT_EQ(RedactedLocation("/data/traject.db"), "/data/traject.db");
  // A password may also come in the query string (libpq reads it there).
  EXPECT_EQ(RedactedLocation("postgresql://db.example/traject?sslmode=require&password=geheim"),
            "postgresql://db.example/traject?sslmode=require&password=***");
  EXPECT_EQ(RedactedLocation("postgresql://wsp@db.example/traject?PassWord=geheim&sslmode=require"),
            "postgresql://wsp@db.example/traject?PassWord=***&sslmode=require");
  EXPECT_EQ(RedactedLocation("postgresql://db.example:5432/traject?passfile=/home/wsp/.pgpass"),
            "postgresql://db.example:5432/traject?passfile=/home/wsp/.pgpass");
  Result<std::unique_ptr<Store>> by_query =
      Store::Open("postgresql://u@127.0.0.1:1/traject?password=s3cret&connect_timeout=2");
  EXPECT_FALSE(by_query.ok());
  EXPECT_EQ(by_query.status().ToString().find("s3cret"), std::string::npos)
      << by_query.status().ToString();
  {
    std::ofstream junk(dir.File("junk.db"));
    junk << "this is not a database, it is a text file that is long enough to look like one....."
         << std::string(200, 'x');
  }
  ::chmod(dir.File("junk.db").c_str(), 0600);  // judged by its content, not its mode
  EXPECT_EQ(Store::Open(dir.File("junk.db")).status().code(), Status::Code::kStorage);
}

}  // namespace
}  // namespace traject

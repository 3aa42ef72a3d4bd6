// Tenant isolation enforced by PostgreSQL (docs/security.md "Tenant isolation by the
// database"): with docs/examples/row-level-security.sql run as operators run it (psql, once per
// organisation role), a store connected as an organisation's role writes — single events, a
// RecordAll of many (which the owner's connection streams with COPY, a statement row-level
// security does not support), a batch, a forget — reads and verifies its chain; and that role,
// even with SQL of its own, can neither see nor change another organisation's rows.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "testutil.h"
#include "traject/backup.h"

namespace traject {
namespace {

using test::D;

constexpr const char* kScript = TRAJECT_SOURCE_DIR "/docs/examples/row-level-security.sql";

std::unique_ptr<Store> OpenAs(const std::string& location, const std::string& org, bool create) {
  StoreOptions options;
  options.catalogue = &test::TestCatalogue();
  options.clock_ms = [] { return test::kTestClockMs; };
  options.organisation = org;
  options.create_organisation = create;
  options.create_if_missing = create;
  options.audit_key = std::string(40, 'a');
  Result<std::unique_ptr<Store>> opened = Store::Open(location, options);
  EXPECT_TRUE(opened.ok()) << org << ": " << opened.status().ToString();
  return opened.ok() ? std::move(opened).value() : nullptr;
}

// A login role of the test server's, dropped (with its rights) at the end of the test.
class Role {
 public:
  Role(const std::string& server) : server_(server) {
    std::random_device random;
    name_ = "t_role_" + std::to_string(random() % 1000000000);
    *test::OpenSql(server_) << "CREATE ROLE " + name_ + " LOGIN PASSWORD 'tenant-pw'";
  }
  ~Role() {
    try {
      *test::OpenSql(database_.empty() ? server_ : database_) << "DROP OWNED BY " + name_;
      *test::OpenSql(server_) << "DROP ROLE " + name_;
    } catch (const std::exception&) {
    }
  }
  const std::string& name() const { return name_; }
  void UsedIn(const std::string& database) { database_ = database; }
  // `database`'s URL with this role's credentials.
  std::string Url(const std::string& database) const {
    const auto at = database.find('@');
    return "postgresql://" + name_ + ":tenant-pw" + database.substr(at);
  }
  // A session on `database` as this role (test::OpenSql connects as the server's superuser).
  std::unique_ptr<soci::session> Session(const std::string& database) const {
    std::string connect = test::PostgresConnect(database.substr(database.rfind('/') + 1));
    connect = connect.substr(connect.find(" host="));
    return std::make_unique<soci::session>(*soci::factory_postgresql(),
                                           "user=" + name_ + " password=tenant-pw" + connect);
  }

 private:
  std::string server_, database_, name_;
};

TEST(StoreRowSecurityTest, AnOrganisationsRoleWritesItsOwnRowsAndSeesNoOthers) {
  if (!test::UsePostgres()) GTEST_SKIP() << "needs the PostgreSQL test server (label postgres)";
  test::TempDir dir;
  const std::string owner = dir.Database("rls");
  for (const char* org : {"org-a", "org-b"}) {
    std::unique_ptr<Store> store = OpenAs(owner, org, /*create=*/true);
    ASSERT_NE(store, nullptr);
    ASSERT_OK(store->Record(ParticipantRegistered{"P-1",
                                                  D("1980-05-06"),
                                                  std::string("Gebied ") + org,
                                                  "2020-02",
                                                  {},
                                                  D("2024-01-02"),
                                                  false}));
  }
  Role role(test::PostgresUrl());
  role.UsedIn(owner);
  // As the documented command runs it: psql with the owner's URL.
  const std::string command = "psql -q -v org=org-a -v role=" + role.name() + " -f " + kScript +
                              " '" + owner + "'" + " > " + dir.File("psql.log") + " 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << test::ReadFile(dir.File("psql.log"));
  const std::string tenant = role.Url(owner);

  std::unique_ptr<Store> a = OpenAs(tenant, "org-a", /*create=*/false);
  ASSERT_NE(a, nullptr);
  ASSERT_OK(a->Record(TrajectoryStarted{0, "P-1", "test-plan", "zorg", D("2024-01-08")}));
  std::vector<Command> many;
  for (int i = 0; i < 40; ++i) {  // more than the 16 from which the owner would COPY
    many.push_back(ParticipantRegistered{
        "Q-" + std::to_string(i), D("1990-01-01"), "Noord", "2021-01", {}, D("2025-01-02"), false});
  }
  ASSERT_OK(a->RecordAll(many));
  {
    Result<std::unique_ptr<WriteBatch>> batch = a->BeginBatch();
    ASSERT_OK(batch);
    for (int i = 0; i < 40; ++i) {
      ASSERT_OK((*batch)->Record(ParticipantRegistered{"R-" + std::to_string(i),
                                                       D("1990-01-01"),
                                                       "Noord",
                                                       "2021-01",
                                                       {},
                                                       D("2025-01-02"),
                                                       false}));
    }
    ASSERT_OK((*batch)->Commit());
  }
  ASSERT_OK(a->ForgetParticipant("Q-3"));
  EXPECT_EQ(*a->EventCount(), 1 + 1 + 1 + 40 + 40 + 1);  // created, P-1, trajectory, Q, R, forget
  Result<AuditVerification> verified = a->VerifyAuditChain();
  ASSERT_OK(verified);
  EXPECT_TRUE(verified->ok());

  // The other organisation is not there for this role: not to open, not to read, not to write.
  StoreOptions other;
  other.organisation = "org-b";
  other.create_if_missing = false;
  EXPECT_EQ(Store::Open(tenant, other).status().code(), Status::Code::kNotFound);
  std::unique_ptr<soci::session> sql = role.Session(owner);
  int seen = -1;
  *sql << "SELECT COUNT(*) FROM events WHERE org <> 'org-a'", soci::into(seen);
  EXPECT_EQ(seen, 0);
  *sql << "SELECT COUNT(*) FROM participants WHERE org = 'org-b'", soci::into(seen);
  EXPECT_EQ(seen, 0);
  for (const char* attack :
       {"INSERT INTO participants (org, ref) VALUES ('org-b', 'X-1')",
        "UPDATE events SET org = 'org-b' WHERE org = 'org-a'",
        "SELECT COUNT(*) FROM events_p0",  // a partition: no rights on it at all
        "DELETE FROM tenant_roles", "SELECT COUNT(*) FROM tenant_roles",  // lists every role
        "DROP TABLE events"}) {
    SCOPED_TRACE(attack);
    EXPECT_THROW(*sql << attack, soci::soci_error);
  }
  // A lock held by a statement of the role is bounded: it cannot keep the others waiting long.
  std::string timeout;
  *sql << "SHOW statement_timeout", soci::into(timeout);
  EXPECT_EQ(timeout, "1min");
  // A backup is of the whole database: as a role that sees one organisation, it is refused
  // rather than written with that organisation alone.
  Result<ArchiveSummary> partial =
      BackupDatabase(tenant, dir.File("partial"), ArchiveFormat::kJson);
  EXPECT_EQ(partial.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(partial.status().message().find("row-level security"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.File("partial")));
  // The owner sees both, unchanged for org-b.
  std::unique_ptr<Store> b = OpenAs(owner, "org-b", /*create=*/false);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(*b->EventCount(), 2);
  EXPECT_TRUE(b->VerifyAuditChain()->ok());
}

}  // namespace
}  // namespace traject

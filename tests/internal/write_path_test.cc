// The write path's promise that a command costs the same in an empty database and in a large
// one, checked where it is decided: the SQL plan of every statement the recorder runs. A
// statement that scans a table (rather than searching an index) grows with the database.
#include <gtest/gtest.h>
// SOCI wraps sqlite3.h in namespace sqlite_api; including it directly as well would not compile.
#include <soci/sqlite3/soci-sqlite3.h>

#include <string>
#include <vector>

#include "model/decide.h"
#include "storage/command_generator.h"
#include "storage/dialect.h"
#include "storage/event_log.h"
#include "storage/recorder.h"
#include "storage/schema.h"
#include "storage/statements.h"
#include "storage/transaction.h"
#include "testutil.h"

namespace traject::storage {
namespace {

using namespace sqlite_api;
using test::D;

// Every line of SQLite's plan for `text` (its parameters unbound: the plan does not depend on
// their values).
std::vector<std::string> QueryPlan(const std::string& path, const std::string& text) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* plan = nullptr;
  const std::string explain = "EXPLAIN QUERY PLAN " + text;
  EXPECT_EQ(sqlite3_prepare_v2(db, explain.c_str(), -1, &plan, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db) << "\n"
      << text;
  std::vector<std::string> lines;
  while (plan && sqlite3_step(plan) == SQLITE_ROW) {
    lines.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(plan, 3)));
  }
  sqlite3_finalize(plan);
  sqlite3_close(db);
  return lines;
}

// The lines of a plan that read a growing part of the database: "SCAN t" (the whole table, or
// with "USING ... INDEX" the whole index), and a search on the organisation alone, "(org=?)",
// which reads all of an organisation's rows, unless the statement is a MAX, which SQLite answers
// from the end of the index, or of audit_heads, whose key is the organisation alone (one row).
std::vector<std::string> Scans(const std::string& text, const std::vector<std::string>& plan) {
  const bool max = text.find("MAX(") != std::string::npos;
  std::vector<std::string> scans;
  for (const std::string& line : plan) {
    const bool org_only = line.ends_with("(org=?)") && !line.starts_with("SEARCH audit_heads ");
    if (line.starts_with("SCAN ") || (org_only && !max)) scans.push_back(line);
  }
  return scans;
}

std::vector<std::string> Scans(const std::string& path, const std::string& text) {
  return Scans(text, QueryPlan(path, text));
}

TEST(WritePathTest, NoStatementOfTheRecorderScansATable) {
  test::TempDir dir;
  const std::string path = dir.Database("plans");
  test::CommandGenerator generator(7);
  {
    // A database with a bit of everything in it, written through the public API.
    auto store = test::OpenTestStore(path);
    ASSERT_NE(store, nullptr);
    for (int i = 0; i < 1500; ++i) {
      Result<Recorded> recorded = store->Record(generator.Next());
      if (recorded.ok()) generator.Learn(*recorded);
    }
  }
  Result<Location> location = ParseLocation(path);
  ASSERT_OK(location);
  const Dialect dialect{Backend::kSqlite};
  std::unique_ptr<soci::session> sql = Connect(*location, dialect, 1000);
  Statements statements(*sql);
  int accepted = 0;
  {
    WriteTransaction transaction(*sql, dialect, "test-org");
    EventSequence sequence(statements, dialect);
    // Two records held at most: nearly every command loads what it reads and writes what it
    // changed, so every statement of loading and writing runs.
    Recorder recorder(statements, dialect, sequence, "test-org", LatestSchemaVersion(), 2);
    const model::DecisionContext context{"test-org", &test::TestCatalogue(), D("2026-06-01")};
    for (int i = 0; i < 1500; ++i) {
      Result<Recorded> recorded =
          recorder.Record(context, generator.Next(), "tester", test::kTestClockMs);
      if (!recorded.ok()) continue;
      ++accepted;
      generator.Learn(*recorded);
    }
    recorder.Flush();
    transaction.Commit();
  }
  EXPECT_GT(accepted, 200);
  const std::vector<std::string> texts = statements.Texts();
  EXPECT_GT(texts.size(), 20u);  // loads, inserts, updates and deletes of every table
  for (const std::string& text : texts) {
    EXPECT_EQ(Scans(path, text), std::vector<std::string>{}) << text;
  }
  // The check sees a scan where there is one: the shapes a profile once found growing with the
  // database (docs/performance.md).
  EXPECT_FALSE(Scans(path, "SELECT seq FROM events WHERE recorded_at = :t").empty());
  EXPECT_FALSE(Scans(path,
                     "SELECT id FROM trajectories WHERE org = :org AND (:ref = '' OR ref = :ref) "
                     "ORDER BY id")
                   .empty());
  EXPECT_FALSE(
      Scans(path, "SELECT seq FROM corrections WHERE org = :org AND ref = :ref ORDER BY seq")
          .empty());
}

}  // namespace
}  // namespace traject::storage

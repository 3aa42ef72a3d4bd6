// End to end through the real binary: the audit chain (docs/security.md). Each test changes the
// database behind traject's back with the database's own client (sqlite3, or psql on the
// PostgreSQL run), as someone with access to the file or the server would, and checks that
// `traject audit verify` names the event and the kind of change and exits 9.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdlib>

#include "cli/cli_runner.h"

namespace traject {
namespace {

using test::ShellQuote;

constexpr int kExitAuditFailed = 9;  // docs/cli.md

class AuditE2eTest : public test::CliTest {
 protected:
  void SetUp() override {
    Ok({"init", "--org", "amsterdam"});
    for (int i = 0; i < 6; ++i) {
      rapidjson::Document recorded =
          Json({"participant", "add", "--ref", fmt::format("Geheim-{}", i), "--birth", "1980-01-01",
                "--registered", "2024-01-01"});
      ASSERT_TRUE(recorded.IsObject() && recorded.HasMember("events"));
      seqs_.push_back(recorded["events"][0]["seq"].GetInt64());
    }
  }

  // Runs `sql` on the database with sqlite3 or psql, outside traject.
  void Tamper(const std::string& sql) {
    const std::string command =
        db_.starts_with("postgresql://")
            ? fmt::format("psql -q -v ON_ERROR_STOP=1 {} -c {} >/dev/null", ShellQuote(db_),
                          ShellQuote(sql))
            : fmt::format("sqlite3 {} {}", ShellQuote(db_), ShellQuote(sql));
    ASSERT_EQ(std::system(command.c_str()), 0) << sql;
  }

  // `audit verify --json`: its exit code and the (kind, seq) of each problem.
  struct Verdict {
    int exit_code = -1;
    std::vector<std::pair<std::string, std::int64_t>> problems;
    std::string out;
  };
  Verdict Verify(const std::string& kept = "") {
    std::vector<std::string> args = {"--json", "audit", "verify"};
    if (!kept.empty()) args.insert(args.end(), {"--head", kept});
    test::CliResult r = Run(args);
    Verdict v{r.exit_code, {}, r.out + r.err};
    rapidjson::Document doc;
    doc.Parse(r.out.c_str());
    EXPECT_FALSE(doc.HasParseError()) << r.out << r.err;
    if (doc.HasParseError()) return v;
    EXPECT_EQ(doc["ok"].GetBool(), r.exit_code == 0);
    for (const auto& p : doc["problems"].GetArray()) {
      v.problems.emplace_back(p["kind"].GetString(), p["seq"].GetInt64());
    }
    return v;
  }

  std::string Head() {
    test::CliResult r = Run({"audit", "head"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out.substr(0, r.out.find('\n'));
  }

  // A copy of event `from`'s row, as `seq` at a free position of its stream.
  std::string CopyOf(std::int64_t from, std::int64_t seq, const std::string& chain_columns) {
    return fmt::format(
        "INSERT INTO events (seq, org, stream, position, kind, effective, recorded_at, actor, "
        "caused_by, payload, audit_prev, audit_link) SELECT {}, org, stream, 99, kind, "
        "effective, recorded_at, actor, caused_by, payload, {} FROM events WHERE seq = {}",
        seq, chain_columns, from);
  }

  std::vector<std::int64_t> seqs_;  // of the six registrations, in order
};

TEST_F(AuditE2eTest, AnUntouchedLogVerifiesThroughAKeptHead) {
  const std::string kept = Head();
  EXPECT_EQ(kept.substr(0, kept.find(':')), std::to_string(seqs_.back()));
  Ok({"participant", "add", "--ref", "Later", "--birth", "1990-01-01", "--registered",
      "2024-02-01"});
  Verdict v = Verify(kept);
  EXPECT_EQ(v.exit_code, 0) << v.out;
  EXPECT_TRUE(v.problems.empty()) << v.out;
  test::CliResult text = Run({"audit", "verify", "--head", kept});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("verifies: 8 events"), std::string::npos) << text.out;
  // Nothing on stderr: libpq once warned per event of a result column read past the last.
  EXPECT_EQ(text.err, "");
}

TEST_F(AuditE2eTest, AChangedEventIsNamed) {
  Tamper(fmt::format("UPDATE events SET payload = replace(payload, '1980', '1979') WHERE seq = {}",
                     seqs_[2]));
  Verdict v = Verify();
  EXPECT_EQ(v.exit_code, kExitAuditFailed);
  ASSERT_EQ(v.problems.size(), 1u) << v.out;
  EXPECT_EQ(v.problems[0], std::make_pair(std::string("changed"), seqs_[2]));
  // What was changed is not shown: the log holds personal data.
  EXPECT_EQ(v.out.find("Geheim"), std::string::npos) << v.out;
  EXPECT_EQ(v.out.find("1979"), std::string::npos) << v.out;
}

TEST_F(AuditE2eTest, ADeletedEventIsNamed) {
  Tamper(fmt::format("DELETE FROM events WHERE seq = {}", seqs_[3]));
  Verdict v = Verify();
  EXPECT_EQ(v.exit_code, kExitAuditFailed);
  ASSERT_FALSE(v.problems.empty());
  EXPECT_EQ(v.problems[0], std::make_pair(std::string("deleted"), seqs_[3])) << v.out;
}

TEST_F(AuditE2eTest, TheLastEventDeletedIsNamed) {
  Tamper(fmt::format("DELETE FROM events WHERE seq = {}", seqs_.back()));
  Verdict v = Verify();
  EXPECT_EQ(v.exit_code, kExitAuditFailed);
  ASSERT_FALSE(v.problems.empty());
  EXPECT_EQ(v.problems[0], std::make_pair(std::string("deleted"), seqs_.back())) << v.out;
}

TEST_F(AuditE2eTest, AnInsertedEventIsNamed) {
  // A copy of a real event, with its link: the link does not fit its new place.
  const std::int64_t forged = seqs_.back() + 1000;
  Tamper(CopyOf(seqs_[1], forged, "audit_prev, audit_link"));
  Verdict v = Verify();
  EXPECT_EQ(v.exit_code, kExitAuditFailed);
  ASSERT_FALSE(v.problems.empty());
  EXPECT_EQ(v.problems[0], std::make_pair(std::string("inserted"), forged)) << v.out;
}

TEST_F(AuditE2eTest, AnEventWithoutALinkIsNamedInserted) {
  const std::int64_t forged = seqs_.back() + 1000;
  Tamper(CopyOf(seqs_[1], forged, "NULL, ''"));
  Verdict v = Verify();
  EXPECT_EQ(v.exit_code, kExitAuditFailed);
  ASSERT_FALSE(v.problems.empty());
  EXPECT_EQ(v.problems[0], std::make_pair(std::string("inserted"), forged)) << v.out;
}

TEST_F(AuditE2eTest, ReorderedEventsAreNamed) {
  // Two events swap places in the log.
  const std::int64_t a = seqs_[1], b = seqs_[4], spare = seqs_.back() + 1000;
  Tamper(
      fmt::format("UPDATE events SET seq = {2} WHERE seq = {0}; UPDATE events SET seq = {0} "
                  "WHERE seq = {1}; UPDATE events SET seq = {1} WHERE seq = {2}",
                  a, b, spare));
  Verdict v = Verify();
  EXPECT_EQ(v.exit_code, kExitAuditFailed);
  ASSERT_FALSE(v.problems.empty());
  EXPECT_EQ(v.problems[0], std::make_pair(std::string("reordered"), a)) << v.out;
}

TEST_F(AuditE2eTest, ARecomputedEndIsCaughtOnlyByAKeptHead) {
  // Whoever also moves the stored head back hides a removed end from the database alone...
  const std::string kept = Head();
  Tamper(
      fmt::format("DELETE FROM events WHERE seq = {0}; UPDATE audit_heads SET seq = {1}, "
                  "link = (SELECT audit_link FROM events WHERE seq = {1})",
                  seqs_.back(), seqs_[4]));
  EXPECT_EQ(Verify().exit_code, 0);
  // ...but not from a head kept elsewhere.
  Verdict v = Verify(kept);
  EXPECT_EQ(v.exit_code, kExitAuditFailed);
  ASSERT_EQ(v.problems.size(), 1u) << v.out;
  EXPECT_EQ(v.problems[0], std::make_pair(std::string("deleted"), seqs_.back()));
}

TEST_F(AuditE2eTest, AnAsRecordedViewIsNotVerified) {
  // Its log is a replayed copy, chained anew: it would pass whatever the database held.
  Tamper(fmt::format("DELETE FROM events WHERE seq = {}", seqs_[3]));
  test::CliResult r = Run({"--as-recorded", "2020-01-01", "audit", "verify"});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_EQ(Run({"--as-recorded", "2020-01-01", "audit", "head"}).exit_code, 3);
  EXPECT_EQ(Run({"audit", "verify", "--head", ""}).exit_code, 2);  // an empty head is no head
}

TEST_F(AuditE2eTest, AMalformedKeptHeadIsAUsageOfBadInput) {
  test::CliResult r = Run({"audit", "verify", "--head", "12:not-hex"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("--head"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("SEQ:LINK"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace traject

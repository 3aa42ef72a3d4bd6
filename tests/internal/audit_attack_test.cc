// Playing the attacker of docs/security.md ("What `audit verify` proves"): someone with the
// database file who knows traject's scheme (this code) and how references are made, but not the
// audit key. After a forget they must learn nothing about who was forgotten.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <set>
#include <string>
#include <vector>

#include "storage/audit_chain.h"
#include "storage/audit_digest.h"
#include "storage/dialect.h"
#include "storage/event_log.h"
#include "storage/forgotten_refs.h"
#include "storage/statements.h"
#include "testutil.h"
#include "traject/store.h"
#include "util/digest.h"

namespace traject::storage {
namespace {

using test::D;

const std::string kAuditKey(40, 'a');

std::unique_ptr<Store> OpenWithKey(const std::string& path, const std::string& audit_key) {
  StoreOptions options;
  options.catalogue = &test::TestCatalogue();
  options.clock_ms = [] { return test::kTestClockMs; };
  options.organisation = "test-org";
  options.create_organisation = true;
  options.bsn_key = std::string(40, 'k');
  options.audit_key = audit_key;
  options.actor = "tester";
  Result<std::unique_ptr<Store>> store = Store::Open(path, options);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(store).value() : nullptr;
}

// The rows of the contacts the forgotten participant had: their only personal member is `ref`.
std::vector<EventRow> ContactRows(soci::session& sql) {
  std::vector<EventRow> rows;
  soci::rowset<soci::row> got =
      sql.prepare << "SELECT CAST(seq AS TEXT), stream, payload, audit_salt FROM events WHERE "
                     "kind = 'contact.recorded' ORDER BY seq";
  for (const soci::row& r : got) {
    EventRow row;
    row.seq = std::stoll(r.get<std::string>(0));
    row.org = "test-org";
    row.stream = r.get<std::string>(1);
    row.kind = "contact.recorded";
    row.payload = r.get<std::string>(2);
    row.audit_salt = r.get<std::string>(3, "");
    rows.push_back(row);
  }
  return rows;
}

// Everything stored that is not an event's own columns: what a guess could be checked against.
std::set<std::string> StoredDigests(soci::session& sql) {
  std::set<std::string> out;
  for (const char* query :
       {"SELECT digest FROM audit_rewrites", "SELECT rewritten_digest FROM audit_rewrites",
        "SELECT audit_link FROM events", "SELECT ref_mac FROM forgotten_refs",
        "SELECT link FROM audit_heads"}) {
    soci::rowset<std::string> got = sql.prepare << query;
    for (const std::string& value : got) out.insert(value);
  }
  return out;
}

// The row as it was before the forget, were its reference `candidate`.
EventRow AsIf(const EventRow& forgotten, const std::string& candidate, const std::string& salt) {
  EventRow row = forgotten;
  row.stream = "participant/" + candidate;
  Result<std::string> payload = ForgottenPayloadText(forgotten.payload, candidate);
  EXPECT_TRUE(payload.ok());
  row.payload = *payload;
  row.audit_salt = salt;
  return row;
}

class AuditAttackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenWithKey(path_, kAuditKey);
    ASSERT_NE(store_, nullptr);
    for (int n = 1; n <= 3; ++n) {
      const std::string ref = "P-" + std::to_string(1000 + n);
      ASSERT_OK(store_->Record(ParticipantRegistered{
          ref, D("1970-03-04"), "Osdorp", "2019-09", {}, D("2024-01-02"), false}));
      ASSERT_OK(store_->Record(ContactRecorded{ref, ContactKind::kConversation, D("2024-01-04")}));
    }
  }

  test::TempDir dir_;
  std::string path_ = dir_.Database("attack");
  std::unique_ptr<Store> store_;
};

TEST_F(AuditAttackTest, GuessingEveryReferenceLearnsNothingAfterAForget) {
  std::string captured_salt;  // what an attacker who copied the file before the forget holds
  {
    auto sql = test::OpenSql(path_);
    for (const EventRow& row : ContactRows(*sql)) {
      if (row.stream == "participant/P-1002") captured_salt = row.audit_salt;
    }
  }
  ASSERT_EQ(captured_salt.size(), 32u);
  Result<ForgetSummary> done = store_->ForgetParticipant("P-1002");
  ASSERT_OK(done);
  EXPECT_EQ(done->pseudonym.find("1002"), std::string::npos);
  store_.reset();

  auto sql = test::OpenSql(path_);
  const std::set<std::string> stored = StoredDigests(*sql);
  EventRow forgotten;
  for (const EventRow& row : ContactRows(*sql)) {
    if (row.stream == "participant/" + done->pseudonym) forgotten = row;
  }
  ASSERT_GT(forgotten.seq, 0);
  EXPECT_TRUE(forgotten.audit_salt.empty()) << "the salt outlived the forget";

  // References follow a pattern: P-0000..P-9999. The attacker computes, for each, what the
  // chain would keep about the row had it been that participant's, with the salt the file now
  // holds (none) and with no key, and looks for it anywhere in the file.
  int hits = 0, control_hits = 0;
  for (int n = 0; n <= 9999; ++n) {
    const std::string candidate = fmt::format("P-{:04}", n);
    const EventRow guess = AsIf(forgotten, candidate, forgotten.audit_salt);
    const std::string raw_commitment = PersonalCommitment(guess);
    const std::string commitment = digest::Hex(raw_commitment);
    const std::string link = digest::Hex(SaltedRowDigest(guess, raw_commitment));
    const std::string v1 = digest::Hex(ChainedDigest(guess, 1));
    const std::string keyless = ForgottenRefMac("", "test-org", candidate);
    for (const std::string& value : {commitment, link, v1, keyless}) hits += stored.count(value);
    // Positive control: with the salt copied before the forget, the same guess finds the
    // reference: the salt, erased, is what protects it.
    if (n >= 1000 && n <= 1003) {
      const EventRow salted = AsIf(forgotten, candidate, captured_salt);
      control_hits += static_cast<int>(stored.count(digest::Hex(PersonalCommitment(salted))));
    }
  }
  EXPECT_EQ(hits, 0) << "a guessed reference matched something the database keeps";
  EXPECT_EQ(control_hits, 1) << "the attack itself does not work: the test proves nothing";
}

// The laundering of issue 21, item 2, by someone with write access to the database who knows
// the scheme (this code) but not the audit key: they change a row's personal part (the
// evidence of a contact, the reference) and dress the change as a forget — a matching
// rewrite record, a participant.forgotten event vouching for it with the right digest, linked
// into the chain after the honestly kept head, the stored head moved on. The chain then links
// and the kept head is on it; only the forget's MAC, which needs the key, tells. With the key
// `audit verify` names the forged forget; without it, the forget is listed as unauthenticated
// (docs/security.md, "What `audit verify` proves"). SQLite and PostgreSQL.
TEST_F(AuditAttackTest, AnEditDressedAsAForgetIsCaughtWithTheKeyAndFlaggedWithoutIt) {
  const AuditHead kept = *store_->AuditChainHead();
  store_.reset();
  const std::string pseudonym = "forgotten-0123456789abcdef";
  std::int64_t forged_seq = 0;
  std::set<std::int64_t> changed;
  {
    auto session = test::OpenSql(path_);
    const Dialect dialect{path_.starts_with("postgresql://") ? Backend::kPostgresql
                                                             : Backend::kSqlite};
    *session << "BEGIN";
    Statements sql(*session);
    std::vector<EventRow> original;
    for (const EventRow& row : ContactRows(*session)) {
      if (row.stream == "participant/P-1003") original = StreamRows(sql, "test-org", row.stream, 2);
    }
    ASSERT_EQ(original.size(), 2u);  // registered, contact
    std::vector<EventRow> rewritten = original;
    for (EventRow& row : rewritten) {
      row.stream = "participant/" + pseudonym;
      Result<std::string> payload = ForgottenPayloadText(row.payload, pseudonym);
      ASSERT_OK(payload);
      row.payload = *payload;
      row.audit_salt = "";
    }
    forged_seq = kept.seq + 1;
    const std::vector<RewrittenRow> vouched = KeepCommitments(sql, original, rewritten, forged_seq);
    for (const EventRow& row : rewritten) {
      changed.insert(row.seq);
      *session << "UPDATE events SET stream = :stream, payload = :payload, audit_salt = '' "
                  "WHERE seq = :seq",
          soci::use(row.stream), soci::use(row.payload), soci::use(row.seq);
    }
    EventRow forget;
    forget.seq = forged_seq;
    forget.org = "test-org";
    forget.stream = "participant/" + pseudonym;
    forget.position = static_cast<std::int64_t>(original.size()) + 1;
    forget.kind = "participant.forgotten";
    forget.effective = original.back().effective;
    forget.recorded_at = original.back().recorded_at + 1;
    forget.actor = "tester";
    forget.payload = fmt::format(
        "{{\"version\": 2,\"ref\": \"{}\",\"date\": \"2026-11-05\",\"events\": {},\"digest\": "
        "\"{}\",\"mac\": \"{}\"}}",
        pseudonym, vouched.size(), ForgetDigest(vouched), std::string(64, '0'));
    AuditLinker linker(sql, 2);
    linker.Link(forget);
    InsertEventRows(sql, dialect, {forget}, 2);
    linker.SaveHeads();
    *session << "COMMIT";
  }
  // The forgery is thorough: without the key, with the kept head, nothing but the forget's
  // authenticity is in question.
  std::unique_ptr<Store> keyless = OpenWithKey(path_, "");
  ASSERT_NE(keyless, nullptr);
  Result<AuditVerification> flagged = keyless->VerifyAuditChain(kept);
  ASSERT_OK(flagged);
  EXPECT_TRUE(flagged->ok()) << "the attack itself fails: " << flagged->problems[0].detail;
  EXPECT_EQ(flagged->unauthenticated_forgets, std::vector<std::int64_t>{forged_seq});
  keyless.reset();

  std::unique_ptr<Store> keyed = OpenWithKey(path_, kAuditKey);
  ASSERT_NE(keyed, nullptr);
  Result<AuditVerification> caught = keyed->VerifyAuditChain(kept);
  ASSERT_OK(caught);
  ASSERT_FALSE(caught->ok()) << "an edit dressed as a forget passed with the audit key";
  // Each changed row is named, as rewritten by a forget the key does not vouch for.
  std::set<std::int64_t> named;
  for (const AuditProblem& problem : caught->problems) {
    if (problem.detail.find(fmt::format("event {}", forged_seq)) != std::string::npos &&
        problem.detail.find("does not authenticate") != std::string::npos) {
      named.insert(problem.seq);
    }
  }
  EXPECT_EQ(named, changed) << caught->problems[0].seq << ": " << caught->problems[0].detail;
  EXPECT_TRUE(caught->unauthenticated_forgets.empty());
}

}  // namespace
}  // namespace traject::storage

#include "storage/schema.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <mutex>

#include <string>
#include <vector>
#include "storage/audit_chain.h"
#include "storage/audit_digest.h"
#include "storage/errors.h"
#include "storage/event_log.h"
#include "storage/transaction.h"

namespace traject::storage {
namespace {

struct Step {
  int version;
  const char* description;
  bool needs_replay;
  std::function<std::vector<std::string>(const Dialect&)> statements;
  // Run after the statements, in the same transaction: data a step derives from the log.
  std::function<void(soci::session&, const Dialect&)> then = nullptr;
  // Whether the step erases data that must not survive in the database's files (secure erase
  // while it runs, Dialect::SecureEraseOn).
  bool erases = false;
};

// Every table keyed by organisation is partitioned by it where the backend does that
// (PostgreSQL): appends the partitioning clause to such CREATE TABLE statements and creates the
// partitions right after. On SQLite the statements stay exactly as written.
std::vector<std::string> PartitionedByOrganisation(const Dialect& d,
                                                   std::vector<std::string> statements) {
  const std::string clause = d.PartitionedByOrganisation();
  if (clause.empty()) return statements;
  std::vector<std::string> out;
  for (std::string& statement : statements) {
    const bool table = statement.starts_with("CREATE TABLE ");
    const bool by_org = statement.find("PRIMARY KEY (org,") != std::string::npos;
    if (table && by_org && !statement.ends_with(clause)) statement += clause;
    out.push_back(statement);
    if (table && statement.ends_with(clause)) {
      const std::string name =
          statement.substr(13, statement.find(' ', 13) - 13);  // after "CREATE TABLE "
      for (std::string& partition : d.OrganisationPartitions(name)) {
        out.push_back(std::move(partition));
      }
    }
  }
  return out;
}

// Never edit a step once released: add a new one.
const std::vector<Step>& Steps() {
  static const std::vector<Step> steps = {
      {1, "event log, organisations, participants, trajectories, milestones, placements", false,
       [](const Dialect& d) -> std::vector<std::string> {
         return PartitionedByOrganisation(
             d, {
                    "CREATE TABLE schema_version (version BIGINT NOT NULL)",
                    "INSERT INTO schema_version (version) VALUES (0)",
                    fmt::format("CREATE TABLE events ("
                                " {},"
                                " org TEXT NOT NULL,"
                                " stream TEXT NOT NULL,"
                                " position BIGINT NOT NULL,"
                                " kind TEXT NOT NULL,"
                                " effective BIGINT NOT NULL,"
                                " recorded_at BIGINT NOT NULL,"
                                " actor TEXT NOT NULL,"
                                " {},"
                                " payload TEXT NOT NULL,"
                                " UNIQUE (org, stream, position){}){}",
                                d.SequenceColumn(), d.CausedByColumn(), d.EventsConstraints(),
                                d.PartitionedByOrganisation()),
                    "CREATE TABLE organisations ("
                    " id TEXT PRIMARY KEY,"
                    " name TEXT NOT NULL,"
                    " created BIGINT NOT NULL)",
                    "CREATE TABLE participants ("
                    " org TEXT NOT NULL REFERENCES organisations (id),"
                    " ref TEXT NOT NULL,"
                    " birth BIGINT NULL,"
                    " area TEXT NOT NULL,"
                    " cohort TEXT NOT NULL,"
                    " groups BIGINT NOT NULL,"
                    " registered BIGINT NOT NULL,"
                    " bsn_verified BIGINT NOT NULL,"
                    " klantmanager TEXT NOT NULL,"
                    " PRIMARY KEY (org, ref))",
                    "CREATE TABLE trajectories ("
                    " org TEXT NOT NULL,"
                    " id BIGINT NOT NULL,"
                    " ref TEXT NOT NULL,"
                    " programme TEXT NOT NULL,"
                    " track TEXT NOT NULL,"
                    " state BIGINT NOT NULL,"
                    " started BIGINT NOT NULL,"
                    " state_since BIGINT NOT NULL,"
                    " exit_reason TEXT NULL,"
                    " PRIMARY KEY (org, id),"
                    " FOREIGN KEY (org, ref) REFERENCES participants (org, ref))",
                    "CREATE INDEX trajectories_by_ref ON trajectories (org, ref)",
                    "CREATE TABLE state_changes ("
                    " org TEXT NOT NULL,"
                    " trajectory BIGINT NOT NULL,"
                    " seq BIGINT NOT NULL,"
                    " from_state BIGINT NOT NULL,"
                    " to_state BIGINT NOT NULL,"
                    " date BIGINT NOT NULL,"
                    " reason TEXT NOT NULL,"
                    " PRIMARY KEY (org, trajectory, seq),"
                    " FOREIGN KEY (org, trajectory) REFERENCES trajectories (org, id))",
                    "CREATE TABLE milestones ("
                    " org TEXT NOT NULL,"
                    " trajectory BIGINT NOT NULL,"
                    " milestone TEXT NOT NULL,"
                    " seq BIGINT NOT NULL,"
                    " reached BIGINT NOT NULL,"
                    " evidence TEXT NOT NULL,"
                    " PRIMARY KEY (org, trajectory, milestone),"
                    " FOREIGN KEY (org, trajectory) REFERENCES trajectories (org, id))",
                    "CREATE TABLE placements ("
                    " org TEXT NOT NULL,"
                    " id BIGINT NOT NULL,"
                    " trajectory BIGINT NOT NULL,"
                    " employer TEXT NOT NULL,"
                    " centihours BIGINT NOT NULL,"
                    " wage_cents BIGINT NOT NULL,"
                    " start BIGINT NOT NULL,"
                    " end_date BIGINT NULL,"
                    " end_reason TEXT NOT NULL,"
                    " PRIMARY KEY (org, id),"
                    " FOREIGN KEY (org, trajectory) REFERENCES trajectories (org, id))",
                    "CREATE INDEX placements_by_trajectory ON placements (org, trajectory)",
                    "CREATE TABLE loonwaarde ("
                    " org TEXT NOT NULL,"
                    " placement BIGINT NOT NULL,"
                    " date BIGINT NOT NULL,"
                    " percent BIGINT NOT NULL,"
                    " PRIMARY KEY (org, placement, date),"
                    " FOREIGN KEY (org, placement) REFERENCES placements (org, id))",
                });
       }},
      {2, "cohort contacts and jobhunter assignment (cohort and caseload reports)", true,
       [](const Dialect& d) -> std::vector<std::string> {
         return PartitionedByOrganisation(
             d, {
                    "ALTER TABLE participants ADD COLUMN jobhunter TEXT NOT NULL DEFAULT ''",
                    "CREATE TABLE contacts ("
                    " org TEXT NOT NULL,"
                    " ref TEXT NOT NULL,"
                    " seq BIGINT NOT NULL,"
                    " date BIGINT NOT NULL,"
                    " kind TEXT NOT NULL,"
                    " PRIMARY KEY (org, ref, seq),"
                    " FOREIGN KEY (org, ref) REFERENCES participants (org, ref))",
                    "CREATE INDEX events_by_kind ON events (org, kind)",
                });
       }},
      {3,
       "corrections: what caused each state change, caseworker assignment history, a corrections "
       "list",
       true,
       [](const Dialect& d) -> std::vector<std::string> {
         return PartitionedByOrganisation(
             d, {
                    // A correction of a milestone's date or a placement's start moves the state
                    // change it caused; these say which one that is.
                    "ALTER TABLE state_changes ADD COLUMN caused_by_milestone TEXT NOT NULL "
                    "DEFAULT ''",
                    "ALTER TABLE state_changes ADD COLUMN caused_by_placement BIGINT NOT NULL "
                    "DEFAULT 0",
                    "ALTER TABLE placements ADD COLUMN seq BIGINT NOT NULL DEFAULT 0",
                    "CREATE TABLE assignments ("
                    " org TEXT NOT NULL,"
                    " ref TEXT NOT NULL,"
                    " seq BIGINT NOT NULL,"
                    " role TEXT NOT NULL,"
                    " name TEXT NOT NULL,"
                    " start BIGINT NOT NULL,"
                    " until BIGINT NULL,"
                    " end_reason TEXT NOT NULL,"
                    " PRIMARY KEY (org, ref, seq),"
                    " FOREIGN KEY (org, ref) REFERENCES participants (org, ref))",
                    "CREATE TABLE corrections ("
                    " org TEXT NOT NULL,"
                    " seq BIGINT NOT NULL,"
                    " ref TEXT NOT NULL,"
                    " trajectory BIGINT NOT NULL,"
                    " placement BIGINT NOT NULL,"
                    " kind TEXT NOT NULL,"
                    " date BIGINT NOT NULL,"
                    " what TEXT NOT NULL,"
                    " reason TEXT NOT NULL,"
                    " actor TEXT NOT NULL,"
                    " recorded_at BIGINT NOT NULL,"
                    " PRIMARY KEY (org, seq))",
                    "CREATE INDEX corrections_by_ref ON corrections (org, ref)",
                });
       }},
      {kAuditChainSchema, "the audit chain: each event linked to its organisation's previous one",
       false,
       [](const Dialect&) -> std::vector<std::string> {
         return {
             "ALTER TABLE events ADD COLUMN audit_prev BIGINT NULL",
             "ALTER TABLE events ADD COLUMN audit_link TEXT NOT NULL DEFAULT ''",
             "CREATE TABLE audit_heads ("
             " org TEXT PRIMARY KEY,"
             " seq BIGINT NOT NULL,"
             " link TEXT NOT NULL)",
         };
       },
       // A log from before the chain is chained as it stands when the step runs: changes made
       // to it earlier cannot be detected, later ones can (docs/security.md).
       [](soci::session& sql, const Dialect&) { ChainExistingEvents(sql); }},
      // No replay: no event before this version carries a BSN hash.
      {5, "BSN as a keyed hash: participants.bsn_hash and its index (find by BSN)", false,
       [](const Dialect&) -> std::vector<std::string> {
         return {
             "ALTER TABLE participants ADD COLUMN bsn_hash TEXT NOT NULL DEFAULT ''",
             "CREATE INDEX participants_by_bsn ON participants (org, bsn_hash)",
         };
       }},
      // No replay: no event before this version is participant.forgotten.
      {kForgetSchema,
       "forgetting a participant: participants.forgotten, and the audit chain's rewritten rows",
       false,
       [](const Dialect&) -> std::vector<std::string> {
         return {
             "ALTER TABLE participants ADD COLUMN forgotten BIGINT NOT NULL DEFAULT 0",
             // The digest each rewritten event was chained with, its digest as rewritten, and
             // the participant.forgotten event that rewrote it (storage/audit_chain.h).
             "CREATE TABLE audit_rewrites ("
             " org TEXT NOT NULL,"
             " seq BIGINT NOT NULL,"
             " digest TEXT NOT NULL,"
             " rewritten_digest TEXT NOT NULL,"
             " rewritten_by BIGINT NOT NULL,"
             " PRIMARY KEY (org, seq))",
         };
       }},
      // No replay: the log's content is unchanged, only its chain.
      {kSaltedChainSchema,
       "an audit chain that keeps nothing guessable about what a forget erased: salted rows, "
       "forgotten references as keyed hashes, key fingerprints",
       false,
       [](const Dialect&) -> std::vector<std::string> {
         return {
             "ALTER TABLE events ADD COLUMN audit_salt TEXT NOT NULL DEFAULT ''",
             // Who was forgotten, as HMAC-SHA-256 of the reference under the audit key: what
             // a restore of an older backup needs to forget them again (storage/forgotten.h).
             "CREATE TABLE forgotten_refs ("
             " org TEXT NOT NULL,"
             " ref_mac TEXT NOT NULL,"
             " forgotten_at BIGINT NOT NULL,"
             " PRIMARY KEY (org, ref_mac))",
             // Which key an organisation's BSN hashes and forgets were made with
             // (storage/key_fingerprints.h): a different key is refused at open.
             "CREATE TABLE key_fingerprints ("
             " org TEXT NOT NULL,"
             " purpose TEXT NOT NULL,"
             " fingerprint TEXT NOT NULL,"
             " PRIMARY KEY (org, purpose))",
         };
       },
       // Verifies the chain as it stands first: a broken one is refused, not chained anew.
       [](soci::session& sql, const Dialect&) { RechainSalted(sql); }, /*erases=*/true},
  };
  return steps;
}

long long CountTables(soci::session& sql, const Dialect& dialect, const std::string& name) {
  long long count = 0;
  sql << dialect.CountTablesSql(), soci::use(name), soci::use(name), soci::into(count);
  return count;
}

}  // namespace

int LatestSchemaVersion() { return Steps().back().version; }

const std::vector<std::string>& ProjectionTables(int schema_version) {
  // Children before parents (safe for DELETE), each with the version that added it.
  static const std::vector<std::pair<std::string, int>> all = {
      {"corrections", 3},  {"assignments", 3},   {"loonwaarde", 1}, {"placements", 1},
      {"milestones", 1},   {"state_changes", 1}, {"contacts", 2},   {"trajectories", 1},
      {"participants", 1}, {"organisations", 1}};
  static std::map<int, std::vector<std::string>> by_version;
  static std::once_flag once;
  std::call_once(once, [] {
    for (int v = 1; v <= LatestSchemaVersion(); ++v) {
      for (const auto& [table, since] : all) {
        if (since <= v) by_version[v].push_back(table);
      }
    }
  });
  return by_version.at(std::clamp(schema_version, 1, LatestSchemaVersion()));
}

Result<int> ReadSchemaVersion(soci::session& sql, const Dialect& dialect) {
  try {
    if (CountTables(sql, dialect, "schema_version") == 0) {
      if (CountTables(sql, dialect, "") > 0) {
        return Status::Storage(
            "not a traject database: it holds tables of another application (give traject a "
            "database of its own)");
      }
      return 0;
    }
    long long version = 0;
    sql << "SELECT version FROM schema_version", soci::into(version);
    return static_cast<int>(version);
  } catch (const std::exception& e) {
    return StorageError(e, "reading the schema version");
  }
}

Status Migrate(soci::session& sql, const Dialect& dialect, int target, bool* needs_replay) {
  Result<int> current = ReadSchemaVersion(sql, dialect);
  if (!current.ok()) return current.status();
  if (target == 0) target = LatestSchemaVersion();
  if (*current > LatestSchemaVersion()) {
    return Status::Storage(fmt::format(
        "the database has schema version {}, newer than this build's {}; upgrade traject", *current,
        LatestSchemaVersion()));
  }
  for (const Step& step : Steps()) {
    if (step.version <= *current || step.version > target) continue;
    try {
      // Another process may be migrating the same file: take the write lock, then look again.
      WriteTransaction transaction(sql, dialect, kSchemaScope);
      Result<int> now = ReadSchemaVersion(sql, dialect);
      if (!now.ok()) return now.status();
      if (*now >= step.version) continue;
      if (step.erases) {
        for (const std::string& statement : dialect.SecureEraseOn()) sql << statement;
      }
      for (const std::string& statement : step.statements(dialect)) sql << statement;
      if (step.then) step.then(sql, dialect);
      sql << "UPDATE schema_version SET version = :v", soci::use(step.version);
      transaction.Commit();
      if (step.erases) {
        for (const std::string& statement : dialect.SecureEraseOff()) sql << statement;
        dialect.AfterSecureErase(sql, "");  // what a reader keeps, a later forget removes
      }
      if (step.needs_replay && *now > 0) *needs_replay = true;
    } catch (const std::exception& e) {
      return StorageError(
          e, fmt::format("schema migration to version {} ({})", step.version, step.description));
    }
  }
  return Status::OK();
}

}  // namespace traject::storage

// traject::Store over SOCI. Write path: one write transaction per call (WriteTransaction: BEGIN
// IMMEDIATE on SQLite) and a Recorder (storage/recorder.h) that decides each command against the
// participant records it holds, projects the events into them and writes records and log when
// it must or when the transaction commits. Reads of one record load it whole
// (storage/record_rows.h); lists are queries (storage/queries.h). Every statement is prepared
// once per store (storage/statements.h).
#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <sstream>

#include "model/decide.h"
#include "model/text_field.h"
#include "storage/audit_chain.h"
#include "storage/audit_digest.h"
#include "storage/dialect.h"
#include "storage/errors.h"
#include "storage/event_log.h"
#include "storage/forget.h"
#include "storage/key_fingerprints.h"
#include "storage/queries.h"
#include "storage/rebuild.h"
#include "storage/record_rows.h"
#include "storage/recorder.h"
#include "storage/report_facts.h"
#include "storage/schema.h"
#include "storage/sqlite_file.h"
#include "storage/statements.h"
#include "storage/transaction.h"
#include "traject/audit.h"
#include "traject/bsn.h"
#include "traject/catalogue.h"
#include "traject/store.h"

namespace traject {

Store::~Store() = default;
WriteBatch::~WriteBatch() = default;

int Store::LatestSchemaVersion() { return storage::LatestSchemaVersion(); }

namespace storage {
namespace {

std::int64_t SystemClockMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void InsertOrganisation(Statements& sql, const OrganisationCreated& e) {
  sql.Get("INSERT INTO organisations (id, name, created) VALUES (:id, :name, :created)")
      .Run(e.id, e.name, ToDays(e.date));
}

class SqlWriteBatch;

class SqlStore final : public Store, public FactSource {
 public:
  // REQUIRES: the schema is migrated (prepared statements must not outlive a schema change).
  SqlStore(std::unique_ptr<soci::session> sql, Dialect dialect, StoreOptions options, int version)
      : sql_(std::move(sql)),
        statements_(std::make_unique<Statements>(*sql_)),
        dialect_(dialect),
        options_(std::move(options)),
        schema_version_(version),
        org_(options_.organisation) {
    if (!options_.clock_ms) options_.clock_ms = SystemClockMs;
  }

  int schema_version() const override { return schema_version_; }
  const std::string& organisation() const override { return org_; }

  // With no organisation named, picks the only one there is. A named organisation must exist,
  // or is created when the options ask for it.
  // Refuses an audit key other than the one the organisation's forgets were made with, and a
  // BSN key other than the one its BSNs were hashed with.
  Status CheckKeys() {
    if (org_.empty() || schema_version_ < kSaltedChainSchema) return Status::OK();
    if (!options_.audit_key.empty()) {
      if (Status s = CheckKeyFingerprint(*statements_, org_, kAuditKeyPurpose, options_.audit_key,
                                         "audit_key");
          !s.ok()) {
        return s;
      }
    }
    if (options_.bsn_key.empty()) return Status::OK();
    return CheckKeyFingerprint(*statements_, org_, kBsnKeyPurpose, options_.bsn_key, "bsn_key");
  }

  Status ChooseOrganisation() {
    std::vector<Organisation> all = ListOrganisations(*statements_);
    if (org_.empty()) {
      if (options_.create_organisation) {
        return Status::InvalidArgument(
            "create_organisation needs the organisation to create in StoreOptions::organisation");
      }
      if (all.size() == 1) org_ = all.front().id;
      return Status::OK();
    }
    const bool exists =
        std::any_of(all.begin(), all.end(), [&](const Organisation& o) { return o.id == org_; });
    if (!exists && options_.create_organisation) {
      return CreateOrganisation(
          org_, options_.organisation_name.empty() ? org_ : options_.organisation_name,
          DateOfUnixMs(options_.clock_ms()));
    }
    if (!exists) {
      std::vector<std::string> ids;
      for (const Organisation& o : all) ids.push_back(o.id);
      return Status::NotFound(
          fmt::format("organisation '{}' does not exist in this database; it has: {}", org_,
                      ids.empty() ? std::string("none") : fmt::format("{}", fmt::join(ids, ", "))));
    }
    return Status::OK();
  }

  Status CreateOrganisation(const std::string& id, const std::string& name, Date created) override {
    if (Status s = RequireWritable(); !s.ok()) return s;
    if (!IsValidId(id)) {
      return Status::InvalidArgument(
                 fmt::format("organisation id '{}': use lower-case letters, digits and '-'", id))
          .WithField("id");
    }
    if (Status s = CheckTextField(name, "organisation name", true); !s.ok()) return s;
    if (!created.ok()) {
      return Status::InvalidArgument("organisation date: not a calendar date").WithField("date");
    }
    Result<bool> done = Guard<bool>("creating the organisation", [&]() -> Result<bool> {
      WriteTransaction transaction(*sql_, dialect_, id);
      for (const Organisation& o : ListOrganisations(*statements_)) {
        if (o.id == id) return Status::Conflict(fmt::format("organisation '{}' exists", id));
      }
      EventSequence sequence(*statements_, dialect_);
      Statement& position = statements_->Get(
          "SELECT COALESCE(MAX(position), -1) + 1 FROM events WHERE org = :org AND stream = "
          ":stream",
          "i");
      position.Run(id, kOrganisationStream).One();
      const OrganisationCreated payload{id, name, created};
      Event event{sequence.Take(1).front(),
                  id,
                  kOrganisationStream,
                  position.Int(0),
                  options_.clock_ms(),
                  options_.actor,
                  std::nullopt,
                  payload};
      AppendEvents(*statements_, dialect_, schema_version_, {event});
      InsertOrganisation(*statements_, payload);
      transaction.Commit();
      return true;
    });
    if (!done.ok()) return done.status();
    if (org_.empty()) org_ = id;
    return Status::OK();
  }

  Result<std::vector<Organisation>> Organisations() override {
    return Guard<std::vector<Organisation>>("listing organisations",
                                            [&] { return ListOrganisations(*statements_); });
  }

  Result<Recorded> Record(const Command& command) override {
    return RecordAll(std::vector<Command>{command});
  }

  Result<Recorded> RecordAll(const std::vector<Command>& commands) override {
    if (Status s = RequireWritable(); !s.ok()) return s;
    Result<std::unique_ptr<WriteBatch>> batch = BeginBatch();
    if (!batch.ok()) return batch.status();
    Recorded recorded;
    for (std::size_t i = 0; i < commands.size(); ++i) {
      Result<Recorded> one = (*batch)->Record(commands[i]);
      if (!one.ok()) {
        // Destroying the batch rolls back everything it wrote.
        if (commands.size() == 1) return one.status();
        return one.status().WithContext(fmt::format("commands[{}]", i));
      }
      for (Event& event : one->events) recorded.events.push_back(std::move(event));
    }
    if (Status s = (*batch)->Commit(); !s.ok()) return s;
    return recorded;
  }

  Result<std::unique_ptr<WriteBatch>> BeginBatch() override;

  Statements& statements() { return *statements_; }
  soci::session& session() { return *sql_; }
  const Dialect& dialect() const { return dialect_; }
  const StoreOptions& options() const { return options_; }

  // A batch registers itself while open, so that reads through the store first write what it
  // holds in memory (reads on the store's own connection see its uncommitted writes).
  void SetOpenBatch(SqlWriteBatch* batch) { open_batch_ = batch; }
  SqlWriteBatch* open_batch() const { return open_batch_; }

  Result<Participant> GetParticipant(std::string_view ref) override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    return Guard<Participant>("reading a participant", [&]() -> Result<Participant> {
      FlushOpenBatch();
      model::ParticipantRecord record =
          LoadRecord(*statements_, org_, std::string(ref), schema_version_);
      if (!record.exists())
        return Status::NotFound(fmt::format("no participant '{}' in organisation '{}'", ref, org_));
      return model::ParticipantOf(record, /*details=*/true);
    });
  }

  Result<Participant> FindParticipantByBsn(std::string_view bsn) override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    // The BSN is never repeated in a message.
    if (!IsValidBsn(bsn)) {
      return Status::InvalidArgument("not a BSN: it must be 9 digits that pass the elfproef")
          .WithField("bsn");
    }
    if (options_.bsn_key.empty()) {
      return Status::InvalidArgument(
                 "searching by BSN needs the BSN key (the CLI: --bsn-key-file or "
                 "TRAJECT_BSN_KEY_FILE; the library: StoreOptions::bsn_key)")
          .WithField("bsn");
    }
    if (schema_version_ < 5) {
      return Status::InvalidArgument("this store is open at a schema before BSN hashes");
    }
    Result<std::optional<std::string>> ref =
        Guard<std::optional<std::string>>("finding a participant by BSN", [&] {
          FlushOpenBatch();
          return RefWithBsnHash(*statements_, org_, BsnHash(options_.bsn_key, bsn));
        });
    if (!ref.ok()) return ref.status();
    if (!*ref) {
      return Status::NotFound(
          fmt::format("no participant with that BSN in organisation '{}'", org_));
    }
    return GetParticipant(**ref);
  }

  Result<std::vector<Participant>> ListParticipants(std::string_view area) override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    return Guard<std::vector<Participant>>("listing participants", [&] {
      FlushOpenBatch();
      return storage::ListParticipants(*statements_, org_, std::string(area), schema_version_);
    });
  }

  Result<Trajectory> GetTrajectory(std::int64_t id) override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    return Guard<Trajectory>("reading a trajectory", [&]() -> Result<Trajectory> {
      FlushOpenBatch();
      std::optional<model::ParticipantRecord> record =
          RecordOf(RefOfTrajectory(*statements_, org_, id));
      const model::TrajectoryRows* rows = record ? record->FindTrajectory(id) : nullptr;
      if (!rows)
        return Status::NotFound(fmt::format("no trajectory {} in organisation '{}'", id, org_));
      return model::TrajectoryOf(*record, *rows, /*details=*/true);
    });
  }

  Result<std::vector<Trajectory>> ListTrajectories(const TrajectoryFilter& filter) override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    return Guard<std::vector<Trajectory>>("listing trajectories", [&] {
      FlushOpenBatch();
      return storage::ListTrajectories(*statements_, org_, filter);
    });
  }

  Result<Placement> GetPlacement(std::int64_t id) override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    return Guard<Placement>("reading a placement", [&]() -> Result<Placement> {
      FlushOpenBatch();
      std::optional<model::ParticipantRecord> record =
          RecordOf(RefOfPlacement(*statements_, org_, id));
      const model::PlacementRows* rows = record ? record->FindPlacement(id) : nullptr;
      if (!rows)
        return Status::NotFound(fmt::format("no placement {} in organisation '{}'", id, org_));
      return model::PlacementOf(*rows);
    });
  }

  Result<std::vector<Placement>> PlacementsOf(std::int64_t trajectory_id) override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    return Guard<std::vector<Placement>>("listing placements", [&] {
      FlushOpenBatch();
      std::vector<Placement> all;
      std::optional<model::ParticipantRecord> record =
          RecordOf(RefOfTrajectory(*statements_, org_, trajectory_id));
      if (!record) return all;
      for (const model::PlacementRows& p : record->placements) {
        if (p.head.value.trajectory_id == trajectory_id) all.push_back(model::PlacementOf(p));
      }
      return all;
    });
  }

  Result<std::vector<PlacementView>> ListPlacementViews() override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    return Guard<std::vector<PlacementView>>("listing placements", [&] {
      FlushOpenBatch();
      return storage::ListPlacementViews(*statements_, org_);
    });
  }

  Status ForEachEvent(const std::function<Status(const Event&)>& visit) override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    Result<bool> done = Guard<bool>("reading the event log", [&]() -> Result<bool> {
      FlushOpenBatch();
      if (Status s = storage::ForEach(*sql_, org_, visit); !s.ok()) return s;
      return true;
    });
    return done.status();
  }

  Result<std::int64_t> EventCount() override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    return Guard<std::int64_t>("counting events", [&]() -> Result<std::int64_t> {
      FlushOpenBatch();
      Statement& count = statements_->Get("SELECT COUNT(*) FROM events WHERE org = :org", "i");
      count.Run(org_).One();
      return count.Int(0);
    });
  }

  Result<ParticipantExport> ExportParticipant(std::string_view ref) override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    return Guard<ParticipantExport>("exporting a participant", [&]() -> Result<ParticipantExport> {
      FlushOpenBatch();
      const model::ParticipantRecord record =
          LoadRecord(*statements_, org_, std::string(ref), schema_version_);
      if (!record.exists()) {
        return Status::NotFound(fmt::format("no participant '{}' in organisation '{}'", ref, org_));
      }
      ParticipantExport out;
      out.organisation = org_;
      out.participant = model::ParticipantOf(record, /*details=*/true);
      for (const model::TrajectoryRows& rows : record.trajectories) {
        if (rows.head.live()) {
          out.trajectories.push_back(model::TrajectoryOf(record, rows, /*details=*/true));
        }
      }
      for (const model::PlacementRows& rows : record.placements) {
        if (rows.head.live()) out.placements.push_back(model::PlacementOf(rows));
      }
      Status read = ForEachOfStream(*sql_, org_, model::ParticipantStream(record.ref),
                                    [&](const Event& event) {
                                      out.events.push_back(event);
                                      return Status::OK();
                                    });
      if (!read.ok()) return read;
      return out;
    });
  }

  Result<ForgetSummary> ForgetParticipant(std::string_view ref) override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    if (Status s = RequireWritable(); !s.ok()) return s;
    if (schema_version_ < kSaltedChainSchema) {
      return Status::InvalidArgument(
          fmt::format("this store is open at schema version {}, before forgetting (version {})",
                      schema_version_, kSaltedChainSchema));
    }
    if (options_.audit_key.empty()) {
      return Status::InvalidArgument(
                 "forgetting a participant needs the audit key, which authenticates the forget "
                 "in the audit chain (the CLI: --audit-key-file or TRAJECT_AUDIT_KEY_FILE; the "
                 "library: StoreOptions::audit_key)")
          .WithField("audit_key");
    }
    return Guard<ForgetSummary>("forgetting a participant", [&]() -> Result<ForgetSummary> {
      // The old rows are left in no file of the database (Dialect::SecureEraseOn); PostgreSQL
      // keeps old row versions until VACUUM reuses their space (docs/security.md).
      for (const std::string& statement : dialect_.SecureEraseOn()) *sql_ << statement;
      struct SecureEraseOff {
        soci::session& sql;
        const Dialect& dialect;
        ~SecureEraseOff() {
          try {
            for (const std::string& statement : dialect.SecureEraseOff()) sql << statement;
          } catch (...) {
          }
        }
      } restore{*sql_, dialect_};
      Result<ForgetSummary> done = [&]() -> Result<ForgetSummary> {
        WriteTransaction transaction(*sql_, dialect_, org_);
        EventSequence sequence(*statements_, dialect_);
        const ForgetRequest request{
            org_,
            std::string(ref),
            options_.actor,
            NextRecordedAt(options_.clock_ms(),
                           LastRecordedAt(*statements_, schema_version_, org_)),
            schema_version_,
            options_.batch_records,
            options_.audit_key};
        Result<ForgetSummary> forgotten = Forget(*statements_, dialect_, sequence, request);
        if (forgotten.ok()) transaction.Commit();
        return forgotten;
      }();
      if (done.ok()) {
        Dialect::LeftOver left = dialect_.AfterSecureErase(*sql_, org_);
        done->left_over = std::move(left.why);
        done->maintenance = std::move(left.statements);
      }
      return done;
    });
  }

  Status RequireAuditChain() const {
    // An as-recorded view is a replayed copy whose log was chained anew: verifying it would
    // vouch for whatever the database held, tampered or not.
    if (!read_only_.empty()) {
      return Status::InvalidArgument(fmt::format(
          "the audit chain is checked on the database itself, not on a view {}", read_only_));
    }
    if (schema_version_ >= kAuditChainSchema) return Status::OK();
    return Status::InvalidArgument(
        fmt::format("this store is open at schema version {}, before the audit chain (version {})",
                    schema_version_, kAuditChainSchema));
  }

  Result<AuditHead> AuditChainHead() override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    if (Status s = RequireAuditChain(); !s.ok()) return s;
    return Guard<AuditHead>("reading the audit chain's head", [&]() -> Result<AuditHead> {
      FlushOpenBatch();
      return StoredHead(*statements_, org_);
    });
  }

  Result<AuditVerification> VerifyAuditChain(const std::optional<AuditHead>& kept) override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    if (Status s = RequireAuditChain(); !s.ok()) return s;
    return Guard<AuditVerification>(
        "verifying the audit chain", [&]() -> Result<AuditVerification> {
          FlushOpenBatch();
          const int format = ChainFormatOf(schema_version_);
          if (open_batch_) {
            return VerifyChain(*statements_, org_, kept, format,
                               options_.audit_key);  // its snapshot
          }
          // One snapshot for the log and its stored head: a write committed between reading
          // the two would look like events removed from the end.
          *sql_ << dialect_.BeginSnapshot();
          try {
            AuditVerification verified =
                VerifyChain(*statements_, org_, kept, format, options_.audit_key);
            *sql_ << "COMMIT";
            return verified;
          } catch (...) {
            try {
              *sql_ << "ROLLBACK";
            } catch (...) {
            }
            throw;
          }
        });
  }

  // The store's own organisation only: a store never writes another organisation's rows.
  Status RebuildProjections() override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    return Rebuild(org_);
  }

  // Clears the projections of `org` ("": of every organisation, as a migration's replay needs)
  // and replays its log into them, in one transaction.
  Status Rebuild(const std::string& org) {
    if (Status s = RequireWritable(); !s.ok()) return s;
    Result<bool> done = Guard<bool>("rebuilding projections", [&]() -> Result<bool> {
      WriteTransaction transaction(*sql_, dialect_, kSchemaScope);
      for (const std::string& statement : dialect_.LockOutWriters()) *sql_ << statement;
      if (Status s = Replay(org); !s.ok()) return s;
      transaction.Commit();
      return true;
    });
    return done.status();
  }

  // Replays the log of `org` ("": the whole log) into its emptied projections, inside the
  // caller's transaction.
  Status Replay(const std::string& org) {
    for (const std::string& table : ProjectionTables(schema_version_)) {
      if (org.empty()) {
        *sql_ << "DELETE FROM " << table;
      } else {
        *sql_ << "DELETE FROM " << table << " WHERE " << OrganisationColumn(table) << " = :org",
            soci::use(org);
      }
    }
    EventSequence unused(*statements_, dialect_);
    std::map<std::string, std::unique_ptr<Recorder>> recorders;
    Status replayed = storage::ForEach(*sql_, org, [&](const Event& event) {
      if (const auto* created = std::get_if<OrganisationCreated>(&event.payload)) {
        InsertOrganisation(*statements_, *created);
        return Status::OK();
      }
      std::unique_ptr<Recorder>& recorder = recorders[event.org];
      if (!recorder) {
        recorder = std::make_unique<Recorder>(*statements_, dialect_, unused, event.org,
                                              schema_version_, options_.batch_records);
      }
      recorder->Replay(event);
      return Status::OK();
    });
    if (!replayed.ok()) return replayed;
    for (auto& [org, recorder] : recorders) recorder->Flush();
    return Status::OK();
  }

  Result<ReportFacts> ReadReportFacts(const FactParts& parts, Day as_of) override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    if (Status s = RequireKnown(as_of); !s.ok()) return s;
    return Guard<ReportFacts>("reading the projections for a report", [&] {
      FlushOpenBatch();
      return LoadReportFacts(*statements_, org_, parts, as_of);
    });
  }

  Result<std::unique_ptr<Store>> AsRecorded(Date day) override;

  Result<bool> CaseworkerKnown(CaseworkerRole role, std::string_view name, Day as_of) override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    return Guard<bool>("looking up a caseworker", [&] {
      FlushOpenBatch();
      Statement& s = statements_->Get(
          "SELECT COUNT(*) FROM assignments WHERE org = :org AND role = :role AND name = :name "
          "AND start <= :as_of",
          "i");
      s.Run(org_, ToString(role), name, as_of);
      std::int64_t count = 0;
      while (s.Next()) count = s.Int(0);
      return count > 0;
    });
  }

  Status RequireKnown(Day as_of) override {
    const Date today = DateOfUnixMs(options_.clock_ms());
    if (as_of <= ToDays(today)) return Status::OK();
    return Status::InvalidArgument(
               fmt::format("as-of date {} is after today ({}): what happens after today is not "
                           "known yet, and a report as of a later day would count it as not "
                           "happening",
                           FormatDate(FromDays(as_of)), FormatDate(today)))
        .WithField("as_of");
  }

  // Makes this store a read-only view (an as-recorded snapshot): every write fails with
  // InvalidArgument saying `why`.
  void MakeReadOnly(std::string why) { read_only_ = std::move(why); }

  // Replays the events of `source`'s organisation recorded by the end of `day` (local calendar)
  // into this store's empty projections and log, in one transaction.
  Status ReplayRecorded(SqlStore& source, Date day);

  Result<std::string> DumpProjections() override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    return Guard<std::string>("dumping projections", [&]() -> Result<std::string> {
      std::ostringstream out;
      const std::vector<std::string>& tables = ProjectionTables(schema_version_);
      for (auto it = tables.rbegin(); it != tables.rend(); ++it) DumpTable(*it, out);
      return out.str();
    });
  }

 private:
  void FlushOpenBatch();

  std::optional<model::ParticipantRecord> RecordOf(const std::optional<std::string>& ref) {
    if (!ref) return std::nullopt;
    return LoadRecord(*statements_, org_, *ref, schema_version_);
  }

  // A store writes through one transaction at a time: beside an open batch, only the batch
  // writes (its connection is inside the batch's transaction).
  Status RequireWritable() const {
    if (!read_only_.empty()) {
      return Status::InvalidArgument(
          fmt::format("this store is read-only: it shows the database {}; write to the "
                      "database itself",
                      read_only_));
    }
    if (open_batch_) {
      return Status::FailedPrecondition(
          "a write batch is open on this store; commit or destroy it before writing beside it");
    }
    return Status::OK();
  }

  Status RequireOrganisation() {
    if (org_.empty()) {
      return Status::InvalidArgument(
          "no organisation chosen: the database has none or several; name one in "
          "StoreOptions::organisation");
    }
    return Status::OK();
  }

  // The column of a projection table that names the organisation.
  static const char* OrganisationColumn(const std::string& table) {
    return table == "organisations" ? "id" : "org";
  }

  // The organisation's rows of a table, every column as text, ordered by the first three
  // columns (the key): a canonical form of the table.
  void DumpTable(const std::string& table, std::ostringstream& out) {
    soci::rowset<soci::row> rows =
        (sql_->prepare << "SELECT * FROM " << table << " WHERE " << OrganisationColumn(table)
                       << " = :org ORDER BY 1, 2, 3",
         soci::use(org_));
    out << "[" << table << "]\n";
    for (const soci::row& row : rows) {
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (i) out << '|';
        if (row.get_indicator(i) == soci::i_null) {
          out << "NULL";
          continue;
        }
        switch (row.get_properties(i).get_data_type()) {
          case soci::dt_string:
            out << row.get<std::string>(i);
            break;
          case soci::dt_integer:
            out << row.get<int>(i);
            break;
          case soci::dt_long_long:
            out << row.get<long long>(i);
            break;
          case soci::dt_unsigned_long_long:
            out << row.get<unsigned long long>(i);
            break;
          case soci::dt_double:
            out << row.get<double>(i);
            break;
          default:
            out << "?";
            break;
        }
      }
      out << '\n';
    }
  }

  std::unique_ptr<soci::session> sql_;
  std::unique_ptr<Statements> statements_;  // destroyed before sql_
  Dialect dialect_;
  StoreOptions options_;
  int schema_version_;
  std::string org_;
  SqlWriteBatch* open_batch_ = nullptr;
  std::string read_only_;  // empty: writable; otherwise what the view shows
};

class SqlWriteBatch final : public WriteBatch {
 public:
  explicit SqlWriteBatch(SqlStore& store)
      : store_(store),
        transaction_(store.session(), store.dialect(), store.organisation()),
        sequence_(store.statements(), store.dialect()),
        recorder_(store.statements(), store.dialect(), sequence_, store.organisation(),
                  store.schema_version(), store.options().batch_records),
        last_recorded_ms_(
            LastRecordedAt(store.statements(), store.schema_version(), store.organisation())) {
    store_.SetOpenBatch(this);
  }
  ~SqlWriteBatch() override { Close(); }

  Result<Recorded> Record(const Command& command) override {
    if (Status s = RequireOpen(); !s.ok()) return s;
    Result<Recorded> recorded = Guard<Recorded>("recording", [&] {
      const std::int64_t now = NextRecordedAt(store_.options().clock_ms(), last_recorded_ms_);
      last_recorded_ms_ = now;
      const model::DecisionContext context{store_.organisation(), store_.options().catalogue,
                                           DateOfUnixMs(now), store_.options().bsn_key};
      Result<Recorded> recorded = recorder_.Record(context, command, store_.options().actor, now);
      const auto* registered = std::get_if<ParticipantRegistered>(&command);
      if (recorded.ok() && registered && !registered->bsn.empty() && !bsn_key_recorded_ &&
          store_.schema_version() >= kSaltedChainSchema) {
        RecordKeyFingerprint(store_.statements(), store_.organisation(), kBsnKeyPurpose,
                             store_.options().bsn_key);
        bsn_key_recorded_ = true;
      }
      return recorded;
    });
    if (!recorded.ok()) state_ = State::kFailed;
    return recorded;
  }

  Status Commit() override {
    if (Status s = RequireOpen(); !s.ok()) return s;
    Result<bool> done = Guard<bool>("committing", [&] {
      recorder_.Flush();
      transaction_.Commit();
      return true;
    });
    state_ = done.ok() ? State::kCommitted : State::kFailed;
    Close();
    return done.status();
  }

  // Writes what the recorder holds, for a read through the store on the same connection.
  void Flush() {
    if (state_ == State::kOpen) recorder_.Flush();
  }

 private:
  enum class State { kOpen, kFailed, kCommitted };

  Status RequireOpen() const {
    if (state_ == State::kFailed) {
      return Status::FailedPrecondition("the batch failed before; destroy it to roll it back");
    }
    if (state_ == State::kCommitted) {
      return Status::FailedPrecondition("the batch is committed; begin another");
    }
    return Status::OK();
  }

  void Close() {
    if (store_.open_batch() == this) store_.SetOpenBatch(nullptr);
  }

  SqlStore& store_;
  WriteTransaction transaction_;  // rolls back in its destructor unless committed
  EventSequence sequence_;
  Recorder recorder_;
  // The organisation's last record time, read once the transaction holds its write lock.
  std::int64_t last_recorded_ms_;
  bool bsn_key_recorded_ = false;  // the BSN key's fingerprint is in this transaction
  State state_ = State::kOpen;
};

void SqlStore::FlushOpenBatch() {
  if (open_batch_) open_batch_->Flush();
}

Status SqlStore::ReplayRecorded(SqlStore& source, Date day) {
  return Guard<bool>(
             "replaying the log as recorded",
             [&]() -> Result<bool> {
               WriteTransaction transaction(*sql_, dialect_, kSchemaScope);
               EventSequence unused(*statements_, dialect_);
               Recorder recorder(*statements_, dialect_, unused, org_, schema_version_,
                                 options_.batch_records);
               std::vector<Event> events;
               const auto append = [&] {
                 AppendEvents(*statements_, dialect_, schema_version_, events);
                 events.clear();
               };
               // The view is a prefix of the log: it ends before the first event recorded
               // after `day`. Record times never decrease (NextRecordedAt), so that is every
               // event recorded by then; in a log written before they were kept so, a later
               // event with an earlier time is not taken, for it may build on what precedes it.
               const Status past_day = Status::Internal("past the day");
               bool stopped = false;
               Status replayed =
                   storage::ForEach(*source.sql_, source.org_, [&](const Event& event) {
                     if (std::chrono::sys_days(DateOfUnixMs(event.recorded_at_ms)) >
                         std::chrono::sys_days(day)) {
                       stopped = true;
                       return past_day;
                     }
                     if (const auto* created = std::get_if<OrganisationCreated>(&event.payload)) {
                       InsertOrganisation(*statements_, *created);
                     } else {
                       recorder.Replay(event);
                     }
                     events.push_back(event);
                     if (events.size() >= 4096) append();
                     return Status::OK();
                   });
               if (!replayed.ok() && !stopped) return replayed;
               append();
               recorder.Flush();
               transaction.Commit();
               return true;
             })
      .status();
}

Result<std::unique_ptr<Store>> SqlStore::AsRecorded(Date day) {
  if (Status s = RequireOrganisation(); !s.ok()) return s;
  if (!day.ok()) {
    return Status::InvalidArgument("as-recorded date: not a calendar date").WithField("day");
  }
  if (const Date today = DateOfUnixMs(options_.clock_ms()); ToDays(day) > ToDays(today)) {
    return Status::InvalidArgument(
               fmt::format("as-recorded date {} is after today ({}): nothing is recorded yet "
                           "on a later day",
                           FormatDate(day), FormatDate(today)))
        .WithField("day");
  }
  Result<std::unique_ptr<SqlStore>> made =
      Guard<std::unique_ptr<SqlStore>>("making a store as recorded", [&] {
        FlushOpenBatch();
        Dialect scratch;
        std::unique_ptr<soci::session> sql = ConnectScratch(options_.busy_timeout_ms, &scratch);
        bool needs_replay = false;
        if (Status s = Migrate(*sql, scratch, 0, &needs_replay); !s.ok()) {
          throw std::runtime_error(s.message());
        }
        StoreOptions options = options_;
        options.organisation = org_;
        return std::make_unique<SqlStore>(std::move(sql), scratch, std::move(options),
                                          LatestSchemaVersion());
      });
  if (!made.ok()) return made.status();
  std::unique_ptr<SqlStore> snapshot = std::move(made).value();
  if (Status s = snapshot->ReplayRecorded(*this, day); !s.ok()) return s;
  snapshot->MakeReadOnly(fmt::format("as recorded on {}", FormatDate(day)));
  return std::unique_ptr<Store>(std::move(snapshot));
}

Result<std::unique_ptr<WriteBatch>> SqlStore::BeginBatch() {
  if (Status s = RequireOrganisation(); !s.ok()) return s;
  if (Status s = RequireWritable(); !s.ok()) return s;
  return Guard<std::unique_ptr<WriteBatch>>("starting a write transaction", [&] {
    return std::unique_ptr<WriteBatch>(std::make_unique<SqlWriteBatch>(*this));
  });
}

}  // namespace

Status RebuildAllProjections(std::string_view location) {
  Result<Location> parsed = ParseLocation(location);
  if (!parsed.ok()) return parsed.status();
  if (parsed->IsFile()) {
    if (Status s = PrepareSqliteFile(parsed->path, parsed->display, /*create=*/false); !s.ok()) {
      return s;
    }
  }
  const Dialect dialect{parsed->backend};
  try {
    std::unique_ptr<soci::session> sql = Connect(*parsed, dialect, StoreOptions{}.busy_timeout_ms);
    Result<int> version = ReadSchemaVersion(*sql, dialect);
    if (!version.ok()) return version.status();
    SqlStore store(std::move(sql), dialect, StoreOptions{}, *version);
    return store.Rebuild("");
  } catch (const std::exception& e) {
    return StorageError(e, fmt::format("rebuilding the projections of '{}'", parsed->display));
  }
}

}  // namespace storage

std::string RedactedLocation(std::string_view location) {
  return storage::RedactedLocation(location);
}

Result<std::unique_ptr<Store>> Store::Open(std::string_view location, StoreOptions options) {
  using namespace storage;
  Result<Location> parsed = ParseLocation(location);
  if (!parsed.ok()) return parsed.status();
  if (!options.bsn_key.empty() && options.bsn_key.size() < kMinBsnKeyBytes) {
    return Status::InvalidArgument(fmt::format("bsn_key: at least {} bytes", kMinBsnKeyBytes))
        .WithField("bsn_key");
  }
  if (!options.audit_key.empty() && options.audit_key.size() < kMinAuditKeyBytes) {
    return Status::InvalidArgument(fmt::format("audit_key: at least {} bytes", kMinAuditKeyBytes))
        .WithField("audit_key");
  }
  if (options.batch_records < 1) {
    return Status::InvalidArgument("batch_records: at least 1").WithField("batch_records");
  }
  if (options.busy_timeout_ms < 0) {
    return Status::InvalidArgument("busy_timeout_ms: not negative (0: fail at once when busy)")
        .WithField("busy_timeout_ms");
  }
  if (options.schema_version < 0 || options.schema_version > LatestSchemaVersion()) {
    return Status::InvalidArgument(
               fmt::format("schema_version: 0 (the newest) or 1..{}, the versions this build knows",
                           LatestSchemaVersion()))
        .WithField("schema_version");
  }
  if (!options.clock_ms) options.clock_ms = SystemClockMs;
  if (const int year = static_cast<int>(DateOfUnixMs(options.clock_ms()).year());
      year < 1900 || year > 2199) {
    return Status::InvalidArgument(
               fmt::format("clock_ms: its today falls in {}, outside 1900..2199, the years traject "
                           "records",
                           year))
        .WithField("clock_ms");
  }
  if (parsed->IsFile()) {
    if (Status s = PrepareSqliteFile(parsed->path, parsed->display, options.create_if_missing);
        !s.ok()) {
      return s;
    }
  }
  Dialect dialect{parsed->backend};
  try {
    std::unique_ptr<soci::session> sql = Connect(*parsed, dialect, options.busy_timeout_ms);
    if (!options.create_if_missing) {
      // Only a store that may create a database makes its schema: a read of a database of
      // another application (PostgreSQL's `postgres`, a name mistyped) must not install
      // traject's tables there, as a missing SQLite file is not created.
      Result<int> found = ReadSchemaVersion(*sql, dialect);
      if (!found.ok()) return found.status().WithContext(parsed->display);
      if (*found == 0) {
        return Status::NotFound(fmt::format("no traject database at '{}' (it holds no traject "
                                            "tables: another application's "
                                            "database, or a name mistyped?)",
                                            parsed->display))
            .WithField("location");
      }
    }
    bool needs_replay = false;
    if (Status s = Migrate(*sql, dialect, options.schema_version, &needs_replay); !s.ok()) {
      return s.WithContext(parsed->display);
    }
    Result<int> version = ReadSchemaVersion(*sql, dialect);
    if (!version.ok()) return version.status().WithContext(parsed->display);
    dialect = WithRowSecurityOf(*sql, dialect);
    auto store = std::make_unique<SqlStore>(std::move(sql), dialect, std::move(options), *version);
    if (needs_replay) {
      if (Status s = store->Rebuild(""); !s.ok()) return s.WithContext(parsed->display);
    }
    if (Status s = store->ChooseOrganisation(); !s.ok()) return s.WithContext(parsed->display);
    if (Status s = store->CheckKeys(); !s.ok()) return s.WithContext(parsed->display);
    return std::unique_ptr<Store>(std::move(store));
  } catch (const std::exception& e) {
    return StorageError(e, fmt::format("opening '{}'", parsed->display));
  }
}

}  // namespace traject

// traject::Store over SOCI. Write path: one write transaction per call (WriteTransaction: BEGIN
// IMMEDIATE on SQLite); each command is decided (model/decide over storage/sql_reads), its
// events appended (storage/event_log) and projected (storage/projector) in order, so that later
// commands of a batch see earlier ones.
#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <sstream>

#include "model/decide.h"
#include "storage/dialect.h"
#include "storage/errors.h"
#include "storage/event_log.h"
#include "storage/projector.h"
#include "storage/queries.h"
#include "storage/schema.h"
#include "storage/sql_reads.h"
#include "storage/transaction.h"
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

class SqlStore final : public Store {
 public:
  SqlStore(std::unique_ptr<soci::session> sql, Dialect dialect, StoreOptions options, int version)
      : sql_(std::move(sql)),
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
  Status ChooseOrganisation() {
    std::vector<Organisation> all = ListOrganisations(*sql_);
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
    if (!IsValidId(id)) {
      return Status::InvalidArgument(
                 fmt::format("organisation id '{}': use lower-case letters, digits and '-'", id))
          .WithField("id");
    }
    if (name.empty()) {
      return Status::InvalidArgument("organisation name: required").WithField("name");
    }
    if (!created.ok()) {
      return Status::InvalidArgument("organisation date: not a calendar date").WithField("date");
    }
    Result<bool> done = Guard<bool>("creating the organisation", [&]() -> Result<bool> {
      WriteTransaction transaction(*sql_, dialect_, id);
      for (const Organisation& o : ListOrganisations(*sql_)) {
        if (o.id == id) return Status::Conflict(fmt::format("organisation '{}' exists", id));
      }
      NewEvent event{id,
                     kOrganisationStream,
                     options_.actor,
                     options_.clock_ms(),
                     std::nullopt,
                     OrganisationCreated{id, name, created}};
      Project(*sql_, Append(*sql_, std::move(event)), schema_version_);
      transaction.Commit();
      return true;
    });
    if (!done.ok()) return done.status();
    if (org_.empty()) org_ = id;
    return Status::OK();
  }

  Result<std::vector<Organisation>> Organisations() override {
    return Guard<std::vector<Organisation>>("listing organisations",
                                            [&] { return ListOrganisations(*sql_); });
  }

  Result<Recorded> Record(const Command& command) override {
    return RecordAll(std::vector<Command>{command});
  }

  Result<Recorded> RecordAll(const std::vector<Command>& commands) override {
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

  // Decides, appends and projects one command inside the open transaction.
  Result<Recorded> RecordInTransaction(const Command& command) {
    return Guard<Recorded>("recording", [&]() -> Result<Recorded> {
      const std::int64_t now = options_.clock_ms();
      SqlReads reads(*sql_, org_, schema_version_);
      const model::DecisionContext context{org_, options_.catalogue, DateOfUnixMs(now)};
      Result<std::vector<model::Decided>> decided = model::Decide(reads, context, command);
      if (!decided.ok()) return decided.status();
      Recorded recorded;
      std::optional<std::int64_t> cause;
      for (model::Decided& d : *decided) {
        Event event = Append(*sql_, NewEvent{org_, std::move(d.stream), options_.actor, now, cause,
                                             std::move(d.payload)});
        Project(*sql_, event, schema_version_);
        if (!cause) cause = event.seq;
        recorded.events.push_back(std::move(event));
      }
      return recorded;
    });
  }

  soci::session& session() { return *sql_; }
  const Dialect& dialect() const { return dialect_; }

  Result<Participant> GetParticipant(std::string_view ref) override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    return Guard<Participant>("reading a participant", [&]() -> Result<Participant> {
      std::optional<Participant> p =
          FindParticipant(*sql_, org_, std::string(ref), schema_version_, /*details=*/true);
      if (!p)
        return Status::NotFound(fmt::format("no participant '{}' in organisation '{}'", ref, org_));
      return std::move(*p);
    });
  }

  Result<std::vector<Participant>> ListParticipants(std::string_view area) override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    return Guard<std::vector<Participant>>("listing participants", [&] {
      return storage::ListParticipants(*sql_, org_, std::string(area), schema_version_);
    });
  }

  Result<Trajectory> GetTrajectory(std::int64_t id) override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    return Guard<Trajectory>("reading a trajectory", [&]() -> Result<Trajectory> {
      std::optional<Trajectory> t = FindTrajectory(*sql_, org_, id, true, schema_version_);
      if (!t)
        return Status::NotFound(fmt::format("no trajectory {} in organisation '{}'", id, org_));
      return std::move(*t);
    });
  }

  Result<std::vector<Trajectory>> ListTrajectories(const TrajectoryFilter& filter) override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    return Guard<std::vector<Trajectory>>(
        "listing trajectories", [&] { return storage::ListTrajectories(*sql_, org_, filter); });
  }

  Result<Placement> GetPlacement(std::int64_t id) override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    return Guard<Placement>("reading a placement", [&]() -> Result<Placement> {
      std::optional<Placement> p = FindPlacement(*sql_, org_, id);
      if (!p)
        return Status::NotFound(fmt::format("no placement {} in organisation '{}'", id, org_));
      return std::move(*p);
    });
  }

  Result<std::vector<Placement>> PlacementsOf(std::int64_t trajectory_id) override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    return Guard<std::vector<Placement>>(
        "listing placements", [&] { return storage::PlacementsOf(*sql_, org_, trajectory_id); });
  }

  Result<std::vector<PlacementView>> ListPlacementViews() override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    return Guard<std::vector<PlacementView>>(
        "listing placements", [&] { return storage::ListPlacementViews(*sql_, org_); });
  }

  Status ForEachEvent(const std::function<Status(const Event&)>& visit) override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    Result<bool> done = Guard<bool>("reading the event log", [&]() -> Result<bool> {
      if (Status s = storage::ForEach(*sql_, org_, visit); !s.ok()) return s;
      return true;
    });
    return done.status();
  }

  Result<std::int64_t> EventCount() override {
    if (Status s = RequireOrganisation(); !s.ok()) return s;
    return Guard<std::int64_t>("counting events", [&]() -> Result<std::int64_t> {
      long long count = 0;
      *sql_ << "SELECT COUNT(*) FROM events WHERE org = :org", soci::use(org_), soci::into(count);
      return static_cast<std::int64_t>(count);
    });
  }

  Status RebuildProjections() override {
    Result<bool> done = Guard<bool>("rebuilding projections", [&]() -> Result<bool> {
      WriteTransaction transaction(*sql_, dialect_, kSchemaScope);
      for (const std::string& statement : dialect_.LockOutWriters()) *sql_ << statement;
      if (Status s = Replay(); !s.ok()) return s;
      transaction.Commit();
      return true;
    });
    return done.status();
  }

  // Replays the whole log into empty projections, inside the caller's transaction.
  Status Replay() {
    for (const std::string& table : ProjectionTables(schema_version_)) {
      *sql_ << "DELETE FROM " << table;
    }
    return storage::ForEach(*sql_, "", [&](const Event& event) {
      Project(*sql_, event, schema_version_);
      return Status::OK();
    });
  }

  Result<std::string> DumpProjections() override {
    return Guard<std::string>("dumping projections", [&]() -> Result<std::string> {
      std::ostringstream out;
      const std::vector<std::string>& tables = ProjectionTables(schema_version_);
      for (auto it = tables.rbegin(); it != tables.rend(); ++it) DumpTable(*it, out);
      return out.str();
    });
  }

 private:
  Status RequireOrganisation() {
    if (org_.empty()) {
      return Status::InvalidArgument(
          "no organisation chosen: the database has none or several; name one in "
          "StoreOptions::organisation");
    }
    return Status::OK();
  }

  // Every column as text, rows ordered by all columns: a canonical form of the table.
  void DumpTable(const std::string& table, std::ostringstream& out) {
    soci::rowset<soci::row> rows =
        (sql_->prepare << "SELECT * FROM " << table << " ORDER BY 1, 2, 3");
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
  Dialect dialect_;
  StoreOptions options_;
  int schema_version_;
  std::string org_;
};

class SqlWriteBatch final : public WriteBatch {
 public:
  explicit SqlWriteBatch(SqlStore& store)
      : store_(store), transaction_(store.session(), store.dialect(), store.organisation()) {}

  Result<Recorded> Record(const Command& command) override {
    if (failed_) return Status::InvalidArgument("the batch failed before; roll it back");
    Result<Recorded> recorded = store_.RecordInTransaction(command);
    if (!recorded.ok()) failed_ = true;
    return recorded;
  }

  Status Commit() override {
    if (failed_) return Status::InvalidArgument("the batch failed before; roll it back");
    Result<bool> done = Guard<bool>("committing", [&] {
      transaction_.Commit();
      return true;
    });
    return done.status();
  }

 private:
  SqlStore& store_;
  WriteTransaction transaction_;  // rolls back in its destructor unless committed
  bool failed_ = false;
};

Result<std::unique_ptr<WriteBatch>> SqlStore::BeginBatch() {
  if (Status s = RequireOrganisation(); !s.ok()) return s;
  return Guard<std::unique_ptr<WriteBatch>>("starting a write transaction", [&] {
    return std::unique_ptr<WriteBatch>(std::make_unique<SqlWriteBatch>(*this));
  });
}

}  // namespace
}  // namespace storage

std::string RedactedLocation(std::string_view location) {
  return storage::RedactedLocation(location);
}

Result<std::unique_ptr<Store>> Store::Open(std::string_view location, StoreOptions options) {
  using namespace storage;
  Result<Location> parsed = ParseLocation(location);
  if (!parsed.ok()) return parsed.status();
  if (parsed->backend == Backend::kSqlite && !options.create_if_missing &&
      !std::filesystem::exists(parsed->path)) {
    return Status::NotFound(fmt::format("no database at '{}'", parsed->display));
  }
  Dialect dialect{parsed->backend};
  try {
    std::unique_ptr<soci::session> sql = Connect(*parsed, dialect, options.busy_timeout_ms);
    bool needs_replay = false;
    if (Status s = Migrate(*sql, dialect, options.schema_version, &needs_replay); !s.ok()) {
      return s.WithContext(parsed->display);
    }
    Result<int> version = ReadSchemaVersion(*sql, dialect);
    if (!version.ok()) return version.status().WithContext(parsed->display);
    auto store = std::make_unique<SqlStore>(std::move(sql), dialect, std::move(options), *version);
    if (needs_replay) {
      if (Status s = store->RebuildProjections(); !s.ok()) return s.WithContext(parsed->display);
    }
    if (Status s = store->ChooseOrganisation(); !s.ok()) return s.WithContext(parsed->display);
    return std::unique_ptr<Store>(std::move(store));
  } catch (const std::exception& e) {
    return StorageError(e, fmt::format("opening '{}'", parsed->display));
  }
}

}  // namespace traject

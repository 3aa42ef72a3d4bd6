// Store: a traject database — the event log and its projections — for one organisation.
//
// A Store is opened on a location: a file path for the embedded SQLite backend (the default),
// or a "postgresql://user:password@host:port/db" URL for the scale-out backend (docs/storage.md,
// docs/scaling.md). Opening migrates the schema to the current version (see docs/storage.md);
// a database with a newer schema than this build is refused, never touched.
//
// Every write (Record, RecordAll, a WriteBatch, CreateOrganisation) is one transaction: it
// validates the command (ValidateCommand, then against the current state), appends the
// resulting events to the log and updates the projections, or fails and leaves the database
// exactly as it was.
//
// Tenancy: a Store serves one organisation (StoreOptions::organisation). Every query and every
// write is confined to it (tests/storage/tenant_isolation_test.cc tries each entry point). Two
// things are shared by design: Organisations() lists every organisation's id and name, and
// event sequence numbers are global, so gaps between one organisation's seqs show how many
// events others appended meanwhile (docs/security.md).
//
// Concurrency: several Store objects, in one process or in many, may write one database at
// once. A write takes the database's write lock when it starts and waits for another writer's
// transaction up to busy_timeout_ms; past that it fails with Status::Busy (retryable: nothing
// was written). Reads never wait for writers (SQLite WAL).
//
// Errors name records by reference and id, and name dates of facts where that helps; they
// never quote SQL, free text (names, employers, reasons) or personal details such as a birth
// date.
//
// Thread safety: a Store is not thread-safe; use one per thread.
#ifndef TRAJECT_STORE_H_
#define TRAJECT_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "traject/audit.h"
#include "traject/catalogue.h"
#include "traject/date.h"
#include "traject/events.h"
#include "traject/export.h"
#include "traject/participant.h"
#include "traject/participant_rights.h"
#include "traject/placement.h"
#include "traject/status.h"
#include "traject/trajectory.h"

namespace traject {

struct StoreOptions {
  // Organisation (tenant) to work in. Default "": the only organisation in the database; with
  // none or several, tenant operations fail with InvalidArgument asking for one. A named
  // organisation that does not exist makes Open fail with NotFound, unless
  // create_organisation is set.
  std::string organisation;

  // Create `organisation` when the database does not have it yet: named organisation_name
  // (default: the id), dated on the clock's today. REQUIRES: organisation is not empty.
  // Default false.
  bool create_organisation = false;
  std::string organisation_name;

  // Recorded as the actor of every event written. Default "traject".
  std::string actor = "traject";

  // Programmes to validate trajectories against. Default nullptr: commands that need a
  // programme (trajectory start, milestones, placements) fail with NotFound.
  // REQUIRES: outlives the Store.
  const ProgrammeCatalogue* catalogue = nullptr;

  // Clock for recorded_at, in milliseconds since the Unix epoch. Its local calendar date is
  // "today": facts dated later are refused. Default: the system clock. InvalidArgument from
  // Open when its today, at Open, is outside the years 1900..2199 that dates may have.
  // Called on the thread that calls the store (a store is not shared between threads, but a
  // clock given to several stores is called from each of their threads: make it thread-safe).
  // It need not be monotonic: an organisation's record times never decrease whatever it says.
  // A write that finds the clock behind the organisation's last record time (a corrected
  // system clock, two hosts with skew) is recorded at that last time again, and its "today" is
  // that time's date; AsRecorded(day) is therefore always a prefix of the log.
  std::function<std::int64_t()> clock_ms;

  // Create the database when it does not exist: a SQLite file, or traject's tables in an empty
  // PostgreSQL database. Default true. When false, a missing file, and a database without
  // traject's tables (an empty file, another application's PostgreSQL database), is NotFound
  // (field "location") and nothing is written to it.
  bool create_if_missing = true;

  // How long a write waits for another writer's transaction before failing with Busy.
  // Default 5000 ms; 0 fails at once. InvalidArgument from Open when negative.
  int busy_timeout_ms = 5000;

  // The secret BSNs are hashed with (traject/bsn.h): at least kMinBsnKeyBytes bytes, kept
  // outside the database (ReadBsnKeyFile reads a key file). Default empty: none, and a command
  // or a search that gives a BSN fails with InvalidArgument saying so. InvalidArgument from
  // Open when set but shorter. Use one key for the database's whole life.
  std::string bsn_key;

  // The secret forgets are authenticated with (traject/audit.h): at least kMinAuditKeyBytes
  // bytes, kept outside the database (ReadAuditKeyFile), not the BSN key. Default empty: none;
  // ForgetParticipant then fails with InvalidArgument, and VerifyAuditChain lists forgets as
  // unauthenticated. InvalidArgument from Open when set but shorter; Open refuses a key other
  // than the one the organisation's forgets were made with. Use one key for the database's
  // whole life.
  std::string audit_key;

  // Open at this schema version instead of the newest (for migration tests). Default 0: newest.
  // InvalidArgument from Open when negative or newer than this build knows.
  int schema_version = 0;

  // How many participants' records a write (a WriteBatch, RecordAll, an import) keeps in memory
  // at most, so that commands about a participant it has seen read nothing back. More are
  // written out and dropped, the least recently used first; memory stays bounded by this, not by
  // the size of the batch. Default 4096 (a few MiB). InvalidArgument from Open when below 1.
  std::size_t batch_records = 4096;
};

struct Organisation {
  std::string id{};
  std::string name{};
  Date created{};
};

// What Record appended: the events, in order, with their sequence numbers. The first is the
// command as completed by the store (with the ids it assigned); the others were caused by it.
struct Recorded {
  std::vector<Event> events{};

  // The first event whose payload is a T, or nullptr: e.g. Find<TrajectoryStarted>() for the
  // trajectory id the store assigned.
  template <typename T>
  const T* Find() const {
    for (const Event& event : events) {
      if (const T* payload = std::get_if<T>(&event.payload)) return payload;
    }
    return nullptr;
  }
};

// A placement with the context reports need.
struct PlacementView {
  Placement placement{};
  std::string participant_ref{};
  std::string programme_id{};
  std::string track_id{};
  std::string area{};
  std::vector<TargetGroup> groups{};  // explicit groups
  std::optional<Date> birth{};
  Date trajectory_started{};
  std::vector<MilestoneRecord> milestones{};  // of its trajectory, in the order recorded
};

// A write transaction for many commands whose list is too long to hold in memory (imports).
// Each Record is decided against the state including the batch's earlier commands. Nothing is
// visible to others, and nothing stays, unless Commit succeeds; destroying an uncommitted
// batch rolls it back. REQUIRES: the Store outlives the batch. While a batch is open, every
// other write on its Store (Record, RecordAll, a second BeginBatch, ForgetParticipant,
// CreateOrganisation, RebuildProjections) fails with FailedPrecondition; reads see the batch.
class TRAJECT_EXPORT WriteBatch {
 public:
  virtual ~WriteBatch();
  // As Store::Record. After an error the batch can only be rolled back (destroyed): a Record
  // or Commit after an error, or after Commit, fails with FailedPrecondition.
  virtual Result<Recorded> Record(const Command& command) = 0;
  // Makes everything recorded visible. Busy or Storage on failure: nothing stays then.
  virtual Status Commit() = 0;
};

struct TrajectoryFilter {
  std::string participant_ref{};  // "" = all
  std::string programme_id{};     // "" = all
  std::optional<TrajectoryState> state{};
};

// A location as messages and logs may show it: a postgresql:// URL without its password; a
// file path as is.
TRAJECT_EXPORT std::string RedactedLocation(std::string_view location);

class TRAJECT_EXPORT Store {
 public:
  // Opens (and creates/migrates) the database at `location`.
  // Errors: InvalidArgument for an unsupported location; NotFound when missing and
  // !create_if_missing, or when the named organisation does not exist; Storage when the file
  // cannot be opened, is not a traject database, or has a newer schema; Busy when another
  // process held it past the busy timeout while this one had to migrate it.
  static Result<std::unique_ptr<Store>> Open(std::string_view location, StoreOptions options = {});

  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  virtual ~Store();

  // The newest schema version this build creates and reads.
  static int LatestSchemaVersion();

  // The schema version the database is at.
  virtual int schema_version() const = 0;
  // The organisation this store works in; empty when none could be chosen.
  virtual const std::string& organisation() const = 0;

  // --- Organisations ---------------------------------------------------------------------
  // Creates an organisation and makes it this store's organisation when none was chosen.
  // Conflict when the id exists; InvalidArgument for a malformed id, an empty name or a date
  // that is not a calendar day.
  virtual Status CreateOrganisation(const std::string& id, const std::string& name,
                                    Date created) = 0;
  virtual Result<std::vector<Organisation>> Organisations() = 0;

  // --- Writes ----------------------------------------------------------------------------
  // Validates one command, appends its events and updates projections in one transaction.
  // Errors (each names the field at fault in Status::field() where there is one):
  // InvalidArgument (malformed or illegal: a bad value, a date in the future, an illegal
  // transition), NotFound (an unknown participant, trajectory, programme...), Conflict (a
  // duplicate reference or id), Busy (another writer held the database past busy_timeout_ms;
  // retry), Storage.
  virtual Result<Recorded> Record(const Command& command) = 0;
  // All commands in one transaction: all are recorded, or none. Each is decided against the
  // state the earlier ones made. A failure names the 0-based index of the failing command:
  // "commands[17]: ...".
  virtual Result<Recorded> RecordAll(const std::vector<Command>& commands) = 0;
  // Opens a write batch (one transaction). Busy when another writer holds the database past
  // busy_timeout_ms; FailedPrecondition when a batch is open on this store already.
  virtual Result<std::unique_ptr<WriteBatch>> BeginBatch() = 0;

  // --- Queries ---------------------------------------------------------------------------
  // With contacts, caseworker assignments and corrections.
  virtual Result<Participant> GetParticipant(std::string_view ref) = 0;
  // The participant registered with this BSN (as GetParticipant). InvalidArgument when `bsn`
  // fails the elfproef or no bsn_key is set; NotFound when no participant has it. Neither
  // message repeats the BSN.
  virtual Result<Participant> FindParticipantByBsn(std::string_view bsn) = 0;
  // All participants, ordered by ref. `area` "" = all areas.
  virtual Result<std::vector<Participant>> ListParticipants(std::string_view area = {}) = 0;
  // With milestones, history and corrections.
  virtual Result<Trajectory> GetTrajectory(std::int64_t id) = 0;
  // Ordered by id; without milestones, history and corrections.
  virtual Result<std::vector<Trajectory>> ListTrajectories(const TrajectoryFilter& filter = {}) = 0;
  virtual Result<Placement> GetPlacement(std::int64_t id) = 0;
  // Placements of one trajectory, ordered by id.
  virtual Result<std::vector<Placement>> PlacementsOf(std::int64_t trajectory_id) = 0;
  // Every placement of the organisation with its context, ordered by id.
  virtual Result<std::vector<PlacementView>> ListPlacementViews() = 0;

  // --- Event log -------------------------------------------------------------------------
  // Calls `visit` for every event of this organisation in seq order; stops early (and returns
  // that status) when `visit` returns non-OK. Streams: memory does not grow with the log.
  virtual Status ForEachEvent(const std::function<Status(const Event&)>& visit) = 0;
  virtual Result<std::int64_t> EventCount() = 0;

  // --- The audit chain (traject/audit.h, docs/security.md) --------------------------------
  // The head of this organisation's chain as stored: its last event's seq and link. Write it
  // down outside the database to check the chain against later.
  virtual Result<AuditHead> AuditChainHead() = 0;
  // Checks every event of this organisation against its chain, the chain's end against its
  // stored head, and, when given, that `kept` (a head written down earlier) is on the chain.
  // What it finds is the result (AuditVerification::problems), not an error: OK with problems
  // when the log was tampered with. Storage when the log cannot be read. Both refuse an
  // AsRecorded view (InvalidArgument): its log is a replayed copy, chained anew.
  virtual Result<AuditVerification> VerifyAuditChain(
      const std::optional<AuditHead>& kept = std::nullopt) = 0;

  // --- A participant's rights (traject/participant_rights.h, docs/security.md) --------------
  // Everything stored about the participant `ref`: their record with its history, their
  // trajectories and placements, and every event of their stream. NotFound when there is none.
  virtual Result<ParticipantExport> ExportParticipant(std::string_view ref) = 0;
  // Erases the participant's personal data from the log and the projections, in one write
  // transaction: their reference becomes a random pseudonym (returned, and linked to the old one
  // nowhere), their BSN hash and every free-text note about them are erased, and their
  // events are rewritten so; every other fact stays, so aggregate reports count them as before,
  // and the audit chain still verifies (a participant.forgotten event vouches for the rewrite).
  // Afterwards no command about them is taken. NotFound for an unknown participant;
  // InvalidArgument when forgotten already or on a read-only view; Busy, Storage as Record.
  virtual Result<ForgetSummary> ForgetParticipant(std::string_view ref) = 0;

  // --- The past as recorded ---------------------------------------------------------------
  // A read-only store of this organisation as the database knew it at the end of `day` (on the
  // local calendar, as "today" is): the events recorded by then, and nothing recorded later,
  // replayed into a private temporary database. It is a prefix of the log (seq order), ending
  // before the first event recorded after `day`; in a log written by a traject before record
  // times were kept from decreasing, an event recorded after that one with an earlier time is
  // left out too. Every query and report on it answers as it
  // would have on that day: before later corrections and later entries (a placement entered
  // afterwards with an earlier start is not there). Writes to it fail with InvalidArgument.
  // It is independent of this store once made (either may go first); making it costs one replay
  // of the organisation's log up to `day` (docs/reports.md, "Two kinds of past").
  // InvalidArgument for a date that is not a calendar day; Storage when the log cannot be read.
  virtual Result<std::unique_ptr<Store>> AsRecorded(Date day) = 0;

  // --- Projections -----------------------------------------------------------------------
  // Clears this organisation's rows of every projection table and replays its log into them,
  // in one transaction; other organisations' rows are not touched (opening a database whose
  // migration asks for a replay rebuilds every organisation's). Writers of every organisation
  // wait while it runs. InvalidArgument without an organisation or on an AsRecorded view.
  virtual Status RebuildProjections() = 0;
  // A canonical text dump of this organisation's rows of every projection table, ordered by
  // key: two databases with the same projections for it give the same text. InvalidArgument
  // without an organisation.
  virtual Result<std::string> DumpProjections() = 0;

 protected:
  Store() = default;
};

}  // namespace traject

#endif  // TRAJECT_STORE_H_

// BackupDatabase, VerifyArchive and RestoreDatabase (traject/backup.h) over the archive records
// of storage/archive.h.
#include "traject/backup.h"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "model/decide.h"
#include "storage/archive.h"
#include "storage/archive_cipher.h"
#include "storage/audit_chain.h"
#include "storage/audit_digest.h"
#include "storage/dialect.h"
#include "storage/errors.h"
#include "storage/event_log.h"
#include "storage/forgotten_refs.h"
#include "storage/key_fingerprints.h"
#include "storage/rebuild.h"
#include "storage/schema.h"
#include "storage/sqlite_file.h"
#include "storage/statements.h"
#include "storage/transaction.h"
#include "traject/store.h"
#include "traject/version.h"
#include "util/private_file.h"

namespace traject {

Result<ArchiveFormat> ParseArchiveFormat(std::string_view text) {
  if (text == "json") return ArchiveFormat::kJson;
  if (text == "binary") return ArchiveFormat::kPortableBinary;
  return Status::InvalidArgument("archive format: json or binary").WithField("format");
}

std::string_view ToString(ArchiveFormat format) {
  return format == ArchiveFormat::kJson ? "json" : "binary";
}

namespace storage {
namespace {

constexpr std::size_t kChunk = 4096;  // events per archive record
constexpr int kBusyTimeoutMs = 5000;  // as StoreOptions' default

std::int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Writes every record of the database at `sql` to `writer`.
void WriteContent(soci::session& session, ArchiveWriter& writer, ArchiveSummary& summary) {
  Statements sql(session);
  std::set<std::string> organisations;
  for (std::int64_t after = 0;;) {
    std::vector<EventRow> rows =
        EventRowsAfter(sql, after, kChunk, ChainFormatOf(summary.schema_version));
    if (rows.empty()) break;
    for (const EventRow& row : rows) organisations.insert(row.org);
    after = rows.back().seq;
    summary.events += static_cast<std::int64_t>(rows.size());
    writer.Events(rows);
  }
  std::vector<HeadRow> heads;
  Statement& h = sql.Get("SELECT org, seq, link FROM audit_heads ORDER BY org", "tit");
  h.Run();
  while (h.Next()) heads.push_back({h.Text(0), h.Int(1), h.Text(2)});
  writer.Heads(heads);
  std::vector<RewriteRow> rewrites;
  Statement& r = sql.Get(
      "SELECT org, seq, digest, rewritten_digest, rewritten_by FROM audit_rewrites ORDER BY org, "
      "seq",
      "titti");
  r.Run();
  while (r.Next()) rewrites.push_back({r.Text(0), r.Int(1), r.Text(2), r.Text(3), r.Int(4)});
  writer.Rewrites(rewrites);
  writer.Forgotten(ForgottenRows(sql));
  std::vector<FingerprintRow> fingerprints;
  Statement& k = sql.Get(
      "SELECT org, purpose, fingerprint FROM key_fingerprints ORDER BY org, purpose", "ttt");
  k.Run();
  while (k.Next()) fingerprints.push_back({k.Text(0), k.Text(1), k.Text(2)});
  writer.Fingerprints(fingerprints);
  summary.organisations.assign(organisations.begin(), organisations.end());
}

// Reads the whole archive at `path`, giving each record to `use` (when set); decrypts it under
// `key` when it is encrypted (refused without a key, and a key for a plain archive).
Result<ArchiveSummary> ReadArchive(const std::string& path, std::string_view key,
                                   const std::function<void(const ArchiveRecord&)>& use) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Status::NotFound(fmt::format("{}: no such archive", path));
  const bool encrypted = IsEncryptedArchive(file);
  if (encrypted && key.empty()) {
    return Status::InvalidArgument(
               fmt::format("{}: an encrypted archive: give the backup key it was made with", path))
        .WithField("encryption_key");
  }
  if (!encrypted && !key.empty()) {
    return Status::InvalidArgument(fmt::format(
        "{}: not an encrypted archive, but a backup key was given: leave the key out to read a "
        "plain archive",
        path));
  }
  std::optional<ArchiveKey> archive_key;
  std::unique_ptr<DecryptingBuffer> decrypted;
  std::unique_ptr<std::istream> plain;
  if (encrypted) {
    Result<ArchiveKey> derived = ArchiveKey::Derive(key);
    if (!derived.ok()) return derived.status().WithContext(path);
    archive_key.emplace(std::move(derived).value());
    decrypted = std::make_unique<DecryptingBuffer>(file, *archive_key);
    plain = std::make_unique<std::istream>(decrypted.get());
  }
  std::istream& in = encrypted ? *plain : file;
  // A failure to decrypt ends the plaintext early; it, not what the reader made of the end, is
  // what is wrong.
  const auto fail = [&](const Status& status) {
    if (decrypted && !decrypted->status().ok()) return decrypted->status().WithContext(path);
    return status.WithContext(path);
  };
  Result<std::unique_ptr<ArchiveReader>> reader = ArchiveReader::Open(in);
  if (!reader.ok()) return fail(reader.status());
  ArchiveRecord record;
  for (;;) {
    Result<bool> more = (*reader)->Next(record);
    if (!more.ok()) return fail(more.status());
    if (!*more) break;
    if (use) use(record);
  }
  if (decrypted) {
    if (Status s = decrypted->Finish(); !s.ok()) return s.WithContext(path);
  }
  ArchiveSummary summary = (*reader)->summary();
  summary.encrypted = encrypted;
  if (summary.schema_version > LatestSchemaVersion()) {
    return Status::InvalidArgument(fmt::format(
        "{}: made from a database at schema version {}, newer than this traject's {}; upgrade "
        "traject to restore it",
        path, summary.schema_version, LatestSchemaVersion()));
  }
  return summary;
}

// A new empty file mode 600 beside `target`, ".NAME.restoring-XXXXXXXX", made with O_EXCL: its
// -wal, -shm and -journal are this restore's alone too.
Result<std::string> NewScratchFile(const std::string& target) {
  const std::filesystem::path path(target);
  std::random_device random;
  for (int attempt = 0; attempt < 16; ++attempt) {
    const std::string name =
        (path.parent_path() / fmt::format(".{}.restoring-{:08x}", path.filename().string(),
                                          static_cast<std::uint32_t>(random())))
            .string();
    Result<bool> created = files::CreateEmptyPrivateFile(name);
    if (!created.ok()) return created.status();
    if (*created) return name;
  }
  return Status::Storage("cannot make a file of its own beside the target to restore into");
}

// Refuses a target that holds anything: a restore makes a new database.
Status RequireEmpty(soci::session& sql, const Dialect& dialect, const std::string& display) {
  Result<int> version = ReadSchemaVersion(sql, dialect);
  if (!version.ok()) return version.status().WithContext(display);
  if (*version > 0) {
    return Status::InvalidArgument(
        fmt::format("{} holds a traject database already; restore into a new one", display));
  }
  return Status::OK();
}

void WriteRecord(Statements& sql, const Dialect& dialect, int schema_version,
                 const ArchiveRecord& record) {
  switch (record.kind) {
    case ArchiveRecord::Kind::kEvents:
      InsertEventRows(sql, dialect, record.events, ChainFormatOf(schema_version));
      break;
    case ArchiveRecord::Kind::kForgotten:
      for (const ForgottenRow& row : record.forgotten) RememberForgotten(sql, row);
      break;
    case ArchiveRecord::Kind::kFingerprints: {
      Statement& insert = sql.Get(
          "INSERT INTO key_fingerprints (org, purpose, fingerprint) VALUES (:org, :purpose, :f)");
      for (const FingerprintRow& r : record.fingerprints) {
        insert.Run(r.org, r.purpose, r.fingerprint);
      }
      break;
    }
    case ArchiveRecord::Kind::kHeads: {
      Statement& insert =
          sql.Get("INSERT INTO audit_heads (org, seq, link) VALUES (:org, :seq, :link)");
      for (const HeadRow& h : record.heads) insert.Run(h.org, h.seq, h.link);
      break;
    }
    case ArchiveRecord::Kind::kRewrites: {
      Statement& insert = sql.Get(
          "INSERT INTO audit_rewrites (org, seq, digest, rewritten_digest, rewritten_by) VALUES "
          "(:org, :seq, :digest, :rewritten, :by)");
      for (const RewriteRow& r : record.rewrites) {
        insert.Run(r.org, r.seq, r.digest, r.rewritten_digest, r.rewritten_by);
      }
      break;
    }
  }
}

// The forgotten lists of later archives, merged: (organisation, ref_mac) to the latest forget.
using ForgottenList = std::map<std::pair<std::string, std::string>, std::int64_t>;

void Merge(ForgottenList& list, const std::vector<ForgottenRow>& rows) {
  for (const ForgottenRow& row : rows) {
    std::int64_t& at = list[{row.org, row.ref_mac}];
    at = std::max(at, row.forgotten_at);
  }
}

// What restore needs of an archive besides its events: its forgotten list and fingerprints.
struct ArchiveLists {
  ForgottenList forgotten;
  std::vector<FingerprintRow> fingerprints;
};

void Collect(ArchiveLists& lists, const ArchiveRecord& record) {
  if (record.kind == ArchiveRecord::Kind::kForgotten) Merge(lists.forgotten, record.forgotten);
  if (record.kind == ArchiveRecord::Kind::kFingerprints) {
    lists.fingerprints.insert(lists.fingerprints.end(), record.fingerprints.begin(),
                              record.fingerprints.end());
  }
}

// Refuses an audit key that is not the one an archive's organisations forgot with.
Status CheckAuditKey(const std::vector<FingerprintRow>& fingerprints, std::string_view key) {
  for (const FingerprintRow& row : fingerprints) {
    if (row.purpose == kAuditKeyPurpose && row.fingerprint != KeyFingerprint(key, row.purpose)) {
      return Status::InvalidArgument(fmt::format(
          "the audit key given is not the one organisation '{}' forgot participants with",
          row.org));
    }
  }
  return Status::OK();
}

// Forgets again, in the restored database at `location`, each participant `later` names who was
// registered before that forget, and adds `later` to its forgotten list. Returns how many.
Result<std::int64_t> ForgetAgain(const std::string& location, const ForgottenList& later,
                                 const RestoreOptions& options) {
  Result<Location> parsed = ParseLocation(location);
  if (!parsed.ok()) return parsed.status();
  const Dialect dialect{parsed->backend};
  std::map<std::string, std::vector<std::string>> due;  // organisation to references
  {
    std::unique_ptr<soci::session> session = Connect(*parsed, dialect, kBusyTimeoutMs);
    Statements sql(*session);
    WriteTransaction transaction(*session, dialect, kSchemaScope);
    Statement& registered = sql.Get(
        "SELECT org, stream, recorded_at FROM events WHERE kind = 'participant.registered' ORDER "
        "BY seq",
        "tti");
    registered.Run();
    while (registered.Next()) {
      const std::optional<std::string> ref = model::ParticipantOfStream(registered.Text(1));
      if (!ref) continue;
      const std::string org = registered.Text(0);
      const auto forgotten = later.find({org, ForgottenRefMac(options.audit_key, org, *ref)});
      // At or before: a forget and the registration it undid can share a millisecond.
      if (forgotten != later.end() && registered.Int(2) <= forgotten->second) {
        due[org].push_back(*ref);
      }
    }
    for (const auto& [key, at] : later)
      RememberForgotten(sql, ForgottenRow{key.first, key.second, at});
    transaction.Commit();
  }
  std::int64_t count = 0;
  for (const auto& [org, refs] : due) {
    StoreOptions store_options;
    store_options.organisation = org;
    store_options.create_if_missing = false;
    store_options.audit_key = options.audit_key;
    store_options.actor = options.actor;
    Result<std::unique_ptr<Store>> store = Store::Open(location, store_options);
    if (!store.ok()) return store.status();
    for (const std::string& ref : refs) {
      Result<ForgetSummary> done = (*store)->ForgetParticipant(ref);
      if (!done.ok()) return done.status().WithContext("forgetting again");
      ++count;
    }
  }
  return count;
}

}  // namespace
}  // namespace storage

using storage::kBusyTimeoutMs;

Result<ArchiveSummary> BackupDatabase(std::string_view location, const std::string& path,
                                      const BackupOptions& options) {
  using namespace storage;
  Result<Location> parsed = ParseLocation(location);
  if (!parsed.ok()) return parsed.status();
  if (parsed->IsFile()) {
    if (Status s = PrepareSqliteFile(parsed->path, parsed->display, /*create=*/false); !s.ok()) {
      return s;
    }
  }
  if (path.empty()) return Status::InvalidArgument("the archive's file name is empty");
  std::optional<ArchiveKey> key;
  if (!options.encryption_key.empty()) {
    Result<ArchiveKey> derived = ArchiveKey::Derive(options.encryption_key);
    if (!derived.ok()) return derived.status();
    key.emplace(std::move(derived).value());
  }
  const Dialect dialect{parsed->backend};
  ArchiveSummary summary;
  summary.format = options.format;
  summary.encrypted = key.has_value();
  summary.version = kArchiveVersion;
  summary.created_ms = NowMs();
  summary.traject_version = TRAJECT_VERSION_STRING;
  // Written under a temporary name beside `path` and linked into place when complete: a failed
  // backup leaves no file, and an existing one is never overwritten.
  Result<std::unique_ptr<files::PrivateFile>> file =
      files::PrivateFile::Create(path, ExistingFile::kRefuse);
  if (!file.ok()) return file.status();
  try {
    std::unique_ptr<soci::session> sql = Connect(*parsed, dialect, kBusyTimeoutMs);
    Result<int> version = ReadSchemaVersion(*sql, dialect);
    if (!version.ok()) return version.status().WithContext(parsed->display);
    if (*version == 0) {
      return Status::NotFound(fmt::format("no traject database at '{}'", parsed->display));
    }
    if (*version != LatestSchemaVersion()) {
      return Status::Storage(fmt::format(
          "'{}' is at schema version {}, this traject writes {}: open it once with this traject "
          "(any command) to migrate it, then back it up",
          parsed->display, *version, LatestSchemaVersion()));
    }
    summary.schema_version = *version;
    if (WithRowSecurityOf(*sql, dialect).row_security) {
      // Row-level security would hide the other organisations' rows: a backup of part of the
      // database that says it is the whole.
      return Status::InvalidArgument(fmt::format(
          "backing up '{}': row-level security applies to this role, which sees its own "
          "organisation's rows only; a backup is of the whole database: connect as the tables' "
          "owner",
          parsed->display));
    }
    *sql << dialect.BeginSnapshot();  // one consistent read for the backup's life
    std::optional<EncryptingBuffer> encrypting;
    std::optional<std::ostream> encrypted;
    if (key) {
      encrypting.emplace((*file)->out(), *key);
      encrypted.emplace(&*encrypting);
    }
    ArchiveWriter writer(key ? *encrypted : (*file)->out(), summary);
    WriteContent(*sql, writer, summary);
    summary.checksum = writer.Finish();
    if (encrypting) {
      encrypted->flush();
      if (Status s = encrypting->Finish(); !s.ok()) return s.WithContext(path);
    }
    *sql << "COMMIT";
    if (Status s = (*file)->Commit(); !s.ok()) return s;
    return summary;
  } catch (const std::exception& e) {
    return StorageError(e, fmt::format("backing up '{}'", parsed->display));
  }
}

Result<ArchiveSummary> VerifyArchive(const std::string& path, std::string_view encryption_key) {
  return storage::ReadArchive(path, encryption_key, nullptr);
}

Result<ArchiveSummary> RestoreDatabase(const std::string& path, std::string_view location,
                                       const RestoreOptions& options) {
  using namespace storage;
  // Checked whole first, so a bad archive writes nothing; so are the later archives, and whether
  // the key their forgets need is given.
  ArchiveLists own;
  Result<ArchiveSummary> verified = ReadArchive(
      path, options.encryption_key, [&](const ArchiveRecord& record) { Collect(own, record); });
  if (!verified.ok()) return verified;
  ForgottenList later;
  std::vector<FingerprintRow> fingerprints = own.fingerprints;
  for (const std::string& file : options.forgotten_from) {
    ArchiveLists lists;
    Result<ArchiveSummary> read = ReadArchive(
        file, options.encryption_key, [&](const ArchiveRecord& record) { Collect(lists, record); });
    if (!read.ok()) return read.status().WithContext("--forgotten-from");
    for (const auto& [key, at] : lists.forgotten) {
      const auto known = own.forgotten.find(key);
      if (known == own.forgotten.end() || known->second < at) {
        std::int64_t& merged = later[key];
        merged = std::max(merged, at);
      }
    }
    fingerprints.insert(fingerprints.end(), lists.fingerprints.begin(), lists.fingerprints.end());
  }
  if (!later.empty()) {
    std::set<std::string> organisations;
    for (const auto& [key, at] : later) organisations.insert(key.first);
    if (options.audit_key.empty()) {
      return Status::InvalidArgument(fmt::format(
          "{} participants of {} were forgotten after this archive was made; restore would "
          "bring them back: give the audit key (--audit-key-file) so that restore forgets them "
          "again",
          later.size(), fmt::join(organisations, ", ")));
    }
    if (Status s = CheckAuditKey(fingerprints, options.audit_key); !s.ok()) return s;
  }
  Result<Location> parsed = ParseLocation(location);
  if (!parsed.ok()) return parsed.status();
  const Dialect dialect{parsed->backend};
  // SQLite: made beside the target and renamed into place once complete.
  Location work = *parsed;
  if (parsed->IsFile()) {
    if (std::filesystem::exists(parsed->path)) {
      return Status::InvalidArgument(fmt::format(
          "{} exists; a restore makes a new database (give a new file)", parsed->display));
    }
    const std::filesystem::path parent = std::filesystem::path(parsed->path).parent_path();
    if (!parent.empty() && !std::filesystem::is_directory(parent)) {
      return Status::InvalidArgument(
          fmt::format("{}: no directory {} to create it in", parsed->display, parent.string()));
    }
    // A name of this restore's own beside the target, made anew (never a file that was there,
    // which may be someone's, nor another restore's into the same target).
    Result<std::string> scratch = NewScratchFile(parsed->path);
    if (!scratch.ok()) return scratch.status().WithContext(parsed->display);
    work.path = std::move(scratch).value();
    if (Status s = PrepareSqliteFile(work.path, parsed->display, /*create=*/true); !s.ok()) {
      std::error_code ignored;
      std::filesystem::remove(work.path, ignored);
      return s;
    }
  }
  const auto clean_up = [&] {
    if (!parsed->IsFile()) return;
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::filesystem::remove(work.path + suffix, ignored);
    }
  };
  try {
    {
      std::unique_ptr<soci::session> sql = Connect(work, dialect, kBusyTimeoutMs);
      if (Status s = RequireEmpty(*sql, dialect, parsed->display); !s.ok()) {
        sql.reset();
        clean_up();
        return s;
      }
      bool needs_replay = false;
      if (Status s = Migrate(*sql, dialect, verified->schema_version, &needs_replay); !s.ok()) {
        clean_up();
        return s.WithContext(parsed->display);
      }
      Statements statements(*sql);
      WriteTransaction transaction(*sql, dialect, kSchemaScope);
      Result<ArchiveSummary> read =
          ReadArchive(path, options.encryption_key, [&](const ArchiveRecord& record) {
            WriteRecord(statements, dialect, verified->schema_version, record);
          });
      if (!read.ok()) {
        clean_up();
        return read;  // changed since it was verified
      }
      // New events take seqs after the restored ones.
      for (const std::string& statement : dialect.AfterInsertingSeqs()) *sql << statement;
      transaction.Commit();
    }
    if (Status s = RebuildAllProjections(parsed->IsFile() ? work.path : std::string(location));
        !s.ok()) {
      clean_up();
      return s;
    }
    if (!later.empty()) {
      Result<std::int64_t> again =
          ForgetAgain(parsed->IsFile() ? work.path : std::string(location), later, options);
      if (!again.ok()) {
        clean_up();
        return again.status();
      }
      verified->forgotten_again = *again;
    }
    if (parsed->IsFile()) {
      if (::link(work.path.c_str(), parsed->path.c_str()) != 0) {
        const int error = errno;
        clean_up();
        return Status::InvalidArgument(
            fmt::format("{}: cannot create it ({})", parsed->display, std::strerror(error)));
      }
      clean_up();
    }
    return verified;
  } catch (const std::exception& e) {
    clean_up();
    return StorageError(e, fmt::format("restoring into '{}'", parsed->display));
  }
}

}  // namespace traject

// `traject backup FILE` and `traject restore FILE`: a whole database in a versioned, checksummed
// archive (traject/backup.h, docs/security.md "Backup and restore").
#include <fmt/format.h>

#include <chrono>

#include "commands.h"
#include "traject/backup.h"

namespace traject::cli {
namespace {

void PrintSummary(Context& context, const ArchiveSummary& s, const std::string& file,
                  const std::string& what) {
  if (context.format() == Format::kJson) {
    Json json;
    auto& w = json.w();
    w.StartObject();
    json.Field("file", file);
    json.Field("format", std::string(ToString(s.format)));
    json.Field("encrypted", s.encrypted);
    json.Field("version", static_cast<std::int64_t>(s.version));
    json.Field("schema_version", s.schema_version);
    json.Field("created", FormatDate(DateOfUnixMs(s.created_ms)));
    json.Field("traject_version", s.traject_version);
    json.Key("organisations");
    w.StartArray();
    for (const std::string& org : s.organisations) json.String(org);
    w.EndArray();
    json.Field("events", s.events);
    json.Field("checksum", s.checksum);
    json.Field("forgotten_again", s.forgotten_again);
    w.EndObject();
    json.Print(context.out());
    return;
  }
  context.out() << fmt::format(
      "{} {}: {}{} archive version {} of schema {}, made {} by traject {}; {} events of {}; "
      "checksum {}\n",
      what, file, s.encrypted ? "encrypted " : "", ToString(s.format), s.version, s.schema_version,
      FormatDate(DateOfUnixMs(s.created_ms)), s.traject_version, s.events,
      s.organisations.empty() ? std::string("no organisation")
                              : fmt::format("{}", fmt::join(s.organisations, ", ")),
      s.checksum);
}

struct BackupCommand {
  std::string file, format = "json", key_file;
};

// The library names a missing backup key by its field; the command line names the option.
Status WithKeyFileHint(const Status& status) {
  if (status.ok() || status.field() != "encryption_key" ||
      status.code() != Status::Code::kInvalidArgument) {
    return status;
  }
  return Status::InvalidArgument(status.message() + " (--key-file)").WithField(status.field());
}

// The backup key of --key-file, or none when it is left out.
Result<std::string> BackupKey(const std::string& key_file) {
  if (key_file.empty()) return std::string();
  return ReadBackupKeyFile(key_file);
}

// Backup and restore work on a database as stored, every organisation: a view of it does not
// apply, and is refused rather than ignored.
Status RefuseAsRecorded(const Context& context, const char* command) {
  if (context.options.as_recorded.empty()) return Status::OK();
  return Status::InvalidArgument(
      fmt::format("{} works on the whole database as stored; leave --as-recorded out", command));
}

Status RunBackup(Context& context, const BackupCommand& o) {
  if (Status s = context.RefuseCsv("backup"); !s.ok()) return s;
  if (Status s = RefuseAsRecorded(context, "backup"); !s.ok()) return s;
  Result<ArchiveFormat> format = ParseArchiveFormat(o.format);
  if (!format.ok()) return format.status().WithContext("--format");
  BackupOptions options;
  options.format = *format;
  Result<std::string> key = BackupKey(o.key_file);
  if (!key.ok()) return key.status().WithContext("--key-file");
  options.encryption_key = std::move(key).value();
  Result<ArchiveSummary> done = BackupDatabase(context.DatabaseLocation(), o.file, options);
  if (!done.ok()) return WithKeyFileHint(done.status());
  PrintSummary(context, *done, o.file, "Backed up to");
  return Status::OK();
}

struct RestoreCommand {
  std::string file, key_file;
  bool check = false;
  std::vector<std::string> forgotten_from;
};

Status RunRestore(Context& context, const RestoreCommand& o) {
  if (Status s = context.RefuseCsv("restore"); !s.ok()) return s;
  if (Status s = RefuseAsRecorded(context, "restore"); !s.ok()) return s;
  Result<std::string> backup_key = BackupKey(o.key_file);
  if (!backup_key.ok()) return backup_key.status().WithContext("--key-file");
  if (o.check) {
    Result<ArchiveSummary> verified = VerifyArchive(o.file, *backup_key);
    if (!verified.ok()) return WithKeyFileHint(verified.status());
    PrintSummary(context, *verified, o.file, "Archive whole and unchanged:");
    return Status::OK();
  }
  RestoreOptions options;
  options.forgotten_from = o.forgotten_from;
  options.encryption_key = std::move(backup_key).value();
  Result<std::string> key = context.AuditKey();
  if (!key.ok()) return key.status();
  options.audit_key = std::move(key).value();
  if (!context.options.actor.empty()) options.actor = context.options.actor;
  Result<ArchiveSummary> done = RestoreDatabase(o.file, context.DatabaseLocation(), options);
  if (!done.ok()) return WithKeyFileHint(done.status());
  PrintSummary(context, *done, o.file,
               fmt::format("Restored into {} from", RedactedLocation(context.DatabaseLocation())));
  if (done->forgotten_again > 0 && context.format() != Format::kJson) {
    context.out() << fmt::format(
        "Forgot again {} participants forgotten after the archive was made (--forgotten-from)\n",
        done->forgotten_again);
  }
  if (o.forgotten_from.empty()) {
    // Loud: the AVG's right to erasure does not end with a restore.
    context.err() << fmt::format(
        "warning: participants forgotten after {} (when this archive was made) are back in the "
        "restored database; restore again with --forgotten-from NEWER_ARCHIVE (the latest "
        "backup) and --audit-key-file to forget them again\n",
        FormatDate(DateOfUnixMs(done->created_ms)));
  }
  return Status::OK();
}

}  // namespace

void AddBackupCommands(CLI::App& app, Context& context) {
  auto backup_options = std::make_shared<BackupCommand>();
  CLI::App* backup = app.add_subcommand(
      "backup",
      "Write the whole database (every organisation) to a versioned, checksummed archive");
  backup->add_option("file", backup_options->file, "Archive to write (never overwritten)")
      ->required();
  backup->add_option("--format", backup_options->format,
                     "json (one record per line, the default) or binary (cereal's portable "
                     "binary: smaller)");
  backup->add_option("--key-file", backup_options->key_file,
                     "Encrypt and authenticate the archive with the backup key in this file (>= 32 "
                     "bytes, mode 600; make one with `traject keygen FILE`): restore needs it");
  backup->footer(
      "The archive holds the event log as stored, with its audit chain; it is created readable\n"
      "by you only. It holds personal data: keep it as you keep the database, or encrypt it with\n"
      "--key-file (libsodium's XChaCha20-Poly1305; keep the key apart from the archives).\n"
      "Examples:\n  traject --db amsterdam.db backup amsterdam-2026-12-03.traject\n"
      "  traject keygen ~/.traject/backup.key\n"
      "  traject --db amsterdam.db backup --key-file ~/.traject/backup.key "
      "amsterdam-2026-12-03.traject.enc");
  OnRun(backup, context, backup_options, &RunBackup);

  auto restore_options = std::make_shared<RestoreCommand>();
  CLI::App* restore = app.add_subcommand(
      "restore",
      "Restore an archive into a new database (--db: a new SQLite file, or an empty "
      "PostgreSQL database)");
  restore->add_option("file", restore_options->file, "Archive to restore")->required();
  restore->add_flag("--check", restore_options->check,
                    "Only check the archive (whole, unchanged, readable by this traject); "
                    "write nothing");
  restore->add_option("--key-file", restore_options->key_file,
                      "The backup key an encrypted archive was made with (also reads the "
                      "--forgotten-from archives); a wrong key or a changed byte writes nothing");
  restore->add_option("--forgotten-from", restore_options->forgotten_from,
                      "A backup made after FILE (repeatable; the latest one is enough): the "
                      "participants forgotten since are forgotten again (needs --audit-key-file)");
  restore->footer(
      "An archive from a newer traject, a truncated one or one whose checksum fails is refused\n"
      "before anything is written. The reports and `audit verify` answer as on the original.\n"
      "A backup made before a participant was forgotten brings them back: give the latest backup\n"
      "as --forgotten-from to forget them again (it names them only by a keyed hash).\n"
      "Example:\n  traject --db restored.db --audit-key-file ~/.traject/audit.key restore \\\n"
      "    amsterdam-2026-11-01.traject --forgotten-from amsterdam-2026-12-03.traject");
  OnRun(restore, context, restore_options, &RunRestore);
}

}  // namespace traject::cli

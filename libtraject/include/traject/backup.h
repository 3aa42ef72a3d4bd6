// Backup and restore of a whole database (docs/security.md "Backup and restore", docs/storage.md
// "Backup archives").
//
// An archive holds the event log of every organisation as stored — each row with its audit
// link — and the audit chain's heads and rewrites, so that a restored database has the same log
// byte for byte, an audit chain that verifies (also against a head kept before the backup), and,
// rebuilt from that log, the same projections and reports. Two encodings of one content, both
// written with cereal: JSON (one record per line, readable by other tools) and cereal's portable
// binary (smaller; portable across byte orders). A SHA-256 over the content, in the last record,
// says whether an archive is whole and unchanged; the encoding does not change it.
//
// Backups are of a whole database, every organisation: the work of whoever runs the database,
// not of one organisation's store. An archive holds personal data: keep it as the database, or
// encrypt it (BackupOptions::encryption_key): then it is encrypted and authenticated as a whole
// with libsodium's secretstream (XChaCha20-Poly1305), and reading it needs the key.
#ifndef TRAJECT_BACKUP_H_
#define TRAJECT_BACKUP_H_

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "traject/export.h"
#include "traject/status.h"

namespace traject {

enum class ArchiveFormat { kJson, kPortableBinary };

// "json", "binary"; InvalidArgument for anything else.
TRAJECT_EXPORT Result<ArchiveFormat> ParseArchiveFormat(std::string_view text);
TRAJECT_EXPORT std::string_view ToString(ArchiveFormat format);

// The archive version this build writes, and the newest it reads.
inline constexpr std::uint32_t kArchiveVersion = 2;

// The fewest bytes a backup key holds: a secret of full entropy, such as `traject keygen` writes
// (WriteNewKeyFile, traject/key_file.h).
inline constexpr std::size_t kMinBackupKeyBytes = 32;

// Reads a backup key from `file`, refused as the BSN key's is (traject/bsn.h: owned by the user,
// mode 600, in a directory others cannot write): NotFound or InvalidArgument naming the file,
// never its content.
TRAJECT_EXPORT Result<std::string> ReadBackupKeyFile(const std::filesystem::path& file);

struct BackupOptions {
  ArchiveFormat format = ArchiveFormat::kJson;
  // Empty: a plain archive. Otherwise the archive is encrypted and authenticated under a key
  // derived from these bytes (at least kMinBackupKeyBytes; keep them apart from the archive):
  // without them nothing of it can be read, and a changed byte is found.
  std::string encryption_key{};
};

struct ArchiveSummary {
  ArchiveFormat format = ArchiveFormat::kJson;
  bool encrypted = false;                    // read or written under an encryption key
  std::uint32_t version = 0;                 // the archive's format version
  int schema_version = 0;                    // of the database it was made from
  std::int64_t created_ms = 0;               // when (ms since the Unix epoch)
  std::string traject_version{};             // of the traject that made it
  std::vector<std::string> organisations{};  // whose events it holds, sorted
  std::int64_t events = 0;
  std::string checksum{};  // hex SHA-256 over the content
  // Restore only: participants forgotten again because a later archive's list names them
  // (RestoreOptions::forgotten_from).
  std::int64_t forgotten_again = 0;
};

struct RestoreOptions {
  // Archives made after the one restored. Every participant forgotten in one of them (their
  // lists of forgotten participants, which name nobody without the audit key: a keyed hash of
  // each reference) and registered before that forget is forgotten again in the restored
  // database, and the lists are merged into it, so that the next backup carries them on.
  std::vector<std::string> forgotten_from{};
  // The audit key (traject/audit.h). Needed when a list names anyone the restored archive does
  // not already list as forgotten.
  std::string audit_key{};
  std::string actor = "traject";  // of the forget events written
  // The backup key, for an encrypted archive (also those of forgotten_from: each is read with
  // it). Refused when given for an archive that is not encrypted.
  std::string encryption_key{};
};

// Writes an archive of the database at `location` to a new file `path` (mode 600; written
// beside it and renamed into place when complete, so a failed backup leaves no file), from one
// consistent snapshot: writers may go on meanwhile. The database is only read. InvalidArgument
// when `path` exists; NotFound for no database; Storage when it cannot be read or is at an older
// schema than this build (open it with this traject once to migrate it); InvalidArgument for an
// encryption key shorter than kMinBackupKeyBytes.
TRAJECT_EXPORT Result<ArchiveSummary> BackupDatabase(std::string_view location,
                                                     const std::string& path,
                                                     const BackupOptions& options);
inline Result<ArchiveSummary> BackupDatabase(std::string_view location, const std::string& path,
                                             ArchiveFormat format) {
  BackupOptions options;
  options.format = format;
  return BackupDatabase(location, path, options);
}

// Reads a whole archive and checks it: its header, every record, the counts and the checksum.
// InvalidArgument naming what is wrong and where (line or record): not an archive, a newer
// archive version or schema than this build reads, truncated, a checksum that fails. An
// encrypted archive needs its `encryption_key`: InvalidArgument without one, for another key
// (told apart from a damaged archive by the key's id in the archive), or for any changed, cut
// or added byte (naming the encrypted chunk); a key given for a plain archive is refused too.
TRAJECT_EXPORT Result<ArchiveSummary> VerifyArchive(const std::string& path,
                                                    std::string_view encryption_key = {});

// Restores the archive at `path` into a new database at `location`: a SQLite file that does not
// exist yet, or an empty PostgreSQL database. The archive is verified (VerifyArchive) before
// anything is written; the log is then written as stored and the projections rebuilt from it.
// On SQLite the file appears only when the restore is complete. InvalidArgument for a bad
// archive or a target that holds data; Storage when writing fails (on PostgreSQL the target may
// then hold the tables made so far: drop the database before trying again).
//
// A backup made before a participant was forgotten brings them back: give the backups made
// since as RestoreOptions::forgotten_from to forget them again. InvalidArgument, before
// anything is written, when one of those is not a whole archive, or names participants
// forgotten since and no audit key is given (or not the one they were forgotten with).
// An encrypted archive is verified whole, with RestoreOptions::encryption_key, before anything is
// written; a wrong key or a changed byte writes nothing.
TRAJECT_EXPORT Result<ArchiveSummary> RestoreDatabase(const std::string& path,
                                                      std::string_view location,
                                                      const RestoreOptions& options = {});

}  // namespace traject

#endif  // TRAJECT_BACKUP_H_

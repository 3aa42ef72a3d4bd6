// The records of a backup archive (traject/backup.h), in either encoding.
//
// An archive is a header, then any number of event chunks (rows of every organisation in seq
// order), then the audit chain's heads and rewrites, from version 2 the forgotten references
// and key fingerprints, then a trailer with the counts and a SHA-256 over the content (the
// header's fields, each row's columns, each head, rewrite, forgotten reference and fingerprint,
// in that order, in the length-prefixed encoding of util/digest.h), whatever the encoding:
//   JSON: one cereal JSON object per line; the first is the header
//         {"record": "header", "format": "traject-backup", "version": 1, ...}.
//   binary: the line "TRAJECT-BACKUP-BINARY\n", then one cereal portable-binary archive of the
//         same records, each its record name followed by its fields.
// Version 2 (schema kSaltedChainSchema on): an events record also holds each row's salt
// ("salts", in the order of "rows").
#ifndef TRAJECT_STORAGE_ARCHIVE_H_
#define TRAJECT_STORAGE_ARCHIVE_H_

#include <cstdint>
#include <istream>
#include <memory>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "storage/audit_chain.h"
#include "storage/forgotten_refs.h"
#include "traject/backup.h"
#include "util/digest.h"

namespace traject::storage {

struct HeadRow {
  std::string org;
  std::int64_t seq = 0;
  std::string link;
};

struct RewriteRow {
  std::string org;
  std::int64_t seq = 0;
  std::string digest;
  std::string rewritten_digest;
  std::int64_t rewritten_by = 0;
};

struct FingerprintRow {
  std::string org;
  std::string purpose;
  std::string fingerprint;
};

// One record read: the chunk of events, or the heads, the rewrites, the forgotten references or
// the key fingerprints.
struct ArchiveRecord {
  enum class Kind { kEvents, kHeads, kRewrites, kForgotten, kFingerprints } kind = Kind::kEvents;
  std::vector<EventRow> events;
  std::vector<HeadRow> heads;
  std::vector<RewriteRow> rewrites;
  std::vector<ForgottenRow> forgotten;
  std::vector<FingerprintRow> fingerprints;
};

class ArchiveWriter {
 public:
  // Writes the header. `summary` gives format, schema_version, created_ms, traject_version.
  // Throws std::exception on a write failure.
  ArchiveWriter(std::ostream& out, const ArchiveSummary& summary);
  ~ArchiveWriter();
  void Events(const std::vector<EventRow>& rows);
  void Heads(const std::vector<HeadRow>& heads);
  void Rewrites(const std::vector<RewriteRow>& rewrites);
  void Forgotten(const std::vector<ForgottenRow>& rows);
  void Fingerprints(const std::vector<FingerprintRow>& rows);
  // Writes the trailer; returns the hex checksum.
  std::string Finish();

 private:
  struct Encoder;
  std::unique_ptr<Encoder> encoder_;
  digest::Sha256Stream checksum_;
  std::int64_t events_ = 0, heads_ = 0, rewrites_ = 0;
};

class ArchiveReader {
 public:
  // Reads the header. InvalidArgument when `in` is not an archive, or a newer one.
  static Result<std::unique_ptr<ArchiveReader>> Open(std::istream& in);
  ~ArchiveReader();
  const ArchiveSummary& summary() const { return summary_; }
  // The next record into `record`: true; false after the trailer, whose counts and checksum
  // were found right (summary() then has events and checksum). InvalidArgument naming where
  // (line or record) for anything else: a malformed or out-of-order record, an end before the
  // trailer, counts or a checksum that differ.
  Result<bool> Next(ArchiveRecord& record);

 private:
  struct Decoder;
  ArchiveReader() = default;
  std::unique_ptr<Decoder> decoder_;
  ArchiveSummary summary_;
  digest::Sha256Stream checksum_;
  std::int64_t events_ = 0, heads_ = 0, rewrites_ = 0;
  // 0 events, 1 heads read, 2 rewrites read, 3 forgotten read, 4 fingerprints read, 5 done
  int stage_ = 0;
  std::int64_t last_seq_ = 0;
  std::set<std::string> organisations_;
};

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_ARCHIVE_H_

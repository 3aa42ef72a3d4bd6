// Fuzz target: the backup archive reader, ArchiveReader (storage/archive.cc), which
// VerifyArchive and RestoreDatabase run over a file before anything is written; both encodings,
// picked by the input's first bytes as a real archive's are.
//
// Invariants: no crash, no exception out of the reader, no allocation beyond what the input
// holds (libFuzzer's malloc limit); every error is InvalidArgument, says where (line or record)
// once the header was read, and repeats no 9-digit run of the input; records come in the order
// an archive has them, events in ascending seq; an archive read whole counts what it held, and
// written again — in either encoding, from the records read — reads back with the same checksum.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_util.h"
#include "storage/archive.h"

using namespace traject;
using traject::storage::ArchiveReader;
using traject::storage::ArchiveRecord;
using traject::storage::ArchiveWriter;

namespace {

// Reads a whole archive; the records, or the first error.
Result<ArchiveSummary> ReadAll(const std::string& bytes, std::vector<ArchiveRecord>* records) {
  std::istringstream in(bytes);
  Result<std::unique_ptr<ArchiveReader>> reader = ArchiveReader::Open(in);
  if (!reader.ok()) return reader.status();
  ArchiveRecord record;
  int stage = 0;  // as the reader's: events, then heads, then rewrites
  std::int64_t last_seq = 0, events = 0;
  for (;;) {
    Result<bool> more = (*reader)->Next(record);
    if (!more.ok()) {
      FUZZ_CHECK(more.status().message().starts_with("line ") ||
                     more.status().message().starts_with("record "),
                 "an error after the header does not say where: " + more.status().ToString());
      return more.status();
    }
    if (!*more) break;
    switch (record.kind) {
      case ArchiveRecord::Kind::kEvents:
        FUZZ_CHECK(stage == 0, "events after the heads");
        for (const auto& row : record.events) {
          FUZZ_CHECK(row.seq > last_seq, "events out of order");
          last_seq = row.seq;
        }
        events += static_cast<std::int64_t>(record.events.size());
        break;
      case ArchiveRecord::Kind::kHeads:
        FUZZ_CHECK(stage == 0, "heads twice, or after the rewrites");
        stage = 1;
        break;
      case ArchiveRecord::Kind::kRewrites:
        FUZZ_CHECK(stage == 1, "rewrites before the heads, or twice");
        stage = 2;
        break;
      case ArchiveRecord::Kind::kForgotten:
        FUZZ_CHECK(stage == 2, "forgotten references before the rewrites, or twice");
        stage = 3;
        break;
      case ArchiveRecord::Kind::kFingerprints:
        FUZZ_CHECK(stage == 3, "key fingerprints before the forgotten references, or twice");
        stage = 4;
        break;
    }
    if (records) records->push_back(record);
  }
  // A version 1 archive ends after its rewrites; from version 2 the forgotten references and
  // key fingerprints follow.
  FUZZ_CHECK(stage == ((*reader)->summary().version >= 2 ? 4 : 2),
             "an archive read whole without its heads, rewrites, forgotten or fingerprints");
  FUZZ_CHECK((*reader)->summary().events == events, "the summary miscounts the events");
  return (*reader)->summary();
}

std::string Rewrite(const ArchiveSummary& summary, ArchiveFormat format,
                    const std::vector<ArchiveRecord>& records, std::string* checksum) {
  std::ostringstream out;
  ArchiveSummary header = summary;
  header.format = format;
  ArchiveWriter writer(out, header);
  for (const ArchiveRecord& r : records) {
    switch (r.kind) {
      case ArchiveRecord::Kind::kEvents:
        writer.Events(r.events);
        break;
      case ArchiveRecord::Kind::kHeads:
        writer.Heads(r.heads);
        break;
      case ArchiveRecord::Kind::kRewrites:
        writer.Rewrites(r.rewrites);
        break;
      case ArchiveRecord::Kind::kForgotten:
        writer.Forgotten(r.forgotten);
        break;
      case ArchiveRecord::Kind::kFingerprints:
        writer.Fingerprints(r.fingerprints);
        break;
    }
  }
  // A version 1 archive has neither list; the writer's version does, empty.
  if (summary.version < 2) {
    writer.Forgotten({});
    writer.Fingerprints({});
  }
  *checksum = writer.Finish();
  return out.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  std::vector<ArchiveRecord> records;
  Result<ArchiveSummary> read = ReadAll(bytes, &records);
  if (!read.ok()) {
    FUZZ_CHECK(read.status().code() == Status::Code::kInvalidArgument, read.status().ToString());
    fuzz::CheckNoNineDigitRunRepeated(bytes, read.status());
    return 0;
  }
  // The writer writes the current version, whose checksum covers more columns than version 1's:
  // only an archive of the current version must sum the same when written again.
  const bool same_version = read->version == kArchiveVersion;
  for (ArchiveFormat format : {ArchiveFormat::kJson, ArchiveFormat::kPortableBinary}) {
    std::string checksum;
    const std::string again = Rewrite(*read, format, records, &checksum);
    FUZZ_CHECK(!same_version || checksum == read->checksum,
               "written again, the archive sums differently");
    Result<ArchiveSummary> reread = ReadAll(again, nullptr);
    FUZZ_CHECK(reread.ok(),
               "written again, the archive does not read: " + reread.status().ToString());
    FUZZ_CHECK(reread->checksum == checksum && reread->events == read->events &&
                   reread->organisations == read->organisations,
               "written again, the archive reads differently");
  }
  return 0;
}

#include "storage/archive.h"

#include "util/json_screen.h"

#include <fmt/format.h>

#include <cereal/archives/json.hpp>
#include <cereal/archives/portable_binary.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>

#include <algorithm>
#include <set>
#include <sstream>
#include <stdexcept>
#include <type_traits>

namespace traject::storage {

namespace {

// A malformed archive: the message says where and what, never the content.
class ArchiveError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reading the portable binary encoding, cereal's own loaders of strings and vectors allocate
// the length the input claims before reading a byte of it, so a few crafted bytes could ask
// for gigabytes. These read the same encoding but allocate no more than the input holds: a
// text is at most kMaxText long, and a list grows by one element as each is read. The JSON
// encoding reads a line already in memory, with cereal's loaders.
constexpr cereal::size_type kMaxText = cereal::size_type{64} << 20;

template <typename A>
constexpr bool kBinaryInput = std::is_same_v<A, cereal::PortableBinaryInputArchive>;

template <typename A>
void LoadText(A& ar, const char* name, std::string& text) {
  if constexpr (kBinaryInput<A>) {
    cereal::size_type size = 0;
    ar(cereal::make_size_tag(size));
    if (size > kMaxText)
      throw ArchiveError("a text longer than any archive holds: damaged or changed");
    text.resize(static_cast<std::size_t>(size));
    ar(cereal::binary_data(text.data(), text.size()));
  } else {
    ar(cereal::make_nvp(name, text));
  }
}

}  // namespace

// cereal's functions for the rows, found by argument-dependent lookup. An absent seq (no cause,
// no previous event) is written as 0: no event has seq 0.
template <typename A>
void save(A& ar, const EventRow& r) {
  ar(cereal::make_nvp("seq", r.seq), cereal::make_nvp("org", r.org),
     cereal::make_nvp("stream", r.stream), cereal::make_nvp("position", r.position),
     cereal::make_nvp("kind", r.kind), cereal::make_nvp("effective", r.effective),
     cereal::make_nvp("recorded_at", r.recorded_at), cereal::make_nvp("actor", r.actor),
     cereal::make_nvp("caused_by", r.caused_by.value_or(0)), cereal::make_nvp("payload", r.payload),
     cereal::make_nvp("audit_prev", r.audit_prev.value_or(0)),
     cereal::make_nvp("audit_link", r.audit_link));
}
template <typename A>
void load(A& ar, EventRow& r) {
  std::int64_t caused_by = 0, audit_prev = 0;
  ar(cereal::make_nvp("seq", r.seq));
  LoadText(ar, "org", r.org);
  LoadText(ar, "stream", r.stream);
  ar(cereal::make_nvp("position", r.position));
  LoadText(ar, "kind", r.kind);
  ar(cereal::make_nvp("effective", r.effective), cereal::make_nvp("recorded_at", r.recorded_at));
  LoadText(ar, "actor", r.actor);
  ar(cereal::make_nvp("caused_by", caused_by));
  LoadText(ar, "payload", r.payload);
  ar(cereal::make_nvp("audit_prev", audit_prev));
  LoadText(ar, "audit_link", r.audit_link);
  if (caused_by) r.caused_by = caused_by;
  if (audit_prev) r.audit_prev = audit_prev;
}
template <typename A>
void save(A& ar, const HeadRow& h) {
  ar(cereal::make_nvp("org", h.org), cereal::make_nvp("seq", h.seq),
     cereal::make_nvp("link", h.link));
}
template <typename A>
void load(A& ar, HeadRow& h) {
  LoadText(ar, "org", h.org);
  ar(cereal::make_nvp("seq", h.seq));
  LoadText(ar, "link", h.link);
}
template <typename A>
void save(A& ar, const RewriteRow& r) {
  ar(cereal::make_nvp("org", r.org), cereal::make_nvp("seq", r.seq),
     cereal::make_nvp("digest", r.digest), cereal::make_nvp("rewritten_digest", r.rewritten_digest),
     cereal::make_nvp("rewritten_by", r.rewritten_by));
}
template <typename A>
void load(A& ar, RewriteRow& r) {
  LoadText(ar, "org", r.org);
  ar(cereal::make_nvp("seq", r.seq));
  LoadText(ar, "digest", r.digest);
  LoadText(ar, "rewritten_digest", r.rewritten_digest);
  ar(cereal::make_nvp("rewritten_by", r.rewritten_by));
}

template <typename A>
void save(A& ar, const ForgottenRow& r) {
  ar(cereal::make_nvp("org", r.org), cereal::make_nvp("ref_mac", r.ref_mac),
     cereal::make_nvp("forgotten_at", r.forgotten_at));
}
template <typename A>
void load(A& ar, ForgottenRow& r) {
  LoadText(ar, "org", r.org);
  LoadText(ar, "ref_mac", r.ref_mac);
  ar(cereal::make_nvp("forgotten_at", r.forgotten_at));
}
template <typename A>
void save(A& ar, const FingerprintRow& r) {
  ar(cereal::make_nvp("org", r.org), cereal::make_nvp("purpose", r.purpose),
     cereal::make_nvp("fingerprint", r.fingerprint));
}
template <typename A>
void load(A& ar, FingerprintRow& r) {
  LoadText(ar, "org", r.org);
  LoadText(ar, "purpose", r.purpose);
  LoadText(ar, "fingerprint", r.fingerprint);
}

namespace {

// A record's rows, bounded as LoadText.
template <typename A, typename Row>
void LoadRows(A& ar, std::vector<Row>& rows) {
  if constexpr (kBinaryInput<A>) {
    cereal::size_type size = 0;
    ar(cereal::make_size_tag(size));
    rows.clear();
    for (cereal::size_type i = 0; i < size; ++i) ar(rows.emplace_back());
  } else {
    ar(cereal::make_nvp("rows", rows));
  }
}

// A list of texts, bounded as LoadText.
template <typename A>
void LoadList(A& ar, const char* name, std::vector<std::string>& texts) {
  if constexpr (kBinaryInput<A>) {
    cereal::size_type size = 0;
    ar(cereal::make_size_tag(size));
    texts.clear();
    for (cereal::size_type i = 0; i < size; ++i) LoadText(ar, name, texts.emplace_back());
  } else {
    ar(cereal::make_nvp(name, texts));
  }
}

constexpr std::string_view kFormatName = "traject-backup";
constexpr std::int64_t kMaxVersion = 1000;
constexpr std::string_view kBinaryMagic = "TRAJECT-BACKUP-BINARY\n";
constexpr std::string_view kEndsBeforeHeader =
    "the archive ends before its header record: it is truncated (or was not finished)";

// The checksummed content of each part, in util/digest.h's field encoding.
std::string HeaderContent(const ArchiveSummary& s) {
  std::string text;
  digest::AppendField(text, kFormatName);
  digest::AppendField(text, static_cast<std::int64_t>(s.version));
  digest::AppendField(text, static_cast<std::int64_t>(s.schema_version));
  digest::AppendField(text, s.created_ms);
  digest::AppendField(text, s.traject_version);
  return text;
}
// Version 1: each row's format-1 digest and link; version 2: every column.
void AddContent(digest::Sha256Stream& sum, const std::vector<EventRow>& rows,
                std::uint32_t version) {
  std::string text;
  for (const EventRow& row : rows) {
    text.clear();
    digest::AppendField(text, "e");
    if (version < 2) {
      digest::AppendField(text, RowDigest(row));
    } else {
      digest::AppendField(text, row.seq);
      digest::AppendField(text, row.org);
      digest::AppendField(text, row.stream);
      digest::AppendField(text, row.position);
      digest::AppendField(text, row.kind);
      digest::AppendField(text, row.effective);
      digest::AppendField(text, row.recorded_at);
      digest::AppendField(text, row.actor);
      digest::AppendField(text, row.caused_by);
      digest::AppendField(text, row.payload);
      digest::AppendField(text, row.audit_prev);
      digest::AppendField(text, row.audit_salt);
    }
    digest::AppendField(text, row.audit_link);
    sum.Update(text);
  }
}
void AddContent(digest::Sha256Stream& sum, const std::vector<ForgottenRow>& rows) {
  std::string text;
  for (const ForgottenRow& r : rows) {
    text.clear();
    digest::AppendField(text, "f");
    digest::AppendField(text, r.org);
    digest::AppendField(text, r.ref_mac);
    digest::AppendField(text, r.forgotten_at);
    sum.Update(text);
  }
}
void AddContent(digest::Sha256Stream& sum, const std::vector<FingerprintRow>& rows) {
  std::string text;
  for (const FingerprintRow& r : rows) {
    text.clear();
    digest::AppendField(text, "k");
    digest::AppendField(text, r.org);
    digest::AppendField(text, r.purpose);
    digest::AppendField(text, r.fingerprint);
    sum.Update(text);
  }
}

// The salts of an events record (version 2), in the order of its rows.
std::vector<std::string> SaltsOf(const std::vector<EventRow>& rows) {
  std::vector<std::string> salts;
  salts.reserve(rows.size());
  for (const EventRow& row : rows) salts.push_back(row.audit_salt);
  return salts;
}
void AddContent(digest::Sha256Stream& sum, const std::vector<HeadRow>& heads) {
  std::string text;
  for (const HeadRow& h : heads) {
    text.clear();
    digest::AppendField(text, "h");
    digest::AppendField(text, h.org);
    digest::AppendField(text, h.seq);
    digest::AppendField(text, h.link);
    sum.Update(text);
  }
}
void AddContent(digest::Sha256Stream& sum, const std::vector<RewriteRow>& rewrites) {
  std::string text;
  for (const RewriteRow& r : rewrites) {
    text.clear();
    digest::AppendField(text, "r");
    digest::AppendField(text, r.org);
    digest::AppendField(text, r.seq);
    digest::AppendField(text, r.digest);
    digest::AppendField(text, r.rewritten_digest);
    digest::AppendField(text, r.rewritten_by);
    sum.Update(text);
  }
}

}  // namespace

// --- Writing ---------------------------------------------------------------------------------

struct ArchiveWriter::Encoder {
  std::ostream& out;
  ArchiveFormat format;
  std::unique_ptr<cereal::PortableBinaryOutputArchive> binary;

  // Writes one record: its name and the fields `write` gives the archive.
  template <typename Write>
  void Record(const char* name, Write write) {
    if (binary) {
      (*binary)(std::string(name));
      write(*binary);
    } else {
      std::ostringstream line;
      {
        cereal::JSONOutputArchive ar(line, cereal::JSONOutputArchive::Options::NoIndent());
        ar(cereal::make_nvp("record", std::string(name)));
        write(ar);
      }
      // One line per record: cereal escapes newlines inside strings, so every one is layout.
      std::string text = line.str();
      std::erase(text, '\n');
      out << text << '\n';
    }
    if (!out) throw std::runtime_error("writing the archive failed");
  }
};

ArchiveWriter::ArchiveWriter(std::ostream& out, const ArchiveSummary& summary)
    : encoder_(std::make_unique<Encoder>(Encoder{out, summary.format, nullptr})) {
  if (summary.format == ArchiveFormat::kPortableBinary) {
    out << kBinaryMagic;
    encoder_->binary = std::make_unique<cereal::PortableBinaryOutputArchive>(out);
  }
  ArchiveSummary header = summary;
  header.version = kArchiveVersion;
  checksum_.Update(HeaderContent(header));
  encoder_->Record("header", [&](auto& ar) {
    ar(cereal::make_nvp("format", std::string(kFormatName)),
       cereal::make_nvp("version", header.version),
       cereal::make_nvp("schema_version", header.schema_version),
       cereal::make_nvp("created_ms", header.created_ms),
       cereal::make_nvp("traject_version", header.traject_version));
  });
}

ArchiveWriter::~ArchiveWriter() = default;

void ArchiveWriter::Events(const std::vector<EventRow>& rows) {
  if (rows.empty()) return;
  AddContent(checksum_, rows, kArchiveVersion);
  events_ += static_cast<std::int64_t>(rows.size());
  const std::vector<std::string> salts = SaltsOf(rows);
  encoder_->Record("events", [&](auto& ar) {
    ar(cereal::make_nvp("rows", rows), cereal::make_nvp("salts", salts));
  });
}

void ArchiveWriter::Heads(const std::vector<HeadRow>& heads) {
  AddContent(checksum_, heads);
  heads_ += static_cast<std::int64_t>(heads.size());
  encoder_->Record("heads", [&](auto& ar) { ar(cereal::make_nvp("rows", heads)); });
}

void ArchiveWriter::Rewrites(const std::vector<RewriteRow>& rewrites) {
  AddContent(checksum_, rewrites);
  rewrites_ += static_cast<std::int64_t>(rewrites.size());
  encoder_->Record("rewrites", [&](auto& ar) { ar(cereal::make_nvp("rows", rewrites)); });
}

void ArchiveWriter::Forgotten(const std::vector<ForgottenRow>& rows) {
  AddContent(checksum_, rows);
  encoder_->Record("forgotten", [&](auto& ar) { ar(cereal::make_nvp("rows", rows)); });
}

void ArchiveWriter::Fingerprints(const std::vector<FingerprintRow>& rows) {
  AddContent(checksum_, rows);
  encoder_->Record("fingerprints", [&](auto& ar) { ar(cereal::make_nvp("rows", rows)); });
}

std::string ArchiveWriter::Finish() {
  const std::string checksum = digest::Hex(checksum_.Finish());
  encoder_->Record("end", [&](auto& ar) {
    ar(cereal::make_nvp("events", events_), cereal::make_nvp("heads", heads_),
       cereal::make_nvp("rewrites", rewrites_), cereal::make_nvp("checksum", checksum));
  });
  encoder_->binary.reset();  // flushes
  encoder_->out.flush();
  if (!encoder_->out) throw std::runtime_error("writing the archive failed");
  return checksum;
}

// --- Reading ---------------------------------------------------------------------------------

struct ArchiveReader::Decoder {
  explicit Decoder(std::istream& input) : in(input) {}
  std::istream& in;
  std::unique_ptr<cereal::PortableBinaryInputArchive> binary;
  std::int64_t number = 0;  // of the record being read: a line (JSON) or a record (binary)
  std::string line;
  std::unique_ptr<std::istringstream> line_stream;
  std::unique_ptr<cereal::JSONInputArchive> json;

  std::string Where() const {
    return binary ? fmt::format("record {}", number) : fmt::format("line {}", number);
  }

  // Starts the next record and returns its name; "" at the end of the input.
  std::string Start() {
    ++number;
    std::string name;
    if (binary) {
      if (in.peek() == std::char_traits<char>::eof()) return "";
      LoadText(*binary, "record", name);
      return name;
    }
    if (!std::getline(in, line)) return "";
    // Before cereal: rapidjson recurses once per level of nesting, and converts some numbers
    // with an exponent with undefined behaviour (util/json_screen.h).
    if (const std::optional<JsonFlaw> flaw = ScreenJson(line)) throw ArchiveError(flaw->Describe());
    json.reset();
    line_stream = std::make_unique<std::istringstream>(line);
    json = std::make_unique<cereal::JSONInputArchive>(*line_stream);
    (*json)(cereal::make_nvp("record", name));
    return name;
  }

  // Whether nothing but the end of the input (JSON: empty lines) follows.
  bool AtEnd() {
    if (binary) return in.peek() == std::char_traits<char>::eof();
    for (std::string rest; std::getline(in, rest);) {
      ++number;
      if (!rest.empty()) return false;
    }
    return true;
  }

  template <typename Read>
  void Fields(Read read) {
    if (binary) {
      read(*binary);
    } else {
      read(*json);
    }
  }
};

Result<std::unique_ptr<ArchiveReader>> ArchiveReader::Open(std::istream& in) {
  std::unique_ptr<ArchiveReader> reader(new ArchiveReader());
  reader->decoder_ = std::make_unique<Decoder>(in);
  Decoder& d = *reader->decoder_;
  ArchiveSummary& s = reader->summary_;
  const int first = in.peek();
  if (first == kBinaryMagic[0]) {
    std::string magic(kBinaryMagic.size(), '\0');
    in.read(magic.data(), static_cast<std::streamsize>(magic.size()));
    if (!in || magic != kBinaryMagic) {
      return Status::InvalidArgument("not a traject backup archive (no archive header)");
    }
    s.format = ArchiveFormat::kPortableBinary;
    // cereal's archive reads its byte-order byte as it is made, and throws when there is none
    // (an archive cut right after its first line).
    try {
      d.binary = std::make_unique<cereal::PortableBinaryInputArchive>(in);
    } catch (const std::exception&) {
      return Status::InvalidArgument(
          fmt::format("record 1: not a traject backup archive header: {}", kEndsBeforeHeader));
    }
  } else if (first == '{') {
    s.format = ArchiveFormat::kJson;
  } else {
    return Status::InvalidArgument("not a traject backup archive (no archive header)");
  }
  try {
    std::string format;
    const std::string name = d.Start();
    if (name.empty()) throw ArchiveError(std::string(kEndsBeforeHeader));
    if (name != "header") throw ArchiveError("the first record is another");
    d.Fields([&](auto& ar) {
      LoadText(ar, "format", format);
      ar(cereal::make_nvp("version", s.version));
    });
    if (format != kFormatName) throw ArchiveError("it names another format");
    // Versions count releases of the format: one past kMaxVersion is damage, not a newer
    // traject, and is not repeated.
    if (s.version < 1 || s.version > kMaxVersion) throw ArchiveError("no valid format version");
    if (s.version > kArchiveVersion) {
      return Status::InvalidArgument(fmt::format(
          "the archive has format version {}, newer than this traject reads ({}): restore it "
          "with the traject that made it, or a newer one",
          s.version, kArchiveVersion));
    }
    d.Fields([&](auto& ar) {
      ar(cereal::make_nvp("schema_version", s.schema_version),
         cereal::make_nvp("created_ms", s.created_ms));
      LoadText(ar, "traject_version", s.traject_version);
    });
    if (s.schema_version < 1 || s.schema_version > kMaxVersion) {
      throw ArchiveError("no valid schema version");
    }
  } catch (const ArchiveError& e) {
    return Status::InvalidArgument(
        fmt::format("{}: not a traject backup archive header: {}", d.Where(), e.what()));
  } catch (const std::exception&) {
    // cereal's and rapidjson's messages may quote the text: not repeated.
    return Status::InvalidArgument(
        fmt::format("{}: not a traject backup archive header", d.Where()));
  }
  reader->checksum_.Update(HeaderContent(s));
  return reader;
}

ArchiveReader::~ArchiveReader() = default;

Result<bool> ArchiveReader::Next(ArchiveRecord& record) {
  Decoder& d = *decoder_;
  record.events.clear();
  record.heads.clear();
  record.rewrites.clear();
  record.forgotten.clear();
  record.fingerprints.clear();
  if (stage_ == 5) return false;
  const bool v2 = summary_.version >= 2;
  try {
    const std::string name = d.Start();
    if (name.empty()) {
      throw ArchiveError(
          "the archive ends before its last record: it is truncated (or was not finished)");
    }
    if (name == "events" && stage_ == 0) {
      record.kind = ArchiveRecord::Kind::kEvents;
      std::vector<std::string> salts;
      d.Fields([&](auto& ar) {
        LoadRows(ar, record.events);
        if (v2) LoadList(ar, "salts", salts);
      });
      if (v2 && salts.size() != record.events.size()) {
        throw ArchiveError("an events record with a salt list of another length");
      }
      for (std::size_t i = 0; i < record.events.size(); ++i) {
        EventRow& row = record.events[i];
        if (row.seq <= last_seq_) throw ArchiveError("events out of order");
        last_seq_ = row.seq;
        organisations_.insert(row.org);
        if (v2) row.audit_salt = std::move(salts[i]);
      }
      AddContent(checksum_, record.events, summary_.version);
      events_ += static_cast<std::int64_t>(record.events.size());
      return true;
    }
    if (name == "heads" && stage_ == 0) {
      record.kind = ArchiveRecord::Kind::kHeads;
      d.Fields([&](auto& ar) { LoadRows(ar, record.heads); });
      AddContent(checksum_, record.heads);
      heads_ += static_cast<std::int64_t>(record.heads.size());
      stage_ = 1;
      return true;
    }
    if (name == "rewrites" && stage_ == 1) {
      record.kind = ArchiveRecord::Kind::kRewrites;
      d.Fields([&](auto& ar) { LoadRows(ar, record.rewrites); });
      AddContent(checksum_, record.rewrites);
      rewrites_ += static_cast<std::int64_t>(record.rewrites.size());
      stage_ = v2 ? 2 : 4;
      return true;
    }
    if (name == "forgotten" && stage_ == 2) {
      record.kind = ArchiveRecord::Kind::kForgotten;
      d.Fields([&](auto& ar) { LoadRows(ar, record.forgotten); });
      AddContent(checksum_, record.forgotten);
      stage_ = 3;
      return true;
    }
    if (name == "fingerprints" && stage_ == 3) {
      record.kind = ArchiveRecord::Kind::kFingerprints;
      d.Fields([&](auto& ar) { LoadRows(ar, record.fingerprints); });
      AddContent(checksum_, record.fingerprints);
      stage_ = 4;
      return true;
    }
    if (name == "end" && stage_ == 4) {
      std::int64_t events = 0, heads = 0, rewrites = 0;
      std::string checksum;
      d.Fields([&](auto& ar) {
        ar(cereal::make_nvp("events", events), cereal::make_nvp("heads", heads),
           cereal::make_nvp("rewrites", rewrites));
        LoadText(ar, "checksum", checksum);
      });
      if (events != events_ || heads != heads_ || rewrites != rewrites_) {
        // The claimed counts are not repeated: a changed count may be any number (a BSN).
        throw ArchiveError(fmt::format(
            "the archive's last record counts other numbers of events, heads or rewrites than "
            "it holds ({} events, {} heads, {} rewrites): records are missing or changed",
            events_, heads_, rewrites_));
      }
      if (checksum != digest::Hex(checksum_.Finish())) {
        throw ArchiveError(
            "the archive's checksum does not match its content: it was changed or damaged");
      }
      if (!d.AtEnd()) throw ArchiveError("content after the archive's last record");
      stage_ = 5;
      summary_.events = events_;
      summary_.checksum = checksum;
      summary_.organisations.assign(organisations_.begin(), organisations_.end());
      return false;
    }
    throw ArchiveError("a record that is not where an archive has it");
  } catch (const ArchiveError& e) {
    return Status::InvalidArgument(fmt::format("{}: {}", d.Where(), e.what()));
  } catch (const std::exception&) {
    // cereal's and rapidjson's messages may quote the content: not repeated.
    return Status::InvalidArgument(fmt::format(
        "{}: not a record of a traject backup archive (damaged or truncated)", d.Where()));
  }
}

}  // namespace traject::storage

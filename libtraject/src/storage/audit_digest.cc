#include "storage/audit_digest.h"

#include <fmt/format.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>

#include "model/decide.h"
#include "storage/event_log.h"
#include "traject/participant_rights.h"
#include "util/digest.h"

namespace traject::storage {
namespace {

constexpr std::string_view kFormat = "traject-audit-2";
constexpr std::string_view kPersonalFormat = "traject-personal-2";
constexpr std::array<std::string_view, 4> kPersonalNames = {"ref", "reason", "evidence",
                                                            "bsn_hash"};
constexpr std::string_view kStreamPrefix = "participant/";

bool IsPersonalName(std::string_view name) {
  for (std::string_view personal : kPersonalNames) {
    if (name == personal) return true;
  }
  return false;
}

// Numbers are taken as their text (never converted: rapidjson's conversion of some exponents is
// undefined behaviour, util/json_screen.h) and the parse is iterative, so no nesting depth
// reaches the stack.
constexpr unsigned kParseFlags = rapidjson::kParseIterativeFlag |
                                 rapidjson::kParseNumbersAsStringsFlag |
                                 rapidjson::kParseValidateEncodingFlag;

// Reads a payload's SAX events and tells each to `Downstream` with the personal members marked:
// a top-level member whose name is personal and whose value is a string.
template <typename Downstream>
class PersonalFilter
    : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, PersonalFilter<Downstream>> {
 public:
  explicit PersonalFilter(Downstream& down) : down_(down) {}

  bool Null() {
    return Value([&] { return down_.Null(); });
  }
  bool Bool(bool b) {
    return Value([&] { return down_.Bool(b); });
  }
  bool RawNumber(const char* text, rapidjson::SizeType length, bool) {
    return Value([&] { return down_.RawNumber(std::string_view(text, length)); });
  }
  bool String(const char* text, rapidjson::SizeType length, bool) {
    const std::string_view value(text, length);
    if (!pending_.empty()) {
      const std::string name = std::move(pending_);
      pending_.clear();
      return down_.Personal(name, value);
    }
    return down_.String(value);
  }
  bool StartObject() {
    return Open([&] { return down_.StartObject(); });
  }
  bool Key(const char* text, rapidjson::SizeType length, bool) {
    const std::string_view name(text, length);
    if (depth_ == 1 && IsPersonalName(name)) pending_ = std::string(name);
    return down_.Key(name);
  }
  bool EndObject(rapidjson::SizeType) {
    --depth_;
    return down_.EndObject();
  }
  bool StartArray() {
    return Open([&] { return down_.StartArray(); });
  }
  bool EndArray(rapidjson::SizeType) {
    --depth_;
    return down_.EndArray();
  }

 private:
  template <typename F>
  bool Value(F f) {
    pending_.clear();  // a personal name with a value that is not a string: public
    return f();
  }
  template <typename F>
  bool Open(F f) {
    pending_.clear();
    ++depth_;
    return f();
  }

  Downstream& down_;
  int depth_ = 0;
  std::string pending_;
};

template <typename Downstream>
bool Filter(std::string_view payload, Downstream& down) {
  rapidjson::MemoryStream stream(payload.data(), payload.size());
  rapidjson::Reader reader;
  PersonalFilter<Downstream> filter(down);
  return !reader.Parse<kParseFlags>(stream, filter).IsError();
}

// The public part's token stream and the personal members, as digested.
class Split {
 public:
  bool Null() { return Token("n", ""); }
  bool Bool(bool b) { return Token("b", b ? "1" : "0"); }
  bool RawNumber(std::string_view text) { return Token("#", text); }
  bool String(std::string_view text) { return Token("s", text); }
  bool Personal(const std::string& name, std::string_view value) {
    personal.emplace_back(name, std::string(value));
    return Token("p", "");  // where it was, not what
  }
  bool StartObject() { return Token("{", ""); }
  bool Key(std::string_view name) { return Token("k", name); }
  bool EndObject() { return Token("}", ""); }
  bool StartArray() { return Token("[", ""); }
  bool EndArray() { return Token("]", ""); }

  std::string tokens;
  PersonalMembers personal;

 private:
  bool Token(std::string_view tag, std::string_view text) {
    tokens += tag;
    digest::AppendField(tokens, text);
    return true;
  }
};

// The public part and personal members of a payload; a payload that is not JSON is public
// whole (traject writes none, so its row fails verification unless chained so).
Split SplitPayload(std::string_view payload) {
  Split split;
  if (Filter(payload, split)) return split;
  Split whole;
  whole.tokens.push_back('!');
  digest::AppendField(whole.tokens, payload);
  return whole;
}

std::string PublicStream(const std::string& stream) {
  return stream.starts_with(kStreamPrefix) ? std::string(kStreamPrefix) : stream;
}

std::string Erased(std::string_view text) {
  return text.empty() ? std::string() : std::string(kErasedText);
}

// Writes the payload back with its personal members forgotten.
class Forgetting {
 public:
  explicit Forgetting(std::string_view pseudonym) : pseudonym_(pseudonym) {}
  bool Null() { return writer_.Null(); }
  bool Bool(bool b) { return writer_.Bool(b); }
  bool RawNumber(std::string_view text) {
    return writer_.RawValue(text.data(), text.size(), rapidjson::kNumberType);
  }
  bool String(std::string_view text) { return Write(text); }
  bool Personal(const std::string& name, std::string_view value) {
    if (name == "ref") return Write(pseudonym_);
    if (name == "bsn_hash") return Write("");
    return Write(Erased(value));
  }
  bool StartObject() { return writer_.StartObject(); }
  bool Key(std::string_view name) {
    return writer_.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
  }
  bool EndObject() { return writer_.EndObject(); }
  bool StartArray() { return writer_.StartArray(); }
  bool EndArray() { return writer_.EndArray(); }
  std::string Text() const { return std::string(buffer_.GetString(), buffer_.GetSize()); }

 private:
  bool Write(std::string_view text) {
    return writer_.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  }
  std::string pseudonym_;
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_{buffer_};
};

}  // namespace

PersonalMembers PersonalMembersOf(std::string_view payload) {
  return SplitPayload(payload).personal;
}

std::string NewAuditSalt() { return digest::Hex(digest::RandomBytes(16)); }

std::string PersonalCommitment(const EventRow& row) {
  std::string text;
  digest::AppendField(text, kPersonalFormat);
  digest::AppendField(text, row.audit_salt);
  digest::AppendField(text, row.stream);
  for (const auto& [name, value] : PersonalMembersOf(row.payload)) {
    digest::AppendField(text, name);
    digest::AppendField(text, value);
  }
  return digest::Sha256(text);
}

std::string SaltedRowDigest(const EventRow& row, std::string_view commitment) {
  const Split split = SplitPayload(row.payload);
  std::string text;
  text.reserve(160 + split.tokens.size());
  digest::AppendField(text, kFormat);
  digest::AppendField(text, row.org);
  digest::AppendField(text, row.seq);
  digest::AppendField(text, PublicStream(row.stream));
  digest::AppendField(text, row.position);
  digest::AppendField(text, row.kind);
  digest::AppendField(text, row.effective);
  digest::AppendField(text, row.recorded_at);
  digest::AppendField(text, row.actor);
  digest::AppendField(text, row.caused_by);
  digest::AppendField(text, row.audit_prev);
  digest::AppendField(text, split.tokens);
  digest::AppendField(text, commitment);
  return digest::Sha256(text);
}

std::string ChainedDigest(const EventRow& row, int format) {
  return format >= 2 ? SaltedRowDigest(row, PersonalCommitment(row)) : RowDigest(row);
}

int ChainFormatOf(int schema_version) {
  if (schema_version >= kSaltedChainSchema) return 2;
  return schema_version >= kAuditChainSchema ? 1 : 0;
}

Result<std::string> ForgottenPayloadText(std::string_view payload, std::string_view pseudonym) {
  Forgetting forgetting(pseudonym);
  if (!Filter(payload, forgetting)) {
    return Status::InvalidArgument("a payload that is not JSON cannot be forgotten");
  }
  return forgetting.Text();
}

bool InForgottenForm(const EventRow& row, std::string_view pseudonym) {
  if (!row.audit_salt.empty()) return false;
  if (row.stream.starts_with(kStreamPrefix) &&
      row.stream != model::ParticipantStream(std::string(pseudonym))) {
    return false;
  }
  for (const auto& [name, value] : PersonalMembersOf(row.payload)) {
    if (name == "ref" && value != pseudonym) return false;
    if (name == "bsn_hash" && !value.empty()) return false;
    if ((name == "reason" || name == "evidence") && !value.empty() && value != kErasedText) {
      return false;
    }
  }
  return true;
}

}  // namespace traject::storage

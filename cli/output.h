// Output in the three formats the CLI offers: aligned tables for people, JSON (stable, in
// docs/cli.md) and CSV for spreadsheets. A command builds a Table (or a JSON document for
// nested data) and the format chosen on the command line decides how it is printed.
#ifndef TRAJECT_CLI_OUTPUT_H_
#define TRAJECT_CLI_OUTPUT_H_

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <variant>
#include <vector>

#include "traject/money.h"

namespace traject::cli {

enum class Format { kTable, kJson, kCsv };

// A cell: text, a whole number, money (cents; printed as euros in tables and CSV, as integer
// cents in JSON), a share (a count of a base), or empty (null in JSON).
struct Money {
  Cents cents = 0;
};
// A share prints as "12/15 (80.0%)" in a table; in JSON and CSV a column of shares with key K
// becomes three: K (the count), K_base and K_pct (the percentage to one decimal; null or empty
// when the base is 0).
struct ShareCell {
  std::int64_t count = 0;
  std::int64_t base = 0;
};
// A percentage to one decimal (143 = 14.3 %): "14.3" in tables and CSV, the number 14.3 in
// JSON; empty (null) when it does not apply.
struct PercentCell {
  std::optional<std::int64_t> tenths{};
};
using Cell = std::variant<std::monostate, std::string, std::int64_t, Money, ShareCell, PercentCell>;

class Table {
 public:
  // `keys` are the JSON/CSV column names; `headings` what people see (defaults to keys).
  explicit Table(std::vector<std::string> keys, std::vector<std::string> headings = {});
  void AddRow(std::vector<Cell> row);
  bool empty() const { return rows_.empty(); }

  // Tables: aligned columns, numbers right-aligned. JSON: an array of objects. CSV: a header
  // line and one line per row (RFC 4180 quoting).
  void Print(std::ostream& out, Format format) const;
  // The rows as a JSON array value, for embedding in a larger document.
  void WriteJson(rapidjson::Writer<rapidjson::StringBuffer>& writer) const;

 private:
  // The JSON and CSV keys of column i: one, or three for a column of shares.
  std::vector<std::string> KeysOf(std::size_t column) const;

  std::vector<std::string> keys_;
  std::vector<std::string> headings_;
  std::vector<std::vector<Cell>> rows_;
  std::vector<bool> shares_;  // columns holding shares
};

// A JSON document built with rapidjson; Print writes it with a trailing newline.
class Json {
 public:
  Json() : writer_(buffer_) {}
  rapidjson::Writer<rapidjson::StringBuffer>& w() { return writer_; }
  void Key(const std::string& key) {
    writer_.Key(key.c_str(), static_cast<rapidjson::SizeType>(key.size()));
  }
  void String(const std::string& value) {
    writer_.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
  }
  void Field(const std::string& key, const std::string& value) {
    Key(key);
    String(value);
  }
  void Field(const std::string& key, const char* value) {
    Key(key);
    String(value);
  }
  void Field(const std::string& key, std::int64_t value) {
    Key(key);
    writer_.Int64(value);
  }
  void Field(const std::string& key, int value) {
    Key(key);
    writer_.Int64(value);
  }
  void Field(const std::string& key, bool value) {
    Key(key);
    writer_.Bool(value);
  }
  void OptionalField(const std::string& key, const std::optional<std::string>& value) {
    Key(key);
    if (value)
      String(*value);
    else
      writer_.Null();
  }
  void Print(std::ostream& out) const { out << buffer_.GetString() << '\n'; }

 private:
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

}  // namespace traject::cli

#endif  // TRAJECT_CLI_OUTPUT_H_

// Streaming CSV (RFC 4180) reading with positions, for imports that must name file, line and
// column of every bad value. Reads one record at a time: memory does not grow with the file.
//
// Accepted: comma separators, CRLF or LF line ends, fields quoted with '"' (with "" for a quote,
// and line breaks inside quotes). Every field must be valid UTF-8.
#ifndef TRAJECT_CLI_CSV_H_
#define TRAJECT_CLI_CSV_H_

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "traject/status.h"

namespace traject::cli {

struct CsvRecord {
  std::int64_t line = 0;  // line on which the record starts (1-based)
  std::vector<std::string> fields;
  std::vector<std::int64_t> columns;  // 1-based column (character) where each field starts
};

class CsvReader {
 public:
  // NotFound when the file cannot be opened.
  static Result<CsvReader> Open(const std::string& path);

  // Reads the next record into `record`. Returns false at the end of the file, or on a syntax
  // error, which is then in status() as "file:line:column: reason".
  bool Next(CsvRecord& record);
  const Status& status() const { return status_; }
  const std::string& path() const { return path_; }
  // Bytes consumed so far and the file size, for progress.
  std::int64_t position() const { return consumed_; }
  std::int64_t size() const { return size_; }

 private:
  CsvReader(std::string path, std::ifstream in, std::int64_t size);
  int Get();
  int Peek();
  Status Error(std::int64_t line, std::int64_t column, const std::string& reason) const;

  std::string path_;
  std::ifstream in_;
  std::int64_t size_ = 0;
  std::int64_t consumed_ = 0;
  std::int64_t line_ = 1;
  std::int64_t column_ = 1;
  Status status_;
};

// True when `text` is well-formed UTF-8; otherwise `bad_offset` is the first bad byte.
bool IsValidUtf8(const std::string& text, std::size_t* bad_offset);

}  // namespace traject::cli

#endif  // TRAJECT_CLI_CSV_H_

// Streaming CSV (RFC 4180) reading with positions, for imports that must name file, line and
// column of every bad value. Reads one record at a time: memory does not grow with the file.
//
// Accepted as people make CSV files: a UTF-8 byte-order mark at the start (skipped), comma
// separators, CRLF or LF line ends, fields quoted with '"' (with "" for a quote, and line breaks
// inside quotes). Every field must be valid UTF-8. A field is the text CsvCellText gives
// (traject/csv_cell.h): the apostrophe that keeps a spreadsheet from running a cell is taken off.
//
// Errors come in two kinds. A bad record (invalid UTF-8, a quote inside an unquoted field,
// text after a closing quote) is reported for that record alone, and reading goes on with the
// next line, so that an import can list every bad row. A quoted field still open at the end of
// the file ends the reading.
#ifndef TRAJECT_EXCHANGE_CSV_READER_H_
#define TRAJECT_EXCHANGE_CSV_READER_H_

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "traject/status.h"

namespace traject::exchange {

struct CsvRecord {
  std::int64_t line = 0;  // line on which the record starts (1-based)
  std::vector<std::string> fields;
  std::vector<std::int64_t> columns;  // 1-based column (character) where each field starts
  Status problem;  // not OK for a bad record: "file:line:column: reason"; fields are partial
};

class CsvReader {
 public:
  // NotFound when the file cannot be opened.
  static Result<CsvReader> Open(const std::string& path);

  // Reads the next record into `record` (check record.problem). Returns false at the end of
  // the file, or on an error that ends the reading, which is then in status().
  bool Next(CsvRecord& record);
  const Status& status() const { return status_; }
  const std::string& path() const { return path_; }
  // Bytes consumed so far and the file size, for progress.
  std::int64_t position() const { return consumed_; }
  std::int64_t size() const { return size_; }

 private:
  CsvReader(std::string path, std::ifstream in, std::int64_t size);
  // The file is read a block at a time into buffer_ (a character at a time through the stream
  // cost a sixth of an import). Fill reads the next block when the buffer is used up.
  bool Fill();
  int Get();
  int Peek();
  // Skips the rest of a bad record: to the end of the line, outside quotes.
  void SkipRecord();
  Status Error(std::int64_t line, std::int64_t column, const std::string& reason) const;

  std::string path_;
  static constexpr std::size_t kBufferSize = 1 << 16;

  std::ifstream in_;
  std::int64_t size_ = 0;
  std::vector<char> buffer_;
  std::size_t next_ = 0;  // next byte of buffer_ to read
  std::size_t end_ = 0;   // bytes of buffer_ filled
  std::int64_t consumed_ = 0;
  std::int64_t line_ = 1;
  std::int64_t column_ = 1;
  bool in_quotes_ = false;  // for SkipRecord
  Status status_;
};

}  // namespace traject::exchange

#endif  // TRAJECT_EXCHANGE_CSV_READER_H_

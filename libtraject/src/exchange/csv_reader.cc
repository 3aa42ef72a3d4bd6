#include "exchange/csv_reader.h"

#include <fmt/format.h>

#include <filesystem>

#include "traject/csv_cell.h"
#include "util/text.h"

namespace traject::exchange {

Result<CsvReader> CsvReader::Open(const std::string& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  std::ifstream in(path, std::ios::binary);
  if (error || !in) return Status::NotFound(fmt::format("{}: cannot open the file", path));
  CsvReader reader(path, std::move(in), static_cast<std::int64_t>(size));
  // A UTF-8 byte-order mark, as spreadsheet programs write it, is not part of the first field.
  reader.Fill();
  const std::string_view start(reader.buffer_.data(), reader.end_);
  if (start.starts_with("\xEF\xBB\xBF")) {
    reader.next_ = 3;
    reader.consumed_ = 3;
  }
  return reader;
}

CsvReader::CsvReader(std::string path, std::ifstream in, std::int64_t size)
    : path_(std::move(path)), in_(std::move(in)), size_(size), buffer_(kBufferSize) {}

bool CsvReader::Fill() {
  if (next_ < end_) return true;
  in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  end_ = static_cast<std::size_t>(in_.gcount());
  next_ = 0;
  return end_ > 0;
}

int CsvReader::Get() {
  if (next_ >= end_ && !Fill()) return -1;
  const int c = static_cast<unsigned char>(buffer_[next_++]);
  ++consumed_;
  if (c == '\n') {
    ++line_;
    column_ = 1;
  } else if ((c & 0xC0) != 0x80) {
    ++column_;  // count characters, not UTF-8 continuation bytes
  }
  return c;
}

int CsvReader::Peek() {
  if (next_ >= end_ && !Fill()) return -1;
  return static_cast<unsigned char>(buffer_[next_]);
}

void CsvReader::SkipRecord() {
  while (true) {
    const int c = Get();
    if (c < 0) return;
    if (c == '"') in_quotes_ = !in_quotes_;
    if (c == '\n' && !in_quotes_) return;
  }
}

Status CsvReader::Error(std::int64_t line, std::int64_t column, const std::string& reason) const {
  return Status::InvalidArgument(fmt::format("{}:{}:{}: {}", path_, line, column, reason));
}

bool CsvReader::Next(CsvRecord& record) {
  record.fields.clear();
  record.columns.clear();
  record.problem = Status::OK();
  if (!status_.ok() || Peek() < 0) return false;
  record.line = line_;
  std::string field;
  std::int64_t field_column = column_;
  std::int64_t field_line = line_;
  // A bad record: noted, the rest of it skipped, and the reading goes on.
  auto bad_record = [&](std::int64_t line, std::int64_t column, const std::string& reason) {
    record.problem = Error(line, column, reason);
    in_quotes_ = false;
    SkipRecord();
    return true;
  };
  while (true) {
    field_column = column_;
    field_line = line_;
    if (Peek() == '"') {
      Get();
      while (true) {
        const int c = Get();
        if (c < 0) {
          status_ =
              Error(field_line, field_column, "quoted field not closed before the end of the file");
          return false;
        }
        if (c == '"') {
          if (Peek() == '"') {
            Get();
            field += '"';
            continue;
          }
          break;
        }
        field += static_cast<char>(c);
      }
      const int after = Peek();
      if (after != ',' && after != '\n' && after != '\r' && after >= 0) {
        return bad_record(line_, column_, "unexpected character after a closing quote");
      }
    } else {
      while (true) {
        const int c = Peek();
        if (c < 0 || c == ',' || c == '\n' || c == '\r') break;
        if (c == '"') {
          const std::int64_t line = line_, column = column_;
          Get();  // the stray quote is taken as text: the record ends at the end of its line
          return bad_record(line, column, "quote inside an unquoted field");
        }
        field += static_cast<char>(Get());
      }
    }
    std::size_t bad = 0;
    if (!text::IsValidUtf8(field, &bad)) {
      return bad_record(field_line, field_column,
                        fmt::format("invalid UTF-8 (byte {} of the field)", bad + 1));
    }
    record.fields.push_back(CsvCellText(field));
    record.columns.push_back(field_column);
    field.clear();
    const int c = Get();
    if (c == ',') continue;
    if (c == '\r' && Peek() == '\n') Get();
    return true;  // end of line or of file
  }
}

}  // namespace traject::exchange

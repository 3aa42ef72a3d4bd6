#include "csv.h"

#include <fmt/format.h>

#include <filesystem>

namespace traject::cli {

bool IsValidUtf8(const std::string& text, std::size_t* bad_offset) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned char c = s[i];
    std::size_t length = 0;
    std::uint32_t code = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      length = 2;
      code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3;
      code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4;
      code = c & 0x07;
    } else {
      *bad_offset = i;
      return false;
    }
    if (i + length > n) {
      *bad_offset = i;
      return false;
    }
    for (std::size_t k = 1; k < length; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) {
        *bad_offset = i;
        return false;
      }
      code = (code << 6) | (s[i + k] & 0x3F);
    }
    const bool overlong = (length == 2 && code < 0x80) || (length == 3 && code < 0x800) ||
                          (length == 4 && code < 0x10000);
    if (overlong || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      *bad_offset = i;
      return false;
    }
    i += length;
  }
  return true;
}

Result<CsvReader> CsvReader::Open(const std::string& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  std::ifstream in(path, std::ios::binary);
  if (error || !in) return Status::NotFound(fmt::format("{}: cannot open the file", path));
  return CsvReader(path, std::move(in), static_cast<std::int64_t>(size));
}

CsvReader::CsvReader(std::string path, std::ifstream in, std::int64_t size)
    : path_(std::move(path)), in_(std::move(in)), size_(size) {}

int CsvReader::Get() {
  const int c = in_.get();
  if (c == std::char_traits<char>::eof()) return -1;
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
  const int c = in_.peek();
  return c == std::char_traits<char>::eof() ? -1 : c;
}

Status CsvReader::Error(std::int64_t line, std::int64_t column, const std::string& reason) const {
  return Status::InvalidArgument(fmt::format("{}:{}:{}: {}", path_, line, column, reason));
}

bool CsvReader::Next(CsvRecord& record) {
  record.fields.clear();
  record.columns.clear();
  if (!status_.ok() || Peek() < 0) return false;
  record.line = line_;
  std::string field;
  std::int64_t field_column = column_;
  std::int64_t field_line = line_;
  auto finish_field = [&]() -> bool {
    std::size_t bad = 0;
    if (!IsValidUtf8(field, &bad)) {
      status_ = Error(field_line, field_column,
                      fmt::format("invalid UTF-8 (byte {} of the field)", bad + 1));
      return false;
    }
    record.fields.push_back(std::move(field));
    record.columns.push_back(field_column);
    field.clear();
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
        status_ = Error(line_, column_, "unexpected character after a closing quote");
        return false;
      }
    } else {
      while (true) {
        const int c = Peek();
        if (c < 0 || c == ',' || c == '\n' || c == '\r') break;
        if (c == '"') {
          status_ = Error(line_, column_, "quote inside an unquoted field");
          return false;
        }
        field += static_cast<char>(Get());
      }
    }
    if (!finish_field()) return false;
    const int c = Get();
    if (c == ',') continue;
    if (c == '\r' && Peek() == '\n') Get();
    return true;  // end of line or of file
  }
}

}  // namespace traject::cli

// Bulk rows into PostgreSQL with COPY ... FROM STDIN, through the libpq connection under a SOCI
// session. SOCI sends one round trip per row even for vector binds (../shared/STACK.md: ~10-13k
// rows/s); COPY streams them (~300k rows/s).
#ifndef TRAJECT_STORAGE_PG_COPY_H_
#define TRAJECT_STORAGE_PG_COPY_H_

#include <soci/soci.h>

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace traject::storage {

// Rows in COPY's text format: Add each field of a row in column order, then EndRow.
class CopyText {
 public:
  template <std::integral T>
  void Add(T value) {
    AddInteger(static_cast<std::int64_t>(value));
  }
  void Add(std::string_view text);
  void Add(const std::string& text) { Add(std::string_view(text)); }
  void Add(const char* text) { Add(std::string_view(text)); }
  template <typename T>
  void Add(const std::optional<T>& value) {
    if (value) return Add(*value);
    Separate();
    text_ += "\\N";
  }
  void EndRow();

  const std::string& text() const { return text_; }
  std::size_t rows() const { return rows_; }
  void clear();

 private:
  void AddInteger(std::int64_t value);
  void Separate();

  std::string text_;
  std::size_t rows_ = 0;
  bool first_field_ = true;
};

// Copies `rows` into `table`'s `columns` (a comma-separated list) with one COPY. Errors throw
// soci::soci_error carrying PostgreSQL's primary message only (its detail and context quote the
// row's values, which hold personal data). REQUIRES: `sql` is a PostgreSQL session.
void CopyIn(soci::session& sql, std::string_view table, std::string_view columns,
            const CopyText& rows);

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_PG_COPY_H_

// Bulk rows into PostgreSQL with COPY ... FROM STDIN, through the libpq connection under a SOCI
// session. SOCI sends one round trip per row even for vector binds (../shared/STACK.md: ~10-13k
// rows/s); COPY streams them (~300k rows/s).
#ifndef TRAJECT_STORAGE_PG_COPY_H_
#define TRAJECT_STORAGE_PG_COPY_H_

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace traject::storage {

// One COPY of rows into `table`'s `columns` (a comma-separated list), in the text format.
// Usage: Add each field of a row in column order, EndRow after each row, then Finish.
// Errors throw soci::soci_error carrying PostgreSQL's primary message only (its detail and
// context would quote the row's values, which hold personal data). REQUIRES: `sql` is a
// PostgreSQL session inside a transaction; nothing else runs on it until Finish.
class PgCopy {
 public:
  PgCopy(soci::session& sql, std::string_view table, std::string_view columns);
  PgCopy(const PgCopy&) = delete;
  PgCopy& operator=(const PgCopy&) = delete;
  // Ends an unfinished COPY with an error, so the transaction fails rather than half-copies.
  ~PgCopy();

  void Add(std::int64_t value);
  void Add(std::string_view text);
  void Add(const std::optional<std::int64_t>& value);
  void EndRow();
  void Finish();

 private:
  void Field();
  void Send(bool last);

  void* conn_;  // PGconn*
  std::string buffer_;
  bool first_field_ = true;
  bool open_ = false;
};

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_PG_COPY_H_

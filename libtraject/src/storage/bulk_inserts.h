// Inserts of projection rows, in bulk where that pays (Dialect::BulkCopy): on PostgreSQL they
// are buffered per table and written with COPY (storage/pg_copy.h), parents before children;
// on SQLite, where a prepared INSERT is as fast as a bulk load (../shared/STACK.md), and under
// row-level security, which COPY does not support, each runs at once.
//
// Contract: a buffered row is not in its table until Flush. So the owner flushes before
// anything reads, updates or deletes rows this buffer may hold: the recorder flushes before
// loading a record or looking an owner up, and at the end of every Flush of its own
// (storage/recorder.h). Rows are given by their INSERT statement, whose table and column list
// also name the COPY.
#ifndef TRAJECT_STORAGE_BULK_INSERTS_H_
#define TRAJECT_STORAGE_BULK_INSERTS_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "storage/dialect.h"
#include "storage/pg_copy.h"
#include "storage/statements.h"

namespace traject::storage {

class BulkInserts {
 public:
  // `tables`: every table rows may be inserted into, parents before children (COPY order).
  BulkInserts(Statements& sql, const Dialect& dialect, std::vector<std::string> tables);

  // Inserts one row: `insert` is "INSERT INTO table (columns) VALUES (...)" with one
  // placeholder per column, `values` the row in column order.
  template <typename... Values>
  void Insert(std::string_view insert, const Values&... values) {
    if (!dialect_.BulkCopy()) {
      sql_.Get(insert).Run(values...);
      return;
    }
    Pending& pending = PendingOf(insert);
    (pending.rows.Add(values), ...);
    pending.rows.EndRow();
    if (++buffered_ >= kFlushAt) Flush();
  }

  // Writes every buffered row. Throws soci::soci_error.
  void Flush();

 private:
  static constexpr std::size_t kFlushAt = 16384;  // rows: a few MiB of text

  struct Pending {
    std::string table;
    std::string columns;
    CopyText rows;
  };
  Pending& PendingOf(std::string_view insert);

  Statements& sql_;
  const Dialect& dialect_;
  std::vector<std::string> tables_;
  std::map<std::string, Pending, std::less<>> by_insert_;  // keyed by the INSERT text
  std::size_t buffered_ = 0;
};

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_BULK_INSERTS_H_

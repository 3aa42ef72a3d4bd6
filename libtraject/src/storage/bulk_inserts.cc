#include "storage/bulk_inserts.h"

#include <algorithm>
#include <stdexcept>

namespace traject::storage {

BulkInserts::BulkInserts(Statements& sql, const Dialect& dialect, std::vector<std::string> tables)
    : sql_(sql), dialect_(dialect), tables_(std::move(tables)) {}

BulkInserts::Pending& BulkInserts::PendingOf(std::string_view insert) {
  auto it = by_insert_.find(insert);
  if (it != by_insert_.end()) return it->second;
  // "INSERT INTO <table> (<columns>) VALUES ..."
  constexpr std::string_view kInto = "INSERT INTO ";
  const std::size_t open = insert.find(" (");
  const std::size_t close = insert.find(") VALUES");
  if (!insert.starts_with(kInto) || open == std::string_view::npos ||
      close == std::string_view::npos || close < open) {
    throw std::logic_error("BulkInserts: not an INSERT INTO table (columns) VALUES statement");
  }
  Pending pending;
  pending.table = std::string(insert.substr(kInto.size(), open - kInto.size()));
  pending.columns = std::string(insert.substr(open + 2, close - open - 2));
  if (std::find(tables_.begin(), tables_.end(), pending.table) == tables_.end()) {
    throw std::logic_error("BulkInserts: a table outside its list");
  }
  return by_insert_.emplace(std::string(insert), std::move(pending)).first->second;
}

void BulkInserts::Flush() {
  if (buffered_ == 0) return;
  for (const std::string& table : tables_) {
    for (auto& [insert, pending] : by_insert_) {
      if (pending.table != table || pending.rows.rows() == 0) continue;
      CopyIn(sql_.session(), pending.table, pending.columns, pending.rows);
      pending.rows.clear();
    }
  }
  buffered_ = 0;
}

}  // namespace traject::storage

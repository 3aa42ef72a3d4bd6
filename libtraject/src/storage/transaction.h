// A write transaction: it starts with the dialect's BeginWrite for a scope (an organisation,
// or a name for work across organisations) and rolls back when destroyed uncommitted. Every
// write of the store goes through one.
#ifndef TRAJECT_STORAGE_TRANSACTION_H_
#define TRAJECT_STORAGE_TRANSACTION_H_

#include <soci/soci.h>

#include <string_view>

#include "storage/dialect.h"

namespace traject::storage {

// Scopes of writes that are not one organisation's.
inline constexpr std::string_view kSchemaScope = "traject.schema";

class WriteTransaction {
 public:
  // Throws soci::soci_error when the transaction cannot start (e.g. busy past the timeout).
  WriteTransaction(soci::session& sql, const Dialect& dialect, std::string_view scope) : sql_(sql) {
    bool begun = false;
    try {
      for (const std::string& statement : dialect.BeginWrite(scope)) {
        sql_ << statement;
        begun = true;
      }
    } catch (...) {
      if (begun) Rollback();
      throw;
    }
  }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  ~WriteTransaction() {
    if (open_) Rollback();
  }

  // Throws soci::soci_error when the commit fails; the transaction is rolled back then.
  void Commit() {
    sql_ << "COMMIT";
    open_ = false;
  }

 private:
  void Rollback() {
    try {
      sql_ << "ROLLBACK";
    } catch (...) {
      // The connection is gone or the transaction already ended: nothing to undo.
    }
    open_ = false;
  }

  soci::session& sql_;
  bool open_ = true;
};

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_TRANSACTION_H_

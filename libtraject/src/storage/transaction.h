// A write transaction that starts with the dialect's BeginWrite (see dialect.h) and rolls back
// when destroyed uncommitted. Every write of the store goes through one.
#ifndef TRAJECT_STORAGE_TRANSACTION_H_
#define TRAJECT_STORAGE_TRANSACTION_H_

#include <soci/soci.h>

#include "storage/dialect.h"

namespace traject::storage {

class WriteTransaction {
 public:
  // Throws soci::soci_error when the transaction cannot start (e.g. busy past the timeout).
  WriteTransaction(soci::session& sql, const Dialect& dialect) : sql_(sql) {
    sql_ << dialect.BeginWrite();
  }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  ~WriteTransaction() {
    if (open_) {
      try {
        sql_ << "ROLLBACK";
      } catch (...) {
        // The connection is gone or the transaction already ended: nothing to undo.
      }
    }
  }

  // Throws soci::soci_error when the commit fails; the transaction is rolled back then.
  void Commit() {
    sql_ << "COMMIT";
    open_ = false;
  }

 private:
  soci::session& sql_;
  bool open_ = true;
};

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_TRANSACTION_H_

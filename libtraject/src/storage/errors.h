// How database failures become a Status. SOCI's exception text quotes the statement and its
// parameters ("while executing "INSERT ..." with :ref="P-1""); those are personal data and are
// never passed on: only the database's own one-line reason is kept.
#ifndef TRAJECT_STORAGE_ERRORS_H_
#define TRAJECT_STORAGE_ERRORS_H_

#include <exception>
#include <stdexcept>
#include <string_view>

#include "traject/status.h"

namespace traject::storage {

// A failure of storage code whose message is its own (no SQL, no values): passed on as it is.
class StorageRefusal : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Busy when another connection held the lock past the busy timeout (SQLITE_BUSY or
// SQLITE_LOCKED); Storage otherwise. The message is "<what>: <reason>" without SQL or values.
Status StorageError(const std::exception& error, std::string_view what);

// Runs `body` and turns any exception into StorageError(…, what).
template <typename T, typename Body>
Result<T> Guard(std::string_view what, Body&& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    return StorageError(e, what);
  }
}

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_ERRORS_H_

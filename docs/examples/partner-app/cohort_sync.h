// Writing from several threads: one Store per thread, and a retry when the database is busy.
#ifndef WSP_SYNC_COHORT_SYNC_H_
#define WSP_SYNC_COHORT_SYNC_H_

#include <traject/status.h>
#include <traject/store.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

namespace wsp {

inline const traject::Status& StatusOf(const traject::Status& status) { return status; }
template <typename T>
const traject::Status& StatusOf(const traject::Result<T>& result) {
  return result.status();
}

// Runs `write` (one whole transaction: a Record, a RecordAll, or a function that opens, fills
// and commits a WriteBatch) until it succeeds, fails for a reason other than Busy, or has been
// tried kMaxAttempts times. Busy means another writer held the database longer than
// StoreOptions::busy_timeout_ms and nothing was written, so the same write may simply be tried
// again. Every other error is final: trying again gives the same answer.
template <typename Write>
auto RetryWhenBusy(Write write, std::atomic<int>* retries = nullptr) {
  constexpr int kMaxAttempts = 5;
  auto pause = std::chrono::milliseconds(100);
  for (int attempt = 1;; ++attempt) {
    auto result = write();
    if (!StatusOf(result).IsRetryable() || attempt == kMaxAttempts) return result;
    if (retries != nullptr) ++*retries;
    std::this_thread::sleep_for(pause);
    pause *= 2;
  }
}

struct CohortSyncResult {
  int registered = 0;     // participants recorded now
  int already_known = 0;  // participants found in the database (an earlier run)
  int retries = 0;        // writes tried again after Busy
};

// Registers `per_thread` participants "<prefix>-<i>" from each of `threads` threads, each thread
// with a Store of its own on `database` (opened with `options`), and records an invitation for
// each. Returns the first error any thread met.
traject::Result<CohortSyncResult> SyncCohort(const std::string& database,
                                             const traject::StoreOptions& options, int threads,
                                             int per_thread);

}  // namespace wsp

#endif  // WSP_SYNC_COHORT_SYNC_H_

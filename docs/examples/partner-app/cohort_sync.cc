#include "cohort_sync.h"

#include <traject/date.h>
#include <traject/events.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

namespace wsp {
namespace {

using namespace std::chrono_literals;

// A cohort as the werkgeversservicepunt's planning system lists it: registered on one day and
// invited a week later. traject::Date is std::chrono::year_month_day.
constexpr traject::Date kCohortRegistered = 2024y / std::chrono::June / 3;
constexpr traject::Date kInvited = 2024y / std::chrono::June / 10;

std::string Ref(char writer, int i) {
  char ref[32];
  std::snprintf(ref, sizeof ref, "WSP-%c-%02d", writer, i);
  return ref;
}

// One thread's work. A Store is not thread-safe: this thread opens its own and no other thread
// touches it. The StoreOptions (and the catalogue they point to) are only read, which is safe.
traject::Status Writer(const std::string& database, const traject::StoreOptions& options,
                       char writer, int count, std::atomic<int>& registered,
                       std::atomic<int>& known, std::atomic<int>& retries) {
  traject::Result<std::unique_ptr<traject::Store>> store =
      RetryWhenBusy([&] { return traject::Store::Open(database, options); }, &retries);
  if (!store.ok()) return store.status();
  for (int i = 1; i <= count; ++i) {
    const std::string ref = Ref(writer, i);
    // A sync runs again tomorrow: skip who is already there. NotFound is the expected answer
    // for someone new, not an error.
    traject::Result<traject::Participant> existing = (*store)->GetParticipant(ref);
    if (existing.ok()) {
      ++known;
      continue;
    }
    if (existing.status().code() != traject::Status::Code::kNotFound) return existing.status();

    // The registration and the invitation in one transaction: both or neither.
    const std::vector<traject::Command> commands = {
        traject::ParticipantRegistered{.ref = ref,
                                       .area = "Holendrecht",
                                       .cohort = "2024-06 Holendrecht",
                                       .registered = kCohortRegistered},
        traject::ContactRecorded{
            .ref = ref, .kind = traject::ContactKind::kInvited, .date = kInvited},
    };
    traject::Result<traject::Recorded> recorded =
        RetryWhenBusy([&] { return (*store)->RecordAll(commands); }, &retries);
    if (!recorded.ok()) return recorded.status().WithContext(ref);
    ++registered;
  }
  return traject::Status::OK();
}

}  // namespace

traject::Result<CohortSyncResult> SyncCohort(const std::string& database,
                                             const traject::StoreOptions& options, int threads,
                                             int per_thread) {
  std::atomic<int> registered{0}, known{0}, retries{0};
  std::vector<traject::Status> statuses(static_cast<std::size_t>(threads));
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      statuses[static_cast<std::size_t>(t)] = Writer(database, options, static_cast<char>('A' + t),
                                                     per_thread, registered, known, retries);
    });
  }
  for (std::thread& worker : workers) worker.join();
  for (const traject::Status& status : statuses) {
    if (!status.ok()) return status;
  }
  return CohortSyncResult{registered.load(), known.load(), retries.load()};
}

}  // namespace wsp

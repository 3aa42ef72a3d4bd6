// Store throughput on SQLite: commands recorded per second in one batch (the import and demo
// path), and single commands, each its own transaction, against raw single-row transactions of
// SQLite with the same settings (WAL, synchronous = NORMAL, BEGIN IMMEDIATE), in an empty
// database and in one of 400,000 participants.
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <filesystem>
#include <map>
#include <random>
#include <stdexcept>
#include <string>

#include "traject/store.h"

namespace {

std::string TempDb() {
  std::random_device random;
  return (std::filesystem::temp_directory_path() /
          ("traject-bench-" + std::to_string(random()) + ".db"))
      .string();
}

void Remove(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

void BM_RegisterParticipantsInOneBatch(benchmark::State& state) {
  const auto rows = state.range(0);
  for (auto _ : state) {
    state.PauseTiming();
    const std::string path = TempDb();
    auto store = traject::Store::Open(path);
    (void)(*store)->CreateOrganisation("bench", "Bench", *traject::ParseDate("2019-01-01"));
    state.ResumeTiming();
    auto batch = (*store)->BeginBatch();
    for (std::int64_t i = 0; i < rows; ++i) {
      traject::ParticipantRegistered p;
      p.ref = "P";
      p.ref += std::to_string(i);  // not "P" + ...: a false -Wrestrict in g++ 12 -O3
      p.registered = *traject::ParseDate("2024-01-02");
      p.area = "Osdorp";
      auto recorded = (*batch)->Record(p);
      if (!recorded.ok()) state.SkipWithError(recorded.status().ToString().c_str());
    }
    (void)(*batch)->Commit();
    state.PauseTiming();
    store->reset();
    Remove(path);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * rows);
}
BENCHMARK(BM_RegisterParticipantsInOneBatch)->Arg(10000)->Unit(benchmark::kMillisecond);

std::string Ref(std::int64_t i) {
  std::string ref = "P";
  ref += std::to_string(i);
  return ref;
}

// A database of `participants` people (made once per size, kept for the process's life).
const std::string& DatabaseOf(std::int64_t participants) {
  static std::map<std::int64_t, std::string> made;
  auto it = made.find(participants);
  if (it != made.end()) return it->second;
  const std::string path = TempDb();
  traject::StoreOptions options;
  options.organisation = "bench";
  options.create_organisation = true;
  auto store = traject::Store::Open(path, options);
  if (!store.ok()) throw std::runtime_error(store.status().ToString());
  auto batch = (*store)->BeginBatch();
  for (std::int64_t i = 0; i < participants; ++i) {
    traject::ParticipantRegistered p;
    p.ref = Ref(i);
    p.registered = *traject::ParseDate("2024-01-02");
    p.area = "Osdorp";
    if (!(*batch)->Record(p).ok()) throw std::runtime_error("registering");
  }
  if (!(*batch)->Commit().ok()) throw std::runtime_error("committing");
  std::atexit([] {
    for (const auto& [size, file] : made) Remove(file);
  });
  return made.emplace(participants, path).first->second;
}

// One command per transaction: a registration and a contact with someone registered, the
// commonest commands of a coordinator's day. Each reads the participant's record and writes the
// log and a projection row.
void BM_SingleCommands(benchmark::State& state) {
  const std::int64_t existing = state.range(0);
  traject::StoreOptions options;
  options.organisation = "bench";
  auto store = traject::Store::Open(DatabaseOf(existing), options);
  if (!store.ok()) state.SkipWithError(store.status().ToString().c_str());
  // Benchmark runs this function several times on the same database: new refs each time.
  static std::map<std::int64_t, std::int64_t> next_of;
  std::int64_t& next = next_of.try_emplace(existing, existing).first->second;
  for (auto _ : state) {
    traject::ParticipantRegistered p;
    p.ref = Ref(next++);
    p.registered = *traject::ParseDate("2024-01-02");
    p.area = "Noord";
    auto registered = (*store)->Record(p);
    traject::ContactRecorded contact{p.ref, traject::ContactKind::kConversation,
                                     *traject::ParseDate("2024-02-05")};
    auto contacted = (*store)->Record(contact);
    if (!registered.ok() || !contacted.ok()) state.SkipWithError("recording failed");
  }
  state.SetItemsProcessed(state.iterations() * 2);
}
// Real time: a commit waits on the file system, which CPU time leaves out.
BENCHMARK(BM_SingleCommands)->Arg(0)->Arg(400000)->UseRealTime()->Unit(benchmark::kMicrosecond);

// The baseline: a raw SQLite transaction inserting one row, as each command above does at the
// least (it appends an event).
void BM_RawSingleRowTransactions(benchmark::State& state) {
  const std::string path = TempDb();
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db,
               "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
               "CREATE TABLE events (seq INTEGER PRIMARY KEY, stream TEXT, payload TEXT)",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO events (stream, payload) VALUES (?, ?)", -1, &insert,
                     nullptr);
  std::int64_t i = 0;
  for (auto _ : state) {
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    const std::string stream = "participant-" + Ref(i++);
    sqlite3_bind_text(insert, 1, stream.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 2, "{\"kind\":\"contact.recorded\"}", -1, SQLITE_STATIC);
    if (sqlite3_step(insert) != SQLITE_DONE) state.SkipWithError(sqlite3_errmsg(db));
    sqlite3_reset(insert);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  }
  sqlite3_finalize(insert);
  sqlite3_close(db);
  Remove(path);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RawSingleRowTransactions)->UseRealTime()->Unit(benchmark::kMicrosecond);

}  // namespace

// Store throughput on SQLite: commands recorded per second in one batch (the import and demo
// path), and reading every placement back.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>
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

}  // namespace

// Rules throughput: reports compute a schedule per placement per month, so these bound how fast
// a national-scale report can be.
#include <benchmark/benchmark.h>

#include "traject/lks.h"
#include "traject/schedule.h"

namespace {

traject::Date D(const char* iso) { return *traject::ParseDate(iso); }

void BM_ComputeLks(benchmark::State& state) {
  traject::LksInput input;
  input.date = D("2025-03-01");
  input.hours = 3200;
  input.loonwaarde = 45;
  for (auto _ : state) {
    auto amount = traject::ComputeLks(traject::BuiltinParameters(), input);
    benchmark::DoNotOptimize(amount);
  }
}
BENCHMARK(BM_ComputeLks);

// The same amount without its explanation, as reports compute it (LksInput::explain = false).
void BM_ComputeLksAmountOnly(benchmark::State& state) {
  traject::LksInput input;
  input.date = D("2025-03-01");
  input.hours = 3200;
  input.loonwaarde = 45;
  input.explain = false;
  for (auto _ : state) {
    auto amount = traject::ComputeLks(traject::BuiltinParameters(), input);
    benchmark::DoNotOptimize(amount);
  }
}
BENCHMARK(BM_ComputeLksAmountOnly);

void BM_ScheduleOfTwoYears(benchmark::State& state) {
  traject::Placement placement;
  placement.hours_per_week = 3200;
  placement.start = D("2024-02-12");
  placement.assessments = {{D("2024-05-20"), 45}, {D("2025-03-17"), 60}};
  traject::ScheduleOptions window;
  window.to = D("2026-02-11");
  for (auto _ : state) {
    auto schedule = traject::ComputeSchedule(traject::BuiltinParameters(), placement, window);
    benchmark::DoNotOptimize(schedule);
  }
  state.SetItemsProcessed(state.iterations() * 24);  // months
}
BENCHMARK(BM_ScheduleOfTwoYears);

}  // namespace

// A rule call through a loaded plugin against the same rule called in-process: the cost of the
// plugin boundary (dlopen'd code, the host's guard that turns a throw into a Status). The
// Schiphol plugin's source is compiled into this benchmark as well, so both sides run the same
// code. Target: the loaded call within 1.05x of the in-process one (docs/performance.md).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <vector>

#include "traject/plugin.h"
#include "traject/plugin_host.h"

extern "C" const TrajectPluginInfo* traject_plugin_info();  // the compiled-in Schiphol plugin

namespace {

traject::Date D(const char* iso) { return *traject::ParseDate(iso); }

// A placement past its sixth month, so the plugin's werkbehoud premium is earned and the call
// does its full work.
traject::PlacementFacts Facts() {
  traject::PlacementFacts facts;
  facts.programme_id = "schiphol";
  facts.track_id = "bagage-logistiek";
  facts.trajectory_started = D("2024-01-08");
  facts.placement.id = 1;
  facts.placement.employer = "KLM Ground Services";
  facts.placement.hours_per_week = 3200;
  facts.placement.gross_monthly_wage = 250000;
  facts.placement.start = D("2024-03-04");
  facts.on = D("2025-01-31");
  return facts;
}

std::shared_ptr<traject::LoadedPlugin> LoadedSchiphol() {
  static std::shared_ptr<traject::LoadedPlugin> plugin = [] {
    auto loaded = traject::LoadedPlugin::Load(TRAJECT_BENCH_SCHIPHOL_PLUGIN);
    if (!loaded.ok()) throw std::runtime_error(loaded.status().ToString());
    return *loaded;
  }();
  return plugin;
}

void BM_PluginRuleInProcess(benchmark::State& state) {
  const TrajectPluginInfo* info = traject_plugin_info();
  std::unique_ptr<traject::BanenplanPlugin, void (*)(traject::BanenplanPlugin*)> plugin(
      info->create(), info->destroy);
  const traject::PlacementFacts facts = Facts();
  for (auto _ : state) {
    traject::Decision eligible = plugin->LksEligibility(facts);
    std::vector<traject::PremiumAward> awards = plugin->Premiums(facts);
    if (awards.size() != 1 || !eligible.eligible) state.SkipWithError("unexpected rule result");
    benchmark::DoNotOptimize(awards);
  }
}
// The minimum of repetitions as well: the shared machines this runs on add noise, never speed.
double Min(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }

BENCHMARK(BM_PluginRuleInProcess)->ComputeStatistics("min", Min);

void BM_PluginRuleLoaded(benchmark::State& state) {
  std::shared_ptr<traject::LoadedPlugin> plugin = LoadedSchiphol();
  const traject::PlacementFacts facts = Facts();
  for (auto _ : state) {
    traject::Result<traject::Decision> eligible = plugin->LksEligibility(facts);
    traject::Result<std::vector<traject::PremiumAward>> awards = plugin->Premiums(facts);
    if (!awards.ok() || awards->size() != 1 || !eligible.ok() || !eligible->eligible) {
      state.SkipWithError("unexpected rule result");
    }
    benchmark::DoNotOptimize(awards);
  }
}
BENCHMARK(BM_PluginRuleLoaded)->ComputeStatistics("min", Min);

}  // namespace

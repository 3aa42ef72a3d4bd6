// RulesGuard: which programme plugins a figure needs, and what to do when one is not loaded
// (MissingPlugins in traject/reports.h). A figure asks it for each placement's plugin first,
// then asks Check() before it hands out a number.
#ifndef TRAJECT_REPORT_RULES_GUARD_H_
#define TRAJECT_REPORT_RULES_GUARD_H_

#include <map>
#include <string>
#include <vector>

#include "traject/plugin_host.h"
#include "traject/reports.h"

namespace traject::report {

class RulesGuard {
 public:
  RulesGuard(const PluginRegistry* plugins, MissingPlugins policy)
      : plugins_(plugins), policy_(policy) {}

  // Notes that the figure needs `programme`'s rules for `placements` placements; returns its
  // plugin, or nullptr (statutory rules only) when none is loaded.
  const LoadedPlugin* Need(const std::string& programme, int placements = 1);
  // With kRefuse and a programme missing: Plugin naming each with its count of placements.
  Status Check() const;
  // The programmes noted without a plugin, ordered by id.
  std::vector<std::string> Missing() const;

 private:
  const PluginRegistry* plugins_;
  MissingPlugins policy_;
  std::map<std::string, int> missing_;  // programme -> placements that needed it
};

}  // namespace traject::report

#endif  // TRAJECT_REPORT_RULES_GUARD_H_

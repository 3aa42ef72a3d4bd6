// RulesGuard: which programme plugins a figure needs, and what to do when one is not loaded
// (MissingPlugins in traject/report_options.h). A figure asks it for each placement's plugin
// first, then asks Check() before it hands out a number. DefinitionGuard does the same for
// figures that need only a programme's definition (its milestones, deadlines and what they
// attain), which a catalogue holds.
#ifndef TRAJECT_REPORT_RULES_GUARD_H_
#define TRAJECT_REPORT_RULES_GUARD_H_

#include <map>
#include <string>
#include <vector>

#include "traject/catalogue.h"
#include "traject/plugin_host.h"
#include "traject/report_options.h"

namespace traject::report {

// What a figure counts and what the plugin's rules decide about it, for the refusal message.
struct RulesSubject {
  const char* one = "placement";
  const char* many = "placements";
  const char* decide = "decide the subsidy and premiums of";
};

// The programmes a figure could not find, by the number of subjects that needed each.
class MissingProgrammes {
 public:
  MissingProgrammes(MissingPlugins policy, RulesSubject subject)
      : policy_(policy), subject_(subject) {}

  void Note(const std::string& programme, int count) { missing_[programme] += count; }
  // With kRefuse and a programme missing: Plugin naming each with its count of subjects.
  Status Check() const;
  // The programmes noted, ordered by id.
  std::vector<std::string> Missing() const;

 private:
  MissingPlugins policy_;
  RulesSubject subject_;
  std::map<std::string, int> missing_;  // programme -> subjects that needed it
};

class RulesGuard {
 public:
  RulesGuard(const PluginRegistry* plugins, MissingPlugins policy, RulesSubject subject = {})
      : plugins_(plugins), missing_(policy, subject) {}

  // Notes that the figure needs `programme`'s rules for `count` of its subjects (placements by
  // default); returns its plugin, or nullptr (statutory rules only) when none is loaded.
  const LoadedPlugin* Need(const std::string& programme, int count = 1);
  Status Check() const { return missing_.Check(); }
  std::vector<std::string> Missing() const { return missing_.Missing(); }

 private:
  const PluginRegistry* plugins_;
  MissingProgrammes missing_;
};

class DefinitionGuard {
 public:
  DefinitionGuard(const ProgrammeCatalogue* programmes, MissingPlugins policy, RulesSubject subject)
      : programmes_(programmes), missing_(policy, subject) {}

  // The programme's definition, or nullptr (noted) when the catalogue does not hold it.
  const ProgrammeDefinition* Need(const std::string& programme, int count = 1);
  Status Check() const { return missing_.Check(); }
  std::vector<std::string> Missing() const { return missing_.Missing(); }

 private:
  const ProgrammeCatalogue* programmes_;
  MissingProgrammes missing_;
};

}  // namespace traject::report

#endif  // TRAJECT_REPORT_RULES_GUARD_H_

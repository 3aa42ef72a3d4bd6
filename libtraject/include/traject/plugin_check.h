// Conformance checking of one plugin in isolation (`traject plugins check PATH`): what a host
// needs from a plugin beyond loading — sane definitions and rules that behave over a range of
// inputs. Used by plugin authors before shipping and by the tests of the bundled plugins.
#ifndef TRAJECT_PLUGIN_CHECK_H_
#define TRAJECT_PLUGIN_CHECK_H_

#include <filesystem>
#include <string>
#include <vector>

#include "traject/export.h"
#include "traject/status.h"

namespace traject {

struct ConformanceCheck {
  std::string name;  // what was checked
  bool passed = false;
  std::string detail;  // why it failed, or what was covered
};

struct TRAJECT_EXPORT ConformanceReport {
  std::string plugin;  // name and version, when it loaded
  std::string programme;
  std::vector<ConformanceCheck> checks;
  bool passed() const;
};

// Loads the plugin at `path` (nothing else) and runs every check. Loading problems are a
// failed first check, not an error: the report says what went wrong.
TRAJECT_EXPORT ConformanceReport CheckPlugin(const std::filesystem::path& path);

}  // namespace traject

#endif  // TRAJECT_PLUGIN_CHECK_H_

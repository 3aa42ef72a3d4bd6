#include "report/rules_guard.h"

#include <fmt/format.h>

namespace traject::report {

const LoadedPlugin* RulesGuard::Need(const std::string& programme, int placements) {
  const LoadedPlugin* plugin = plugins_ ? plugins_->PluginFor(programme) : nullptr;
  if (!plugin) missing_[programme] += placements;
  return plugin;
}

Status RulesGuard::Check() const {
  if (missing_.empty() || policy_ == MissingPlugins::kFlag) return Status::OK();
  std::vector<std::string> parts;
  for (const auto& [programme, count] : missing_) {
    parts.push_back(fmt::format("'{}' ({} placement{})", programme, count, count == 1 ? "" : "s"));
  }
  return Status::Plugin(fmt::format(
      "no plugin is loaded for programme{} {}: {} banenplan rules decide the subsidy and premiums "
      "of {} placements, so this figure is refused rather than computed without them",
      missing_.size() == 1 ? "" : "s", fmt::join(parts, ", "),
      missing_.size() == 1 ? "its" : "their", missing_.size() == 1 ? "these" : "those"));
}

std::vector<std::string> RulesGuard::Missing() const {
  std::vector<std::string> ids;
  for (const auto& [programme, count] : missing_) ids.push_back(programme);
  return ids;
}

}  // namespace traject::report

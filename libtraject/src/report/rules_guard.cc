#include "report/rules_guard.h"

#include <fmt/format.h>

namespace traject::report {

Status MissingProgrammes::Check() const {
  if (missing_.empty() || policy_ == MissingPlugins::kFlag) return Status::OK();
  std::vector<std::string> parts;
  for (const auto& [programme, count] : missing_) {
    parts.push_back(
        fmt::format("'{}' ({} {})", programme, count, count == 1 ? subject_.one : subject_.many));
  }
  return Status::Plugin(fmt::format(
      "no plugin is loaded for programme{} {}: {} banenplan rules {} {} {}, so this figure is "
      "refused rather than computed without them",
      missing_.size() == 1 ? "" : "s", fmt::join(parts, ", "),
      missing_.size() == 1 ? "its" : "their", subject_.decide,
      missing_.size() == 1 ? "these" : "those", subject_.many));
}

std::vector<std::string> MissingProgrammes::Missing() const {
  std::vector<std::string> ids;
  for (const auto& [programme, count] : missing_) ids.push_back(programme);
  return ids;
}

const LoadedPlugin* RulesGuard::Need(const std::string& programme, int count) {
  const LoadedPlugin* plugin = plugins_ ? plugins_->PluginFor(programme) : nullptr;
  if (!plugin) missing_.Note(programme, count);
  return plugin;
}

const ProgrammeDefinition* DefinitionGuard::Need(const std::string& programme, int count) {
  const ProgrammeDefinition* definition = programmes_ ? programmes_->Find(programme) : nullptr;
  if (!definition) missing_.Note(programme, count);
  return definition;
}

}  // namespace traject::report

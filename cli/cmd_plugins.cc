#include <fmt/format.h>

#include "commands.h"
#include "traject/plugin_check.h"

namespace traject::cli {
namespace {

std::string DeadlineText(const MilestoneDefinition& m) {
  if (!m.deadline) return "";
  return fmt::format("{} d after {}", m.deadline->days,
                     m.deadline->anchor.empty() ? "start" : m.deadline->anchor);
}

std::string Join(const std::vector<std::string>& parts, const char* separator) {
  std::string text;
  for (const std::string& p : parts) text += (text.empty() ? "" : separator) + p;
  return text;
}

struct ListOptions {};

Status RunList(Context& context, const ListOptions&) {
  Result<const PluginRegistry*> plugins = context.Plugins();
  if (!plugins.ok()) return plugins.status();
  if (context.format() == Format::kJson) {
    // {"programmes": [...], "skipped": [{"path", "reason"}]}: the files skipped are part of
    // the answer, so that a script sees why a programme it expects is missing.
    Json json;
    auto& w = json.w();
    w.StartObject();
    json.Key("programmes");
    w.StartArray();
    for (const auto& plugin : (*plugins)->plugins()) {
      const ProgrammeDefinition& p = plugin->programme();
      w.StartObject();
      json.Field("plugin", plugin->name());
      json.Field("version", plugin->version());
      json.Field("path", plugin->path().string());
      json.Field("programme", p.id);
      json.Field("name", p.name);
      json.Field("kind", std::string(ToString(p.kind)));
      json.Field("area", p.area);
      json.Field("collective", p.collective);
      json.Field("description", p.description);
      json.Key("tracks");
      w.StartArray();
      for (const TrackDefinition& t : p.tracks) {
        w.StartObject();
        json.Field("id", t.id);
        json.Field("name", t.name);
        json.Field("sector", t.sector);
        json.Field("qualification", t.qualification);
        json.Field("duration_months", t.duration_months);
        json.Key("milestones");
        w.StartArray();
        for (const MilestoneDefinition& m : t.milestones) {
          w.StartObject();
          json.Field("id", m.id);
          json.Field("name", m.name);
          json.Key("after");
          w.StartArray();
          for (const std::string& a : m.after) json.String(a);
          w.EndArray();
          json.Key("deadline");
          if (m.deadline) {
            w.StartObject();
            json.Field("days", m.deadline->days);
            json.Field("after",
                       m.deadline->anchor.empty() ? std::string("start") : m.deadline->anchor);
            w.EndObject();
          } else {
            w.Null();
          }
          json.Key("evidence");
          w.StartArray();
          for (const std::string& e : m.evidence) json.String(e);
          w.EndArray();
          json.OptionalField(
              "enters", m.enters ? std::optional(std::string(ToString(*m.enters))) : std::nullopt);
          json.Field("required_for_placement", m.required_for_placement);
          json.Field("outcome", std::string(ToString(m.outcome)));
          w.EndObject();
        }
        w.EndArray();
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    json.Key("skipped");
    w.StartArray();
    for (const PluginLoadWarning& warning : (*plugins)->warnings()) {
      w.StartObject();
      json.Field("path", warning.path.string());
      json.Field("reason", warning.status.message());
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    json.Print(context.out());
    return Status::OK();
  }
  // Columns are only ever added, at the end: `outcome` (plugin API 3) came last.
  Table table({"programme", "track", "milestone", "name", "after", "deadline", "evidence", "enters",
               "before_placement", "outcome"});
  for (const auto& plugin : (*plugins)->plugins()) {
    const ProgrammeDefinition& p = plugin->programme();
    for (const TrackDefinition& t : p.tracks) {
      for (const MilestoneDefinition& m : t.milestones) {
        table.AddRow(
            {p.id, t.id, m.id, m.name, Join(m.after, ";"), DeadlineText(m), Join(m.evidence, ";"),
             m.enters ? std::string(ToString(*m.enters)) : std::string(),
             std::string(m.required_for_placement ? "yes" : ""), std::string(ToString(m.outcome))});
      }
    }
  }
  if (context.format() == Format::kTable) {
    for (const auto& plugin : (*plugins)->plugins()) {
      const ProgrammeDefinition& p = plugin->programme();
      std::vector<std::string> tracks;
      for (const TrackDefinition& t : p.tracks)
        tracks.push_back(fmt::format("{} ({})", t.id, t.name));
      context.out() << fmt::format("{} — {} [{} plan{}], plugin {} {}\n  tracks: {}\n", p.id,
                                   p.name, ToString(p.kind), p.area.empty() ? "" : ", " + p.area,
                                   plugin->name(), plugin->version(), Join(tracks, ", "));
    }
    if ((*plugins)->plugins().empty()) {
      context.out() << "No plugins found. Searched: --plugins, $TRAJECT_PLUGIN_PATH and the "
                       "bundled directory.\n";
      return Status::OK();
    }
    context.out() << "\n";
  }
  table.Print(context.out(), context.format());
  return Status::OK();
}

struct CheckOptions {
  std::string path;
};

Status RunCheck(Context& context, const CheckOptions& o) {
  ConformanceReport report = CheckPlugin(o.path);
  const ConformanceCheck* failed = report.first_failure();
  if (context.format() == Format::kJson) {
    Json json;
    json.w().StartObject();
    json.Field("path", o.path);
    json.Field("plugin", report.plugin);
    json.Field("programme", report.programme);
    json.Field("passed", report.passed());
    json.OptionalField("failed_check", failed ? std::optional(failed->name) : std::nullopt);
    json.Key("checks");
    json.w().StartArray();
    for (const ConformanceCheck& c : report.checks) {
      json.w().StartObject();
      json.Field("check", c.name);
      json.Field("passed", c.passed);
      json.Field("detail", c.detail);
      json.w().EndObject();
    }
    json.w().EndArray();
    json.w().EndObject();
    json.Print(context.out());
  } else {
    context.out() << "Checking " << o.path
                  << (report.plugin.empty() ? "" : " (" + report.plugin + ")") << "\n";
    for (const ConformanceCheck& c : report.checks) {
      context.out() << (c.passed ? "  ok    " : "  FAIL  ") << c.name
                    << (c.detail.empty() ? "" : ": " + c.detail) << "\n";
    }
    int failures = 0;
    for (const ConformanceCheck& c : report.checks) failures += c.passed ? 0 : 1;
    if (failed) {
      context.out() << fmt::format("{} of {} checks failed; the first: '{}'\n", failures,
                                   report.checks.size(), failed->name);
    } else {
      context.out() << fmt::format("All {} checks passed\n", report.checks.size());
    }
  }
  if (report.passed()) return Status::OK();
  if (!failed) return Status::Plugin(fmt::format("{} fails the conformance check", o.path));
  return Status::Plugin(
      fmt::format("{} fails check '{}': {}", o.path, failed->name, failed->detail));
}

}  // namespace

void AddPluginCommands(CLI::App& app, Context& context) {
  CLI::App* group = app.add_subcommand("plugins", "List and check banenplan plugins");
  group->require_subcommand(1);
  auto list_options = std::make_shared<ListOptions>();
  CLI::App* list = group->add_subcommand("list", "Every programme with its tracks and milestones");
  list->footer("Example:\n  traject plugins list --json");
  OnRun(list, context, list_options, &RunList);
  auto check_options = std::make_shared<CheckOptions>();
  CLI::App* check = group->add_subcommand("check", "Load one plugin in isolation and validate it");
  check->add_option("path", check_options->path, "Plugin file (.so)")->required();
  check->footer("Example:\n  traject plugins check build/lib/traject/plugins/traject-schiphol.so");
  OnRun(check, context, check_options, &RunCheck);
}

}  // namespace traject::cli

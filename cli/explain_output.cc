#include "explain_output.h"

#include <fmt/format.h>

namespace traject::cli {

void PrintExplanation(std::ostream& out, const Explanation& ex) {
  out << "Rule: " << ex.rule
      << (ex.provisional ? " (PROVISIONAL: a parameter is past its known period)" : "") << "\n";
  out << "Inputs:\n";
  for (const ExplainedInput& input : ex.inputs)
    out << fmt::format("  {:<24} {}\n", input.name, input.value);
  out << "Parameters:\n";
  for (const ExplainedParameter& p : ex.parameters) {
    out << fmt::format("  {:<24} {:<10} from {}{}  [{}]\n", p.name, p.value,
                       FormatDate(p.valid_from), p.provisional ? " (provisional)" : "", p.source);
  }
  out << "Steps:\n";
  int n = 1;
  for (const ExplainedStep& step : ex.steps) {
    out << fmt::format("  {}. {}\n", n++, step.label);
    if (!step.formula.empty())
      out << fmt::format("     {} = {}", step.formula, step.exact);
    else
      out << fmt::format("     = {}", step.exact);
    if (step.rounded) out << fmt::format("  → rounded: {}", step.result);
    out << "\n";
  }
}

void WriteExplanationJson(Json& json, const Explanation& ex) {
  auto& w = json.w();
  w.StartObject();
  json.Field("rule", ex.rule);
  json.Field("provisional", ex.provisional);
  json.Key("inputs");
  w.StartObject();
  for (const ExplainedInput& input : ex.inputs) json.Field(input.name, input.value);
  w.EndObject();
  json.Key("parameters");
  w.StartArray();
  for (const ExplainedParameter& p : ex.parameters) {
    w.StartObject();
    json.Field("name", p.name);
    json.Field("value", p.value);
    json.Field("valid_from", FormatDate(p.valid_from));
    json.Field("source", p.source);
    json.Field("provisional", p.provisional);
    w.EndObject();
  }
  w.EndArray();
  json.Key("steps");
  w.StartArray();
  for (const ExplainedStep& step : ex.steps) {
    w.StartObject();
    json.Field("label", step.label);
    json.Field("formula", step.formula);
    json.Field("exact", step.exact);
    json.Field("result", static_cast<std::int64_t>(step.result));
    json.Field("rounded", step.rounded);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace traject::cli

#include "rules/json_syntax.h"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <optional>

#include "util/json_screen.h"

namespace traject::rules {

Status CheckJsonObjectWithArray(const std::string& path, const std::string& text,
                                const char* array_member) {
  // Before rapidjson: it recurses once per level of nesting, and converts some numbers with an
  // exponent with undefined behaviour (util/json_screen.h).
  if (const std::optional<JsonFlaw> flaw = ScreenJson(text)) {
    return Status::InvalidArgument(
        fmt::format("{}:{}: {}{}", path, flaw->Line(text), flaw->Describe(),
                    flaw->kind == JsonFlaw::Kind::kNotAnInteger
                        ? "; a value is a whole number of its series' unit"
                        : ""));
  }
  rapidjson::Document document;
  document.Parse(text.c_str());
  if (document.HasParseError()) {
    const std::size_t offset = std::min(document.GetErrorOffset(), text.size());
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n');
    return Status::InvalidArgument(
        fmt::format("{}:{}: malformed JSON: {}", path, line,
                    rapidjson::GetParseError_En(document.GetParseError())));
  }
  if (!document.IsObject() || !document.HasMember(array_member) ||
      !document[array_member].IsArray()) {
    return Status::InvalidArgument(
        fmt::format("{}: expected an object with a '{}' array", path, array_member));
  }
  return Status::OK();
}

}  // namespace traject::rules

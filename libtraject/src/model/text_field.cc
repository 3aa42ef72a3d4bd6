#include "model/text_field.h"

#include <fmt/format.h>

#include "traject/events.h"
#include "util/text.h"

namespace traject {

Status CheckTextField(std::string_view value, const char* field, bool required, TextLines lines) {
  auto bad = [field](std::string problem) {
    return Status::InvalidArgument(fmt::format("{}: {}", field, problem)).WithField(field);
  };
  const bool many = lines == TextLines::kMany;
  if (required && value.empty()) return bad("required");
  if (!text::IsValidUtf8(value)) return bad("not valid UTF-8");
  if (text::HasControlCharacter(value, many)) {
    return bad(many ? "holds a control character (tab, escape...)"
                    : "holds a control character (tab, line break...)");
  }
  if (text::HasDeceptiveCharacter(value, many)) {
    return bad(many ? "holds a bidirectional override or isolate (U+202A..U+202E, U+2066..U+2069)"
                    : "holds a line or paragraph separator (U+2028, U+2029) or a bidirectional "
                      "override or isolate (U+202A..U+202E, U+2066..U+2069)");
  }
  if (text::CodePoints(value) > kMaxTextLength) {
    return bad(fmt::format("longer than {} characters", kMaxTextLength));
  }
  return Status::OK();
}

}  // namespace traject

#include "util/json_screen.h"

#include <algorithm>

#include <fmt/format.h>

namespace traject {

std::string JsonFlaw::Describe() const {
  switch (kind) {
    case Kind::kNotAnInteger:
      return "a number with a fraction or an exponent: every number is an integer";
    case Kind::kTooLong:
      return fmt::format("a number of more than {} digits: every number is a 64-bit integer",
                         kMaxJsonDigits);
    case Kind::kTooDeep:
      return fmt::format("arrays or objects nested deeper than {} levels", kMaxJsonDepth);
  }
  return "not JSON traject reads";
}

std::size_t JsonFlaw::Line(std::string_view text) const {
  const std::string_view before = text.substr(0, std::min(offset, text.size()));
  return 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
}

std::optional<JsonFlaw> ScreenJson(std::string_view json) {
  bool in_string = false;
  int depth = 0;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character, whatever it is
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        continue;
      case '[':
      case '{':
        if (++depth > kMaxJsonDepth) return JsonFlaw{JsonFlaw::Kind::kTooDeep, i};
        continue;
      case ']':
      case '}':
        // More closing than opening brackets is an error the parser reports; never below 0,
        // so that such a text cannot hide deeper nesting after it.
        if (depth > 0) --depth;
        continue;
      case 'N':
      case 'I':
        // cereal parses with rapidjson's kParseNanAndInfFlag: NaN and Infinity are doubles.
        return JsonFlaw{JsonFlaw::Kind::kNotAnInteger, i};
      default:
        break;
    }
    if (c != '-' && (c < '0' || c > '9')) continue;
    // A number token: what rapidjson would read as its digits, sign, point and exponent.
    const std::size_t start = i;
    bool integer = true;
    int digits = 0;
    for (; i < json.size(); ++i) {
      const char d = json[i];
      if (d == '.' || d == 'e' || d == 'E' || d == 'N' || d == 'I') {
        integer = false;  // "-NaN" and "-Infinity" too
      } else if (d >= '0' && d <= '9') {
        ++digits;
      } else if (d != '-' && d != '+') {
        break;
      }
    }
    if (!integer) return JsonFlaw{JsonFlaw::Kind::kNotAnInteger, start};
    if (digits > kMaxJsonDigits) return JsonFlaw{JsonFlaw::Kind::kTooLong, start};
    --i;  // the loop's ++i reads the character that ended the number
  }
  return std::nullopt;
}

}  // namespace traject

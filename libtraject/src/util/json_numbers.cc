#include "util/json_numbers.h"

namespace traject {

std::optional<std::size_t> FirstNonIntegerNumber(std::string_view json) {
  bool in_string = false;
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
    if (c == '"') {
      in_string = true;
      continue;
    }
    if (c != '-' && (c < '0' || c > '9')) continue;
    // A number token: what rapidjson would read as its digits, sign, point and exponent.
    const std::size_t start = i;
    bool integer = true;
    for (; i < json.size(); ++i) {
      const char d = json[i];
      if (d == '.' || d == 'e' || d == 'E') {
        integer = false;
      } else if (d != '-' && d != '+' && (d < '0' || d > '9')) {
        break;
      }
    }
    if (!integer) return start;
    --i;  // the loop's ++i reads the character that ended the number
  }
  return std::nullopt;
}

}  // namespace traject

// The check every JSON reader of traject runs over a text before a JSON parser reads it.
//
// Every JSON text traject reads — an event payload, a parameter file, a line of a backup
// archive — comes from a file someone else may have written, and is parsed by rapidjson 1.1.0
// (Debian's, which cereal's JSON archives use too). Two kinds of text are refused before that:
//   - A number rapidjson would convert to a double: one with a fraction or an exponent, NaN or
//     Infinity (cereal parses with kParseNanAndInfFlag), or an integer of more than
//     kMaxJsonDigits digits (past 64 bits rapidjson goes on as a double). Every number traject
//     reads is a 64-bit integer (cents, days, ids, versions), and rapidjson 1.1.0 has undefined
//     behaviour converting some numbers to a double ("0e091": a zero passed to clz, shifts of 64
//     bits or more, an int overflow; fixed upstream after 1.1.0).
//   - Arrays and objects nested deeper than kMaxJsonDepth. rapidjson's DOM parser (and so
//     cereal's) recurses once per level: a file of a few hundred thousand '[' overflows the
//     stack and kills the process.
// The scan reads any bytes in one pass and allocates nothing, so it runs before the parser on
// any input. Where it finds nothing, no number rapidjson converts to a double and no nesting
// deeper than kMaxJsonDepth reaches the parser: the scan splits the text into strings and the
// rest exactly as JSON does, up to the first place where rapidjson would stop with an error, and
// outside strings it treats every run of digits, signs, points and exponents as one number.
#ifndef TRAJECT_UTIL_JSON_SCREEN_H_
#define TRAJECT_UTIL_JSON_SCREEN_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace traject {

// The deepest nesting of arrays and objects a JSON text traject reads may have (a top-level
// object is level 1). traject's own documents need at most 5 (a parameter file: the file's
// object, "parameters", a series, its "values", a value); the rest is headroom.
inline constexpr int kMaxJsonDepth = 64;

// The most digits a number may have: 9223372036854775807, the largest int64, has 19, and
// rapidjson keeps every integer of 19 digits an integer.
inline constexpr int kMaxJsonDigits = 19;

// Why a text is refused, and where.
struct JsonFlaw {
  enum class Kind {
    kNotAnInteger,  // a number with a fraction or an exponent, NaN or Infinity
    kTooLong,       // an integer of more than kMaxJsonDigits digits
    kTooDeep,       // nested deeper than kMaxJsonDepth
  };
  Kind kind;
  // The offset in the text of the number, or of the '[' or '{' that opens level
  // kMaxJsonDepth + 1.
  std::size_t offset;

  // What is wrong, in words, for an error message; never quotes the text (it may hold personal
  // data): "a number with a fraction or an exponent: every number is an integer" or "arrays or
  // objects nested deeper than 64 levels".
  std::string Describe() const;
  // The line of `offset` in `text` (the text this flaw was found in), counted from 1.
  std::size_t Line(std::string_view text) const;
};

// The first flaw of `json`, or nullopt when there is none. Reads any bytes: it does not check
// that `json` is JSON (the parser does).
std::optional<JsonFlaw> ScreenJson(std::string_view json);

}  // namespace traject

#endif  // TRAJECT_UTIL_JSON_SCREEN_H_

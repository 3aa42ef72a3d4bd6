// Finds a JSON number that is not an integer, before rapidjson reads it.
//
// Every number traject reads from JSON — in an event payload, a parameter file, a backup
// archive — is an integer (cents, days, ids, versions). rapidjson 1.1.0, which Debian ships and
// cereal uses, has undefined behaviour converting some numbers with an exponent to a double
// ("0e091": a zero passed to clz, shifts of 64 bits or more, an int overflow; fixed upstream
// after 1.1.0). Refusing such numbers before parsing keeps every input of ours off that path,
// on any compiler and sanitizer, instead of hoping the undefined behaviour stays harmless.
#ifndef TRAJECT_UTIL_JSON_NUMBERS_H_
#define TRAJECT_UTIL_JSON_NUMBERS_H_

#include <cstddef>
#include <optional>
#include <string_view>

namespace traject {

// The offset in `json` of the first number (outside strings) with a fraction or an exponent,
// or nullopt when there is none. Reads any text: it does not check that `json` is JSON.
std::optional<std::size_t> FirstNonIntegerNumber(std::string_view json);

}  // namespace traject

#endif  // TRAJECT_UTIL_JSON_NUMBERS_H_

// Syntax checking of JSON files before cereal reads them, so that errors carry a line number.
//
// Kept apart from every file that includes cereal: cereal's JSON archive makes rapidjson's
// assertions throw only when it is included before any rapidjson header; a file that included
// rapidjson first would silently turn cereal's type checks into no-ops.
#ifndef TRAJECT_RULES_JSON_SYNTAX_H_
#define TRAJECT_RULES_JSON_SYNTAX_H_

#include <string>

#include "traject/status.h"

namespace traject::rules {

// OK when `text` is a JSON object with an array member `array_member`; otherwise
// InvalidArgument "<path>:<line>: malformed JSON: <reason>" or naming the expected shape.
Status CheckJsonObjectWithArray(const std::string& path, const std::string& text,
                                const char* array_member);

}  // namespace traject::rules

#endif  // TRAJECT_RULES_JSON_SYNTAX_H_

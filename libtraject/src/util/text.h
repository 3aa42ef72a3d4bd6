// Checks on text that reaches the event log, CSV files and the database: every byte sequence
// traject stores must be valid UTF-8 without control characters, so that any backend stores it
// and every reader reads it back.
#ifndef TRAJECT_UTIL_TEXT_H_
#define TRAJECT_UTIL_TEXT_H_

#include <cstddef>
#include <string_view>

namespace traject::text {

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or values past
// U+10FFFF); otherwise `*bad_offset` (when given) is the first bad byte.
bool IsValidUtf8(std::string_view text, std::size_t* bad_offset = nullptr);

// Code points in valid UTF-8 text.
std::size_t CodePoints(std::string_view text);

// True when `text` holds a C0 control character (U+0000..U+001F, including tab), DEL (U+007F)
// or a C1 control character (U+0080..U+009F). Line breaks (LF, CR) count only when
// `allow_line_breaks` is false. REQUIRES: valid UTF-8.
bool HasControlCharacter(std::string_view text, bool allow_line_breaks = false);

// True when `text` holds a character that makes it show other than it reads: a bidirectional
// embedding, override or isolate (U+202A..U+202E, U+2066..U+2069: "Trojan Source"), or, when
// `allow_line_breaks` is false, a line or paragraph separator (U+2028, U+2029), which shows one
// line as two. REQUIRES: valid UTF-8.
bool HasDeceptiveCharacter(std::string_view text, bool allow_line_breaks = false);

}  // namespace traject::text

#endif  // TRAJECT_UTIL_TEXT_H_

// The one check every free-text field meets (names, employers, areas, cohorts, reasons,
// evidence, organisation names): what traject/events.h promises about text. Messages name the
// field and the problem, never the value.
#ifndef TRAJECT_MODEL_TEXT_FIELD_H_
#define TRAJECT_MODEL_TEXT_FIELD_H_

#include <string_view>

#include "traject/status.h"

namespace traject {

// kOne: a name, an employer, an area — shown on one line, so line breaks and the Unicode line
// and paragraph separators are refused. kMany: a note (a reason, evidence), which may span
// lines as a spreadsheet cell can.
enum class TextLines { kOne, kMany };

// OK when `value` is valid UTF-8 of at most kMaxTextLength code points, holds no control
// character (line breaks only in kMany) and no bidirectional embedding, override or isolate,
// and is not empty when `required`. Otherwise InvalidArgument with field() == `field`.
Status CheckTextField(std::string_view value, const char* field, bool required,
                      TextLines lines = TextLines::kOne);

}  // namespace traject

#endif  // TRAJECT_MODEL_TEXT_FIELD_H_

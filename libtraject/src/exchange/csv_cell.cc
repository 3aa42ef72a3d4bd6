#include "traject/csv_cell.h"

namespace traject {
namespace {

bool RunsAsFormula(char c) {
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

// True for a text that starts like one a guard was put on: it needs a guard of its own so that
// taking one off gives it back.
bool LooksGuarded(std::string_view text) {
  return text.size() > 1 && text[0] == '\'' && (RunsAsFormula(text[1]) || text[1] == '\'');
}

}  // namespace

std::string CsvCell(std::string_view text) {
  std::string guarded;
  if (!text.empty() && (RunsAsFormula(text[0]) || LooksGuarded(text))) guarded = "'";
  guarded += text;
  if (guarded.find_first_of(",\"\r\n") == std::string::npos) return guarded;
  std::string quoted = "\"";
  for (char c : guarded) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

std::string CsvCellText(std::string_view field) {
  if (LooksGuarded(field)) field.remove_prefix(1);
  return std::string(field);
}

}  // namespace traject

// CSV cells a spreadsheet neither splits nor runs: the one way traject writes a CSV field —
// `export --csv` and every `--csv` report (docs/security.md, "Spreadsheet-safe CSV"). A partner
// program that writes CSV from what libtraject gives it can use it too.
//
// A spreadsheet runs a cell that starts with '=', '+', '-' or '@' as a formula, and some also
// one that starts with a tab or a carriage return (OWASP, "CSV Injection"): a name such as
// "=HYPERLINK(...)" entered by anyone who can record text would run on the coordinator's
// machine. A text cell that starts with one of those characters is written with a leading
// apostrophe, which spreadsheets show as text and do not display; so is a text cell that
// already starts with an apostrophe followed by one of them or by another apostrophe, so that
// the guard can be taken off exactly (CsvCellText): every text survives a round trip, and a
// text such as "'s-Hertogenbosch" is written and read as it is.
//
// Thread safety: pure functions.
#ifndef TRAJECT_CSV_CELL_H_
#define TRAJECT_CSV_CELL_H_

#include <string>
#include <string_view>

#include "traject/export.h"

namespace traject {

// One text field of a CSV record (RFC 4180): guarded as above, then quoted when it holds a
// comma, a double quote or a line break (quotes doubled). Numbers traject writes itself (such
// as "-12.50") are not text: a spreadsheet reads them as numbers, not as formulas.
TRAJECT_EXPORT std::string CsvCell(std::string_view text);

// The text a CSV field holds once a reader has unquoted it: the guard CsvCell adds is taken off
// (a leading apostrophe before '=', '+', '-', '@', tab, carriage return or an apostrophe); any
// other field is its own text.
TRAJECT_EXPORT std::string CsvCellText(std::string_view field);

}  // namespace traject

#endif  // TRAJECT_CSV_CELL_H_

// CsvCell (traject/csv_cell.h, issue 21 item 5): no text cell starts a spreadsheet formula, and
// CsvCellText gives every text back exactly.
#include "traject/csv_cell.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace traject {
namespace {

// The text a spreadsheet would see in the cell: RFC 4180 unquoting, no guard taken off.
std::string Unquoted(const std::string& cell) {
  if (cell.empty() || cell.front() != '"') return cell;
  std::string text;
  for (std::size_t i = 1; i + 1 < cell.size(); ++i) {
    if (cell[i] == '"') ++i;  // "" is one quote
    text += cell[i];
  }
  return text;
}

TEST(CsvCellTest, NoCellStartsAFormula) {
  const std::vector<std::string> attacks = {"=HYPERLINK(\"http://x\",\"klik\")",
                                            "+31 6 1234",
                                            "-2+3",
                                            "@SUM(A1)",
                                            "\tx",
                                            "\rx",
                                            "=1,2",
                                            "'=1",
                                            "''=1",
                                            "'"};
  for (const std::string& text : attacks) {
    const std::string seen = Unquoted(CsvCell(text));
    ASSERT_FALSE(seen.empty()) << text;
    EXPECT_TRUE(seen.front() != '=' && seen.front() != '+' && seen.front() != '-' &&
                seen.front() != '@' && seen.front() != '\t' && seen.front() != '\r')
        << "cell for '" << text << "' starts a formula: " << seen;
  }
}

TEST(CsvCellTest, EveryTextComesBackExactly) {
  const std::vector<std::string> texts = {"",          "Zorggroep", "=SUM(A1)",
                                          "'=SUM(A1)", "''=x",      "'",
                                          "''",        "'x",        "'s-Hertogenbosch",
                                          "'t Hoekje", "a,b",       "zei \"ja\"",
                                          "r1\r\nr2",  "-",         "@",
                                          "\t",        "+",         "'+",
                                          "'''"};
  for (const std::string& text : texts) {
    EXPECT_EQ(CsvCellText(Unquoted(CsvCell(text))), text) << "cell " << CsvCell(text);
  }
}

TEST(CsvCellTest, OrdinaryTextIsWrittenAsItIs) {
  EXPECT_EQ(CsvCell("Zorggroep Amsterdam"), "Zorggroep Amsterdam");
  EXPECT_EQ(CsvCell("'s-Hertogenbosch"), "'s-Hertogenbosch");
  EXPECT_EQ(CsvCell("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvCell("=1"), "'=1");
  EXPECT_EQ(CsvCell("=1,2"), "\"'=1,2\"");
  EXPECT_EQ(CsvCellText("'s-Hertogenbosch"), "'s-Hertogenbosch");
}

}  // namespace
}  // namespace traject

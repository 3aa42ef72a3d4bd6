// The charts of `traject report html` (cmd_report_html.cc): plain data in, one inline <svg>
// out. Nothing here reads a store or the clock: the same data gives the same bytes.
//
// Contracts every chart keeps, which the browser test (tests/dashboard/) relies on:
//   - the <svg> has a viewBox, role="img" and an aria-label; text is in the page's system font;
//   - every drawn data mark (a bar, a point, a line) has class "mark" and a <title> tooltip
//     with its category, series and exact value;
//   - axis tick labels have class "tick-label", axis titles "axis-label", legend entries
//     "legend-item" (column and line charts always name their series; grouped bars too), row
//     labels "row-label",
//     values printed beside bars "value-label"; axis lines "axis", grid lines "gridline";
//   - a chart with nothing to draw still draws its frame and the text "no data" (class
//     "no-data"), and Render* reports it through `empty`.
// Every text put into the SVG is escaped here (EscapeHtml); callers pass raw text.
// Money comes in as integer cents and is formatted with FormatEuro; floating point is used
// for pixel coordinates only.
#ifndef TRAJECT_CLI_DASHBOARD_SVG_H_
#define TRAJECT_CLI_DASHBOARD_SVG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "traject/report_options.h"

namespace traject::cli::dashboard {

// `text` with &, <, >, " and ' replaced by character references: safe as HTML or SVG text and
// inside a double- or single-quoted attribute.
std::string EscapeHtml(std::string_view text);

// At most `max_chars` characters (UTF-8 code points, never a split sequence) of `text`, the last
// one an ellipsis when it was cut. REQUIRES: max_chars >= 1.
std::string Ellipsize(std::string_view text, std::size_t max_chars);

// What the values of a chart are.
enum class Unit {
  kCount,  // whole numbers, printed "1,234"
  kCents,  // money in euro cents, printed with FormatEuro
};
// "1,234" for counts; "€1,234.56" for cents.
std::string FormatValue(std::int64_t value, Unit unit);
// A share as "81.1%" (one decimal), "–" when its base is 0.
std::string FormatShare(const Share& share);

struct Series {
  std::string name;
  std::string colour;  // a CSS colour, e.g. "#4e79a7"
};

// The categorical palette (Tableau 10: distinct, readable on white), cycled by index.
const std::string& PaletteColour(std::size_t index);

// A rendered chart.
struct Svg {
  std::string markup;  // "<svg ...>...</svg>"
  bool empty = false;  // nothing to draw: the frame and "no data" only
};

// Vertical bars over categories, the series stacked in order (the first at the bottom).
struct ColumnChart {
  std::string aria_label;
  std::vector<std::string> categories;  // left to right; months as "YYYY-MM"
  bool categories_are_months = false;   // label every 1st, 3rd, 6th or 12th month as room allows
  std::vector<Series> series;
  std::vector<std::vector<std::int64_t>> values;  // values[series][category], each >= 0
  Unit unit = Unit::kCount;
  std::string unit_noun;  // in tooltips after a count, e.g. "placements"
  std::string x_label, y_label;
  int width = 560, height = 320;
};
Svg RenderColumnChart(const ColumnChart& chart);

// Lines of shares (0..100 %) over months; a point only where the share has a base, the line
// broken where it has none.
struct LineChart {
  std::string aria_label;
  std::vector<std::string> categories;  // months "YYYY-MM", left to right
  std::vector<Series> series;
  std::vector<std::vector<Share>> values;  // values[series][category]; base 0 = no point
  std::string x_label, y_label;
  std::string base_noun;  // in tooltips: "3/4 exits"
  int width = 560, height = 320;
};
Svg RenderLineChart(const LineChart& chart);

// Horizontal bars, one per row, top to bottom, each with its value printed after it.
struct BarRow {
  std::string label;
  std::int64_t value = 0;
  std::string colour;
  std::string value_text;  // printed after the bar; default FormatValue(value)
  std::string tooltip;     // default "label: value_text"
};
struct BarChart {
  std::string aria_label;
  std::vector<BarRow> rows;
  Unit unit = Unit::kCount;
  std::string x_label;
  int label_chars = 24;  // row labels longer than this are cut (the tooltip has them whole)
  int width = 560;
  int row_height = 22;
};
Svg RenderBarChart(const BarChart& chart);

// Horizontal grouped bars: per group (row) a light bar for its whole and one thin bar per
// series on it, and at the right a column of shares drawn as small bars with their percentage.
struct GroupedBarChart {
  std::string aria_label;
  std::vector<std::string> groups;
  std::vector<std::int64_t> wholes;  // per group, e.g. its participants
  std::string whole_name;            // e.g. "participants"
  std::vector<Series> series;
  std::vector<std::vector<std::int64_t>> values;  // values[series][group]
  std::string x_label;
  std::string share_label;    // heading of the share column, e.g. "recent picture"
  std::vector<Share> shares;  // per group
  int label_chars = 40;
  int width = 1120;
};
Svg RenderGroupedBarChart(const GroupedBarChart& chart);

}  // namespace traject::cli::dashboard

#endif  // TRAJECT_CLI_DASHBOARD_SVG_H_

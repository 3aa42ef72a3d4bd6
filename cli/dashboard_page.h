// The page of `traject report html`: one self-contained HTML document (inline CSS and SVG, no
// script, no external resource; a Content-Security-Policy forbids loading any) around the charts
// of dashboard_svg.h. Plain data in; every text is escaped here, callers pass raw text.
//
// Each chart is a <figure class="chart" data-chart="ID" id="chart-ID"> holding a <figcaption>
// (its title, what it shows and which report it comes from) and its <svg>; a chart without data
// carries data-empty="true", one computed without a programme's plugin data-rules-missing
// naming the programmes. The browser test (tests/dashboard/) finds the charts by data-chart.
#ifndef TRAJECT_CLI_DASHBOARD_PAGE_H_
#define TRAJECT_CLI_DASHBOARD_PAGE_H_

#include <string>
#include <vector>

#include "dashboard_svg.h"

namespace traject::cli::dashboard {

struct ChartFigure {
  std::string id;                     // stable, [a-z-]: scripts and the test find the chart by it
  std::string title;                  // the caption's heading
  std::string caption;                // what the chart shows and where its figures come from
  std::vector<std::string> warnings;  // e.g. computed without a plugin's rules
  std::vector<std::string> rules_missing;  // programmes computed without their plugin
  Svg svg;
  bool wide = false;  // spans the page's width rather than one of its two columns
  bool tall = false;  // spans two rows of its column
};

// One number of the headline table.
struct Headline {
  std::string id;        // data-headline
  std::string label;     // column heading
  std::string value;     // the number, formatted
  std::string note;      // under it, e.g. "117 of 133 exits"
  bool warning = false;  // marked: computed without a plugin's rules, or provisional
};

struct DashboardPage {
  std::string title;                 // <title>
  std::string heading;               // <h1>
  std::vector<std::string> meta;     // under the heading, joined with " · "
  std::vector<std::string> banners;  // warnings over the whole page
  std::vector<Headline> headlines;
  std::string headline_source;  // under the headline table: where its numbers come from
  std::vector<ChartFigure> figures;
  std::string footer;
};

std::string RenderPage(const DashboardPage& page);

}  // namespace traject::cli::dashboard

#endif  // TRAJECT_CLI_DASHBOARD_PAGE_H_

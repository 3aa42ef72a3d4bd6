#include "dashboard_page.h"

#include <fmt/format.h>

namespace traject::cli::dashboard {
namespace {

// The page's style: a system font stack (no web font is fetched), two columns of cards that
// fall back to one on narrow screens, and print without the backgrounds.
constexpr const char* kStyle = R"css(
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f3f5f8; color: #1f2933;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "Noto Sans", "Liberation Sans", "DejaVu Sans", sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
header h1 { font-size: 24px; line-height: 1.25; margin: 0 0 4px; overflow-wrap: anywhere; }
.meta { color: #52606d; margin: 0; overflow-wrap: anywhere; }
.banner { background: #fff4e5; border: 1px solid #e8a33d; border-radius: 6px; color: #6b3a00;
  margin: 16px 0 0; padding: 10px 14px; overflow-wrap: anywhere; }
.headline { margin: 18px 0 6px; }
.headline table { width: 100%; border-collapse: separate; border-spacing: 10px 0;
  margin: 0 -10px; width: calc(100% + 20px); }
.headline th, .headline td { background: #fff; border: 1px solid #dde3ea; text-align: left;
  vertical-align: top; padding: 10px 12px; }
.headline th { border-bottom: 0; border-radius: 8px 8px 0 0; color: #52606d; font-size: 12px;
  font-weight: 600; padding-bottom: 2px; vertical-align: bottom; }
.headline td { border-top: 0; border-radius: 0 0 8px 8px; }
.headline .value { display: block; font-size: 20px; font-weight: 700; color: #102a43;
  font-variant-numeric: tabular-nums; white-space: nowrap; }
.headline .note { display: block; color: #52606d; font-size: 12px; }
.headline .flag { color: #b35c00; font-size: 16px; }
.source { color: #52606d; font-size: 12px; margin: 8px 0 18px; }
.charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px;
  align-items: start; }
@media (max-width: 900px) { .charts { grid-template-columns: minmax(0, 1fr); } }
figure.chart { margin: 0; background: #fff; border: 1px solid #dde3ea; border-radius: 8px;
  padding: 14px 16px 10px; min-width: 0; }
figure.chart.wide { grid-column: 1 / -1; }
figure.chart.tall { grid-row: span 2; }
@media (max-width: 900px) { figure.chart.tall { grid-row: auto; } }
figcaption h2 { font-size: 16px; margin: 0 0 2px; }
figcaption p { margin: 0 0 8px; color: #52606d; font-size: 12.5px; }
figcaption p.warning { color: #8a4b00; font-weight: 600; }
figure.chart svg { display: block; width: 100%; height: auto; }
svg text { fill: #334e68; }
svg .axis-label { fill: #52606d; }
svg .row-label { fill: #243b53; }
svg .axis { stroke: #9aa5b1; stroke-width: 1; }
svg .gridline { stroke: #e4e7eb; stroke-width: 1; }
svg .no-data { fill: #7b8794; font-style: italic; }
svg .mark:hover { opacity: 0.75; }
footer { color: #7b8794; font-size: 12px; margin: 20px 0 0; }
@media print { body { background: #fff; } figure.chart { break-inside: avoid; } }
)css";

std::string Figure(const ChartFigure& figure) {
  std::string out = fmt::format("<figure class=\"chart{}{}\" id=\"chart-{}\" data-chart=\"{}\"",
                                figure.wide ? " wide" : "", figure.tall ? " tall" : "",
                                EscapeHtml(figure.id), EscapeHtml(figure.id));
  if (figure.svg.empty) out += " data-empty=\"true\"";
  if (!figure.rules_missing.empty()) {
    out += fmt::format(" data-rules-missing=\"{}\"",
                       EscapeHtml(fmt::format("{}", fmt::join(figure.rules_missing, " "))));
  }
  out += fmt::format(">\n<figcaption><h2>{}</h2>\n<p>{}</p>\n", EscapeHtml(figure.title),
                     EscapeHtml(figure.caption));
  for (const std::string& warning : figure.warnings) {
    out += fmt::format("<p class=\"warning\">⚠ {}</p>\n", EscapeHtml(warning));
  }
  out += "</figcaption>\n";
  out += figure.svg.markup;
  out += "</figure>\n";
  return out;
}

}  // namespace

std::string RenderPage(const DashboardPage& page) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      // Nothing may be loaded: the file is read offline and mailed around.
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
      "'unsafe-inline'\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"traject report html\">\n";
  out += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n",
                     EscapeHtml(page.title), kStyle);
  out += fmt::format("<header>\n<h1>{}</h1>\n<p class=\"meta\">", EscapeHtml(page.heading));
  for (std::size_t i = 0; i < page.meta.size(); ++i) {
    out += (i ? " · " : "") + EscapeHtml(page.meta[i]);
  }
  out += "</p>\n";
  for (const std::string& banner : page.banners) {
    out += fmt::format("<p class=\"banner\" role=\"alert\">⚠ {}</p>\n", EscapeHtml(banner));
  }
  out += "</header>\n";
  if (!page.headlines.empty()) {
    out += "<section class=\"headline\" aria-label=\"Headline figures\">\n<table>\n<tr>";
    for (const Headline& h : page.headlines) {
      out += fmt::format("<th scope=\"col\">{}</th>", EscapeHtml(h.label));
    }
    out += "</tr>\n<tr>";
    for (const Headline& h : page.headlines) {
      out += fmt::format(
          "<td data-headline=\"{}\"><span class=\"value\">{}{}</span><span "
          "class=\"note\">{}</span></td>",
          EscapeHtml(h.id), EscapeHtml(h.value), h.warning ? " <span class=\"flag\">⚠</span>" : "",
          EscapeHtml(h.note));
    }
    out += "</tr>\n</table>\n</section>\n";
    out += fmt::format("<p class=\"source\">{}</p>\n", EscapeHtml(page.headline_source));
  }
  out += "<section class=\"charts\">\n";
  for (const ChartFigure& figure : page.figures) out += Figure(figure);
  out += "</section>\n";
  out += fmt::format("<footer>{}</footer>\n</main>\n</body>\n</html>\n", EscapeHtml(page.footer));
  return out;
}

}  // namespace traject::cli::dashboard

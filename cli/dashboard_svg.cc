#include "dashboard_svg.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <utility>

#include "traject/money.h"

namespace traject::cli::dashboard {
namespace {

// Text is laid out without a font to measure it with: a character of DejaVu Sans, the widest
// common system sans-serif, averages under 0.62 em, so widths estimated with it leave room.
constexpr double kCharEm = 0.62;
constexpr int kTickFont = 11;
constexpr int kLabelFont = 12;
// The whole behind grouped bars: light, so that the bars on it stand out.
constexpr const char* kWholeColour = "#e3e8ee";

double TextWidth(std::string_view text, int font_size) {
  std::size_t chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
  return static_cast<double>(chars) * kCharEm * font_size;
}

std::string Px(double v) { return fmt::format("{:.1f}", v); }

// A step of 1, 2 or 5 times a power of ten that divides 0..max into at most `target` steps.
std::int64_t NiceStep(std::int64_t max, std::int64_t target) {
  if (max <= 0) return 1;
  const std::int64_t raw = (max + target - 1) / target;
  std::int64_t magnitude = 1;
  while (magnitude <= raw / 10) magnitude *= 10;
  for (std::int64_t m : {1, 2, 5}) {
    if (m * magnitude >= raw) return m * magnitude;
  }
  return 10 * magnitude;
}

// The value axis: 0 to `top` in steps of `step`; for money whole euros only.
struct Scale {
  std::int64_t step = 1;
  std::int64_t top = 1;
};
Scale ScaleFor(std::int64_t max, Unit unit, std::int64_t target = 5) {
  Scale scale;
  if (unit == Unit::kCents) {
    const std::int64_t euros = (std::max<std::int64_t>(max, 0) + 99) / 100;
    scale.step = NiceStep(euros, target) * 100;
  } else {
    scale.step = NiceStep(max, target);
  }
  scale.top = std::max<std::int64_t>(1, (max + scale.step - 1) / scale.step) * scale.step;
  return scale;
}

std::string TickText(std::int64_t value, Unit unit);

// A horizontal value axis of at most `target` steps whose tick labels fit `width` pixels side
// by side.
Scale FittingScale(std::int64_t max, Unit unit, std::int64_t target, double width) {
  for (;; --target) {
    const Scale scale = ScaleFor(max, unit, target);
    const double steps = static_cast<double>(scale.top / scale.step);
    if (target <= 1 || width / steps >= TextWidth(TickText(scale.top, unit), kTickFont) + 12) {
      return scale;
    }
  }
}

// Tick labels: money without its (always zero) cents.
std::string TickText(std::int64_t value, Unit unit) {
  std::string text = FormatValue(value, unit);
  if (unit == Unit::kCents && text.size() > 3 && text.compare(text.size() - 3, 3, ".00") == 0) {
    text.resize(text.size() - 3);
  }
  return text;
}

class SvgWriter {
 public:
  SvgWriter(int width, int height, const std::string& aria_label) {
    out_ = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" "
        "height=\"{1}\" role=\"img\" aria-label=\"{2}\">\n",
        width, height, EscapeHtml(aria_label));
  }
  std::string& out() { return out_; }
  std::string Finish() {
    out_ += "</svg>\n";
    return std::move(out_);
  }

  void Text(double x, double y, std::string_view text, const char* cls, const char* anchor,
            int font_size, std::string_view tooltip = {}, const char* extra = "") {
    out_ +=
        fmt::format("<text class=\"{}\" x=\"{}\" y=\"{}\" text-anchor=\"{}\" font-size=\"{}\"{}>{}",
                    cls, Px(x), Px(y), anchor, font_size, extra, EscapeHtml(text));
    if (!tooltip.empty()) out_ += fmt::format("<title>{}</title>", EscapeHtml(tooltip));
    out_ += "</text>\n";
  }
  void Line(double x1, double y1, double x2, double y2, const char* cls) {
    out_ += fmt::format("<line class=\"{}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n", cls,
                        Px(x1), Px(y1), Px(x2), Px(y2));
  }
  // A data mark: its tooltip says exactly what it shows.
  void Bar(double x, double y, double w, double h, const std::string& colour,
           std::string_view tooltip, const char* cls = "mark") {
    out_ += fmt::format(
        "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}"
        "</title></rect>\n",
        cls, Px(x), Px(y), Px(w), Px(h), EscapeHtml(colour), EscapeHtml(tooltip));
  }
  void Point(double x, double y, const std::string& colour, std::string_view tooltip) {
    out_ += fmt::format(
        "<circle class=\"mark\" cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{}\" stroke=\"#fff\" "
        "stroke-width=\"1\"><title>{}</title></circle>\n",
        Px(x), Px(y), EscapeHtml(colour), EscapeHtml(tooltip));
  }
  void NoData(double x, double y) { Text(x, y, "no data", "no-data", "middle", 16); }

  // A legend from left to right from (x, y), wrapping at `right`; returns the height it took.
  double Legend(double x, double y, double right, const std::vector<Series>& series) {
    double cx = x, cy = y;
    for (const Series& s : series) {
      const double w = 18 + TextWidth(s.name, kLabelFont) + 16;
      if (cx > x && cx + w > right) {
        cx = x;
        cy += 20;
      }
      out_ += fmt::format(
          "<g class=\"legend-item\"><rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" rx=\"2\" "
          "fill=\"{}\"/>",
          Px(cx), Px(cy), EscapeHtml(s.colour));
      out_ += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"{}\">{}</text></g>\n", Px(cx + 17),
                          Px(cy + 10.5), kLabelFont, EscapeHtml(s.name));
      cx += w;
    }
    return series.empty() ? 0 : cy - y + 20;
  }

 private:
  std::string out_;
};

// Which of `n` categories of `band` pixels get a label of about `label_width` pixels: for
// months the 1st, 3rd, 6th or 12th of the year as room allows; otherwise every k-th.
std::vector<bool> LabelledCategories(const std::vector<std::string>& categories, bool months,
                                     double band, double label_width) {
  std::vector<bool> labelled(categories.size(), false);
  if (categories.empty()) return labelled;
  const double room = label_width + 8;
  if (months) {
    for (int every : {1, 2, 3, 6, 12}) {
      if (band * every < room) continue;
      bool any = false;
      for (std::size_t i = 0; i < categories.size(); ++i) {
        const std::string& c = categories[i];
        const int month = c.size() >= 7 ? std::atoi(c.c_str() + 5) : 1;
        labelled[i] = (month - 1) % every == 0;
        any = any || labelled[i];
      }
      // A short window may hold no January: then its first month carries the label.
      if (!any) labelled[0] = true;
      return labelled;
    }
  }
  const auto every = static_cast<std::size_t>(std::max(1.0, std::ceil(room / band)));
  for (std::size_t i = 0; i < categories.size(); i += every) labelled[i] = true;
  return labelled;
}

// The value axis at the left of a plot from `top` to `bottom`, with grid lines to `right`.
void LeftAxis(SvgWriter& svg, const Scale& scale, Unit unit, double left, double right, double top,
              double bottom, const std::string& title) {
  for (std::int64_t v = 0; v <= scale.top; v += scale.step) {
    const double y =
        bottom - (bottom - top) * static_cast<double>(v) / static_cast<double>(scale.top);
    svg.Line(left, y, right, y, v == 0 ? "axis" : "gridline");
    svg.Text(left - 6, y + 4, TickText(v, unit), "tick-label", "end", kTickFont);
  }
  svg.Text(14, (top + bottom) / 2, title, "axis-label", "middle", kLabelFont, {},
           fmt::format(" transform=\"rotate(-90 14 {})\"", Px((top + bottom) / 2)).c_str());
}

double LeftMargin(const Scale& scale, Unit unit) {
  return 28 + TextWidth(TickText(scale.top, unit), kTickFont) + 8;
}

// Category labels under a plot.
void BottomLabels(SvgWriter& svg, const std::vector<std::string>& categories, bool months,
                  double left, double band, double bottom) {
  const double label_width = months ? TextWidth("2024-01", kTickFont) : band - 4;
  const std::vector<bool> labelled = LabelledCategories(categories, months, band, label_width);
  for (std::size_t i = 0; i < categories.size(); ++i) {
    if (!labelled[i]) continue;
    const double x = left + band * (static_cast<double>(i) + 0.5);
    svg.Line(x, bottom, x, bottom + 4, "axis");
    const std::size_t fits =
        std::max<std::size_t>(1, static_cast<std::size_t>(band / (kCharEm * kTickFont)));
    svg.Text(x, bottom + 18, months ? categories[i] : Ellipsize(categories[i], fits), "tick-label",
             "middle", kTickFont);
  }
}

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Ellipsize(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0, cut = text.size();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (chars == max_chars - 1) cut = i;
    if (++chars > max_chars) {
      std::string out(text.substr(0, cut));
      out += "…";
      return out;
    }
  }
  return std::string(text);
}

std::string FormatValue(std::int64_t value, Unit unit) {
  if (unit == Unit::kCents) return FormatEuro(value);
  // Digits in groups of three from the right, as FormatEuro writes euros.
  const std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out = value < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string FormatShare(const Share& share) {
  const std::string text = share.PercentText();
  return text.empty() ? std::string("–") : fmt::format("{}%", text);
}

const std::string& PaletteColour(std::size_t index) {
  static const std::array<std::string, 10> kPalette = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759",
                                                       "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
                                                       "#9c755f", "#bab0ac"};
  return kPalette[index % kPalette.size()];
}

Svg RenderColumnChart(const ColumnChart& chart) {
  const std::size_t n = chart.categories.size();
  std::vector<std::int64_t> totals(n, 0);
  for (const auto& row : chart.values) {
    for (std::size_t c = 0; c < n && c < row.size(); ++c)
      totals[c] += std::max<std::int64_t>(0, row[c]);
  }
  const std::int64_t max = totals.empty() ? 0 : *std::max_element(totals.begin(), totals.end());
  Svg result;
  result.empty = max == 0;
  const Scale scale = ScaleFor(max, chart.unit);
  SvgWriter svg(chart.width, chart.height, chart.aria_label);
  const double left = LeftMargin(scale, chart.unit), right = chart.width - 12.0;
  double top = 8;
  if (!chart.series.empty()) top += svg.Legend(left, 4, right, chart.series) + 4;
  top += 6;
  const double bottom = chart.height - 42.0;
  LeftAxis(svg, scale, chart.unit, left, right, top, bottom, chart.y_label);
  svg.Text((left + right) / 2, chart.height - 8.0, chart.x_label, "axis-label", "middle",
           kLabelFont);
  if (result.empty) {
    svg.NoData((left + right) / 2, (top + bottom) / 2);
    result.markup = svg.Finish();
    return result;
  }
  const double band = (right - left) / static_cast<double>(n);
  const double bar = std::max(1.0, band * 0.74);
  const double per_unit = (bottom - top) / static_cast<double>(scale.top);
  for (std::size_t c = 0; c < n; ++c) {
    double y = bottom;
    const double x = left + band * static_cast<double>(c) + (band - bar) / 2;
    for (std::size_t s = 0; s < chart.series.size() && s < chart.values.size(); ++s) {
      const std::int64_t v = c < chart.values[s].size() ? chart.values[s][c] : 0;
      if (v <= 0) continue;
      const double h = per_unit * static_cast<double>(v);
      y -= h;
      std::string tooltip = fmt::format("{} — {}: {}", chart.categories[c], chart.series[s].name,
                                        FormatValue(v, chart.unit));
      if (!chart.unit_noun.empty()) {
        tooltip += ' ';
        tooltip += chart.unit_noun;
      }
      if (chart.series.size() > 1)
        tooltip += fmt::format(" (total {})", FormatValue(totals[c], chart.unit));
      svg.Bar(x, y, bar, h, chart.series[s].colour, tooltip);
    }
  }
  BottomLabels(svg, chart.categories, chart.categories_are_months, left, band, bottom);
  result.markup = svg.Finish();
  return result;
}

Svg RenderLineChart(const LineChart& chart) {
  const std::size_t n = chart.categories.size();
  Svg result;
  result.empty = true;
  for (const auto& row : chart.values) {
    for (const Share& share : row) result.empty = result.empty && share.base <= 0;
  }
  const Scale scale{20, 100};
  SvgWriter svg(chart.width, chart.height, chart.aria_label);
  const double left = 28 + TextWidth("100%", kTickFont) + 8, right = chart.width - 12.0;
  double top = 8;
  if (chart.series.size() > 1) top += svg.Legend(left, 4, right, chart.series) + 4;
  top += 6;
  const double bottom = chart.height - 42.0;
  for (std::int64_t v = 0; v <= scale.top; v += scale.step) {
    const double y = bottom - (bottom - top) * static_cast<double>(v) / 100.0;
    svg.Line(left, y, right, y, v == 0 ? "axis" : "gridline");
    svg.Text(left - 6, y + 4, fmt::format("{}%", v), "tick-label", "end", kTickFont);
  }
  svg.Text(14, (top + bottom) / 2, chart.y_label, "axis-label", "middle", kLabelFont, {},
           fmt::format(" transform=\"rotate(-90 14 {})\"", Px((top + bottom) / 2)).c_str());
  svg.Text((left + right) / 2, chart.height - 8.0, chart.x_label, "axis-label", "middle",
           kLabelFont);
  if (result.empty) {
    svg.NoData((left + right) / 2, (top + bottom) / 2);
    result.markup = svg.Finish();
    return result;
  }
  const double band = (right - left) / static_cast<double>(n);
  const auto x_of = [&](std::size_t c) { return left + band * (static_cast<double>(c) + 0.5); };
  const auto y_of = [&](std::int64_t tenths) {
    return bottom - (bottom - top) * static_cast<double>(tenths) / 1000.0;
  };
  for (std::size_t s = 0; s < chart.series.size() && s < chart.values.size(); ++s) {
    const std::vector<Share>& row = chart.values[s];
    std::string path;
    bool open = false;
    for (std::size_t c = 0; c < n && c < row.size(); ++c) {
      const std::optional<std::int64_t> tenths = row[c].TenthsOfPercent();
      if (!tenths) {
        open = false;  // no exits seen that month: the line breaks
        continue;
      }
      path += fmt::format("{}{} {} ", open ? "L" : "M", Px(x_of(c)), Px(y_of(*tenths)));
      open = true;
    }
    if (!path.empty()) {
      path.pop_back();
      svg.out() += fmt::format(
          "<path class=\"mark line\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\" "
          "stroke-linejoin=\"round\"><title>{}</title></path>\n",
          path, EscapeHtml(chart.series[s].colour), EscapeHtml(chart.series[s].name));
    }
    for (std::size_t c = 0; c < n && c < row.size(); ++c) {
      const std::optional<std::int64_t> tenths = row[c].TenthsOfPercent();
      if (!tenths) continue;
      svg.Point(x_of(c), y_of(*tenths), chart.series[s].colour,
                fmt::format("{} — {}: {} ({}/{} {})", chart.categories[c], chart.series[s].name,
                            FormatShare(row[c]), row[c].count, row[c].base, chart.base_noun));
    }
  }
  BottomLabels(svg, chart.categories, true, left, band, bottom);
  result.markup = svg.Finish();
  return result;
}

Svg RenderBarChart(const BarChart& chart) {
  Svg result;
  std::int64_t max = 0;
  double label_width = 0, value_width = 0;
  std::vector<std::string> value_texts;
  for (const BarRow& row : chart.rows) {
    max = std::max(max, row.value);
    label_width = std::max(
        label_width,
        TextWidth(Ellipsize(row.label, static_cast<std::size_t>(chart.label_chars)), kLabelFont));
    value_texts.push_back(row.value_text.empty() ? FormatValue(row.value, chart.unit)
                                                 : row.value_text);
    value_width = std::max(value_width, TextWidth(value_texts.back(), kTickFont));
  }
  result.empty = max <= 0;
  const double left = 8 + std::max(label_width, 60.0) + 10;
  const double right = chart.width - 10 - value_width - 8;
  const Scale scale = FittingScale(max, chart.unit, 4, right - left);
  const double top = 8;
  const auto rows = static_cast<double>(std::max<std::size_t>(chart.rows.size(), 3));
  const double bottom = top + rows * chart.row_height;
  const int height = static_cast<int>(bottom) + 44;
  SvgWriter svg(chart.width, height, chart.aria_label);
  for (std::int64_t v = 0; v <= scale.top; v += scale.step) {
    const double x =
        left + (right - left) * static_cast<double>(v) / static_cast<double>(scale.top);
    svg.Line(x, top, x, bottom, v == 0 ? "axis" : "gridline");
    svg.Text(x, bottom + 16, TickText(v, chart.unit), "tick-label", "middle", kTickFont);
  }
  svg.Line(left, bottom, right, bottom, "axis");
  svg.Text((left + right) / 2, height - 8.0, chart.x_label, "axis-label", "middle", kLabelFont);
  if (result.empty) {
    svg.NoData((left + right) / 2, (top + bottom) / 2 + 6);
    result.markup = svg.Finish();
    return result;
  }
  const double per_unit = (right - left) / static_cast<double>(scale.top);
  const double bar = chart.row_height * 0.72;
  for (std::size_t i = 0; i < chart.rows.size(); ++i) {
    const BarRow& row = chart.rows[i];
    const double y = top + chart.row_height * static_cast<double>(i);
    const std::string shown = Ellipsize(row.label, static_cast<std::size_t>(chart.label_chars));
    svg.Text(left - 8, y + chart.row_height / 2.0 + 4, shown, "row-label", "end", kLabelFont,
             shown == row.label ? std::string_view() : std::string_view(row.label));
    const double w = per_unit * static_cast<double>(std::max<std::int64_t>(0, row.value));
    if (w > 0) {
      svg.Bar(left, y + (chart.row_height - bar) / 2, w, bar,
              row.colour.empty() ? PaletteColour(0) : row.colour,
              row.tooltip.empty() ? fmt::format("{}: {}", row.label, value_texts[i]) : row.tooltip);
    }
    svg.Text(left + w + 5, y + chart.row_height / 2.0 + 4, value_texts[i], "value-label", "start",
             kTickFont);
  }
  result.markup = svg.Finish();
  return result;
}

Svg RenderGroupedBarChart(const GroupedBarChart& chart) {
  Svg result;
  std::int64_t max = 0;
  double label_width = 60;
  for (std::size_t g = 0; g < chart.groups.size(); ++g) {
    if (g < chart.wholes.size()) max = std::max(max, chart.wholes[g]);
    label_width =
        std::max(label_width,
                 TextWidth(Ellipsize(chart.groups[g], static_cast<std::size_t>(chart.label_chars)),
                           kLabelFont));
  }
  for (const auto& row : chart.values) {
    for (std::int64_t v : row) max = std::max(max, v);
  }
  result.empty = max <= 0;
  const double bar = 6, gap = 1;
  const double band = static_cast<double>(chart.series.size()) * (bar + gap) + 9;
  const double share_width = 190;
  const double left = 8 + label_width + 10;
  const double right = chart.width - share_width - 24.0;
  const Scale scale = FittingScale(max, Unit::kCount, 8, right - left);
  std::vector<Series> legend = {{chart.whole_name, kWholeColour}};
  legend.insert(legend.end(), chart.series.begin(), chart.series.end());
  // The legend is laid out first in a scratch writer to learn its height.
  SvgWriter scratch(0, 0, "");
  const double legend_height = scratch.Legend(left, 4, chart.width - 12.0, legend);
  const double top = 4 + legend_height + 22;
  const auto groups = static_cast<double>(std::max<std::size_t>(chart.groups.size(), 3));
  const double bottom = top + groups * band;
  const int height = static_cast<int>(bottom) + 44;
  SvgWriter svg(chart.width, height, chart.aria_label);
  svg.Legend(left, 4, chart.width - 12.0, legend);
  const double share_left = right + 24, share_right = chart.width - 52.0;
  svg.Text(share_left, top - 8, chart.share_label, "axis-label", "start", kLabelFont);
  for (std::int64_t v = 0; v <= scale.top; v += scale.step) {
    const double x =
        left + (right - left) * static_cast<double>(v) / static_cast<double>(scale.top);
    svg.Line(x, top, x, bottom, v == 0 ? "axis" : "gridline");
    svg.Text(x, bottom + 16, TickText(v, Unit::kCount), "tick-label", "middle", kTickFont);
  }
  svg.Line(left, bottom, right, bottom, "axis");
  svg.Text((left + right) / 2, height - 8.0, chart.x_label, "axis-label", "middle", kLabelFont);
  if (result.empty) {
    svg.NoData((left + right) / 2, (top + bottom) / 2 + 6);
    result.markup = svg.Finish();
    return result;
  }
  const double per_unit = (right - left) / static_cast<double>(scale.top);
  for (std::size_t g = 0; g < chart.groups.size(); ++g) {
    const double y = top + band * static_cast<double>(g);
    const std::string& name = chart.groups[g];
    const std::string shown = Ellipsize(name, static_cast<std::size_t>(chart.label_chars));
    svg.Text(left - 8, y + band / 2 + 4, shown, "row-label", "end", kLabelFont,
             shown == name ? std::string_view() : std::string_view(name));
    const std::int64_t whole = g < chart.wholes.size() ? chart.wholes[g] : 0;
    if (whole > 0) {
      svg.Bar(left, y + 2, per_unit * static_cast<double>(whole), band - 4, kWholeColour,
              fmt::format("{}: {} {}", name, FormatValue(whole, Unit::kCount), chart.whole_name));
    }
    for (std::size_t s = 0; s < chart.series.size() && s < chart.values.size(); ++s) {
      const std::int64_t v = g < chart.values[s].size() ? chart.values[s][g] : 0;
      if (v <= 0) continue;
      const Share of_whole{v, whole};
      std::string tooltip =
          fmt::format("{} — {}: {}", name, chart.series[s].name, FormatValue(v, Unit::kCount));
      if (whole > 0) tooltip += fmt::format(" of {} ({})", whole, FormatShare(of_whole));
      svg.Bar(left, y + 5 + static_cast<double>(s) * (bar + gap), per_unit * static_cast<double>(v),
              bar, chart.series[s].colour, tooltip);
    }
    // The share column: a track of 0..100 % and the share on it.
    const Share share = g < chart.shares.size() ? chart.shares[g] : Share{};
    const double track_y = y + band / 2 - 5;
    svg.out() += fmt::format(
        "<rect class=\"track\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"10\" fill=\"#eef1f4\"/>\n",
        Px(share_left), Px(track_y), Px(share_right - share_left));
    if (const std::optional<std::int64_t> tenths = share.TenthsOfPercent(); tenths && *tenths > 0) {
      svg.Bar(share_left, track_y,
              (share_right - share_left) * static_cast<double>(*tenths) / 1000.0, 10, "#627d98",
              fmt::format("{} — {}: {} ({}/{})", name, chart.share_label, FormatShare(share),
                          share.count, share.base));
    }
    svg.Text(share_right + 6, track_y + 9, FormatShare(share), "value-label", "start", kTickFont);
  }
  result.markup = svg.Finish();
  return result;
}

}  // namespace traject::cli::dashboard

#include "output.h"

#include <fmt/format.h>

#include <algorithm>

#include "traject/csv_cell.h"
#include "traject/report_options.h"

namespace traject::cli {
namespace {

std::string PercentOf(const ShareCell& share) {
  return Share{share.count, share.base}.PercentText();
}

std::string TenthsText(const PercentCell& percent) {
  if (!percent.tenths) return "";
  const std::int64_t t = *percent.tenths < 0 ? -*percent.tenths : *percent.tenths;
  return fmt::format("{}{}.{}", *percent.tenths < 0 ? "-" : "", t / 10, t % 10);
}

std::string CellText(const Cell& cell) {
  return std::visit(
      [](const auto& value) -> std::string {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, std::monostate>)
          return "";
        else if constexpr (std::is_same_v<T, std::string>)
          return value;
        else if constexpr (std::is_same_v<T, std::int64_t>)
          return std::to_string(value);
        else if constexpr (std::is_same_v<T, ShareCell>)
          return value.base ? fmt::format("{}/{} ({}%)", value.count, value.base, PercentOf(value))
                            : std::string("0/0");
        else if constexpr (std::is_same_v<T, PercentCell>)
          return TenthsText(value);
        else
          return FormatEuro(value.cents);
      },
      cell);
}

// Plain euros for spreadsheets: "1234.56".
std::string CsvText(const Cell& cell) {
  if (const Money* money = std::get_if<Money>(&cell)) {
    const Cents c = money->cents;
    const Cents magnitude = c < 0 ? -c : c;
    return fmt::format("{}{}.{:02}", c < 0 ? "-" : "", magnitude / 100, magnitude % 100);
  }
  return CellText(cell);
}

// One line per row in a table: a line break inside a note shows as " ↵ " (CSV and JSON keep it).
std::string TableText(const Cell& cell) {
  std::string text = CellText(cell);
  std::string one_line;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (text[i] == '\n' || text[i] == '\r') {
      one_line += " \u21b5 ";
    } else {
      one_line += text[i];
    }
  }
  return one_line;
}

bool IsNumeric(const Cell& cell) {
  return std::holds_alternative<std::int64_t>(cell) || std::holds_alternative<Money>(cell) ||
         std::holds_alternative<ShareCell>(cell) || std::holds_alternative<PercentCell>(cell);
}

// Display width in terminal columns: counts UTF-8 code points, not bytes.
std::size_t Width(const std::string& text) {
  std::size_t width = 0;
  for (unsigned char c : text) width += (c & 0xC0) != 0x80 ? 1 : 0;
  return width;
}

}  // namespace

Table::Table(std::vector<std::string> keys, std::vector<std::string> headings)
    : keys_(std::move(keys)), headings_(std::move(headings)), shares_(keys_.size(), false) {
  if (headings_.empty()) headings_ = keys_;
}

void Table::AddRow(std::vector<Cell> row) {
  row.resize(keys_.size());
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (std::holds_alternative<ShareCell>(row[i])) shares_[i] = true;
  }
  rows_.push_back(std::move(row));
}

std::vector<std::string> Table::KeysOf(std::size_t column) const {
  if (!shares_[column]) return {keys_[column]};
  return {keys_[column], keys_[column] + "_base", keys_[column] + "_pct"};
}

void Table::WriteJson(rapidjson::Writer<rapidjson::StringBuffer>& w) const {
  w.StartArray();
  for (const auto& row : rows_) {
    w.StartObject();
    for (std::size_t i = 0; i < keys_.size(); ++i) {
      if (const ShareCell* share = std::get_if<ShareCell>(&row[i])) {
        const std::vector<std::string> keys = KeysOf(i);
        w.Key(keys[0].c_str());
        w.Int64(share->count);
        w.Key(keys[1].c_str());
        w.Int64(share->base);
        w.Key(keys[2].c_str());
        // A decimal number as written, not through a double: 14.3 stays 14.3.
        const std::string pct = PercentOf(*share);
        if (pct.empty()) {
          w.Null();
        } else {
          w.RawValue(pct.c_str(), pct.size(), rapidjson::kNumberType);
        }
        continue;
      }
      if (shares_[i]) {  // a row where the share does not apply
        for (const std::string& key : KeysOf(i)) {
          w.Key(key.c_str());
          w.Null();
        }
        continue;
      }
      w.Key(keys_[i].c_str());
      std::visit(
          [&](const auto& value) {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, std::monostate>)
              w.Null();
            else if constexpr (std::is_same_v<T, std::string>)
              w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
            else if constexpr (std::is_same_v<T, std::int64_t>)
              w.Int64(value);
            else if constexpr (std::is_same_v<T, Money>)
              w.Int64(value.cents);
            else if constexpr (std::is_same_v<T, PercentCell>) {
              const std::string text = TenthsText(value);
              if (text.empty()) {
                w.Null();
              } else {
                w.RawValue(text.c_str(), text.size(), rapidjson::kNumberType);
              }
            }
          },
          row[i]);
    }
    w.EndObject();
  }
  w.EndArray();
}

void Table::Print(std::ostream& out, Format format) const {
  if (format == Format::kJson) {
    Json json;
    WriteJson(json.w());
    json.Print(out);
    return;
  }
  if (format == Format::kCsv) {
    std::vector<std::string> header;
    for (std::size_t i = 0; i < keys_.size(); ++i) {
      for (std::string& key : KeysOf(i)) header.push_back(std::move(key));
    }
    for (std::size_t i = 0; i < header.size(); ++i) out << (i ? "," : "") << CsvCell(header[i]);
    out << "\r\n";
    for (const auto& row : rows_) {
      std::vector<std::string> fields;
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (const ShareCell* share = std::get_if<ShareCell>(&row[i])) {
          fields.push_back(std::to_string(share->count));
          fields.push_back(std::to_string(share->base));
          fields.push_back(PercentOf(*share));
        } else if (shares_[i]) {
          fields.insert(fields.end(), 3, std::string());
        } else if (const std::string* text = std::get_if<std::string>(&row[i])) {
          fields.push_back(CsvCell(*text));  // text that anyone may have recorded
        } else {
          fields.push_back(CsvText(row[i]));  // a figure of traject's own: written as it is
        }
      }
      for (std::size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << fields[i];
      out << "\r\n";
    }
    return;
  }
  std::vector<std::size_t> widths(keys_.size());
  for (std::size_t i = 0; i < keys_.size(); ++i) widths[i] = Width(headings_[i]);
  for (const auto& row : rows_) {
    for (std::size_t i = 0; i < row.size(); ++i)
      widths[i] = std::max(widths[i], Width(TableText(row[i])));
  }
  auto print_row = [&](const std::vector<std::string>& texts, const std::vector<bool>& right) {
    std::string line;
    for (std::size_t i = 0; i < texts.size(); ++i) {
      const std::string pad(widths[i] - Width(texts[i]), ' ');
      if (i) line += "  ";
      line += right[i] ? pad + texts[i] : texts[i] + (i + 1 < texts.size() ? pad : "");
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  std::vector<bool> right(keys_.size(), false);
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    right[i] = !rows_.empty() && std::all_of(rows_.begin(), rows_.end(), [&](const auto& row) {
      return IsNumeric(row[i]) || std::holds_alternative<std::monostate>(row[i]);
    });
  }
  print_row(headings_, right);
  std::vector<std::string> rule;
  for (std::size_t w : widths) rule.push_back(std::string(w, '-'));
  print_row(rule, std::vector<bool>(keys_.size(), false));
  for (const auto& row : rows_) {
    std::vector<std::string> texts;
    for (const Cell& cell : row) texts.push_back(TableText(cell));
    print_row(texts, right);
  }
}

}  // namespace traject::cli

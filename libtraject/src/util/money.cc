#include "traject/money.h"

#include <fmt/format.h>

#include <cstdlib>

namespace traject {

std::int64_t DivideRounded(Int128 numerator, Int128 denominator) {
  const bool negative = numerator < 0;
  const Int128 magnitude = negative ? -numerator : numerator;
  const Int128 quotient = (magnitude * 2 + denominator) / (denominator * 2);
  return static_cast<std::int64_t>(negative ? -quotient : quotient);
}

std::string FormatEuro(Cents amount) {
  const bool negative = amount < 0;
  const std::uint64_t magnitude =
      negative ? static_cast<std::uint64_t>(-(amount + 1)) + 1 : static_cast<std::uint64_t>(amount);
  const std::string digits = std::to_string(magnitude / 100);
  std::string whole;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) whole += ',';
    whole += digits[i];
  }
  return fmt::format("{}€{}.{:02}", negative ? "-" : "", whole, magnitude % 100);
}

Result<Cents> ParseEuro(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return Status::InvalidArgument(
        fmt::format("bad amount '{}': {} (expected e.g. 2150.00)", text, why));
  };
  if (text.empty()) return bad("empty");
  bool negative = false;
  std::string_view rest = text;
  if (rest.front() == '-') {
    negative = true;
    rest.remove_prefix(1);
  }
  const auto separator = rest.find_first_of(".,");
  std::string_view whole = rest.substr(0, separator);
  std::string_view fraction = separator == std::string_view::npos ? "" : rest.substr(separator + 1);
  if (whole.empty() || whole.size() > 13) return bad("wrong number of digits");
  if (separator != std::string_view::npos && (fraction.empty() || fraction.size() > 2)) {
    return bad("one or two decimals after the separator");
  }
  Cents cents = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return bad("not a number");
    cents = cents * 10 + (c - '0');
  }
  cents *= 100;
  Cents scale = 10;
  for (char c : fraction) {
    if (c < '0' || c > '9') return bad("not a number");
    cents += (c - '0') * scale;
    scale /= 10;
  }
  return negative ? -cents : cents;
}

}  // namespace traject

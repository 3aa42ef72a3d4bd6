#include "rules/exact.h"

#include <fmt/format.h>

namespace traject::rules {

std::string Exact::ToString() const {
  const bool negative = (num_ < 0) != (den_ < 0);
  Int128 n = num_ < 0 ? -num_ : num_;
  const Int128 d = den_ < 0 ? -den_ : den_;
  const Int128 whole = n / d;
  Int128 rest = n % d;
  std::string text = (negative && (whole != 0 || rest != 0) ? "-" : "") +
                     std::to_string(static_cast<long long>(whole));
  if (rest == 0) return text;
  text += '.';
  for (int i = 0; i < 6 && rest != 0; ++i) {
    rest *= 10;
    text += static_cast<char>('0' + static_cast<int>(rest / d));
    rest %= d;
  }
  if (rest != 0) text += "…";
  return text;
}

}  // namespace traject::rules

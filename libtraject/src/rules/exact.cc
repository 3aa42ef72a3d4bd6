#include "rules/exact.h"

#include <fmt/format.h>

namespace traject::rules {

std::string Exact::ToString() const {
  const bool negative = (num_ < 0) != (den_ < 0);
  Int128 n = num_ < 0 ? -num_ : num_;
  const Int128 d = den_ < 0 ? -den_ : den_;
  const Int128 whole = n / d;
  Int128 rest = n % d;
  // One format call rather than `const char* + std::string`: g++ 12 at -O3 reports a false
  // -Wrestrict in the latter (GCC bug 105329), which broke Release builds under -Werror.
  std::string text = fmt::format("{}{}", negative && (whole != 0 || rest != 0) ? "-" : "",
                                 static_cast<long long>(whole));
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

// Exact rational arithmetic for money rules: a value num/den in 128-bit integers, so that every
// intermediate of a rule is exact and rounding happens only where the rule says.
#ifndef TRAJECT_RULES_EXACT_H_
#define TRAJECT_RULES_EXACT_H_

#include <string>

#include "traject/money.h"

namespace traject::rules {

class Exact {
 public:
  explicit Exact(Int128 numerator, Int128 denominator = 1) : num_(numerator), den_(denominator) {}

  Exact operator*(Int128 factor) const { return Exact(num_ * factor, den_); }
  Exact operator/(Int128 divisor) const { return Exact(num_, den_ * divisor); }

  // Rounded half away from zero to a whole number (of cents).
  std::int64_t Rounded() const { return DivideRounded(num_, den_); }
  bool IsWhole() const { return num_ % den_ == 0; }
  // Decimal form with up to 6 decimals, trailing zeros dropped; "…" marks a cut.
  std::string ToString() const;

 private:
  Int128 num_;
  Int128 den_;
};

}  // namespace traject::rules

#endif  // TRAJECT_RULES_EXACT_H_

// Money: always integer euro cents, never floating point.
#ifndef TRAJECT_MONEY_H_
#define TRAJECT_MONEY_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "traject/export.h"
#include "traject/status.h"

namespace traject {

// An amount in euro cents. Persisted as BIGINT.
using Cents = std::int64_t;

// 128-bit intermediate for exact money arithmetic (products of cents, percentages, hours).
__extension__ typedef __int128 Int128;

// "€1,234.56"; negative amounts as "-€1,234.56".
TRAJECT_EXPORT std::string FormatEuro(Cents amount);

// Parses "1234.56", "1234,56", "1234" or "€1.234,56"-free plain forms into cents. At most two
// decimals; no thousands separators. On error: InvalidArgument naming the text.
TRAJECT_EXPORT Result<Cents> ParseEuro(std::string_view text);

// Divides numerator by denominator and rounds half away from zero: the one rounding rule
// traject uses for money. REQUIRES: denominator > 0; the exact quotient fits in int64.
TRAJECT_EXPORT std::int64_t DivideRounded(Int128 numerator, Int128 denominator);

}  // namespace traject

#endif  // TRAJECT_MONEY_H_

// Loonkostensubsidie (Participatiewet art. 10d): the monthly wage-cost subsidy for an employer,
// exactly as docs/rules.md states it, in integer cents with three rounding points.
//
// Two rule versions:
//   lks-2015 (before 2024-01-01): base = monthly WML × (1 + VB); hours factor min(h, N) / N.
//   lks-2024 (from 2024-01-01):   base = hourly WML × 156 × (1 + VB); hours factor
//                                 min(h, hours cap) / 36.
// Both: lks = base × min(100 − LW, cap) % (or the forfait % without a loonwaarde) × hours factor;
// werkgeverslasten = lks × rate; subsidy = lks + werkgeverslasten. Rounded half away from zero
// at exactly three points: base, lks, werkgeverslasten.
#ifndef TRAJECT_LKS_H_
#define TRAJECT_LKS_H_

#include <optional>
#include <string>

#include "traject/date.h"
#include "traject/explanation.h"
#include "traject/export.h"
#include "traject/money.h"
#include "traject/parameters.h"
#include "traject/placement.h"
#include "traject/status.h"

namespace traject {

struct LksInput {
  Date date;                                  // parameters in force on this date
  CentiHours hours = 3600;                    // contracted hours per week, > 0
  std::optional<int> loonwaarde;              // percent 0..100; empty: forfait
  std::optional<Cents> wml_monthly_override;  // what-if: use this monthly WML instead
  std::optional<CentiHours> normal_week;      // lks-2015: N; lks-2024: the hours cap
  // Whether to fill LksAmount::explanation. false for figures that need only the amounts (a
  // report over every placement): every other field of LksAmount is the same, and of the
  // explanation only `provisional` is set (bench: BM_ComputeLksAmountOnly).
  bool explain = true;
};

struct LksAmount {
  std::string rule_version;    // "lks-2015" or "lks-2024"
  Cents wml_monthly = 0;       // monthly WML used
  Cents base = 0;              // rounding point 1
  int percentage_bp = 0;       // subsidy share of base, basis points (after cap or forfait)
  bool capped = false;         // the cap bound
  bool forfait = false;        // no loonwaarde: forfait applied
  Cents lks = 0;               // rounding point 2 (after hours)
  Cents werkgeverslasten = 0;  // rounding point 3
  Cents total = 0;             // lks + werkgeverslasten: the monthly subsidy
  bool provisional = false;    // a parameter was used past its known period
  Explanation explanation;     // only `provisional` unless LksInput::explain
};

// The monthly subsidy for a full month. InvalidArgument for hours <= 0, a loonwaarde outside
// 0..100, a normal week <= 0; NotFound when a parameter has no value on the date.
TRAJECT_EXPORT Result<LksAmount> ComputeLks(const ParameterSet& parameters, const LksInput& input);

}  // namespace traject

#endif  // TRAJECT_LKS_H_

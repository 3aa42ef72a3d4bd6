// Participant premiums of Amsterdam (docs/rules.md, "Premiums"), parameter-driven:
//
//   bijverdienpremie: rate × earnings from work while on bijstand, at most the monthly maximum.
//   uitstroompremie: full exit to work after at least `premie.work-months` months of work: the
//     step of `uitstroompremie.step.<months>` for the months spent in bijstand; starting
//     part-time work while keeping bijstand: `uitstroompremie.part-time`, once.
//
// Premiums are paid twice a year: an amount earned in a month is payable on 1 June or
// 1 November, whichever comes first after that month ends (NextPremiumPaymentDate).
// Plugins may tighten eligibility (BanenplanPlugin::ParticipantPremiumEligibility) and add
// premiums of their own (BanenplanPlugin::Premiums).
#ifndef TRAJECT_PREMIUMS_H_
#define TRAJECT_PREMIUMS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "traject/date.h"
#include "traject/explanation.h"
#include "traject/export.h"
#include "traject/money.h"
#include "traject/parameters.h"

namespace traject {

struct PremiumAmount {
  std::string premium_id;  // "bijverdienpremie", "uitstroompremie"
  bool eligible = false;
  std::string reason;  // why not, when !eligible; what earned it otherwise
  Cents amount = 0;
  Date earned;   // the date the premium was earned
  Date payable;  // NextPremiumPaymentDate(earned)
  Explanation explanation;
};

// The ids of the premiums traject computes itself, "bijverdienpremie" and "uitstroompremie"
// (PremiumAmount::premium_id; static storage). A plugin's own premiums
// (PremiumAward::premium_id) must use other ids: the conformance check "premium ids are
// distinct from built-in premiums" refuses these.
TRAJECT_EXPORT std::vector<std::string_view> BuiltinPremiumIds();

// 1 June or 1 November, the first after the month of `earned` ends.
TRAJECT_EXPORT Date NextPremiumPaymentDate(Date earned);

// The bijverdienpremie for one month with `earnings` gross from work while on bijstand.
TRAJECT_EXPORT Result<PremiumAmount> ComputeBijverdienpremie(const ParameterSet& parameters,
                                                             Date month, Cents earnings);

struct UitstroomInput {
  Date bijstand_start;       // start of the bijstand period
  Date work_start;           // first day of the work
  std::optional<Date> exit;  // the day bijstand ended; empty: part-time work with bijstand
};

// Not eligible (with the reason) before `premie.work-months` months of work, or when no
// premium parameter is in force on the date earned (the experiment started mid-2023). Work that
// began before the premium's first day (the earliest value of its amounts) counts from that day.
TRAJECT_EXPORT Result<PremiumAmount> ComputeUitstroompremie(const ParameterSet& parameters,
                                                            const UitstroomInput& input);

}  // namespace traject

#endif  // TRAJECT_PREMIUMS_H_

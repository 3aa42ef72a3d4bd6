// Building blocks for plugin rules, so that plugins state their rules instead of re-deriving
// dates. Part of the plugin SDK; pure functions of their arguments.
#ifndef TRAJECT_PLUGIN_RULES_H_
#define TRAJECT_PLUGIN_RULES_H_

#include <optional>
#include <string>
#include <string_view>

#include "traject/export.h"
#include "traject/plugin.h"

namespace traject {

// The date the milestone was reached, if it was reached on or before facts.on.
TRAJECT_EXPORT std::optional<Date> ReachedOn(const PlacementFacts& facts,
                                             std::string_view milestone_id);

// The date on which the placement completes `months` whole months of uninterrupted employment
// (werkbehoud), if it does so on or before facts.on; empty otherwise.
TRAJECT_EXPORT std::optional<Date> WerkbehoudReached(const PlacementFacts& facts, int months);

// A premium of `amount` for the employer once the placement reaches `months` months of
// werkbehoud (due on that date); empty before then.
TRAJECT_EXPORT std::optional<PremiumAward> EmployerWerkbehoudPremium(const PlacementFacts& facts,
                                                                     std::string premium_id,
                                                                     std::string name, int months,
                                                                     Cents amount);

}  // namespace traject

#endif  // TRAJECT_PLUGIN_RULES_H_

#include "traject/plugin.h"

namespace traject {

// Out of line so that the vtable and type info live in libtraject, not in every plugin.
BanenplanPlugin::~BanenplanPlugin() = default;

Decision BanenplanPlugin::LksEligibility(const PlacementFacts&) const { return Decision{}; }

Decision BanenplanPlugin::ParticipantPremiumEligibility(std::string_view,
                                                        const PlacementFacts&) const {
  return Decision{};
}

std::vector<PremiumAward> BanenplanPlugin::Premiums(const PlacementFacts&) const { return {}; }

std::string_view ToString(Payee payee) {
  return payee == Payee::kEmployer ? "employer" : "participant";
}

}  // namespace traject

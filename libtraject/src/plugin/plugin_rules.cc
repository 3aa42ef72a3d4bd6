#include "traject/plugin_rules.h"

#include <fmt/format.h>

namespace traject {

using std::chrono::sys_days;

std::optional<Date> ReachedOn(const PlacementFacts& facts, std::string_view milestone_id) {
  for (const MilestoneRecord& record : facts.milestones) {
    if (record.milestone_id == milestone_id && sys_days(record.reached) <= sys_days(facts.on)) {
      return record.reached;
    }
  }
  return std::nullopt;
}

std::optional<Date> WerkbehoudReached(const PlacementFacts& facts, int months) {
  const Date reached = AddMonths(facts.placement.start, months);
  if (sys_days(reached) > sys_days(facts.on)) return std::nullopt;
  // Employment must last through the day before the anniversary.
  const Date last_needed = Date(sys_days(reached) - std::chrono::days(1));
  if (facts.placement.end && sys_days(*facts.placement.end) < sys_days(last_needed)) {
    return std::nullopt;
  }
  return reached;
}

std::optional<PremiumAward> EmployerWerkbehoudPremium(const PlacementFacts& facts,
                                                      std::string premium_id, std::string name,
                                                      int months, Cents amount) {
  std::optional<Date> reached = WerkbehoudReached(facts, months);
  if (!reached) return std::nullopt;
  PremiumAward award;
  award.premium_id = std::move(premium_id);
  award.name = std::move(name);
  award.payee = Payee::kEmployer;
  award.amount = amount;
  award.due = *reached;
  award.reason = fmt::format("{} months of werkbehoud at {} since {}", months,
                             facts.placement.employer, FormatDate(facts.placement.start));
  return award;
}

}  // namespace traject

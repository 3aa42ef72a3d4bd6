#include <fmt/format.h>

#include <algorithm>

#include "report/rules_guard.h"
#include "report/trajectory_placements.h"
#include "traject/premiums.h"
#include "traject/reports.h"

namespace traject {
namespace {

using std::chrono::sys_days;
sys_days S(Date d) { return sys_days(d); }

// Applies the plugin's tightening to a participant premium.
Status ApplyPluginEligibility(const LoadedPlugin* plugin, const PlacementFacts& facts,
                              PremiumLine& line) {
  if (!plugin || !line.eligible) return Status::OK();
  Result<Decision> decision = plugin->ParticipantPremiumEligibility(line.premium_id, facts);
  if (!decision.ok()) return decision.status();
  if (!decision->eligible) {
    line.eligible = false;
    line.reason = decision->reason;
    line.amount = 0;
  }
  return Status::OK();
}

PremiumLine FromAmount(const PremiumAmount& amount, std::string name, std::int64_t placement_id) {
  PremiumLine line;
  line.premium_id = amount.premium_id;
  line.name = std::move(name);
  line.payee = Payee::kParticipant;
  line.placement_id = placement_id;
  line.eligible = amount.eligible;
  line.reason = amount.reason;
  line.amount = amount.eligible ? amount.amount : 0;
  line.earned = amount.earned;
  line.payable = amount.payable;
  line.explanation = amount.explanation;
  return line;
}

}  // namespace

Result<TrajectoryPremiums> BuildTrajectoryPremiums(Store& store, const PluginRegistry* plugins,
                                                   const ParameterSet& parameters,
                                                   std::int64_t trajectory_id, Date as_of,
                                                   MissingPlugins missing_plugins) {
  Result<report::TrajectoryPlacements> loaded =
      report::LoadTrajectoryPlacements(store, trajectory_id);
  if (!loaded.ok()) return loaded.status();
  const Trajectory* t = &loaded->trajectory;
  const Participant* participant = &loaded->participant;
  const std::vector<PlacementView>* placements = &loaded->placements;
  report::RulesGuard guard(plugins, missing_plugins);
  // Without placements there are no premiums, and no rules are needed.
  const LoadedPlugin* plugin =
      placements->empty() ? nullptr
                          : guard.Need(t->programme_id, static_cast<int>(placements->size()));
  if (Status s = guard.Check(); !s.ok()) return s;
  TrajectoryPremiums result;
  result.rules_missing = !placements->empty() && plugin == nullptr;
  const std::vector<std::string_view> builtin = BuiltinPremiumIds();

  // The exit to work, if it happened by as_of.
  std::optional<Date> exit;
  for (const StateChange& change : t->history) {
    if (change.to == TrajectoryState::kUitgestroomd && S(change.date) <= S(as_of) &&
        t->exit_reason == ExitReason::kWork) {
      exit = change.date;
    }
  }
  std::vector<PremiumLine> lines;
  bool uitstroom_done = false;
  for (const PlacementView& view : *placements) {
    const Placement& placement = view.placement;
    if (S(placement.start) > S(as_of)) continue;
    const PlacementFacts facts = FactsFor(view, t->milestones, as_of);

    // Bijverdienpremie: each whole month worked while still on bijstand, before the exit.
    // (year_month_day orders chronologically.)
    Date last_day = std::min(placement.end.value_or(as_of), as_of);
    if (exit) last_day = std::min(last_day, Date(S(*exit) - std::chrono::days(1)));
    for (Date month = FirstOfMonth(placement.start); LastOfMonth(month) <= last_day;
         month = AddMonths(month, 1)) {
      if (S(month) < S(placement.start)) continue;  // only whole months worked
      Result<PremiumAmount> amount =
          ComputeBijverdienpremie(parameters, month, placement.gross_monthly_wage);
      if (!amount.ok()) return amount.status();
      if (!amount->eligible) continue;
      PremiumLine line = FromAmount(*amount, "Bijverdienpremie", placement.id);
      if (Status s = ApplyPluginEligibility(plugin, facts, line); !s.ok()) return s;
      lines.push_back(std::move(line));
    }

    // Uitstroompremie: once per trajectory, on the first placement that earns it.
    if (!uitstroom_done) {
      UitstroomInput input{participant->registered, placement.start, exit};
      Result<PremiumAmount> amount = ComputeUitstroompremie(parameters, input);
      if (!amount.ok()) return amount.status();
      const bool worked_long_enough = !placement.end || S(*placement.end) >= S(amount->earned);
      if (S(amount->earned) <= S(as_of) && worked_long_enough) {
        PremiumLine line = FromAmount(
            *amount, exit ? "Uitstroompremie" : "Uitstroompremie (deeltijd)", placement.id);
        if (Status s = ApplyPluginEligibility(plugin, facts, line); !s.ok()) return s;
        lines.push_back(std::move(line));
        uitstroom_done = line.eligible || uitstroom_done;
      }
    }

    // The banenplan's own premiums.
    if (plugin) {
      Result<std::vector<PremiumAward>> awards = plugin->Premiums(facts);
      if (!awards.ok()) return awards.status();
      for (const PremiumAward& award : *awards) {
        if (award.amount <= 0 || !IsValidId(award.premium_id)) {
          return Status::Plugin(fmt::format("plugin '{}' returned a malformed premium '{}'",
                                            plugin->name(), award.premium_id));
        }
        if (std::find(builtin.begin(), builtin.end(), award.premium_id) != builtin.end()) {
          return Status::Plugin(fmt::format(
              "plugin '{}' awards a premium with the id of the built-in '{}': it would be "
              "counted as that premium",
              plugin->name(), award.premium_id));
        }
        PremiumLine line;
        line.premium_id = award.premium_id;
        line.name = award.name;
        line.payee = award.payee;
        line.placement_id = placement.id;
        line.eligible = true;
        line.reason = award.reason;
        line.amount = award.amount;
        line.earned = award.due;
        line.payable = award.due;
        lines.push_back(std::move(line));
      }
    }
  }
  result.lines = std::move(lines);
  return result;
}

}  // namespace traject

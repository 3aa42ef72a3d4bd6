#include "traject/wioa_report.h"

#include <algorithm>
#include <map>
#include <set>

#include "report/facts_view.h"
#include "report/rules_guard.h"

namespace traject {
namespace {

using report::Day;
using report::NameId;

// Calendar quarters, numbered year * 4 + (month - 1) / 3.
int QuarterOf(Day day) {
  const Date d = report::ToDate(day);
  return static_cast<int>(d.year()) * 4 +
         static_cast<int>((static_cast<unsigned>(d.month()) - 1) / 3);
}
Day QuarterFirst(int quarter) {
  return report::ToDay(Date{std::chrono::year{quarter / 4},
                            std::chrono::month{static_cast<unsigned>(quarter % 4 * 3 + 1)},
                            std::chrono::day{1}});
}
Day QuarterLast(int quarter) { return QuarterFirst(quarter + 1) - 1; }

// What a track's milestones attain, by the facts' milestone names.
struct TrackOutcomes {
  std::set<NameId> credentials;
  std::set<NameId> gains;  // skill gains and credentials
};

bool Overlaps(const report::FactPlacement& p, Day first, Day last) {
  return p.start <= last && (!p.end || *p.end >= first);
}

// Gross wages earned in [first, last]: each month's wage × days worked in it / days in the
// month, rounded to cents per placement and month.
Cents EarningsIn(const report::FactPlacement& p, Day first, Day last) {
  Cents total = 0;
  for (Date month = FirstOfMonth(report::ToDate(first)); report::ToDay(month) <= last;
       month = AddMonths(month, 1)) {
    const Day month_first = report::ToDay(month), month_last = report::ToDay(LastOfMonth(month));
    const Day from = std::max({month_first, first, p.start});
    const Day to = std::min({month_last, last, p.end.value_or(month_last)});
    if (to < from) continue;
    total += DivideRounded(Int128{p.wage} * (to - from + 1), month_last - month_first + 1);
  }
  return total;
}

// The median; of an even count the mean of the middle two, rounded half away from zero.
std::optional<Cents> Median(std::vector<Cents> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  if (n % 2 == 1) return values[n / 2];
  return DivideRounded(Int128{values[n / 2 - 1]} + values[n / 2], 2);
}

}  // namespace

Result<WioaReport> BuildWioaReport(Store& store, const ProgrammeCatalogue* programmes,
                                   const WioaReportOptions& options) {
  if (Status s = report::RequireGrouping(
          options.by,
          {ReportGrouping::kProgramme, ReportGrouping::kTrack, ReportGrouping::kArea,
           ReportGrouping::kGroup, ReportGrouping::kKlantmanager, ReportGrouping::kMonth},
          "WIOA");
      !s.ok()) {
    return s;
  }
  Result<ResolvedPeriod> window = Resolve(options.period);
  if (!window.ok()) return window.status();
  report::FactParts parts;
  parts.trajectories = parts.history = parts.milestones = parts.placements = true;
  report::AddPartsFor(options.by, parts);
  Result<report::ReportFacts> loaded = report::ReadFacts(store, parts, window->as_of);
  if (!loaded.ok()) return loaded.status();
  const report::ReportFacts& f = *loaded;
  const Day as_of = f.as_of;
  const Day from = report::ToDay(window->from), to = report::ToDay(window->to);

  report::DefinitionGuard guard(
      programmes, options.missing_plugins,
      {"trajectory", "trajectories", "define the credentials and skill gains of"});
  std::map<std::pair<NameId, NameId>, TrackOutcomes> tracks;
  const auto outcomes_of = [&](const report::FactTrajectory& t) -> const TrackOutcomes& {
    auto [it, added] = tracks.try_emplace({t.programme, t.track});
    if (!added) return it->second;
    const std::string& programme_id = f.Name(t.programme);
    const ProgrammeDefinition* programme = programmes ? programmes->Find(programme_id) : nullptr;
    const TrackDefinition* track = programme ? FindTrack(*programme, f.Name(t.track)) : nullptr;
    for (const MilestoneDefinition& m :
         track ? track->milestones : std::vector<MilestoneDefinition>{}) {
      const NameId name = f.FindName(m.id);
      if (m.outcome == MilestoneOutcome::kCredential) it->second.credentials.insert(name);
      if (m.outcome != MilestoneOutcome::kNone) it->second.gains.insert(name);
    }
    return it->second;
  };
  // Credentials of any of the person's trajectories reached in [first, last].
  const auto credential_between = [&](std::int32_t person, Day first, Day last) {
    const auto p = static_cast<std::size_t>(person);
    for (std::uint32_t i = f.trajectories_of[p]; i < f.trajectories_of[p + 1]; ++i) {
      const report::FactTrajectory& t = f.trajectories[i];
      const TrackOutcomes& outcomes = outcomes_of(t);
      for (std::uint32_t j = t.milestones_begin; j < t.milestones_end; ++j) {
        const report::FactMilestone& m = f.milestones[j];
        if (m.reached >= first && m.reached <= last && outcomes.credentials.count(m.milestone)) {
          return true;
        }
      }
    }
    return false;
  };
  // The person's placements that overlap [first, last].
  const auto placements_in = [&](std::int32_t person, Day first, Day last) {
    std::vector<const report::FactPlacement*> found;
    const auto p = static_cast<std::size_t>(person);
    for (std::uint32_t i = f.trajectories_of[p]; i < f.trajectories_of[p + 1]; ++i) {
      const report::FactTrajectory& t = f.trajectories[i];
      for (std::uint32_t j = t.placements_begin; j < t.placements_end; ++j) {
        if (Overlaps(f.placements[j], first, last)) found.push_back(&f.placements[j]);
      }
    }
    return found;
  };

  WioaReport out;
  out.options = options;
  out.window = *window;
  const report::Grouper grouper(f, options.by, programmes);
  report::RowSet<WioaRow> rows;
  std::map<std::string, std::vector<Cents>> earnings;  // per key
  std::vector<Cents> all_earnings;
  for (const report::FactTrajectory& t : f.trajectories) {
    // Measurable skill gains: in training on some day of the window.
    const bool open_in_window = report::IsOpenSomeDay(f, t, from, to);
    const std::optional<Day> exit = report::ProgrammeExit(f, t);
    const bool exit_in_window = exit && *exit >= from && *exit <= to;
    if (open_in_window || exit_in_window) guard.Need(f.Name(t.programme));
    if (open_in_window) {
      const TrackOutcomes& outcomes = outcomes_of(t);
      if (!outcomes.gains.empty()) {
        bool gained = false;
        for (std::uint32_t j = t.milestones_begin; j < t.milestones_end; ++j) {
          const report::FactMilestone& m = f.milestones[j];
          gained =
              gained || (m.reached >= from && m.reached <= to && outcomes.gains.count(m.milestone));
        }
        const Day counted = std::max(from, t.started);  // its first day in the window
        rows.Count(grouper.KeysOf(t.person, &t, nullptr, counted), [&](WioaRow& row) {
          row.skill_gains.base += 1;
          row.skill_gains.count += gained ? 1 : 0;
        });
      }
    }

    if (!exit_in_window) continue;
    const int q0 = QuarterOf(*exit);
    const Day q2_first = QuarterFirst(q0 + 2), q2_last = QuarterLast(q0 + 2);
    const Day q4_first = QuarterFirst(q0 + 4), q4_last = QuarterLast(q0 + 4);
    const bool seen_q2 = q2_last <= as_of, seen_q4 = q4_last <= as_of;
    const std::vector<const report::FactPlacement*> in_q2 =
        placements_in(t.person, q2_first, q2_last);
    const std::vector<const report::FactPlacement*> in_q4 =
        placements_in(t.person, q4_first, q4_last);
    const bool employed_q2 = seen_q2 && !in_q2.empty();
    const bool employed_q4 = seen_q4 && !in_q4.empty();
    Cents earned_q2 = 0;
    for (const report::FactPlacement* p : in_q2) earned_q2 += EarningsIn(*p, q2_first, q2_last);
    bool same_employer = false;
    for (const report::FactPlacement* a : in_q2) {
      for (const report::FactPlacement* b : in_q4)
        same_employer = same_employer || a->employer == b->employer;
    }
    const bool credential_track = !outcomes_of(t).credentials.empty();
    const Day year_after = report::PlusMonths(*exit, 12);
    const bool seen_year = year_after <= as_of;
    const bool credential =
        credential_track && seen_year && credential_between(t.person, t.started, year_after);
    const std::vector<std::string> keys = grouper.KeysOf(t.person, &t, nullptr, *exit);
    rows.Count(keys, [&](WioaRow& row) {
      row.exits += 1;
      row.employment_q2.base += seen_q2 ? 1 : 0;
      row.employment_q2.count += employed_q2 ? 1 : 0;
      row.employment_q4.base += seen_q4 ? 1 : 0;
      row.employment_q4.count += employed_q4 ? 1 : 0;
      row.credential.base += credential_track && seen_year ? 1 : 0;
      row.credential.count += credential ? 1 : 0;
      row.retention.base += employed_q2 && seen_q4 ? 1 : 0;
      row.retention.count += employed_q2 && seen_q4 && same_employer ? 1 : 0;
    });
    if (employed_q2) {
      for (const std::string& key : keys) earnings[key].push_back(earned_q2);
      all_earnings.push_back(earned_q2);
    }
  }
  if (Status s = guard.Check(); !s.ok()) return s;
  out.missing_plugins = guard.Missing();
  out.rows = rows.Rows(grouper);
  for (WioaRow& row : out.rows) row.median_earnings_q2 = Median(earnings[row.key]);
  out.total = rows.Total();
  out.total.median_earnings_q2 = Median(std::move(all_earnings));
  return out;
}

}  // namespace traject

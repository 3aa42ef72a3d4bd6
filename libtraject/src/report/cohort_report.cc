#include "traject/cohort_report.h"

#include "report/facts_view.h"

namespace traject {

Result<CohortReport> BuildCohortReport(Store& store, const CohortReportOptions& options) {
  if (Status s = report::RequireGrouping(
          options.by,
          {ReportGrouping::kArea, ReportGrouping::kGroup, ReportGrouping::kKlantmanager}, "cohort");
      !s.ok()) {
    return s;
  }
  if (options.recent_months < 1 || options.recent_months > 60) {
    return Status::InvalidArgument("recent: 1..60 months").WithField("recent_months");
  }
  report::FactParts parts;
  parts.people = parts.contacts = parts.trajectories = parts.history = parts.placements = true;
  report::AddPartsFor(options.by, parts);
  Result<report::ReportFacts> loaded = report::ReadFacts(store, parts, options.as_of);
  if (!loaded.ok()) return loaded.status();
  const report::ReportFacts& f = *loaded;
  const report::Day day = f.as_of;
  // "In the N months up to the day": after the same day N months before.
  const report::Day recent_after = report::PlusMonths(day, -options.recent_months);
  const report::BijstandSpells spells(f);

  CohortReport out;
  out.options = options;
  const report::Grouper grouper(f, options.by, nullptr);
  report::RowSet<CohortRow> rows;
  for (std::size_t i = 0; i < f.people.size(); ++i) {
    const report::FactPerson& p = f.people[i];
    if (!p.known) continue;
    const auto person = static_cast<std::int32_t>(i);
    bool in_trajectory = false, placed = false, exited = false;
    std::optional<report::Day> last_seen = p.last_seen;
    for (std::uint32_t t = f.trajectories_of[i]; t < f.trajectories_of[i + 1]; ++t) {
      const report::FactTrajectory& trajectory = f.trajectories[t];
      in_trajectory = true;
      placed = placed || trajectory.placements_begin != trajectory.placements_end;
      exited = exited || report::FirstEntered(f, trajectory, TrajectoryState::kUitgestroomd);
      for (std::uint32_t j = trajectory.placements_begin; j < trajectory.placements_end; ++j) {
        const report::FactPlacement& placement = f.placements[j];
        if (placement.assessments_begin == placement.assessments_end) continue;
        const report::Day assessed = f.assessments[placement.assessments_end - 1].date;
        if (!last_seen || assessed > *last_seen) last_seen = assessed;
      }
    }
    const bool on_bijstand = spells.OnBijstand(person, day);
    const bool recent = last_seen && *last_seen > recent_after;
    rows.Count(grouper.KeysOf(person, nullptr, nullptr, day), [&](CohortRow& row) {
      row.participants += 1;
      row.invited += p.invited ? 1 : 0;
      row.spoken += p.spoken ? 1 : 0;
      row.in_trajectory += in_trajectory ? 1 : 0;
      row.placed += placed ? 1 : 0;
      row.uitgestroomd += exited ? 1 : 0;
      row.on_bijstand += on_bijstand ? 1 : 0;
      row.recent_picture.base += on_bijstand ? 1 : 0;
      row.recent_picture.count += on_bijstand && recent ? 1 : 0;
    });
  }
  out.rows = rows.Rows(grouper);
  out.total = rows.Total();
  return out;
}

}  // namespace traject

#include "traject/loonwaarde_report.h"

#include <algorithm>

#include "report/facts_view.h"
#include "traject/caseload_report.h"

namespace traject {

std::string_view ToString(ForfaitStatus status) {
  switch (status) {
    case ForfaitStatus::kExpired:
      return "expired";
    case ForfaitStatus::kEnding:
      return "ending";
    case ForfaitStatus::kRunning:
      return "running";
  }
  return "?";
}

Result<LoonwaardeReport> BuildLoonwaardeReport(Store& store, const ParameterSet& parameters,
                                               const LoonwaardeReportOptions& options) {
  if (options.ending_within_days < 0 || options.ending_within_days > 366) {
    return Status::InvalidArgument("ending within: 0..366 days").WithField("ending_within_days");
  }
  report::FactParts parts;
  // Not the people part: a participant's ref, all the list shows of them, comes with any part.
  parts.trajectories = parts.placements = parts.assignments = true;
  // The placements listed: running on the day without an assessment by it. They and the count
  // of all running ones are what is read, unless the count is one klantmanager's: then every
  // running placement's participant's klantmanager is needed.
  parts.scope =
      options.klantmanager ? report::FactScope::kPlacedOn : report::FactScope::kUnassessedOn;
  parts.running_placements = !options.klantmanager;
  if (options.klantmanager) {
    if (Status s = RequireCaseworker(store, CaseworkerRole::kKlantmanager, *options.klantmanager,
                                     options.as_of);
        !s.ok()) {
      return s;
    }
  }
  Result<report::ReportFacts> loaded = report::ReadFacts(store, parts, options.as_of);
  if (!loaded.ok()) return loaded.status();
  const report::ReportFacts& f = *loaded;
  const report::Day day = f.as_of;
  const report::NameId only = options.klantmanager ? f.FindName(*options.klantmanager) : -1;

  LoonwaardeReport out;
  out.options = options;
  if (!options.klantmanager) out.running_placements = f.running_placements;
  for (const report::FactPlacement& p : f.placements) {
    if (p.start > day || (p.end && *p.end < day)) continue;  // not running on the day
    const report::NameId klantmanager =
        report::CaseworkerOn(f, p.person, CaseworkerRole::kKlantmanager, day);
    if (options.klantmanager && (only < 0 || klantmanager != only)) continue;
    if (options.klantmanager) out.running_placements += 1;
    if (p.assessments_begin != p.assessments_end) continue;  // assessed by the day
    Result<ParameterLookup> months =
        parameters.At(param::kLksForfaitMonths, report::ToDate(p.start));
    if (!months.ok()) return months.status();
    const report::Day ends = report::PlusMonths(p.start, static_cast<int>(months->value));
    UnassessedPlacement line;
    line.placement_id = p.id;
    const report::FactTrajectory& t = f.trajectories[static_cast<std::size_t>(p.trajectory)];
    line.trajectory_id = t.id;
    line.participant_ref = f.people[static_cast<std::size_t>(p.person)].ref;
    line.klantmanager = klantmanager < 0 ? std::string() : f.Name(klantmanager);
    line.programme_id = f.Name(t.programme);
    line.employer = f.Name(p.employer);
    line.start = report::ToDate(p.start);
    line.forfait_ends = report::ToDate(ends);
    if (ends <= day) {
      line.status = ForfaitStatus::kExpired;
      line.days = day - ends;
      out.expired += 1;
    } else if (ends <= day + options.ending_within_days) {
      line.status = ForfaitStatus::kEnding;
      line.days = ends - day;
      out.ending += 1;
    } else {
      line.status = ForfaitStatus::kRunning;
      line.days = ends - day;
      out.running += 1;
    }
    out.placements.push_back(std::move(line));
  }
  std::stable_sort(out.placements.begin(), out.placements.end(),
                   [](const UnassessedPlacement& a, const UnassessedPlacement& b) {
                     const auto ea = ToDays(a.forfait_ends), eb = ToDays(b.forfait_ends);
                     return ea != eb ? ea < eb : a.placement_id < b.placement_id;
                   });
  return out;
}

}  // namespace traject

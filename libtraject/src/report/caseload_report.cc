#include "traject/caseload_report.h"

#include <fmt/format.h>

#include <map>

#include "report/facts_view.h"
#include "traject/milestones.h"

namespace traject {
namespace {

using report::Day;

// What is counted of one participant on the day.
struct Standing {
  bool on_bijstand = false;
  bool in_trajectory = false;
  bool placed = false;
};

void Add(CaseloadRow& row, const Standing& s) {
  row.participants += 1;
  row.on_bijstand += s.on_bijstand ? 1 : 0;
  row.in_trajectory += s.in_trajectory ? 1 : 0;
  row.placed += s.placed ? 1 : 0;
}

}  // namespace

Result<CaseloadReport> BuildCaseloadReport(Store& store, const CaseloadOptions& options) {
  report::FactParts parts;
  parts.people = parts.assignments = parts.trajectories = parts.history = parts.placements = true;
  Result<report::ReportFacts> loaded = report::ReadFacts(store, parts, options.as_of);
  if (!loaded.ok()) return loaded.status();
  const report::ReportFacts& f = *loaded;
  const Day day = f.as_of;
  const report::BijstandSpells spells(f);

  CaseloadReport out;
  out.as_of = options.as_of;
  out.total_klantmanager.role = CaseworkerRole::kKlantmanager;
  out.total_jobhunter.role = CaseworkerRole::kJobhunter;
  // By role, then name; the unassigned ("") last.
  std::map<std::pair<int, std::pair<bool, std::string>>, CaseloadRow> rows;
  for (std::size_t i = 0; i < f.people.size(); ++i) {
    const auto person = static_cast<std::int32_t>(i);
    if (!f.people[i].known) continue;
    Standing s;
    s.on_bijstand = spells.OnBijstand(person, day);
    for (std::uint32_t t = f.trajectories_of[i]; t < f.trajectories_of[i + 1]; ++t) {
      s.in_trajectory = s.in_trajectory || report::IsOpenOn(f, f.trajectories[t], day);
    }
    s.placed = report::IsWorking(f, person, day);
    for (CaseworkerRole role : {CaseworkerRole::kKlantmanager, CaseworkerRole::kJobhunter}) {
      if (options.role && *options.role != role) continue;
      const report::NameId name = report::CaseworkerOn(f, person, role, day);
      // Someone on bijstand without a klantmanager is a gap worth a row; without a jobhunter is
      // the rule (jobhunters work with those close to a job).
      if (name < 0 && (role == CaseworkerRole::kJobhunter || !s.on_bijstand)) continue;
      const std::string key = name < 0 ? std::string() : f.Name(name);
      CaseloadRow& row = rows[{static_cast<int>(role), {name < 0, key}}];
      row.role = role;
      row.name = key;
      Add(row, s);
      Add(role == CaseworkerRole::kKlantmanager ? out.total_klantmanager : out.total_jobhunter, s);
    }
  }
  for (auto& [key, row] : rows) out.rows.push_back(std::move(row));
  return out;
}

Result<std::map<std::string, CaseworkersOnDate>> CaseworkersOn(Store& store, Date on) {
  report::FactParts parts;
  parts.people = parts.assignments = true;
  Result<report::ReportFacts> loaded = report::ReadFacts(store, parts, on);
  if (!loaded.ok()) return loaded.status();
  const report::ReportFacts& f = *loaded;
  std::map<std::string, CaseworkersOnDate> out;
  for (std::size_t i = 0; i < f.people.size(); ++i) {
    if (!f.people[i].known) continue;
    const auto person = static_cast<std::int32_t>(i);
    CaseworkersOnDate& c = out[f.people[i].ref];
    const report::NameId km =
        report::CaseworkerOn(f, person, CaseworkerRole::kKlantmanager, f.as_of);
    const report::NameId jh = report::CaseworkerOn(f, person, CaseworkerRole::kJobhunter, f.as_of);
    if (km >= 0) c.klantmanager = f.Name(km);
    if (jh >= 0) c.jobhunter = f.Name(jh);
  }
  return out;
}

Status RequireCaseworker(Store& store, CaseworkerRole role, std::string_view name, Date on) {
  const std::string field(ToString(role));
  if (name.empty()) return Status::InvalidArgument(field + ": empty").WithField(field);
  if (Status s = report::RequireKnown(store, on); !s.ok()) return s;
  Result<storage::FactSource*> source = report::SourceOf(store);
  if (!source.ok()) return source.status();
  Result<bool> known = (*source)->CaseworkerKnown(role, name, report::ToDay(on));
  if (!known.ok()) return known.status();
  if (*known) return Status::OK();
  return Status::NotFound(fmt::format("no participant had a {} named '{}' by {} (names match "
                                      "exactly, capitals and spaces included)",
                                      field, name, FormatDate(on)))
      .WithField(field);
}

}  // namespace traject

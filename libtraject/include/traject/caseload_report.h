// Caseloads: who is assigned to which klantmanager and jobhunter on a date, and the caseworkers
// of every participant on a date (docs/reports.md, "caseload").
//
// Thread safety: the functions only read; they share the store's thread-safety rules.
#ifndef TRAJECT_CASELOAD_REPORT_H_
#define TRAJECT_CASELOAD_REPORT_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "traject/date.h"
#include "traject/export.h"
#include "traject/participant.h"
#include "traject/status.h"
#include "traject/store.h"

namespace traject {

struct CaseloadOptions {
  Date as_of{};                          // REQUIRES: set
  std::optional<CaseworkerRole> role{};  // default: both roles
};

struct CaseloadRow {
  CaseworkerRole role = CaseworkerRole::kKlantmanager;
  std::string name{};     // "" for participants on bijstand with no klantmanager on the date
  int participants = 0;   // assigned on the date
  int on_bijstand = 0;    // of whom on bijstand on the date
  int in_trajectory = 0;  // of whom in an open trajectory (not uitgestroomd, afgebroken, terugval)
  int placed = 0;         // of whom working in a placement on the date
};

struct CaseloadReport {
  Date as_of{};
  std::vector<CaseloadRow> rows{};   // klantmanagers, then jobhunters; each by name, "" last
  CaseloadRow total_klantmanager{};  // participants with a klantmanager (and the unassigned)
  CaseloadRow total_jobhunter{};
};

// InvalidArgument when as_of is not set; the store's errors otherwise.
TRAJECT_EXPORT Result<CaseloadReport> BuildCaseloadReport(Store& store,
                                                          const CaseloadOptions& options);

// The klantmanager and jobhunter of a participant on one date ("" when none).
struct CaseworkersOnDate {
  std::string klantmanager{};
  std::string jobhunter{};
};
// Every participant registered by `on`, by ref, with the caseworkers assigned on that date: what
// `participant list --as-of` shows, and what `--klantmanager` filters on.
TRAJECT_EXPORT Result<std::map<std::string, CaseworkersOnDate>> CaseworkersOn(Store& store,
                                                                              Date on);

// OK when some participant had `name` (exactly, case and spaces included) as their `role` on
// some day up to `on`: what a `--klantmanager` filter needs to mean something. NotFound
// naming the caseworker otherwise, InvalidArgument for an empty name (field "klantmanager" or
// "jobhunter"). A filter on an unknown name would show nothing and look like an empty caseload.
TRAJECT_EXPORT Status RequireCaseworker(Store& store, CaseworkerRole role, std::string_view name,
                                        Date on);

}  // namespace traject

#endif  // TRAJECT_CASELOAD_REPORT_H_

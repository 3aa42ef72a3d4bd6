// The questions every outcome report asks of ReportFacts (storage/report_facts.h): a
// trajectory's state on a day, its exits, whether someone is on bijstand or working on a day,
// their klantmanager then, and the keys a row is counted under. One answer per question, so that
// "on bijstand" or "exit" means the same in every report (docs/reports.md).
#ifndef TRAJECT_REPORT_FACTS_VIEW_H_
#define TRAJECT_REPORT_FACTS_VIEW_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "storage/report_facts.h"
#include "traject/catalogue.h"
#include "traject/plugin_host.h"
#include "traject/report_options.h"
#include "traject/store.h"

namespace traject::report {

using storage::Day;
using storage::FactMilestone;
using storage::FactParts;
using storage::FactPerson;
using storage::FactPlacement;
using storage::FactScope;
using storage::FactTrajectory;
using storage::FactTransition;
using storage::NameId;
using storage::ReportFacts;

// The store's report side; InvalidArgument for a store that was not opened with Store::Open
// (or made by AsRecorded).
Result<storage::FactSource*> SourceOf(Store& store);
// Reads `parts` as known at the end of `as_of`. InvalidArgument for a store that was not opened
// with Store::Open (or made by AsRecorded); the store's errors otherwise.
Result<ReportFacts> ReadFacts(Store& store, const FactParts& parts, Date as_of);
// InvalidArgument when `as_of` is after the store's today (what a report as of a later day
// would count is not known yet), or `store` cannot answer reports.
Status RequireKnown(Store& store, Date as_of);

inline Day ToDay(Date date) { return static_cast<Day>(ToDays(date)); }
inline Date ToDate(Day day) { return FromDays(day); }
Day PlusMonths(Day day, int months);

// --- Trajectories (REQUIRES: the history part) ---------------------------------------------
TrajectoryState StateOn(const ReportFacts& f, const FactTrajectory& t, Day day);
bool IsOpenOn(const ReportFacts& f, const FactTrajectory& t, Day day);  // started, not closed
// Open at the end of some day of [first, last]: of the window's first day, of the start, or of
// a day on which it changed state (a trajectory started and closed on one day is open on none).
bool IsOpenSomeDay(const ReportFacts& f, const FactTrajectory& t, Day first, Day last);
// The first day the trajectory entered `state`, if it did by the as-of day.
std::optional<Day> FirstEntered(const ReportFacts& f, const FactTrajectory& t,
                                TrajectoryState state);
// WIOA's exit: the first day it entered uitgestroomd or afgebroken.
std::optional<Day> ProgrammeExit(const ReportFacts& f, const FactTrajectory& t);

// --- People ----------------------------------------------------------------------------------
// On bijstand at the end of `day`: registered by then, and not off it: an exit of any of their
// trajectories takes them off from its day, a return puts them back from its day; exits and
// returns of one day count in the order recorded. REQUIRES: the people and history parts.
class BijstandSpells {
 public:
  explicit BijstandSpells(const ReportFacts& f);
  bool OnBijstand(std::int32_t person, Day day) const;
  // The days someone went off (exits while on) and came back (returns while off), in order.
  struct Change {
    Day day = 0;
    bool off = false;  // true: went off bijstand; false: came back
  };
  const std::vector<Change>& ChangesOf(std::int32_t person) const {
    return changes_[static_cast<std::size_t>(person)];
  }

 private:
  const ReportFacts& f_;
  std::vector<std::vector<Change>> changes_;
};

// The placement as the rules and plugins see it (traject::PlacementView), with the milestones of
// its trajectory (REQUIRES: the people, trajectories, milestones and placements parts).
PlacementView ViewOf(const ReportFacts& f, const FactPlacement& placement);

// A placement of the person running on `day` (REQUIRES: the placements part).
bool IsWorking(const ReportFacts& f, std::int32_t person, Day day);
// The klantmanager (or jobhunter) of the person on `day`: the assignment with from <= day <
// until; -1 when none (REQUIRES: the assignments part).
NameId CaseworkerOn(const ReportFacts& f, std::int32_t person, CaseworkerRole role, Day day);

// --- Rows ------------------------------------------------------------------------------------
// The keys a count falls under for `by`, and their labels. Programme and track labels come
// from the catalogue (the id when it does not hold the programme, or is null).
class Grouper {
 public:
  // REQUIRES: the parts `by` needs are read (people for area and group; assignments for
  // klantmanager; trajectories for programme and track; placements for employer).
  Grouper(const ReportFacts& f, ReportGrouping by, const ProgrammeCatalogue* programmes);

  // `trajectory` and `placement` may be null where the grouping does not need them.
  std::vector<std::string> KeysOf(std::int32_t person, const FactTrajectory* trajectory,
                                  const FactPlacement* placement, Day day) const;
  std::string LabelOf(const std::string& key) const;

 private:
  const ReportFacts& f_;
  ReportGrouping by_;
  const ProgrammeCatalogue* programmes_;
};

// The parts a grouping needs.
void AddPartsFor(ReportGrouping by, FactParts& parts);

// InvalidArgument unless `by` is one of `accepted`, naming them and the report.
Status RequireGrouping(ReportGrouping by, std::initializer_list<ReportGrouping> accepted,
                       const char* report);

// Rows by key, plus a total that counts each thing once however many keys it has.
template <typename Row>
class RowSet {
 public:
  // Calls add(row) on the row of each key and once on the total.
  template <typename Add>
  void Count(const std::vector<std::string>& keys, Add add) {
    for (const std::string& key : keys) add(rows_[key]);
    add(total_);
  }
  // The rows ordered by key, each with its key and the grouper's label.
  std::vector<Row> Rows(const Grouper& grouper) {
    std::vector<Row> out;
    out.reserve(rows_.size());
    for (auto& [key, row] : rows_) {
      row.key = key;
      row.label = grouper.LabelOf(key);
      out.push_back(row);
    }
    return out;
  }
  Row Total() {
    total_.key = "total";
    total_.label = "Total";
    return total_;
  }
  // The row of `key` alone (made when new), for counts whose total is kept apart.
  Row& At(const std::string& key) { return rows_[key]; }
  // Makes sure a row exists for `key` (e.g. a month with nothing in it).
  void Touch(const std::string& key) { rows_[key]; }

 private:
  std::map<std::string, Row> rows_;
  Row total_{};
};

}  // namespace traject::report

#endif  // TRAJECT_REPORT_FACTS_VIEW_H_

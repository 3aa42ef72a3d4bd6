// Outcomes counted from each trajectory's history (every recorded transition, corrections
// applied), not from its state today: someone who left bijstand in March and came back in May
// counts as an exit in March and a return in May. Exact definitions: docs/reports.md, "outcomes".
//
// For an exit on day E (a trajectory entering uitgestroomd) and a window of N months:
//   uitstroom            exits dated in the window
//   uitstroom_work       of which with exit reason work
//   naar_werk            CBS's uitstroom naar werk: of the exits seen one month on (E + 1 month
//                        on or before as_of), those where the participant has work on E + 1
//                        month (a placement running, or the exit was for work) and is off
//                        bijstand at the end of that day (their last exit or return by then,
//                        in date and recording order, is an exit)
//   duurzaam (N)         of the exits seen N months on, those without a return (terugval) in
//                        the N months after E
//   terugval             returns dated in the window
//   werkbehoud (N)       of the placements started in the window and seen N months on, those
//                        whose participant works (any placement running) on start + N months
// A row counts an exit or return under the group of its day (its month, the klantmanager then,
// the target groups then), and a placement under the group of its start.
//
// Thread safety: the function only reads; it shares the store's thread-safety rules.
#ifndef TRAJECT_OUTCOME_REPORT_H_
#define TRAJECT_OUTCOME_REPORT_H_

#include <string>
#include <vector>

#include "traject/catalogue.h"
#include "traject/export.h"
#include "traject/report_options.h"
#include "traject/status.h"
#include "traject/store.h"

namespace traject {

struct OutcomeReportOptions {
  // kProgramme (default), kTrack, kArea, kGroup, kKlantmanager or kMonth.
  ReportGrouping by = ReportGrouping::kProgramme;
  ReportPeriod period{};  // REQUIRES: as_of set
  // The two windows of duurzame uitstroom and werkbehoud, in months. REQUIRES:
  // 1 <= short_months < long_months <= 60. Defaults: 6 and 12.
  int short_months = 6;
  int long_months = 12;
};

struct OutcomeRow {
  std::string key{};
  std::string label{};
  int uitstroom = 0;
  int uitstroom_work = 0;
  Share naar_werk{};
  Share duurzaam_short{};
  Share duurzaam_long{};
  int terugval = 0;
  Share werkbehoud_short{};
  Share werkbehoud_long{};
};

struct OutcomeReport {
  OutcomeReportOptions options{};
  ResolvedPeriod window{};
  std::vector<OutcomeRow> rows{};  // ordered by key
  OutcomeRow total{};              // each exit, return and placement once
};

// `programmes` (may be null) only names the programmes and tracks of the rows.
TRAJECT_EXPORT Result<OutcomeReport> BuildOutcomeReport(Store& store,
                                                        const ProgrammeCatalogue* programmes,
                                                        const OutcomeReportOptions& options);

// In- and outflow of bijstand (docs/reports.md, "flow"). A participant is on bijstand from
// their registration; an exit takes them off it (the day of the exit is off), a return puts
// them back. Per group:
//   bestand_start / bestand_end   on bijstand at the end of the day before the window / of its
//                                 last day
//   instroom                      registrations dated in the window
//   herinstroom                   returns (terugval) in the window of someone who was off
//   uitstroom                     exits in the window of someone who was on bijstand
//   inflow_rate, outflow_rate     (instroom + herinstroom), and uitstroom, against the average
//                                 bestand (bestand_start + bestand_end) / 2, as Divosa and CBS
//                                 state in- and outflow: each Share holds 2 × the flow over
//                                 bestand_start + bestand_end, so that it stays whole
// With kMonth every month of the window is a row with its own bestand and flows; the total is
// the whole window.
struct FlowReportOptions {
  ReportGrouping by = ReportGrouping::kArea;  // kArea, kGroup, kKlantmanager or kMonth
  ReportPeriod period{};                      // REQUIRES: as_of set, and a lower bound (from)
};

struct FlowRow {
  std::string key{};
  std::string label{};
  int bestand_start = 0;
  int bestand_end = 0;
  int instroom = 0;
  int herinstroom = 0;
  int uitstroom = 0;
  Share inflow_rate{};
  Share outflow_rate{};
};

struct FlowReport {
  FlowReportOptions options{};
  ResolvedPeriod window{};
  std::vector<FlowRow> rows{};  // ordered by key
  FlowRow total{};
};

TRAJECT_EXPORT Result<FlowReport> BuildFlowReport(Store& store, const FlowReportOptions& options);

}  // namespace traject

#endif  // TRAJECT_OUTCOME_REPORT_H_

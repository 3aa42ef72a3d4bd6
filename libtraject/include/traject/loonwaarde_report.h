// Placements without a loonwaarde assessment on a date: the forfait pays for at most its first
// months (parameter lks.forfait-months, 6 by default); after that the subsidy stops until an
// assessment is made (docs/rules.md). Lists the running placements that have none, with when
// their forfait ends or ended (docs/reports.md, "loonwaarde").
//
// Thread safety: the function only reads; it shares the store's thread-safety rules.
#ifndef TRAJECT_LOONWAARDE_REPORT_H_
#define TRAJECT_LOONWAARDE_REPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "traject/date.h"
#include "traject/export.h"
#include "traject/parameters.h"
#include "traject/status.h"
#include "traject/store.h"

namespace traject {

struct LoonwaardeReportOptions {
  Date as_of{};                 // REQUIRES: set
  int ending_within_days = 42;  // "ending": forfait ends in (as_of, as_of + this]; 0..366
  std::optional<std::string> klantmanager{};  // only this klantmanager's participants
};

// Persisted in JSON output by name: do not rename.
enum class ForfaitStatus {
  kExpired,  // "expired": the forfait ended on or before as_of; no subsidy until assessed
  kEnding,   // "ending": it ends within the window
  kRunning,  // "running": it ends later
};
TRAJECT_EXPORT std::string_view ToString(ForfaitStatus status);

struct UnassessedPlacement {
  std::int64_t placement_id = 0;
  std::int64_t trajectory_id = 0;
  std::string participant_ref{};
  std::string klantmanager{};  // on as_of
  std::string programme_id{};
  std::string employer{};
  Date start{};
  Date forfait_ends{};  // first day without the forfait
  ForfaitStatus status = ForfaitStatus::kRunning;
  int days = 0;  // expired: days since the forfait ended; otherwise days until it ends
};

struct LoonwaardeReport {
  LoonwaardeReportOptions options{};
  std::vector<UnassessedPlacement> placements{};  // by forfait end, then placement id
  int running_placements = 0;                     // placements running on as_of
  int expired = 0, ending = 0, running = 0;       // the list by status
};

TRAJECT_EXPORT Result<LoonwaardeReport> BuildLoonwaardeReport(
    Store& store, const ParameterSet& parameters, const LoonwaardeReportOptions& options);

}  // namespace traject

#endif  // TRAJECT_LOONWAARDE_REPORT_H_

// A realistic synthetic Amsterdam data set for `traject demo`: people on bijstand in 22 cohort
// areas (long-term recipients registered years back, and a steady inflow from 2019), aged 18 to
// below the AOW age; the cohortaanpak invites each area's cohort from September 2019 on; area
// teams of klantmanagers with a lowered caseload (some leave, their cases move on) and district
// jobhunters; leerwerk trajectories mostly in the area's own banenplan among those loaded, with
// milestones, dropout, placements at or above the minimum wage, loonwaarde assessments, exits
// and returns to bijstand near the Divosa references, and the COVID stop at Schiphol; check-in
// conversations while on bijstand. Deterministic for a given seed, end date and number of
// check-ins. The choices: docs/cli.md, "demo", and the constants in demo_generator.cc.
#ifndef TRAJECT_CLI_DEMO_GENERATOR_H_
#define TRAJECT_CLI_DEMO_GENERATOR_H_

#include <cstdint>
#include <functional>

#include "traject/catalogue.h"
#include "traject/events.h"
#include "traject/status.h"

namespace traject::cli {

struct DemoOptions {
  int participants = 22 * 1500;
  std::uint64_t seed = 2019;
  Date until;  // REQUIRED, in 2000..2199: nothing happens after this date (normally today)
  // Check-in conversations a year with everyone spoken to while on bijstand (0: none).
  int check_ins_per_year = 4;
};

struct DemoTotals {
  std::int64_t participants = 0;
  std::int64_t trajectories = 0;
  std::int64_t placements = 0;
  std::int64_t exits = 0;
  std::int64_t returns = 0;
  std::int64_t check_ins = 0;
  std::int64_t commands = 0;
};

// InvalidArgument naming the option when `options` is out of range (participants 1..1000000,
// check-ins 0..52, an end date in 2000..2199).
Status CheckDemoOptions(const DemoOptions& options);

// Generates the commands participant by participant, in date order within each, and hands each
// to `record` (stopping at its first error). Needs at least one programme in the catalogue;
// checks `options` first (CheckDemoOptions).
Result<DemoTotals> GenerateDemo(const ProgrammeCatalogue& catalogue, const DemoOptions& options,
                                const std::function<Status(const Command&)>& record);

}  // namespace traject::cli

#endif  // TRAJECT_CLI_DEMO_GENERATOR_H_

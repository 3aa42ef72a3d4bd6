#!/usr/bin/env bash
# A small database of boundary cases of docs/reports.md, recorded through the CLI, for the
# hand-written queries as an oracle: `bench/reports.sh DB 2025-06-30` on it compares every report
# with its query at the bench's windows (outcomes 2024, flow from 2025-01-01, WIOA 2023).
#
#   bench/hand/edge-cases.sh DB    (DB must not exist; TRAJECT: the binary, default build/bin/traject)
#
# Each participant has an area of their own (their ref), so a by-area difference names the case.
# traject and the queries read every case alike; each comment says how docs/reports.md reads it.
set -euo pipefail
cd "$(dirname "$0")/../.."
db=$1
traject=${TRAJECT:-build/bin/traject}
[[ -e $db ]] && { echo "edge-cases.sh: $db exists" >&2; exit 2; }
t() { "$traject" --db "$db" "$@"; }
t init --org amsterdam >/dev/null
TR=
PL=
add() { t participant add --ref "$1" --area "${3-$1}" --birth 1980-01-01 --registered "$2" >/dev/null; }
start() {  # REF DATE [PROGRAMME TRACK]: sets TR
  TR=$(t trajectory start --ref "$1" --programme "${3:-haven-westpoort}" --track "${4:-havenlogistiek}" \
    --date "$2" | sed -n 's/^Trajectory \([0-9]*\) started.*/\1/p')
}
ms() { t milestone record "$1" "$2" --date "$3" >/dev/null; }
place() {  # TRAJECTORY START [WAGE] [HOURS] [EMPLOYER]: sets PL
  PL=$(t placement record "$1" --employer "${5:-Vopak}" --hours "${4:-32}" --wage "${3:-2400.00}" \
    --start "$2" | sed -n 's/^Placement \([0-9]*\) recorded.*/\1/p')
}
# placed REF START PLACEMENT_START [WAGE]: a havenlogistiek trajectory, intake and VCA on its start
placed() { start "$1" "$2"; ms "$TR" intake "$2"; ms "$TR" vca-basis "$2"; place "$TR" "$3" "${4:-2400.00}"; }
# The as-of date of the cases: A = 2025-06-30.

# Same-day events in recording order (flow, cohort, caseload). two_on_one_day REF FIRST: T1
# exits for work in 2023 and T2 starts; on 2025-02-10 T2 exits and T1 returns, FIRST (exit or
# return) recorded first. The day's last event decides the day's end: exit first, then the
# return: on bijstand; return first, then the exit: off, one uitstroom.
two_on_one_day() {
  add "$1" 2023-01-02
  placed "$1" 2023-02-01 2023-03-01
  local t1=$TR t2
  t exit "$t1" --reason work --date 2023-04-01 >/dev/null
  start "$1" 2023-05-01
  t2=$TR
  ms "$t2" intake 2023-05-05
  if [[ $2 == exit ]]; then
    t exit "$t2" --reason other --date 2025-02-10 >/dev/null
    t return "$t1" --date 2025-02-10 >/dev/null
  else
    t return "$t1" --date 2025-02-10 >/dev/null
    t exit "$t2" --reason other --date 2025-02-10 >/dev/null
  fi
}
two_on_one_day E1 exit
two_on_one_day E1b return
# The mirror: T1 (the lower id) exits and T2 returns on 2025-02-10, the return recorded first:
# off bijstand, whatever the trajectories' order.
add E1c 2023-01-02
start E1c 2023-01-10 zuidoostwerkt calibris-zorg
t1=$TR
ms "$t1" intake 2023-01-10
placed E1c 2023-02-01 2023-03-01
t2=$TR
t exit "$t2" --reason work --date 2023-04-01 >/dev/null
t return "$t2" --date 2025-02-10 >/dev/null
t exit "$t1" --reason other --date 2025-02-10 >/dev/null

# Exit and return of one trajectory on one day (2024-03-01), the return recorded last: on
# bijstand at the day's end and on E + 1 month, so not naar werk; no return in (E, E + S], so
# duurzaam.
add E2 2023-06-01
placed E2 2024-01-02 2024-01-15
t exit "$TR" --reason work --date 2024-03-01 >/dev/null
t return "$TR" --date 2024-03-01 >/dev/null

# Naar werk reads the participant's bijstand state on E + 1 month: T1 exits for work on
# 2024-02-10; T2 exits on 2024-02-12 (E3 is already off) and returns on 2024-02-20: E3 is on
# bijstand on 2024-03-10, so T1's exit is not naar werk.
add E3 2023-06-01
start E3 2023-07-01 zuidoostwerkt calibris-zorg
t2=$TR
ms "$t2" intake 2023-07-05
placed E3 2023-08-01 2023-09-01
t1=$TR
t exit "$t1" --reason work --date 2024-02-10 >/dev/null
t exit "$t2" --reason other --date 2024-02-12 >/dev/null
t return "$t2" --date 2024-02-20 >/dev/null

# Months clamped: exit on 2024-01-31 (other), the job ends on 2024-02-29 = E + 1 month.
add E4 2023-06-01
placed E4 2023-07-03 2023-10-02
t exit "$TR" --reason other --date 2024-01-31 >/dev/null
t placement end "$PL" --date 2024-02-29 >/dev/null
# A placement from 2024-08-31 ending on 2025-02-28 = start + 6 months.
add E5 2023-06-01
placed E5 2024-08-01 2024-08-31
t placement end "$PL" --date 2025-02-28 >/dev/null

# Caseload on A: unassigned on A (none that day), assigned on A, never assigned (the "(none)"
# row), replaced on A, assigned after A (none on A) with a jobhunter.
add E6a 2024-01-01
t participant assign E6a --name "K. Edge" --date 2024-01-01 >/dev/null
t participant unassign E6a --reason test --date 2025-06-30 >/dev/null
add E6b 2024-01-01
t participant assign E6b --name "K. Edge" --date 2025-06-30 >/dev/null
add E6c 2024-01-01
add E6d 2024-01-01
t participant assign E6d --name "K. Edge" --date 2024-01-01 >/dev/null
t participant assign E6d --name "L. Edge" --date 2025-06-30 >/dev/null
add E6e 2024-01-01
t participant assign E6e --name "L. Edge" --date 2025-07-01 >/dev/null
t participant assign E6e --role jobhunter --name "J. Edge" --date 2025-01-01 >/dev/null

# Milestone deadlines around A (intake: 30 days after the start).
add E7a 2024-01-01
start E7a 2025-05-29  # 2025-06-28: overdue
add E7b 2024-01-01
start E7b 2025-05-31  # 2025-06-30 = A: due
add E7c 2024-01-01
start E7c 2025-06-28  # 2025-07-28 = A + 28: due
add E7d 2024-01-01
start E7d 2025-06-29  # 2025-07-29: not due
add E7e 2024-01-01
start E7e 2025-05-01
ms "$TR" intake 2025-07-01  # reached after A: overdue on A, and VCA's anchor not known

# Loonwaarde on A: forfait ending on A (expired, 0 days), on A + 42 (ending), A + 43
# (running); a placement ending on A (running that day); assessed on A; assessed after A; from
# a 31st (forfait to the 28th); an assessment withdrawn; a start corrected.
add E8a 2024-01-01
placed E8a 2024-12-02 2024-12-31
add E8b 2024-01-01
placed E8b 2024-12-02 2025-02-11
add E8c 2024-01-01
placed E8c 2024-12-02 2025-02-12
add E8d 2024-01-01
placed E8d 2024-12-02 2025-01-15
t placement end "$PL" --date 2025-06-30 >/dev/null
add E8e 2024-01-01
placed E8e 2024-12-02 2025-01-16
t loonwaarde set "$PL" --percent 50 --date 2025-06-30 >/dev/null
add E8f 2024-01-01
placed E8f 2024-12-02 2025-01-17
t loonwaarde set "$PL" --percent 50 --date 2025-07-01 >/dev/null
add E8g 2024-01-01
placed E8g 2024-06-02 2024-08-31
add E8h 2024-01-01
placed E8h 2024-12-02 2025-01-18
t loonwaarde set "$PL" --percent 50 --date 2025-02-01 >/dev/null
t loonwaarde withdraw "$PL" --assessed 2025-02-01 --reason test --date 2025-03-01 >/dev/null
add E8i 2024-01-01
placed E8i 2024-12-02 2025-01-19
t placement correct "$PL" --start 2025-01-31 --reason test --date 2025-02-01 >/dev/null

# Cohort's recent picture on A: (2024-06-30, 2025-06-30]; contacts after A; registered after A.
add E9a 2023-01-01
t participant contact E9a --kind conversation --date 2024-06-30 >/dev/null
add E9b 2023-01-01
t participant contact E9b --kind conversation --date 2024-07-01 >/dev/null
add E9c 2023-01-01
t participant contact E9c --kind home-visit --date 2025-06-30 >/dev/null
add E9d 2023-01-01
t participant contact E9d --kind conversation --date 2025-07-01 >/dev/null
add E9e 2023-01-01
t participant contact E9e --kind invited --date 2025-07-01 >/dev/null
add E9f 2025-07-01

# WIOA, window 2023: exits on a quarter's last and first months; a trajectory closed on the
# window's first day and one opened and closed on its last day (skill gains: in training when
# open on some day of the window, so both count); a credential reached exactly a year after an
# exit, in a later trajectory.
add E10a 2022-01-01
placed E10a 2022-06-01 2022-07-01 1000.01
t exit "$TR" --reason work --date 2023-01-31 >/dev/null
add E10b 2022-01-01
placed E10b 2022-06-01 2022-07-01 1000.02
t exit "$TR" --reason work --date 2023-12-31 >/dev/null
add E10c 2022-01-01
start E10c 2023-01-01 zuidoostwerkt calibris-zorg
ms "$TR" intake 2023-01-01
t trajectory advance "$TR" --to afgebroken --date 2023-01-01 >/dev/null
add E10d 2022-01-01
placed E10d 2023-12-31 2023-12-31
t exit "$TR" --reason work --date 2023-12-31 >/dev/null
add E10e 2022-01-01
start E10e 2022-03-01 zuidoostwerkt calibris-zorg
ms "$TR" intake 2022-03-01
ms "$TR" start-wijkleerbedrijf 2022-03-02
ms "$TR" praktijkbeoordeling 2022-06-01
t trajectory advance "$TR" --to afgebroken --date 2023-02-28 >/dev/null
start E10e 2023-03-01 zuidoostwerkt calibris-zorg
ms "$TR" intake 2023-03-01
ms "$TR" start-wijkleerbedrijf 2023-03-02
ms "$TR" praktijkbeoordeling 2023-06-01
ms "$TR" praktijkverklaring 2024-02-28

# Flow from 2025-01-01: registered on the first day; exit on the day before; no area.
add E11a 2025-01-01
add E11b 2024-12-31
placed E11b 2024-12-31 2024-12-31
t exit "$TR" --reason work --date 2024-12-31 >/dev/null
add E11c 2024-06-01 ""

# Corrections: a milestone moved earlier, one retracted, an end removed, an end corrected after
# A (applied: as of A it ended the day before), an area changed after A (applies to every date).
add E13a 2024-01-01
start E13a 2025-05-01
ms "$TR" intake 2025-05-20
t milestone correct "$TR" intake --reached 2025-05-02 --reason test --date 2025-05-25 >/dev/null
add E13b 2024-01-01
start E13b 2025-05-01
ms "$TR" intake 2025-05-20
t milestone retract "$TR" intake --reason test --date 2025-05-25 >/dev/null
add E13c 2024-01-01
placed E13c 2025-01-02 2025-01-06
t placement end "$PL" --date 2025-03-31 >/dev/null
t placement correct "$PL" --reopen --reason test --date 2025-04-02 >/dev/null
add E13d 2024-01-01
placed E13d 2025-01-02 2025-01-06
t placement correct "$PL" --end 2025-06-29 --reason test --date 2025-07-01 >/dev/null
add E13e 2024-01-01
t participant assign E13e --name "K. Edge" --date 2024-01-01 >/dev/null
t participant change E13e --area E13x --reason test --date 2025-07-01 >/dev/null

# Loonkostensubsidie (subsidy and placements; each case its own employer, so that a by-employer
# difference names it): the schedule's cuts and bases of docs/rules.md, paid over the whole
# history and committed from A + 1 to 2026-06-30.
# L1: an assessment mid-month (40 % from 2024-05-15: the month is two segments).
lks() {  # REF START HOURS EMPLOYER: a havenlogistiek placement from START, VCA that day
  add "$1" 2023-01-02
  start "$1" "$2"; ms "$TR" intake "$2"; ms "$TR" vca-basis "$2"
  place "$TR" "$2" 2400.00 "$3" "$4"
}
lks L1 2024-03-10 32 "LKS mid-month assessment"
t loonwaarde set "$PL" --percent 40 --date 2024-05-15 >/dev/null
# L2: the forfait runs out on 2025-04-15 without an assessment: overdue from then (blocked).
lks L2 2024-10-15 36 "LKS forfait runs out"
# L3: loonwaarde 100 % from the start: nothing paid (blocked: loonwaarde-100).
lks L3 2025-01-01 36 "LKS loonwaarde 100"
t loonwaarde set "$PL" --percent 100 --date 2025-01-01 >/dev/null
# L4: across 1 January 2024 (lks-2015, then lks-2024 with the parameters re-set), 60 % from
# the start, ending mid-month.
lks L4 2023-11-20 38 "LKS across 2024"
t loonwaarde set "$PL" --percent 60 --date 2023-11-20 >/dev/null
t placement end "$PL" --date 2024-02-10 >/dev/null
# L5: from a 31st: the forfait ends 2025-02-28; assessed (30 %, the cap binds) on 2025-03-05,
# overdue in between.
lks L5 2024-08-31 24 "LKS from a 31st"
t loonwaarde set "$PL" --percent 30 --date 2025-03-05 >/dev/null
# L6: hours above the cap (45 h counts as 40 from 2024; before, N = 38 caps them at 38).
lks L6 2023-03-01 45 "LKS above the hours cap"
t loonwaarde set "$PL" --percent 50 --date 2023-06-01 >/dev/null
# L7: two assessments in one month with the same loonwaarde (one segment: nothing changes).
lks L7 2025-02-03 20 "LKS same loonwaarde twice"
t loonwaarde set "$PL" --percent 45 --date 2025-03-10 >/dev/null
t loonwaarde set "$PL" --percent 45 --date 2025-03-20 >/dev/null
# L8: a Schiphol contract under 12 hours a week: excluded (blocked, ineligible).
add L8 2023-01-02
start L8 2025-01-06 schiphol bagage-logistiek
ms "$TR" intake 2025-01-06; ms "$TR" vog 2025-01-07; ms "$TR" schipholpas 2025-01-08
place "$TR" 2025-01-10 1400.00 10 "LKS Schiphol 10 hours"

# Facts after A, not known on A.
add E12 2024-01-01
placed E12 2025-07-01 2025-07-02
echo "edge cases in $db (as of 2025-06-30)"

#!/usr/bin/env bash
# The outcome reports (docs/reports.md) against hand-written SQL queries of the same figures:
# each `traject --db DB --as-of AS_OF report ... --csv` and its query in bench/hand/ run with the
# sqlite3 CLI, both timed including their process's start (the report's: opening the store and
# loading the plugins; the query's: opening the file and creating the plugins' milestone table),
# best of RUNS runs each, the two interleaved. The queries are also an independent oracle of the
# definitions: the figures of the two are compared (bench/hand/compare.py, after dropping
# traject's name label, *_pct and total columns and rows).
#
#   bench/reports.sh DB [AS_OF]
#
#   DB      an existing SQLite traject database, e.g. /work/bench-data/national.db, made with
#           `traject --as-of 2026-11-24 demo --participants 400000` (about 10M events)
#   AS_OF   the as-of date of every report (default 2026-11-24, the demo's end date)
#
# Environment: TRAJECT, the traject binary (default build/bin/traject; bench/run.sh passes its
# Release build); RUNS, runs of each side (default 3); ORG, the organisation (default the
# database's only one); ONLY, the names of the reports to run, space-separated (default all).
#
# stdout: one markdown row per report, `| report X | traject s | hand s | ratio | figures equal |`
# (ratio: traject / hand; figures equal: yes, with the rows compared, or no); the header and,
# for a report whose figures differ, its first differing rows go to stderr. Exits 0 when every
# report and query ran, whether or not their figures agree (the table says).
# The subsidy and placements queries compute the loonkostensubsidie themselves, month by month
# from the rules and the built-in parameters (bench/hand/lks_schedule.sql, which they include
# with `-- @include`), with the bundled plugins' eligibility rules: an oracle of the amounts.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: bench/reports.sh DB [AS_OF]" >&2
  exit 2
fi
db=$(realpath "$1")
as_of=${2:-2026-11-24}
runs=${RUNS:-3}
traject=${TRAJECT:-$root/build/bin/traject}
hand=$root/bench/hand
[[ -f $db ]] || { echo "bench/reports.sh: no database $db" >&2; exit 2; }
[[ -x $traject ]] || { echo "bench/reports.sh: no traject binary $traject (set TRAJECT)" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "bench/reports.sh: needs the sqlite3 CLI" >&2; exit 2; }
org=${ORG:-$(sqlite3 -readonly "$db" "SELECT id FROM organisations")}
if [[ $(wc -l <<<"$org") != 1 ]]; then
  echo "bench/reports.sh: the database holds several organisations: set ORG" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/traject-reports.XXXXXX")
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
secs() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.3f", e - s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3g", a / b }'; }
least() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a < b) ? a : b }'; }
day() { echo $(($(date -u -d "$1" +%s) / 86400)); }  # days since 1970-01-01

# The plugins' milestones as a TEMP table (programme, track, milestone, deadline days, anchor
# ('' = the trajectory's start), outcome), from `traject plugins list --json`, once.
"$traject" plugins list --json >"$work/plugins.json"
python3 - "$work/plugins.json" >"$work/plugins.sql" <<'EOF'
import json, sys
q = lambda s: "'" + str(s).replace("'", "''") + "'"
rows = []
for p in json.load(open(sys.argv[1]))["programmes"]:
    for t in p["tracks"]:
        for m in t["milestones"]:
            deadline = m.get("deadline") or {}
            days = deadline.get("days")
            anchor = deadline.get("after") or ""
            rows.append("(%s, %s, %s, %s, %s, %s)" % (
                q(p["programme"]), q(t["id"]), q(m["id"]),
                "NULL" if days is None else int(days), q("" if anchor == "start" else anchor),
                q(m.get("outcome") or "none")))
print("CREATE TEMP TABLE plugin_milestones (programme TEXT NOT NULL, track TEXT NOT NULL,\n"
      "  milestone TEXT NOT NULL, days INTEGER, anchor TEXT NOT NULL, outcome TEXT NOT NULL,\n"
      "  PRIMARY KEY (programme, track, milestone));")
if rows:
    print("INSERT INTO plugin_milestones VALUES\n  " + ",\n  ".join(rows) + ";")
EOF

# hand_sql NAME FROM TO: the plugin table and bench/hand/NAME.sql with its parameters put in
# (days since 1970-01-01; :ORG as an SQL string literal).
hand_sql() {
  cat "$work/plugins.sql"
  python3 - "$hand/$1.sql" "$(day "$as_of")" "$2" "$3" "$org" <<'EOF'
import os, re, sys
path, as_of, first, last, org = sys.argv[1:]
values = {"AS_OF": as_of, "FROM": first, "TO": last, "ORG": "'" + org.replace("'", "''") + "'"}
text = open(path).read()
# `-- @include FILE` lines are replaced by bench/hand/FILE (the shared LKS schedule).
text = re.sub(r"^-- @include (\S+)$",
              lambda m: open(os.path.join(os.path.dirname(path), m.group(1))).read(), text,
              flags=re.M)
print(re.sub(r":(AS_OF|FROM|TO|ORG)\b", lambda m: values[m.group(1)], text))
EOF
}

# The reports: NAME | traject's arguments after `report` | --from | --to | key columns | columns
# only the hand query has. An empty --from is no lower bound (1900-01-01, the earliest date
# traject accepts), an empty --to the as-of date; a --to after it is cut to it, as traject does.
reports=(
  "caseload|caseload|||role,name|"
  "milestones|milestones --by programme|||programme|"
  "loonwaarde|loonwaarde|||placement|"
  "outcomes|outcomes --from 2024-01-01 --to 2024-12-31|2024-01-01|2024-12-31|programme|"
  "flow|flow --from 2025-01-01|2025-01-01||area|"
  "cohort|cohort|||area|"
  "wioa|wioa --from 2023-01-01 --to 2023-12-31|2023-01-01|2023-12-31|programme|"
  "subsidy|subsidy --by employer|||employer|months"
  "placements|placements|||programme|"
)

echo "== reports as of $as_of on $db ($org), best of $runs, against bench/hand/*.sql" >&2
echo "| report | traject (s) | hand SQL (s) | ratio | figures equal |" >&2
echo "|---|---|---|---|---|" >&2
for spec in "${reports[@]}"; do
  IFS='|' read -r name args from to key extra <<<"$spec"
  [[ -z ${ONLY:-} || " $ONLY " == *" $name "* ]] || continue
  first=$(day "${from:-1900-01-01}")
  last=$(day "${to:-$as_of}")
  ((last > $(day "$as_of"))) && last=$(day "$as_of")
  label="report $args"
  if ((last < first)); then
    printf '| %s | - | - | - | skipped: the window starts after %s |\n' "$label" "$as_of"
    continue
  fi
  hand_sql "$name" "$first" "$last" >"$work/$name.sql"
  best_t="" best_h=""
  for ((i = 1; i <= runs; i++)); do
    # traject: the report as CSV, one process (word splitting of $args is intended)
    start=$(now)
    # shellcheck disable=SC2086
    if ! "$traject" --db "$db" --org "$org" --as-of "$as_of" report $args --csv \
        >"$work/$name.traject.csv" 2>"$work/$name.traject.err"; then
      cat "$work/$name.traject.err" >&2
      exit 1
    fi
    end=$(now)
    best_t=$(least "$(secs "$start" "$end")" "$best_t")
    # hand: the query, one sqlite3 process (read-only; its temp tables live in memory or $TMPDIR)
    start=$(now)
    sqlite3 -readonly -bail -csv -header "$db" <"$work/$name.sql" >"$work/$name.hand.csv" ||
      { echo "bench/reports.sh: bench/hand/$name.sql failed" >&2; exit 1; }
    end=$(now)
    best_h=$(least "$(secs "$start" "$end")" "$best_h")
  done
  if python3 "$hand/compare.py" "$work/$name.traject.csv" "$work/$name.hand.csv" "$key" "$extra" \
      >"$work/$name.compare"; then
    equal="yes: $(cat "$work/$name.compare")"
  else
    equal="no: $(head -1 "$work/$name.compare")"
    sed "s/^/  $name: /" "$work/$name.compare" >&2
  fi
  printf '| %s | %s | %s | %s | %s |\n' "$label" "$best_t" "$best_h" \
    "$(ratio "$best_t" "$best_h")" "$equal"
done

#!/usr/bin/env bash
# Every measurement in docs/performance.md, reproduced: builds a Release tree (build-bench), makes
# the demo data set, and measures each figure against its baseline in the same run (the machines
# this runs on are shared and noisy: ratios, not absolute times, are the results).
#
#   bench/run.sh [--participants N] [--skip-postgres] [--postgres-sets 1m|all] [--out FILE]
#
#   --participants N      size of the national data set (default 400000: about 10M events)
#   --skip-postgres       SQLite only (no PostgreSQL server is started)
#   --postgres-sets 1m    import only the first million events into PostgreSQL (default all:
#                         the million and the whole set, which alone takes about 40 minutes)
#   --out FILE            also write the results table to FILE (markdown)
#
# "Events" are the log's events, registrations included (each is a participant.registered).
# Needs about 15 GB of free disk in $TMPDIR at the default size; takes about 30 minutes on two
# cores with --postgres-sets 1m, 70 without. --participants 20000 gives the table in minutes.
# Progress and each row go to stderr as they are measured; the table to stdout at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

participants=400000
postgres=1
postgres_sets=all
out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --participants) participants=$2; shift 2 ;;
    --skip-postgres) postgres=0; shift ;;
    --postgres-sets) postgres_sets=$2; shift 2 ;;
    --out) out=$(realpath -m "$2"); shift 2 ;;
    *) echo "usage: bench/run.sh [--participants N] [--skip-postgres] [--postgres-sets 1m|all] [--out FILE]" >&2; exit 2 ;;
  esac
done

bash scripts/install-deps.sh $([[ $postgres == 1 ]] && echo --with-tests)
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DTRAJECT_BUILD_TESTS=OFF \
  -DTRAJECT_BUILD_BENCHMARKS=ON >/dev/null
cmake --build build-bench -j"$(nproc)" >/dev/null
traject=$root/build-bench/bin/traject

work=$(mktemp -d "${TMPDIR:-/tmp}/traject-bench.XXXXXX")
pg_dir=$work/postgres
cleanup() {
  [[ $postgres == 1 ]] && bash scripts/pg-test-server.sh stop "$pg_dir" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

results=$work/results.md
echo "| measurement | traject | baseline | ratio | target |" >"$results"
echo "|---|---|---|---|---|" >>"$results"
# row NAME TRAJECT BASELINE RATIO TARGET
row() { printf '| %s | %s | %s | %s | %s |\n' "$@" | tee -a "$results" >&2; }
now() { date +%s.%N; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3g", a / b }'; }
secs() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.3f", e - s }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }
# timed FILE_PREFIX COMMAND...: runs it, leaves seconds in PREFIX.s and peak RSS (KiB) in PREFIX.rss
timed() {
  local prefix=$1
  shift
  local start end
  start=$(now)
  /usr/bin/time -f "%M" -o "$prefix.rss" "$@" >"$prefix.out" 2>"$prefix.err" ||
    { cat "$prefix.err" >&2; return 1; }
  end=$(now)
  secs "$start" "$end" >"$prefix.s"
}

echo "== Google Benchmark: single commands, plugin calls" >&2
"$root/build-bench/bin/traject_bench" --benchmark_filter='Single|Raw' \
  --benchmark_repetitions=5 --benchmark_format=csv 2>/dev/null >"$work/gbench.csv"
# The two sides of the plugin call interleaved at random, 20 times each: back to back, a
# sub-microsecond benchmark drifts more than the difference it looks for.
"$root/build-bench/bin/traject_bench" --benchmark_filter='Plugin' --benchmark_repetitions=20 \
  --benchmark_enable_random_interleaving=true --benchmark_format=csv 2>/dev/null \
  | grep -v '^name' >>"$work/gbench.csv"
# The statistic (median, or min for the plugin calls) of benchmark NAME: items/s or ns.
stat() { awk -F, -v name="\"$1_$2\"" '$1 == name { print ($3 ~ /./ ? $0 : "") }' "$work/gbench.csv"; }
items() { stat "$1" "$2" | awk -F, '{ print $7 }'; }  # items_per_second
cpu_ns() { stat "$1" "$2" | awk -F, '{ print $4 }'; }
# (Real-time benchmarks carry "/real_time" in their names.)
raw=$(items BM_RawSingleRowTransactions/real_time median)
for size in 0 400000; do
  cmds=$(items "BM_SingleCommands/$size/real_time" median)
  row "single commands, each its own transaction, in a database of $size participants (commands/s)" \
    "$(printf '%.0f' "$cmds")" "$(printf '%.0f' "$raw") raw single-row transactions/s" \
    "$(ratio "$cmds" "$raw")" "flat from 0 to 400,000"
done
in_process=$(cpu_ns BM_PluginRuleInProcess min)
loaded=$(cpu_ns BM_PluginRuleLoaded min)
row "a plugin's rules (eligibility + premiums) through the loaded plugin (ns per call, min of 20 interleaved)" \
  "$(printf '%.0f' "$loaded")" "$(printf '%.0f' "$in_process") in-process" \
  "$(ratio "$loaded" "$in_process")" "≤ 1.05"

# The small demo: 5,000 participants, or a quarter of a small national set.
small_size=5000
((participants < 4 * small_size)) && small_size=$(((participants + 3) / 4))
echo "== demo: $small_size and $participants participants" >&2
for size in small:$small_size large:$participants; do
  name=demo-${size%%:*}
  timed "$work/$name" "$traject" --db "$work/$name.db" demo --participants "${size##*:}"
  grep -o '([0-9]* commands)' "$work/$name.out" | tr -dc 0-9 >"$work/$name.commands"
done
rate() { awk -v c="$(cat "$work/$1.commands")" -v s="$(cat "$work/$1.s")" 'BEGIN { print c / s }'; }
small=$(rate demo-small)
large=$(rate demo-large)
row "demo of $participants participants, one batch ($(cat "$work/demo-large.commands") commands, with its report): commands/s, peak RSS $(mib "$(cat "$work/demo-large.rss")")" \
  "$(printf '%.0f' "$large")" "$(printf '%.0f' "$small") at $small_size participants" \
  "$(ratio "$large" "$small")" "flat (≈ 1)"
db=$work/demo-large.db

echo "== reports at $participants participants against hand-written SQL" >&2
hand_placements="SELECT t.programme, COUNT(*), SUM(p.end_date IS NULL), SUM(p.end_date IS NOT NULL),
  AVG(p.wage_cents) FROM placements p JOIN trajectories t ON t.org = p.org AND t.id = p.trajectory
  JOIN participants q ON q.org = t.org AND q.ref = t.ref WHERE p.org = 'amsterdam'
  GROUP BY t.programme;"
timed "$work/report" "$traject" --db "$db" report placements
timed "$work/hand" sqlite3 "$db" "$hand_placements"
row "report placements (exact LKS schedule of every placement), peak RSS $(mib "$(cat "$work/report.rss")") (s)" \
  "$(cat "$work/report.s")" "$(cat "$work/hand.s") hand SQL of its counts and wages" \
  "$(ratio "$(cat "$work/report.s")" "$(cat "$work/hand.s")")" "≤ 2"
hand_commitments="SELECT p.employer, COUNT(*) FROM placements p WHERE p.org = 'amsterdam'
  AND p.end_date IS NULL GROUP BY p.employer;"
timed "$work/commit" "$traject" --db "$db" subsidy commitments --months 12
timed "$work/hand2" sqlite3 "$db" "$hand_commitments"
row "subsidy commitments, 12 months (s)" "$(cat "$work/commit.s")" \
  "$(cat "$work/hand2.s") hand SQL of the running placements per employer" \
  "$(ratio "$(cat "$work/commit.s")" "$(cat "$work/hand2.s")")" "≤ 2"

echo "== every outcome report against a hand-written SQL query of its figures (bench/reports.sh)" >&2
# A table of its own, after the main one: its last column says whether the figures agree.
reports_table=$work/reports.md
{
  echo
  echo "| report at $participants participants | traject (s) | hand SQL (s) | ratio (target ≤ 2) | figures equal |"
  echo "|---|---|---|---|---|"
} >"$reports_table"
TRAJECT=$traject bash bench/reports.sh "$db" "$(date +%F)" | tee -a "$reports_table" >&2

echo "== import into SQLite$([[ $postgres == 1 ]] && echo " and PostgreSQL")" >&2
"$traject" --db "$db" export --csv "$work/export" >/dev/null
rm -f "$work"/demo-*.db*  # disk: the import copies come next
registrations=$(($(wc -l <"$work/export/participants.csv") - 1))
all_events=$(($(wc -l <"$work/export/events.csv") - 1))
sets=()
if ((registrations + all_events > 1000000)); then
  # The first million events: every registration and the log's first events after them (a
  # prefix of the log is a consistent history).
  mkdir -p "$work/1m"
  cp "$work/export/participants.csv" "$work/1m/"
  head -n $((1000000 - registrations + 1)) "$work/export/events.csv" >"$work/1m/events.csv"
  sets+=("1m:1000000")
fi
sets+=("export:$((registrations + all_events))")

# The baseline's plain tables: one TEXT column per CSV column (quoted: "end" is a keyword).
plain_table() {  # NAME CSV
  local columns
  columns=$(head -1 "$2" | tr -d '\r' | sed 's/,/" TEXT, "/g')
  echo "CREATE TABLE $1 (\"$columns\" TEXT);"
}
for set in "${sets[@]}"; do
  dir=$work/${set%%:*}
  events=${set##*:}
  "$traject" --db "$work/import.db" init --org amsterdam >/dev/null
  timed "$work/import" "$traject" --db "$work/import.db" import "$dir"
  {
    plain_table participants "$dir/participants.csv"
    plain_table events "$dir/events.csv"
  } | sqlite3 "$work/raw.db"
  timed "$work/raw" sqlite3 "$work/raw.db" ".import --csv --skip 1 $dir/participants.csv participants" \
    ".import --csv --skip 1 $dir/events.csv events"
  row "SQLite import of $events events (all validated, one transaction), peak RSS $(mib "$(cat "$work/import.rss")") (s)" \
    "$(cat "$work/import.s")" "$(cat "$work/raw.s") sqlite3 .import of the same files" \
    "$(ratio "$(cat "$work/raw.s")" "$(cat "$work/import.s")") × its speed" \
    "≥ 0.5 × its speed; RSS ≤ 100 MiB"
  rm -f "$work"/import.db* "$work"/raw.db*
done

if [[ $postgres == 1 ]]; then
  url=$(bash scripts/pg-test-server.sh start "$pg_dir" 55433 | tail -1)
  base=${url%/*}
  n=0
  for set in "${sets[@]}"; do
    dir=$work/${set%%:*}
    events=${set##*:}
    [[ $postgres_sets == 1m && ${#sets[@]} -gt 1 && ${set%%:*} != 1m ]] && continue
    n=$((n + 1))
    psql -q "$url" -c "CREATE DATABASE bench_import_$n" -c "CREATE DATABASE bench_raw_$n" >/dev/null
    "$traject" --db "$base/bench_import_$n" init --org amsterdam >/dev/null
    timed "$work/pg-import" "$traject" --db "$base/bench_import_$n" import "$dir"
    {
      plain_table participants "$dir/participants.csv"
      plain_table events "$dir/events.csv"
    } | psql -q "$base/bench_raw_$n" >/dev/null
    timed "$work/pg-raw" psql -q "$base/bench_raw_$n" \
      -c "\\copy participants FROM '$dir/participants.csv' WITH (FORMAT csv, HEADER true)" \
      -c "\\copy events FROM '$dir/events.csv' WITH (FORMAT csv, HEADER true)"
    row "PostgreSQL import of $events events, peak RSS $(mib "$(cat "$work/pg-import.rss")") (s)" \
      "$(cat "$work/pg-import.s")" "$(cat "$work/pg-raw.s") raw COPY of the same files" \
      "$(ratio "$(cat "$work/pg-raw.s")" "$(cat "$work/pg-import.s")") × its speed" \
      "≥ 0.5 × its speed; RSS ≤ 100 MiB"
    psql -q "$url" -c "DROP DATABASE bench_import_$n" -c "DROP DATABASE bench_raw_$n" >/dev/null
  done
fi

echo
echo "Results ($(date -u +%Y-%m-%d), $(nproc) cores, $participants participants):"
cat "$reports_table" >>"$results"
cat "$results"
[[ -n $out ]] && cp "$results" "$out"
exit 0

#!/usr/bin/env bash
# Import benchmark: generates a participants CSV of N rows, imports it into a fresh database and
# prints the rate and the peak resident memory. Run it for two sizes to see that memory stays
# flat while the file grows (the import streams; only the database grows).
# Usage: bench/import_memory.sh build/bin/traject [ROWS=1000000]
set -euo pipefail
traject=$(realpath "$1")
rows=${2:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
{
  echo "ref,registered,birth,area,cohort,groups,bsn_verified"
  awk -v n="$rows" 'BEGIN { for (i = 1; i <= n; i++) printf "P%08d,2024-01-02,1990-05-06,Osdorp,2019-12 Osdorp,,no\n", i }'
} > "$work/participants.csv"
"$traject" --db "$work/bench.db" init --org bench >/dev/null
start=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$work/rss" "$traject" --db "$work/bench.db" import "$work/participants.csv" >/dev/null
end=$(date +%s.%N)
awk -v rows="$rows" -v s="$start" -v e="$end" -v rss="$(cat "$work/rss")" \
  'BEGIN { printf "rows %d  seconds %.1f  rows/s %.0f  peak RSS %.1f MiB\n", rows, e - s, rows / (e - s), rss / 1024 }'

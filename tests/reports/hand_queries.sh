#!/usr/bin/env bash
# Every outcome report against its hand-written SQL query (bench/hand/, docs/performance.md) on
# the boundary cases of bench/hand/edge-cases.sh, as of their date: the queries are an oracle of
# docs/reports.md written apart from traject's code (the loonkostensubsidie included:
# bench/hand/lks_schedule.sql), and bench/reports.sh compares their figures with traject's.
#
#   tests/reports/hand_queries.sh TRAJECT SOURCE_DIR
#
# Fails when a report does not run, or a figure of one differs from its query's.
set -euo pipefail
traject=$1
root=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/traject-hand.XXXXXX")
trap 'rm -rf "$work"' EXIT
TRAJECT=$traject bash "$root/bench/hand/edge-cases.sh" "$work/edge.db" >/dev/null
TRAJECT=$traject RUNS=1 bash "$root/bench/reports.sh" "$work/edge.db" 2025-06-30 \
  >"$work/table" 2>"$work/err" || { cat "$work/err" >&2; echo "FAIL: bench/reports.sh failed"; exit 1; }
cat "$work/table"
ran=$(grep -c '^| report ' "$work/table" || true)
if [[ $ran -ne 9 ]]; then
  cat "$work/err" >&2
  echo "FAIL: $ran of the 9 reports ran"
  exit 1
fi
if grep -v '| yes: ' "$work/table" >/dev/null; then
  cat "$work/err" >&2
  echo "FAIL: a report's figures differ from its hand-written query's (above)"
  exit 1
fi
echo "PASS: the 9 reports equal their hand-written queries on the edge cases"

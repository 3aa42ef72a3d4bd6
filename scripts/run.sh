#!/usr/bin/env bash
# The main job: install what is missing, build, create a fresh embedded SQLite database with the
# bundled banenplan plugins and the synthetic Amsterdam demo data, and print the placement report.
# Usage: scripts/run.sh [extra 'traject demo' options, e.g. --participants 5000 --seed 7]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DTRAJECT_BUILD_TESTS=OFF -DTRAJECT_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build -j"$(nproc)" --target traject-cli zuidoostwerkt schiphol haven-westpoort
db=traject-demo.db
rm -f "$db" "$db-wal" "$db-shm"
build/bin/traject --db "$db" demo "$@"
echo
echo "Database: $db. Try: build/bin/traject --db $db report placements --by area"

#!/usr/bin/env bash
# Runs the libFuzzer targets of tests/fuzz/ (docs/security.md, "Fuzzing").
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS: how long each target runs (default 600). TARGET: a file name tests/fuzz/TARGET_fuzz.cc
# without the suffix, e.g. csv_import, payload_decode, parameter_file (default: every target).
# First configures and builds the clang build $TRAJECT_FUZZ_BUILD (default build-fuzz, with
# -DTRAJECT_FUZZ=ON: ASan, UBSan and libFuzzer). Each target starts from its seeds
# (tests/fuzz/corpus/TARGET) and regressions (tests/fuzz/regressions/TARGET) and grows its corpus
# in $TRAJECT_FUZZ_CORPUS/TARGET (default ~/.cache/traject-fuzz, outside the repository: it is
# not meant to be committed). At most $TRAJECT_FUZZ_JOBS targets run at a time (default 1);
# each one's output is in $TRAJECT_FUZZ_CORPUS/TARGET.log.
#
# A crash, sanitizer report, failed invariant, leak, timeout (10 s for one input) or out-of-memory
# fails the script: the input is copied to tests/fuzz/regressions/TARGET/, where it becomes a
# regression test (ctest -R fuzz.regression.TARGET, in every build of the test suite).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

seconds=${1:-600}
[[ $seconds =~ ^[0-9]+$ ]] || { echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 2; }
shift $(($# > 0 ? 1 : 0))
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  for source in tests/fuzz/*_fuzz.cc; do
    name=${source##*/}
    targets+=("${name%_fuzz.cc}")
  done
fi
for target in "${targets[@]}"; do
  [[ -f tests/fuzz/${target}_fuzz.cc ]] || { echo "fuzz: no target $target (tests/fuzz/${target}_fuzz.cc)" >&2; exit 2; }
done

build=${TRAJECT_FUZZ_BUILD:-build-fuzz}
corpus_root=${TRAJECT_FUZZ_CORPUS:-${XDG_CACHE_HOME:-$HOME/.cache}/traject-fuzz}
jobs=${TRAJECT_FUZZ_JOBS:-1}

# Line tables only (-g1): enough for a crash's stack to name file and line, and a faster build.
cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DTRAJECT_FUZZ=ON \
  -DTRAJECT_WERROR=ON -DTRAJECT_BUILD_TESTS=OFF -DTRAJECT_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build" --target traject_fuzz -j"$(nproc)"
mkdir -p "$corpus_root"

# Runs one target; its exit status is libFuzzer's (0: nothing found).
run() {
  local target=$1
  local corpus=$corpus_root/$target artifacts=$corpus_root/$target-artifacts
  mkdir -p "$corpus" "$artifacts" "$root/tests/fuzz/regressions/$target"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$build/bin/fuzz_$target" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$corpus" "$root/tests/fuzz/corpus/$target" \
    "$root/tests/fuzz/regressions/$target" >"$corpus_root/$target.log" 2>&1
}

# Reports one finished target; copies what it found to the regressions and returns 1, if anything.
report() {
  local target=$1 status=$2 artifacts=$corpus_root/$target-artifacts
  local runs
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$corpus_root/$target.log")
  if [[ $status -eq 0 ]]; then
    echo "fuzz: $target: ${runs:-?} inputs in ${seconds}s, nothing found" \
      "(corpus: $(find "$corpus_root/$target" -type f | wc -l) files)"
    return 0
  fi
  echo "fuzz: $target FAILED (exit $status); the end of $corpus_root/$target.log:" >&2
  tail -n 40 "$corpus_root/$target.log" >&2
  local found=0 file
  for file in "$artifacts"/crash-* "$artifacts"/leak-* "$artifacts"/timeout-* "$artifacts"/oom-*; do
    [[ -f $file ]] || continue
    cp "$file" "$root/tests/fuzz/regressions/$target/"
    echo "fuzz: $target: input copied to tests/fuzz/regressions/$target/${file##*/}" >&2
    rm "$file"
    found=1
  done
  cat >&2 <<EOF
fuzz: what to do: reproduce with
    $build/bin/fuzz_$target tests/fuzz/regressions/$target/<file>
  (or a gcc build's ctest -R fuzz.regression.$target), fix the bug in libtraject (or the
  invariant in tests/fuzz/${target}_fuzz.cc, if the invariant was wrong), and commit the file in
  tests/fuzz/regressions/$target/ with the fix: from then on every run of the suite runs it.
EOF
  [[ $found -eq 1 ]] || echo "fuzz: $target: no input file was saved; see the log above" >&2
  return 1
}

for target in "${targets[@]}"; do
  while [[ $(jobs -rp | wc -l) -ge $jobs ]]; do wait -n || true; done
  (
    status=0
    run "$target" || status=$?
    echo "$status" >"$corpus_root/$target.status"
  ) &
done
wait
failed=0
for target in "${targets[@]}"; do
  report "$target" "$(cat "$corpus_root/$target.status")" || failed=1
done
exit $failed

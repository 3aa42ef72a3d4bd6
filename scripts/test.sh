#!/usr/bin/env bash
# The whole test suite: installs what is missing, then builds and runs every test twice — a
# Release build and an AddressSanitizer + UndefinedBehaviorSanitizer build, both with warnings
# as errors (TRAJECT_WERROR, off by default for everyone else) — and fuzzes each fuzz target
# briefly (tests/fuzz/, docs/security.md "Fuzzing").
set -euo pipefail
cd "$(dirname "$0")/.."
# Each stage's time, printed as it ends and summed up at the end: CI has 2 cores, and the whole
# script must stay under 20 minutes on a clean clone.
stage_start=$SECONDS
stage_times=()
stage() {
  local now=$SECONDS
  if [[ -n ${stage_name:-} ]]; then
    stage_times+=("$(printf '%5ds  %s' $((now - stage_start)) "$stage_name")")
    echo "== $stage_name: $((now - stage_start)) s"
  fi
  stage_name=$1
  stage_start=$now
}
report_stages() {
  stage ""
  echo "== stage times (total ${SECONDS} s)"
  printf '%s\n' "${stage_times[@]}"
}
trap report_stages EXIT

stage "install missing packages"
bash scripts/install-deps.sh --with-tests
jobs=$(nproc)

stage "release build (warnings are errors)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DTRAJECT_WERROR=ON -DTRAJECT_BUILD_TESTS=ON \
  -DTRAJECT_BUILD_BENCHMARKS=ON >/dev/null
cmake --build build -j"$jobs"
stage "release tests"
ctest --test-dir build --output-on-failure -j"$jobs"

stage "sanitizer build (ASan + UBSan)"
# Line tables only (-g1): a sanitizer's report still names file and line, and the build takes a
# third less time than with full debug information.
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DTRAJECT_SANITIZE=ON \
  -DTRAJECT_WERROR=ON -DTRAJECT_BUILD_TESTS=ON -DTRAJECT_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build-asan -j"$jobs"
stage "sanitizer tests"
# Under the sanitizers every suite runs except these, which the Release run above already ran and
# which add no code of ours the sanitizers have not seen:
#   - the PostgreSQL copies of the CLI end-to-end suites (the same CLI code as their SQLite
#     copies, which do run here, plus a server round trip per command; the library's PostgreSQL
#     suites do run here);
#   - the tenant-isolation and crash end-to-end suites on either backend: every command of the
#     CLI once more for a second organisation (over five minutes here, the last test to end),
#     and imports killed mid-way, whose sanitizer could not report anyway; the commands and the
#     import run here in their own suites, and StoreTenantIsolationTest checks every entry
#     point of the library here;
#   - three of the four seeds of the command property suite, and its coverage check, on
#     PostgreSQL (the same decisions as on SQLite, where all four run; one seed keeps the
#     PostgreSQL write path under the sanitizers);
#   - the SDK install tests (they build a consumer with the consumer's flags), the browser
#     test (the dashboard's code runs here through ReportsE2eTest) and the reports against
#     their hand-written queries (an oracle of the figures, which do not depend on the build;
#     the reports run here in ReportsE2eTest and the steering tests).
# Without them this run takes under a third of the time.
asan_skip='^postgres\.(ImportE2e|PluginsE2e|CorrectionsE2e|ReportsE2e|LifecycleE2e|DemoE2e|'
asan_skip+='ConcurrentCliE2e|ExportImport|ParticipantRightsE2e|BackupE2e)|'
asan_skip+='^(postgres\.)?(TenantIsolationE2e|CrashE2e)Test\.|'
asan_skip+='^postgres\.Seeds/CommandPropertyTest\..*/[123]$|^postgres\.CommandPropertyCoverageTest\.|'
asan_skip+='^sdk\.|^dashboard\.|^reports\.hand_queries$'
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs" -E "$asan_skip"

stage "fuzz build (clang, libFuzzer + ASan + UBSan) and a short run of each fuzz target"
# A clang build of the library and the fuzz targets alone (build-fuzz), cheaper than building the
# whole sanitizer suite with clang: see docs/security.md, "Fuzzing". Their seeds and regressions
# already ran in both builds above (ctest's fuzz.regression.*); a crash here fails the script and
# leaves the input in tests/fuzz/regressions/.
TRAJECT_FUZZ_JOBS=$jobs bash scripts/fuzz.sh 20

#!/usr/bin/env bash
# The whole test suite: installs what is missing, then builds and runs every test twice — a
# Release build and an AddressSanitizer + UndefinedBehaviorSanitizer build, both with warnings
# as errors (TRAJECT_WERROR, off by default for everyone else).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --with-tests
jobs=$(nproc)

echo "== release build (warnings are errors) and tests"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DTRAJECT_WERROR=ON -DTRAJECT_BUILD_TESTS=ON \
  -DTRAJECT_BUILD_BENCHMARKS=ON >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== sanitizer build (ASan + UBSan) and tests"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DTRAJECT_SANITIZE=ON -DTRAJECT_WERROR=ON \
  -DTRAJECT_BUILD_TESTS=ON \
  -DTRAJECT_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"

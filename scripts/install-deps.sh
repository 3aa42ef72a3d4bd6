#!/usr/bin/env bash
# Installs the Debian packages traject builds, tests and runs with, and nothing else.
# Idempotent: when every package is present it returns at once without touching apt.
# Runs as root, or through sudo when not root. Used by both README commands and by CI.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libboost-dev libboost-filesystem-dev
  libsoci-dev libsqlite3-dev sqlite3 libpq-dev libssl-dev
  libcereal-dev libcli11-dev libfmt-dev libsodium-dev
  libgtest-dev libgmock-dev libbenchmark-dev rapidjson-dev
  time
)
# --with-tests: the PostgreSQL 15 server, for the suites that run on PostgreSQL too (started
# by scripts/pg-test-server.sh as a cluster of our own on 127.0.0.1, never the machine's); and
# Chromium with Python 3, for the dashboard test (tests/dashboard/), which renders the HTML of
# `traject report html` in headless Chromium driven over the DevTools protocol; and clang with
# its libFuzzer runtime, for the fuzz targets (tests/fuzz/, scripts/fuzz.sh).
if [[ ${1:-} == --with-tests ]]; then
  packages+=(postgresql-15 chromium python3 clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "traject: installing missing Debian packages: ${missing[*]}" >&2
as_root=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "traject: not root and no sudo; install as root: ${missing[*]}" >&2; exit 1; }
  as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"

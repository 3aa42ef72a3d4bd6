#!/usr/bin/env bash
# The backend seam (libtraject/src/storage/README.md): every difference between SQLite and
# PostgreSQL lives in the backend modules — storage/dialect.{h,cc} (SQL text and capabilities),
# storage/pg_copy.{h,cc} (PostgreSQL's COPY) and storage/sqlite_file.{h,cc} (SQLite's file).
# Anywhere else in the library, a branch on the backend or SQL that only one backend speaks
# fails this test, naming file and line.
#
#   dialect_seam.sh SOURCE_DIR           checks libtraject/src of SOURCE_DIR
#   dialect_seam.sh --self-test          checks that a planted violation of each kind is found
set -euo pipefail

# Branches on the backend, and SQL of one backend: pragmas and SQLite's catalogue; PostgreSQL's
# isolation levels, sequences, catalogue and JSON functions; SQLite's JSON table function.
pattern='Backend::k|get_backend_name|PRAGMA|sqlite_master|ISOLATION LEVEL|nextval|setval|'
pattern+='pg_get_serial_sequence|pg_class|pg_catalog|regclass|regnamespace|row_security_active|'
pattern+='json_each|json_array_elements|generate_series|ILIKE'

check() {
  local src=$1
  grep -rnE --include='*.cc' --include='*.h' "$pattern" "$src" |
    grep -vE '^[^:]*/storage/(dialect|pg_copy|sqlite_file)\.(h|cc):' |
    grep -vE '^[^:]*:[0-9]+:[[:space:]]*(#include|//)' || true
}

if [[ ${1:-} == --self-test ]]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/storage" "$work/report"
  printf '%s\n' '#include "storage/pg_copy.h"' '// PRAGMA in a comment is prose' \
    'int ok = 1;' >"$work/report/clean.cc"
  printf '%s\n' 'if (dialect.backend == Backend::kSqlite) {}' >"$work/storage/branch.cc"
  printf '%s\n' 'sql << "PRAGMA foreign_keys = ON";' >"$work/report/pragma.cc"
  printf '%s\n' 'const char* q = "SELECT nextval(1)";' >"$work/report/sequence.h"
  printf '%s\n' 'sql << "BEGIN ISOLATION LEVEL SERIALIZABLE";' >"$work/storage/dialect.cc"
  found=$(check "$work")
  for planted in storage/branch.cc report/pragma.cc report/sequence.h; do
    grep -q "/$planted:" <<<"$found" || { echo "self-test: $planted not found" >&2; exit 1; }
  done
  if grep -qE '/(report/clean\.cc|storage/dialect\.cc):' <<<"$found"; then
    echo "self-test: an allowed line was reported:" >&2
    echo "$found" >&2
    exit 1
  fi
  echo "self-test: every planted violation found, nothing else"
  exit 0
fi

src=${1:?usage: dialect_seam.sh SOURCE_DIR | --self-test}/libtraject/src
found=$(check "$src")
if [[ -n $found ]]; then
  echo "backend-specific code outside the backend modules (storage/dialect, pg_copy," >&2
  echo "sqlite_file): move it behind the dialect (libtraject/src/storage/README.md):" >&2
  echo "$found" >&2
  exit 1
fi
echo "the backend seam holds: no backend branch or one backend's SQL outside storage/dialect"

#!/usr/bin/env bash
# traject as a subproject (add_subdirectory), as fmt is: configuring a partner's project that
# adds traject's source tree gives the library target alone (subproject/CMakeLists.txt fails
# otherwise), and installing that project installs nothing of traject's.
#   subproject.sh SOURCE_DIR
set -euo pipefail
source_dir=${1:?usage: subproject.sh SOURCE_DIR}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake -S "$source_dir/tests/sdk/subproject" -B "$work/build" -DTRAJECT_SOURCE="$source_dir" \
  -DCMAKE_BUILD_TYPE=Release >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; exit 1; }
cmake --install "$work/build" --prefix "$work/prefix" >"$work/install.log" 2>&1 ||
  { cat "$work/install.log"; exit 1; }
if [[ -d $work/prefix ]] && [[ -n $(find "$work/prefix" -type f | head -1) ]]; then
  echo "installing the partner's project installed traject's files:" >&2
  find "$work/prefix" -type f >&2
  exit 1
fi
echo "add_subdirectory(traject): the library alone, no install rules"

#!/usr/bin/env bash
# Installs the SDK from a build tree to a temporary prefix, builds the out-of-tree example
# plugin against it with find_package(traject) alone, and loads and checks it with the
# installed CLI. Arguments: BUILD_DIR EXAMPLE_DIR [BUILD_TYPE]
set -euo pipefail
build_dir=$1
example_dir=$2
build_type=${3:-RelWithDebInfo}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
test -f "$work/prefix/include/traject/plugin.h"
test -f "$work/prefix/lib/cmake/traject/traject-config.cmake" || test -f "$work/prefix/lib/x86_64-linux-gnu/cmake/traject/traject-config.cmake"

# Sanitizer flags must match the host's when the host was built with them.
flags=$(grep -E '^CMAKE_CXX_FLAGS:' "$build_dir/CMakeCache.txt" | cut -d= -f2- || true)
if grep -q 'TRAJECT_SANITIZE:BOOL=ON' "$build_dir/CMakeCache.txt"; then
  flags="$flags -fsanitize=address,undefined -fno-sanitize=vptr"
fi
cmake -S "$example_dir" -B "$work/example" -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DCMAKE_BUILD_TYPE="$build_type" -DCMAKE_CXX_FLAGS="$flags" >/dev/null
cmake --build "$work/example" >/dev/null
plugin=$(find "$work/example" -name 'traject-noord.so' | head -n 1)
test -n "$plugin"

traject="$work/prefix/bin/traject"
"$traject" plugins check "$plugin"
mkdir "$work/plugins" && cp "$plugin" "$work/plugins/"
listing=$("$traject" --plugins "$work/plugins" plugins list)
echo "$listing" | grep -q 'Banenplan Noord'
echo "$listing" | grep -q 'zuidoostwerkt'   # the installed bundled plugins are found too
db="$work/noord.db"
"$traject" --db "$db" --plugins "$work/plugins" init --org noord
"$traject" --db "$db" --plugins "$work/plugins" participant add --ref N-1 --registered 2024-01-02
"$traject" --db "$db" --plugins "$work/plugins" trajectory start --ref N-1 --programme noord --track elektro-monteur --date 2024-01-10
echo "sdk: installed, built the example out of tree, loaded and checked it"

#!/usr/bin/env bash
# The embedding guide, end to end: installs the SDK from a build tree to a temporary prefix,
# checks that it carries the docs, builds the partner example of docs/embedding.md from the
# installed copy, out of tree, with find_package(traject) alone, and runs it twice. Checks:
#   - its output is the one the guide shows (only today's date and the retry count may differ);
#   - its loonkostensubsidie schedule equals the installed CLI's `subsidy schedule --json`;
#   - a second run finds everything recorded and changes nothing;
#   - its CSV export imports into a fresh database with the same schedule.
# Arguments: BUILD_DIR SOURCE_DIR [BUILD_TYPE]
set -euo pipefail
build_dir=$1
source_dir=$2
build_type=${3:-RelWithDebInfo}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "sdk: FAIL: $*" >&2
  exit 1
}

prefix="$work/prefix"
cmake --install "$build_dir" --prefix "$prefix" >/dev/null

# The installed SDK carries the docs, in the source layout, and the examples they describe.
doc="$prefix/share/doc/traject"
for f in README.md docs/embedding.md docs/plugins.md docs/cli.md docs/rules.md \
  plugins/zuidoostwerkt/README.md; do
  test -f "$doc/$f" || fail "not installed: share/doc/traject/$f"
done
diff -r "$source_dir/docs/examples/partner-app" "$doc/docs/examples/partner-app" >/dev/null ||
  fail "the installed partner-app example differs from docs/examples/partner-app"
test -f "$doc/docs/examples/banenplan-noord/noord.cc" || fail "banenplan-noord example not installed"

# Sanitizer flags must match libtraject's when it was built with them.
flags=$(grep -E '^CMAKE_CXX_FLAGS:' "$build_dir/CMakeCache.txt" | cut -d= -f2- || true)
if grep -q 'TRAJECT_SANITIZE:BOOL=ON' "$build_dir/CMakeCache.txt"; then
  flags="$flags -fsanitize=address,undefined -fno-sanitize=vptr"
fi
cmake -S "$doc/docs/examples/partner-app" -B "$work/build" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE="$build_type" -DCMAKE_CXX_FLAGS="$flags" >/dev/null
cmake --build "$work/build" >/dev/null
app="$work/build/wsp-sync"
test -x "$app" || fail "wsp-sync was not built"

# Only the installed SDK's bundled plugins: nothing from the caller's environment.
unset TRAJECT_PLUGIN_PATH
traject="$prefix/bin/traject"
mkdir "$work/run" && cd "$work/run"

# Today's date and the number of retried writes vary from run to run; nothing else may.
day='[0-9]{4}-[0-9]{2}-[0-9]{2}'
normalise() {
  sed -E -e "s/date $day is after today \\($day\\)/date DATE is after today (DATE)/" \
    -e 's/[0-9]+ writes retried/N writes retried/'
}

"$app" wsp.db --export export >first.out 2>first.err || fail "wsp-sync exited $?: $(cat first.err)"
test ! -s first.err || fail "wsp-sync wrote to stderr: $(cat first.err)"

# 1. The output the guide shows: the fenced block after the marker in docs/embedding.md.
awk '/<!-- wsp-sync output/ {marked = 1; next}
     marked && /^```/ {if (inside) exit; inside = 1; next}
     inside {print}' "$doc/docs/embedding.md" >guide.out
test -s guide.out || fail "no wsp-sync output block in docs/embedding.md"
normalise <guide.out >guide.norm
normalise <first.out >first.norm
diff -u guide.norm first.norm || fail "wsp-sync's output differs from docs/embedding.md (above)"

# 2. The schedule equals the installed CLI's for the same database: month by month in cents,
# the total, and the plugin's eligibility.
"$traject" --db wsp.db subsidy schedule 1 --json >cli.json
grep -oE '"month":"[0-9]{4}-[0-9]{2}","amount_cents":[0-9]+' cli.json |
  sed -E 's/"month":"([0-9-]+)","amount_cents":([0-9]+)/\1 \2/' >cli.months
sed -nE 's/^    ([0-9]{4}-[0-9]{2}) +€[0-9,.]+ +([0-9]+) cents.*/\1 \2/p' first.out >app.months
test -s cli.months || fail "no months in the CLI's schedule"
diff -u cli.months app.months || fail "months differ between the CLI (-) and wsp-sync (+)"
cli_total=$(grep -oE '"total_cents":[0-9]+' cli.json | cut -d: -f2)
app_total=$(sed -nE 's/^  total .*\(([0-9]+) cents\)$/\1/p' first.out)
test "$cli_total" = "$app_total" || fail "total: CLI $cli_total cents, wsp-sync $app_total cents"
grep -q '"eligible":true,"reason":"","rules_missing":false' cli.json ||
  fail "the CLI does not find the placement eligible with the plugin's rules"
grep -q '^  placement 1 at Zorgcentrum De Kraal: eligible$' first.out ||
  fail "wsp-sync does not find the placement eligible"

# 3. A second run opens the organisation, finds everything and records nothing.
events_before=$(sqlite3 wsp.db 'SELECT count(*) FROM events')
"$app" wsp.db >second.out 2>second.err || fail "second run exited $?: $(cat second.err)"
test ! -s second.err || fail "second run wrote to stderr: $(cat second.err)"
grep -q '^Participant WSP-0001 is already recorded: trajectory 1$' second.out ||
  fail "second run did not find the participant"
grep -q '^Cohort from 2 threads: 0 registered, 20 already known' second.out ||
  fail "second run did not find the cohort"
diff <(sed -n '/^Loonkostensubsidie/,/^  total/p' first.out) \
  <(sed -n '/^Loonkostensubsidie/,/^  total/p' second.out) >/dev/null ||
  fail "second run computed another schedule"
events_after=$(sqlite3 wsp.db 'SELECT count(*) FROM events')
test "$events_before" = "$events_after" || fail "second run wrote events"

# 4. The export imports into a fresh database, to the same schedule.
test -f export/participants.csv && test -f export/events.csv || fail "no CSV export"
"$traject" --db copy.db init --org wsp-zuidoost >/dev/null
"$traject" --db copy.db import export >/dev/null
"$traject" --db copy.db subsidy schedule 1 --json >copy.json
cmp -s cli.json copy.json || fail "the imported export gives another schedule"

echo "sdk: installed with docs, built and ran the partner example; its schedule equals the CLI's"

#!/bin/sh
# CPU seconds (user+sys) of compiling translation units the way the Release build does
# (flags of build/release/compile_commands.json for the goldthread target), without ccache,
# one at a time. Wall time on a shared machine is noise; CPU time is what a clean build costs.
#   sh bench/compile/tu_cpu.sh [--root DIR] FILE...     (FILE relative to the repository)
# --root compiles the same files from another checkout (e.g. an unpacked `git archive` of the
# base commit) with the same flags, for a before/after table. Prints "seconds file" and a total.
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
root=$here
if [ "${1:-}" = "--root" ]; then root=$(cd "$2" && pwd); shift 2; fi
db=$here/build/release/compile_commands.json
out=$(mktemp -d)
total=0
for f in "$@"; do
  cmd=$(python3 - "$db" "$here/$f" <<'PY'
import json, sys
for e in json.load(open(sys.argv[1])):
    if e["file"] == sys.argv[2] and "integration_tests" not in e["command"] and "unit_tests" not in e["command"]:
        print(e["command"]); break
PY
)
  if [ -z "$cmd" ]; then echo "no compile command for $f (run cmake after adding it)" >&2; continue; fi
  cmd=$(printf '%s' "$cmd" | sed -e "s#-I$here/src#-I$root/src#g" -e "s#-c $here/$f#-c $root/$f#" \
        -e "s#-o [^ ]*#-o $out/tu.o#" -e 's#^[^ ]*ccache ##')
  t=$( { CCACHE_DISABLE=1 /usr/bin/time -f '%U %S' sh -c "cd $here/build/release && $cmd" >/dev/null; } 2>&1 | tail -1)
  s=$(echo "$t" | awk '{printf "%.2f", $1 + $2}')
  echo "$s $f"
  total=$(echo "$total $s" | awk '{printf "%.2f", $1 + $2}')
done
echo "$total total"
rm -rf "$out"

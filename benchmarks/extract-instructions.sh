#!/usr/bin/env bash
# Extraction cost in instructions (callgrind), next to the plain libxml2 parse of the same
# pages: the deterministic companion of extract.sh, whose timings swing by ±15 % on these
# machines. Reads the first 20 of extract.sh's pages in one round and in two; the difference
# is one steady round (the patterns' one-time compiles and the process start drop out).
# Hashing is made deterministic (Swift seeds it per process); tables keyed by addresses still
# move the count by about ±0.5 % from run to run.
# Prints the instructions of one round of each, and their ratio (target ≥ 0.5). The plain
# parse is counted in runs with HUELLA_XML_ARENA=off (libxml2 as shipped, without huella's
# allocator hooks), huella in runs as it ships (its parses in arenas).
# Needs valgrind (installed when missing). Under a minute once the build is done.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/ensure-deps
command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind >/dev/null; }
swift build -c release --product huella-bench >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$root/benchmarks/make_pages.py" "$root" "$work/all"
mkdir "$work/pages"
cp $(ls "$work"/all/*.html | head -20) "$work/pages/"
# This valgrind cannot read the DWARF 5 debug information Swift writes; symbols are enough.
# The copy finds the skills vocabulary and profile hosts through HUELLA_HOME.
strip --strip-debug -o "$work/huella-bench" "$root/.build/release/huella-bench"
for arena in off on; do
  command=$([ $arena = off ] && echo parse || echo extract)
  for rounds in 1 2; do
    HUELLA_XML_ARENA=$arena HUELLA_HOME="$root" SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind \
      --callgrind-out-file="$work/cg.$arena.$rounds" "$work/huella-bench" $command "$work/pages" $rounds >/dev/null 2>&1 &
  done
  wait
  for rounds in 1 2; do callgrind_annotate --inclusive=yes "$work/cg.$arena.$rounds" > "$work/cg.$arena.$rounds.txt" 2>/dev/null; done
done
python3 - "$work" <<'PY'
import re, sys
def counts(path):
    found = {}
    for line in open(path):
        m = re.match(r"\s*([\d,]+) \(", line)
        if not m:
            continue
        n = int(m.group(1).replace(",", ""))
        if "PlainParseO5parse" in line:
            found["plain"] = max(found.get("plain", 0), n)
        if "PageExtractorV7extract4body" in line:
            found["huella"] = max(found.get("huella", 0), n)
    return found
def steady(arena, what):
    return counts(f"{sys.argv[1]}/cg.{arena}.2.txt")[what] - counts(f"{sys.argv[1]}/cg.{arena}.1.txt")[what]
plain, huella = steady("off", "plain"), steady("on", "huella")
print(f"20 pages, one steady round, instructions (callgrind)")
print(f"plain libxml2 parse:      {plain / 1e6:8.0f} M  (libxml2 as shipped)")
print(f"huella parse + extract:   {huella / 1e6:8.0f} M  (extraction beyond the parse {(huella - plain) / 1e6:.0f} M)")
print(f"ratio to plain parse:     {plain / huella:.3f} (target ≥ 0.5)")
PY

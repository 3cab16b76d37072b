#!/usr/bin/env bash
# Nightly benchmark (issue: state and baselines). 1,000 VAs × 4 pages on loopback, audited
# twice with the same state store and nothing changed in between. Prints both runs' times,
# the share of second-run requests answered 304 (target ≥ 95 %) and the second run's time
# next to the first's (target ≤ 0.3×).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/ensure-deps
swift build -c release --product huella >&2
huella="$root/.build/release/huella"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 benchmarks/make_sites.py "$work/n" --vas 1000 --hosts 250 >&2
card="$work/card.json"
exec {fd}> >(exec python3 "$root/Fixtures/server/fixture_server.py" --root "$work/n/sites" --log "$work/requests.jsonl" --latency 0.02 > "$card")
for _ in $(seq 1 300); do [ -s "$card" ] && break; sleep 0.1; done
port=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["http"])' "$card")
run() {
  local start end
  start=$(date +%s.%N)
  "$huella" audit --roster "$work/n/roster.json" --state "$work/state.sqlite" --format json --output "$work/$1.json" \
    --connect-to "::127.0.0.1:$port" --allow-private-network --delay 0 --per-host 8 --concurrency 64 2>/dev/null || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
first=$(run first)
lines_after_first=$(wc -l < "$work/requests.jsonl")
second=$(run second)
python3 - "$work" "$first" "$second" "$lines_after_first" <<'PY'
import json, sys, pathlib
work, first, second, cut = pathlib.Path(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
r2 = json.loads((work / "second.json").read_text())
log = (work / "requests.jsonl").read_text().splitlines()[cut:]
pages = [json.loads(l) for l in log if '"/robots.txt"' not in l]
conditional = sum(1 for p in pages if "if-none-match" in p["headers"])
print(f"first run:  {first:6.1f} s")
print(f"second run: {second:6.1f} s  ({second / first:.2f}× the first; target ≤ 0.3×)")
print(f"second run: {len(pages)} page requests, {conditional} conditional, {r2['run']['notModified']} answered 304 "
      f"({100 * r2['run']['notModified'] / max(1, len(pages)):.1f} %; target ≥ 95 %)")
PY

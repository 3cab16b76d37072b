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
# Two server processes: one Python process is held to one core by its interpreter lock and,
# on these two-core machines, became the second run's bottleneck (it answered 304s slower than
# huella asked). WORKERS=1 gives the single-process server.
exec {fd}> >(exec python3 "$root/Fixtures/server/fixture_server.py" --root "$work/n/sites" --log "$work/requests.jsonl" \
  --latency 0.02 --workers "${WORKERS:-2}" > "$card")
for _ in $(seq 1 300); do [ -s "$card" ] && break; sleep 0.1; done
port=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["http"])' "$card")
# Prints "wall-seconds cpu-seconds" of one audit (huella's own CPU, user + system).
run() {
  python3 - "$huella" "$work" "$1" "$port" <<'PY'
import resource, subprocess, sys, time
huella, work, name, port = sys.argv[1:]
start = time.monotonic()
subprocess.run([huella, "audit", "--roster", f"{work}/n/roster.json", "--state", f"{work}/state.sqlite", "--format", "json",
                "--output", f"{work}/{name}.json", "--connect-to", f"::127.0.0.1:{port}", "--allow-private-network",
                "--delay", "0", "--per-host", "8", "--concurrency", "64"], stderr=subprocess.DEVNULL)
wall = time.monotonic() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{wall:.2f} {usage.ru_utime + usage.ru_stime:.2f}")
PY
}
read -r first first_cpu <<< "$(run first)"
lines_after_first=$(wc -l < "$work/requests.jsonl")
read -r second second_cpu <<< "$(run second)"
python3 - "$work" "$first" "$second" "$lines_after_first" "$first_cpu" "$second_cpu" <<'PY'
import json, sys, pathlib
work, first, second, cut = pathlib.Path(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
first_cpu, second_cpu = float(sys.argv[5]), float(sys.argv[6])
r2 = json.loads((work / "second.json").read_text())
log = (work / "requests.jsonl").read_text().splitlines()[cut:]
pages = [json.loads(l) for l in log if '"/robots.txt"' not in l]
conditional = sum(1 for p in pages if "if-none-match" in p["headers"])
print(f"first run:  {first:6.1f} s")
print(f"second run: {second:6.1f} s  ({second / first:.2f}× the first; target ≤ 0.3×)")
print(f"huella's CPU: first {first_cpu:.1f} s, second {second_cpu:.1f} s ({second_cpu / first_cpu:.2f}×)")
print(f"second run: {len(pages)} page requests, {conditional} conditional, {r2['run']['notModified']} answered 304 "
      f"({100 * r2['run']['notModified'] / max(1, len(pages)):.1f} %; target ≥ 95 %)")
PY

#!/usr/bin/env bash
# Fetch benchmark (issue: marketplace scale). 2,000 VAs × 4 pages over 500 loopback virtual
# hosts, 50 ms of latency on every answer. Prints, from one run on one machine:
#   1. huella's fetch phase with no per-host delay, next to `curl --parallel` at the same
#      total concurrency on the same URL list (target: ≤ 1.2× curl);
#   2. huella with default politeness (1 s between requests to a host), next to the bound
#      politeness allows: the busiest host's pages × the delay (target: ≤ 1.2× the bound);
#   3. peak RSS of the fetcher for 1,000 and 10,000 VAs (target: flat, ≤ 1.2×).
# Everything stays on 127.0.0.1.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/ensure-deps
swift build -c release --product huella-bench >&2
bench="$root/.build/release/huella-bench"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
concurrency=50

serve() {  # serve a generated folder; sets $port
  local card="$work/card-$1.json"
  exec {fd}> >(exec python3 "$root/Fixtures/server/fixture_server.py" --root "$2/sites" --latency 0.05 > "$card")
  for _ in $(seq 1 300); do [ -s "$card" ] && break; sleep 0.1; done
  port=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["http"])' "$card")
}

python3 benchmarks/make_sites.py "$work/b2000" --vas 2000 --hosts 500 >&2
serve b2000 "$work/b2000"
urls="$work/b2000/urls.txt"
count=$(wc -l < "$urls")
echo "== $count pages over 500 hosts, 50 ms latency, concurrency $concurrency"

sed "s|^|url = |; s|\$|\noutput = /dev/null|" "$urls" > "$work/curl.cfg"
start=$(date +%s.%N)
curl -s --no-progress-meter --parallel --parallel-max $concurrency --connect-to "::127.0.0.1:$port" -K "$work/curl.cfg"
curl_s=$(echo "$(date +%s.%N) - $start" | bc)
printf "curl --parallel:       %.2f s\n" "$curl_s"
out=$("$bench" fetch "$urls" --connect-to "::127.0.0.1:$port" --concurrency $concurrency --delay 0)
echo "$out"
huella_s=$(echo "$out" | sed -E 's/.* in ([0-9.]+) s.*/\1/')
printf "ratio huella/curl:     %.2f× (target ≤ 1.2×)\n" "$(echo "$huella_s / $curl_s" | bc -l)"

echo "== default politeness: 1 s between requests to one host, 2 at once"
busiest=$(sed -E 's|http://([^/]+)/.*|\1|' "$urls" | sort | uniq -c | sort -rn | head -1 | awk '{print $1}')
bound=$(echo "($busiest - 1) * 1.0 + 0.05" | bc -l)
out=$("$bench" fetch "$urls" --connect-to "::127.0.0.1:$port" --concurrency $concurrency --delay 1 --per-host 2 --window "$count")
echo "$out"
polite_s=$(echo "$out" | sed -E 's/.* in ([0-9.]+) s.*/\1/')
printf "politeness bound:      %.2f s (busiest host: %d pages × 1 s)\n" "$bound" "$busiest"
printf "ratio to the bound:    %.2f× (target ≤ 1.2×)\n" "$(echo "$polite_s / $bound" | bc -l)"

echo "== peak RSS of the fetcher"
for vas in 1000 10000; do
  python3 benchmarks/make_sites.py "$work/r$vas" --vas $vas --hosts 500 --page-kb 2 >&2
  serve "r$vas" "$work/r$vas"
  out=$("$bench" fetch "$work/r$vas/urls.txt" --connect-to "::127.0.0.1:$port" --concurrency $concurrency --delay 0)
  echo "$vas VAs: $out"
done

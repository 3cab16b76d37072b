#!/usr/bin/env bash
# Extraction benchmark (issue: claims). 200 realistic pages of about 100 KB, built from the
# repository's fixture pages. Prints, from one invocation: huella's parse + extraction next to a
# plain libxml2 parse of the same pages (target ≥ 0.5× its throughput), and next to Python's
# extruct (syntaxes json-ld, microdata, opengraph, microformat) on the same pages
# (target ≥ 20× extruct's throughput). The plain parse and huella are timed twice: in turns of
# whole rounds (each process at its best round), and page by page in pairs in one process
# (`huella-bench paired`: a machine whose speed drifts slows both sides of a pair alike).
# Then where huella's time goes, stage by stage.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/ensure-deps
python3 -c "import extruct" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check extruct==0.18.0
swift build -c release --product huella-bench >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$root/benchmarks/make_pages.py" "$root" "$work/pages"
echo "== huella (release) and plain libxml2, same pages, processes taking turns"
for turn in 1 2 3; do
  HUELLA_XML_ARENA=off "$root/.build/release/huella-bench" parse "$work/pages" 3 | tee -a "$work/plain.txt"
  "$root/.build/release/huella-bench" extract "$work/pages" 3 | tee -a "$work/huella.txt"
done
echo "== paired: each page parsed plainly and extracted by huella one after the other (the machine's drift cancels out; the plain parse through huella's allocator hooks)"
"$root/.build/release/huella-bench" paired "$work/pages" 5 | tee "$work/paired.txt"
echo "== where huella's time goes, stage by stage (wall clock, best round)"
"$root/.build/release/huella-bench" stages "$work/pages" 3
echo "== extruct 0.18.0 (json-ld, microdata, opengraph, microformat)"
python3 - "$work/pages" <<'PY' | tee "$work/extruct.txt"
import pathlib, sys, time, extruct
pages = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[1]).glob("*.html"))]
mb = sum(len(p.encode()) for p in pages) / 1048576
times = []
for _ in range(3):
    t0 = time.perf_counter()
    for p in pages:
        extruct.extract(p, base_url="https://bench.test/", syntaxes=["json-ld", "microdata", "opengraph", "microformat"], errors="ignore")
    times.append(time.perf_counter() - t0)
t = min(times)
print(f"extruct:                  {t * 1000 / len(pages):7.2f} ms/page  {mb / t:6.1f} MB/s")
PY
best() { sort -g | head -1; }
plain=$(sed -nE 's/^plain libxml2 parse: +([0-9.]+) ms\/page.*as shipped.*/\1/p' "$work/plain.txt" | best)
huella=$(sed -nE 's/^huella parse \+ extract: +([0-9.]+) ms\/page.*/\1/p' "$work/huella.txt" | best)
echo "== best of the turns"
printf "plain libxml2 parse:      %7.2f ms/page (libxml2 as shipped)\n" "$plain"
printf "huella parse + extract:   %7.2f ms/page\n" "$huella"
printf "huella vs plain parse:    %.2f× its throughput (target ≥ 0.5×)\n" "$(echo "$plain / $huella" | bc -l)"
paired=$(sed -nE 's/^median ratio: +([0-9.]+).*/\1/p' "$work/paired.txt")
printf "huella vs plain, paired:  %s× its throughput (median of 5 rounds, page by page)\n" "$paired"
extruct=$(sed -nE 's/^extruct: +([0-9.]+) ms\/page.*/\1/p' "$work/extruct.txt")
printf "huella vs extruct:        %.1f× extruct's throughput (target ≥ 20×)\n" "$(echo "$extruct / $huella" | bc -l)"

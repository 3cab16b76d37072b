#!/usr/bin/env bash
# Extraction benchmark (issue: claims). 200 realistic pages of about 100 KB, built from the
# repository's fixture pages. Prints, from one run: huella's parse + extraction next to a
# plain libxml2 parse of the same pages (target ≥ 0.5× its throughput), and next to Python's
# extruct (syntaxes json-ld, microdata, opengraph, microformat) on the same pages
# (target ≥ 20× extruct's throughput).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/ensure-deps
python3 -c "import extruct" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check extruct==0.18.0
swift build -c release --product huella-bench >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$root" "$work/pages" <<'PY'
import pathlib, random, sys
root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
out.mkdir(parents=True)
sources = sorted((root / "Fixtures/tests/extract/pages").glob("*.html")) + sorted((root / "Fixtures/sample/sites").glob("*/*.html"))
pool = [p.read_text(encoding="utf-8", errors="replace") for p in sources]
rnd = random.Random(7)
for i in range(200):
    page = rnd.choice(pool)
    # Grow to ~100 KB the way real pages are big: more sections, scripts and styles.
    while len(page.encode()) < 100_000:
        extra = rnd.choice(pool)
        low = extra.lower()
        start, end = low.find("<body"), low.rfind("</body")
        body = extra[extra.find(">", start) + 1:end] if start >= 0 and end > start else extra
        cut = page.lower().rfind("</body")
        cut = cut if cut >= 0 else len(page)
        page = page[:cut] + "<section>" + body + "</section>" + page[cut:]
    (out / f"page-{i:03d}.html").write_text(page, encoding="utf-8")
print(f"200 pages, {sum(p.stat().st_size for p in out.iterdir()) / 1e6:.1f} MB", file=sys.stderr)
PY
echo "== huella (release) and plain libxml2, same process, same pages"
"$root/.build/release/huella-bench" extract "$work/pages" 5 | tee "$work/huella.txt"
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
huella=$(sed -nE 's/^huella parse \+ extract: +([0-9.]+) ms\/page.*/\1/p' "$work/huella.txt")
extruct=$(sed -nE 's/^extruct: +([0-9.]+) ms\/page.*/\1/p' "$work/extruct.txt")
printf "huella vs extruct:        %.1f× extruct's throughput (target ≥ 20×)\n" "$(echo "$extruct / $huella" | bc -l)"

#!/usr/bin/env python3
"""Builds the extraction benchmarks' pages: 200 pages of about 100 KB from the repository's
fixture pages (a fixture page grown with the bodies of others as more sections), the same
pages on every run (fixed seed).

    make_pages.py ROOT OUT
"""
import pathlib
import random
import sys

root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
out.mkdir(parents=True)
sources = sorted((root / "Fixtures/tests/extract/pages").glob("*.html")) + sorted((root / "Fixtures/sample/sites").glob("*/*.html"))
pool = [p.read_text(encoding="utf-8", errors="replace") for p in sources]
rnd = random.Random(7)
for i in range(200):
    page = rnd.choice(pool)
    # Grow to ~100 KB with more sections: the bodies of other pages, scripts and styles included.
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

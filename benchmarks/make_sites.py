#!/usr/bin/env python3
"""Generates loopback sites for the benchmarks: N VAs spread over H virtual hosts, each VA
with a home page and three profile-like pages of realistic size, plus a roster and a URL list.

    make_sites.py OUT --vas 2000 --hosts 500 [--page-kb 20]

Pages are built from the repository's own fixture pages (so they look like real VA sites),
with the VA's name and numbers changed."""
import argparse
import json
import pathlib
import random

ROOT = pathlib.Path(__file__).resolve().parent.parent


def templates():
    pages = sorted((ROOT / "Fixtures/tests/extract/pages").glob("*.html"))
    return [p.read_text(encoding="utf-8", errors="replace") for p in pages if "latin1" not in p.name]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--vas", type=int, default=2000)
    ap.add_argument("--hosts", type=int, default=500)
    ap.add_argument("--page-kb", type=int, default=20)
    args = ap.parse_args()
    out = pathlib.Path(args.out)
    sites = out / "sites"
    rnd = random.Random(42)
    pool = templates()
    roster, urls = [], []
    for va in range(args.vas):
        host = f"va{va % args.hosts:04d}.bench.test"
        base = f"/va{va:05d}"
        folder = sites / host / base.strip("/")
        folder.mkdir(parents=True, exist_ok=True)
        for name in ["index", "about", "services", "contact"]:
            # Small pages (for memory runs over many VAs) are a plain page, not a fixture.
            page = rnd.choice(pool) if args.page_kb > 4 else (
                "<!DOCTYPE html><html lang=\"es\"><head><meta charset=\"utf-8\"><title>Asistente</title></head>"
                "<body><main><h1>Asistente virtual</h1></main></body></html>")
            # Insert before </body> whatever its case (some fixtures write </BODY>).
            cut = page.lower().rfind("</body")
            cut = cut if cut >= 0 else len(page)
            filler = f"<p>Página {name} del asistente {va}: {rnd.randint(2, 15)} años de experiencia.</p>"
            missing = max(0, args.page_kb * 1024 - len(page))
            filler += ("<p>" + "Gestión de agenda, facturación y redes sociales. " * 20 + "</p>") * (missing // 1000 + 1 if missing else 0)
            page = page[:cut] + filler + page[cut:]
            (folder / f"{name}.html").write_text(page, encoding="utf-8")
            urls.append(f"http://{host}{base}/{name}")
        roster.append({"id": f"va-{va:05d}", "name": f"Asistente {va}", "website": f"http://{host}{base}/index",
                       "profiles": [f"http://{host}{base}/about", f"http://{host}{base}/services", f"http://{host}{base}/contact"],
                       "claims": {"experienceYears": rnd.randint(2, 15)}})
    (out / "roster.json").write_text(json.dumps({"assistants": roster}))
    (out / "urls.txt").write_text("\n".join(urls) + "\n")
    print(f"{args.vas} VAs, {len(urls)} pages, {args.hosts} hosts in {out}")


if __name__ == "__main__":
    main()

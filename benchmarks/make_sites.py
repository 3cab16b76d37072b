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
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent


def templates():
    pages = sorted((ROOT / "Fixtures/tests/extract/pages").glob("*.html"))
    return [p.read_text(encoding="utf-8", errors="replace") for p in pages if "latin1" not in p.name]


def linked_pages(pool):
    """The site pages the templates link to: root-relative paths ("/about", "/resume/") live
    once per host, relative ones ("servicios.html") beside each VA's pages. Writing them keeps
    the sites' own navigation working, as on a real site; otherwise every followed link is a
    404 that no nightly run could ever revalidate."""
    rooted, relative = set(), set()
    for page in pool:
        for href in re.findall(r'href\s*=\s*["\']([^"\'#?]+)', page, re.I):
            if re.match(r"[a-z][a-z0-9+.-]*:|//", href, re.I):
                continue
            name = href.rsplit("/", 1)[-1]
            if "." in name and not name.endswith(".html"):
                continue  # stylesheets, feeds, PDFs: never followed as pages
            (rooted if href.startswith("/") else relative).add(href)
    return sorted(rooted), sorted(relative)


def write_linked(folder, path, title):
    target = folder / (path.strip("/") or "index.html")
    if path.endswith("/") and path.strip("/"):
        target = target / "index.html"
    elif not target.suffix:
        target = target.with_suffix(".html")
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"<!DOCTYPE html><html lang=\"es\"><head><meta charset=\"utf-8\"><title>{title}</title></head>"
                      f"<body><main><h1>{title}</h1><p>Gestión de agenda, facturación y redes sociales.</p></main></body></html>",
                      encoding="utf-8")


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
    rooted, relative = linked_pages(pool)
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
        for path in rooted:
            write_linked(sites / host, path, "Página del sitio")
        for path in relative:
            write_linked(folder, path, "Página del asistente")
        roster.append({"id": f"va-{va:05d}", "name": f"Asistente {va}", "website": f"http://{host}{base}/index",
                       "profiles": [f"http://{host}{base}/about", f"http://{host}{base}/services", f"http://{host}{base}/contact"],
                       "claims": {"experienceYears": rnd.randint(2, 15)}})
    (out / "roster.json").write_text(json.dumps({"assistants": roster}))
    (out / "urls.txt").write_text("\n".join(urls) + "\n")
    print(f"{args.vas} VAs, {len(urls)} pages, {args.hosts} hosts in {out}")


if __name__ == "__main__":
    main()

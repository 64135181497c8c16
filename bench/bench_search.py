"""Bytes a browser loads for a first Pagefind query, per language, on a built site.

    python bench/bench_search.py [SITE_DIR]      # default: builds the sample articles in a temp copy

Serves the site on loopback, opens each edition's home in headless Chromium, runs one
query through pagefind.js (what the search panel does) and prints every /pagefind/
file fetched with its size, then the size of the UI files the panel loads on first open.
"""

from __future__ import annotations

import functools
import http.server
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
QUERIES = {"": "المينورسو", "en/": "MINURSO"}


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def built_seeds() -> Path:
    sys.path.insert(0, str(ROOT))
    from generator.pipeline import build
    from tests.conftest import copy_project

    root = copy_project(Path(tempfile.mkdtemp(prefix="marsad-bench-")))
    build(root)
    return root / "site"


def first_query(site: Path, verbose: bool = False) -> dict[str, dict]:
    """Per edition prefix: the query, its result count, and the /pagefind/ bytes and files fetched."""
    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    figures: dict[str, dict] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        for prefix, query in QUERIES.items():
            page = browser.new_context().new_page()
            fetched: list[tuple[str, int]] = []
            page.on("response", lambda r: fetched.append((r.url.split("/pagefind/")[1], len(r.body())))
                    if "/pagefind/" in r.url and r.ok else None)
            page.goto(base + prefix + "index.html")
            count = page.evaluate("""async (q) => { const pf = await import('/pagefind/pagefind.js');
                const r = await pf.search(q); await Promise.all(r.results.slice(0, 5).map(x => x.data()));
                return r.results.length; }""", query)
            page.wait_for_timeout(500)
            total = sum(size for _, size in fetched)
            figures[prefix] = {"query": query, "results": count, "bytes": total, "files": len(fetched)}
            if verbose:
                print(f"\n{prefix or 'ar/'} first query {query!r}: {count} results, "
                      f"{total / 1024:.1f} KiB in {len(fetched)} files")
                for name, size in fetched:
                    print(f"  {size / 1024:8.1f} KiB  {name.split('?')[0]}")
        browser.close()
    server.shutdown()
    return figures


def main() -> None:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else built_seeds()
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"site: {site} ({pages} HTML files)")
    first_query(site, verbose=True)
    ui = sum((site / "pagefind" / name).stat().st_size for name in ("pagefind-ui.js", "pagefind-ui.css"))
    print(f"\nsearch panel UI (pagefind-ui.js + .css, loaded on first open): {ui / 1024:.1f} KiB")


if __name__ == "__main__":
    main()

"""Bytes a browser loads for a first Pagefind query, per language, on a built site.

    python bench/bench_search.py [SITE_DIR]      # default: builds the sample articles in a temp copy

Serves the site on loopback, opens each edition's home in headless Chromium, opens the
search panel and types one query, as a reader does, and prints every /pagefind/ file
fetched (the Pagefind UI, pagefind.js, its worker and WebAssembly, the index chunks of
the query's words and the records of the results shown) with its size.

The server behaves as the hosts a site is published on (GitHub Pages, Netlify, nginx with
``gzip on``): text files (JavaScript, CSS, JSON, HTML) are sent gzipped to a browser that
accepts it. Pagefind's index files and WebAssembly are gzipped by Pagefind already. Both
figures are printed: bytes transferred, and bytes of the files as stored.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
QUERIES = {"": "المينورسو", "en/": "MINURSO"}


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """Files as a static host serves them: text gzipped when the browser accepts it."""

    TEXT = {".js", ".css", ".json", ".html", ".svg", ".xml"}
    sent: list[tuple[str, int, int]] = []  # every /pagefind/ file served: name, bytes sent, bytes stored

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if not path.is_file():
            return super().do_GET()
        stored = path.read_bytes()
        compress = path.suffix in self.TEXT and "gzip" in self.headers.get("Accept-Encoding", "")
        body = gzip.compress(stored, mtime=0) if compress else stored
        if "/pagefind/" in self.path:
            self.sent.append((self.path.split("/pagefind/")[1].split("?")[0], len(body), len(stored)))
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

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
    """Per edition prefix: the query, its result count, and the /pagefind/ files fetched with the
    bytes transferred (``bytes``) and stored (``stored``)."""
    handler = functools.partial(StaticHost, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    figures: dict[str, dict] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        for prefix, query in QUERIES.items():
            page = browser.new_context().new_page()
            StaticHost.sent.clear()
            page.goto(base + prefix + "index.html")
            # What a reader does: open the search panel (it loads the Pagefind UI) and type the query.
            page.click("#marsad-search > summary")
            page.fill("#marsad-search-ui input", query)
            page.wait_for_selector(".pagefind-ui__result-link", timeout=60_000)
            page.wait_for_load_state("networkidle")
            count = page.evaluate("""() => { const m = document.querySelector('.pagefind-ui__message');
                return m ? parseInt(m.textContent.replace(/[^0-9]/g, '')) || 0 : 0; }""")
            page.wait_for_timeout(500)
            fetched = list(StaticHost.sent)
            total, stored = sum(f[1] for f in fetched), sum(f[2] for f in fetched)
            figures[prefix] = {"query": query, "results": count, "bytes": total, "stored": stored,
                               "files": len(fetched)}
            if verbose:
                print(f"\n{prefix or 'ar/'} first query {query!r}: {count} results, {total / 1024:.1f} KiB "
                      f"transferred ({stored / 1024:.1f} KiB stored) in {len(fetched)} files")
                for name, size, size_stored in fetched:
                    print(f"  {size / 1024:8.1f} KiB  ({size_stored / 1024:6.1f} KiB)  {name.split('?')[0]}")
        browser.close()
    server.shutdown()
    return figures


def main() -> None:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else built_seeds()
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"site: {site} ({pages} HTML files)")
    first_query(site, verbose=True)


if __name__ == "__main__":
    main()

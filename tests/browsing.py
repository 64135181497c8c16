"""A loopback HTTP server for a built site and Debian's headless Chromium, shared by the browser tests.

No browser is ever downloaded: the tests use /usr/bin/chromium as `make` installs it, and skip
with the reason when it is absent.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


# Pagefind's JS API in the page: the URLs of a query's results (the current index alone)
SEARCH_JS = """async (query) => {
    const pagefind = await import("/pagefind/pagefind.js");
    const search = await pagefind.search(query);
    return Promise.all(search.results.map(async (result) => (await result.data()).url));
}"""


@contextlib.contextmanager
def serve_directory(site: Path) -> Iterator[str]:
    """Serve ``site`` on a free loopback port; yields the base URL without a trailing slash."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found (Debian's chromium package; `make` installs it as root)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()

"""English search of the built site in headless Chromium (issue 15): a reader of the English edition
finds stories by the English headline's names, places and the bodies they name.

The seeds hold no story about the Security Council, so the site is the seeds and one dev-corpus report
of a Council vote (corpus 011: «مجلس الأمن يتبنى مشروع قرار أمريكي …»), built once for the module. One
loopback server and one browser; Debian's Chromium as installed, never downloaded.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .browsing import CHROMIUM, SEARCH_JS, chromium, serve_directory
from .conftest import copy_project

pytestmark = [pytest.mark.slow, pytest.mark.browser]

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found (Debian's chromium package; `make` installs it as root)",
                allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

COUNCIL_VOTE = "011.txt"  # dev corpus: the Security Council adopts a US draft on Western Sahara
SEED_STORY = "/en/stories/s-002-e0df584a8c6800d2.html"  # Bourita and Lacroix in Rabat: seeds 001, 002 (and 000)


@pytest.fixture(scope="module")
def site(tmp_path_factory, corpus) -> Path:
    from generator.pipeline import build

    root = copy_project(tmp_path_factory.mktemp("english-search"))
    shutil.copy2(corpus / "articles" / COUNCIL_VOTE, root / "content" / "articles" / f"900_{COUNCIL_VOTE}")
    build(root)
    return root / "site"


@pytest.fixture(scope="module")
def council_page(site) -> str:
    (page,) = (site / "en" / "articles").glob("900*.html")
    return "/" + page.relative_to(site).as_posix()


@pytest.fixture(scope="module")
def english_search(site):
    """query → the result URLs of the English edition's search, typed on the English home page."""
    with serve_directory(site) as url, chromium() as browser:
        page = browser.new_context().new_page()
        page.goto(f"{url}/en/index.html")
        yield lambda query: page.evaluate(SEARCH_JS, query)


# (query, pages that must be found: the seed story, or "council" for the Council vote's page, why)
SEARCHES = [
    ("Lacroix", {SEED_STORY, "/en/articles/000-9a927e2f35066500.html"},
     "the story's headline names Jean-Pierre Lacroix, and 000's that the UN sends him"),
    ("Rabat", {SEED_STORY}, "the story's headline: talks in Rabat"),
    ("Security Council", {"council"}, "the vote's English headline: «Security Council vote»"),
]


@pytest.mark.parametrize("query, expected, why", SEARCHES, ids=[s[0] for s in SEARCHES])
def test_english_search_finds_the_stories(english_search, council_page, query, expected, why):
    urls = english_search(query)
    expected = {council_page if page == "council" else page for page in expected}
    assert expected <= set(urls), f"{query} ({why}): {urls}"
    assert all(url.startswith("/en/") for url in urls), urls  # the English index holds English pages only

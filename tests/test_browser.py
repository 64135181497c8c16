"""The built seeds site in headless Chromium: both editions, the switcher, Pagefind search, no JS errors.

One site (the session's `built_seeds`), one loopback HTTP server and one browser for the module.
Debian's Chromium is used as it is installed; no browser is ever downloaded.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .browsing import CHROMIUM, chromium, serve_directory

pytestmark = [pytest.mark.slow, pytest.mark.browser]

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found (Debian's chromium package; `make` installs it as root)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

ARTICLE_003 = "articles/003-0ac5d1cf285a5be9.html"

# query on the Arabic edition → seed numbers whose article pages must be among the results
ARABIC_SEARCHES = [
    ("المينورسو", {"003"}),
    ("مينورسو", {"003"}),           # no article: stemmed to the same word
    ("سلام", {"000", "001", "002"}),  # «حفظ السلام»: the article and proclitics are stemmed off
    ("الامم المتحدة", {"000", "002", "004"}),  # no hamza: «الأمم المتحدة», «للأمم المتحدة»
]
ENGLISH_SEARCHES = ["MINURSO", "Lacroix"]
TABS = 6

SEARCH_JS = """async (query) => {
    const pagefind = await import("/pagefind/pagefind.js");
    const search = await pagefind.search(query);
    return Promise.all(search.results.map(async (result) => (await result.data()).url));
}"""


@pytest.fixture(scope="module")
def site(built_seeds) -> Path:
    return built_seeds / "site"


@pytest.fixture(scope="module")
def base_url(site):
    with serve_directory(site) as url:
        yield f"{url}/"


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


class ErrorLog:
    """Console errors and uncaught exceptions of a page, each with the URL it happened on."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        page.on("console", lambda message: self.errors.append(f"{page.url}: console: {message.text}")
                if message.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: pageerror: {error}"))


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = ErrorLog(page).errors
    yield page
    context.close()


def search(page, query: str) -> list[str]:
    return page.evaluate(SEARCH_JS, query)


def seed_numbers(urls: list[str], prefix: str = "/articles/") -> set[str]:
    return {match.group(1) for url in urls if (match := re.match(re.escape(prefix) + r"(\d{3})-", url))}


def test_arabic_home_is_rtl_and_english_home_ltr(page, base_url):
    for path, lang, direction in (("index.html", "ar", "rtl"), ("en/index.html", "en", "ltr")):
        page.goto(base_url + path)
        assert page.evaluate("document.documentElement.lang") == lang
        assert page.evaluate("getComputedStyle(document.body).direction") == direction
        assert page.evaluate("getComputedStyle(document.querySelector('.md-content')).direction") == direction


def _switcher_cases(site: Path) -> list[str]:
    cases = [ARTICLE_003]
    stories = sorted(p for p in (site / "stories").glob("*.html") if p.name != "index.html")
    if stories:
        cases.append(f"stories/{stories[0].name}")
    return cases


def test_language_switcher_leads_to_the_same_page_in_english(page, base_url, site):
    for path in _switcher_cases(site):
        page.goto(base_url + path)
        arabic_heading = page.locator("article h1").first.inner_text()
        page.hover(".md-header .md-select")
        page.click("a.md-select__link[hreflang=en]")
        page.wait_for_load_state()
        assert page.url == base_url + "en/" + path
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.locator("article h1").first.inner_text() == arabic_heading  # the same article
        page.hover(".md-header .md-select")
        page.click("a.md-select__link[hreflang=ar]")
        page.wait_for_load_state()
        assert page.url == base_url + path


def test_material_search_is_off_and_pagefind_panel_is_in_the_header(page, base_url):
    for path in ("index.html", "en/" + ARTICLE_003):
        page.goto(base_url + path)
        assert page.locator("label[for=__search], .md-search").count() == 0
        assert page.locator("header #marsad-search > summary").count() == 1


@pytest.mark.parametrize("query, seeds", ARABIC_SEARCHES, ids=[q for q, _ in ARABIC_SEARCHES])
def test_arabic_search_finds_the_expected_articles(page, base_url, query, seeds):
    page.goto(base_url + "index.html")
    urls = search(page, query)
    assert seeds <= seed_numbers(urls), f"{query}: {urls}"
    assert not [url for url in urls if url.startswith("/en/")], f"{query} returned English pages: {urls}"


def test_arabic_search_ranks_the_minurso_article_first_among_articles(page, base_url):
    page.goto(base_url + "index.html")
    articles = [url for url in search(page, "المينورسو") if url.startswith("/articles/0")]
    assert articles[0] == "/" + ARTICLE_003


def test_arabic_search_finds_nothing_for_an_absent_word(page, base_url):
    page.goto(base_url + "index.html")
    assert search(page, "زلزال") == []


@pytest.mark.parametrize("query", ENGLISH_SEARCHES)
def test_english_search_returns_english_pages_only(page, base_url, query):
    page.goto(base_url + "en/index.html")
    urls = search(page, query)
    assert all(url.startswith("/en/") for url in urls), f"{query}: {urls}"
    if query == "MINURSO":
        assert "/en/topics/minurso.html" in urls and "/en/" + ARTICLE_003 in urls


@pytest.mark.parametrize("path, query, direction, expected", [
    (ARTICLE_003, "سلام", "rtl", "/articles/002-"),
    ("en/" + ARTICLE_003, "MINURSO", "ltr", "/en/topics/minurso.html"),
])
def test_search_panel_shows_results_in_the_page_direction(page, base_url, path, query, direction, expected):
    page.goto(base_url + path)
    page.click("#marsad-search > summary")
    page.fill("#marsad-search-ui input", query)
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15_000)
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "links => links.map(a => a.href)")
    assert any(expected in link for link in links), links
    for link in links:  # result links resolve on this server, from the root and from /en/ alike
        assert link.startswith(base_url)
    assert page.evaluate("getComputedStyle(document.querySelector('.pagefind-ui__form')).direction") == direction
    assert not page.errors, page.errors


def test_no_page_logs_a_javascript_error(browser, base_url, site):
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if not p.relative_to(site).as_posix().startswith("pagefind/"))
    assert "index.html" in pages and "en/index.html" in pages
    context = browser.new_context()
    tabs = [context.new_page() for _ in range(TABS)]
    errors = [ErrorLog(tab).errors for tab in tabs]
    try:
        for start in range(0, len(pages), TABS):  # a few tabs load at once
            batch = list(zip(tabs, pages[start:start + TABS]))
            for tab, path in batch:
                tab.goto(base_url + path, wait_until="commit")
            for tab, _ in batch:
                tab.wait_for_load_state("load")
        tabs[0].wait_for_timeout(300)  # late fetches of the last pages
    finally:
        context.close()
    found = [error for log in errors for error in log]
    assert not found, "\n".join(found)

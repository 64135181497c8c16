"""The built seeds site in headless Chromium: both editions, the switcher, Pagefind search, no JS errors.

One site (the session's `built_seeds`), one loopback HTTP server and one browser for the module.
Debian's Chromium is used as it is installed; no browser is ever downloaded.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .browsing import CHROMIUM, SEARCH_JS, chromium, serve_directory

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
        # the same article: its English page is headed in English and quotes the Arabic headline as the original
        assert any(arabic_heading in text for text in page.locator("article [lang=ar]").all_inner_texts())
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
    # the panel fills its results one by one as their data arrive: wait for the expected one (or time out)
    try:
        page.wait_for_function("expected => [...document.querySelectorAll('.pagefind-ui__result-link')]"
                               ".some(a => a.href.includes(expected))", arg=expected, timeout=15_000)
    except PlaywrightTimeout:
        pass  # the assertion below names what was shown
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


# ------------------------------------------------------------------ the site as a reader sees it
#
# A second build, shared by the tests below: the seeds with a sidecar `url:` for each article (so
# reports link their originals) and a site_url (so the Atom feeds exist), without PDFs. Every check
# runs in both editions at a desktop and a phone width.

WIDTHS = (1280, 390)
EDITIONS = ("", "en/")
ORIGINAL = "https://news.example.org/2023/11/{stem}.html"
# What a reader must never see: an article's file name, the word «sidecar», a path under content/.
MAINTAINER_TEXT = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b|[\w.-]+\.(?:txt|ya?ml|jsonl)\b|sidecar|\bcontent/",
                             re.IGNORECASE)
MAINTAINER_PAGES = ("report.html",)  # the build report is for whoever maintains the site


@pytest.fixture(scope="module")
def reader_build(tmp_path_factory):
    from generator.pipeline import build

    from .conftest import copy_project

    root = copy_project(tmp_path_factory.mktemp("reader"))
    for article in sorted((root / "content" / "articles").glob("*.txt")):
        sidecar = article.with_suffix(".yml")
        known = sidecar.read_text(encoding="utf-8") if sidecar.exists() else ""
        sidecar.write_text(known + f"\nurl: {ORIGINAL.format(stem=article.stem)}\n", encoding="utf-8")
    (root / "marsad.yml").write_text("site_url: https://marsad.example.org/\npdf: false\n", encoding="utf-8")
    return build(root)


@pytest.fixture(scope="module")
def reader_url(reader_build):
    with serve_directory(reader_build.site_dir) as url:
        yield f"{url}/"


def reader_pages(site: Path) -> list[str]:
    pages = (p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return sorted(p for p in pages if not p.startswith("pagefind/")
                  and p.removeprefix("en/") not in MAINTAINER_PAGES)


def briefing_story_links(tab) -> list[str]:
    """The story links of a briefing: the top stories' headlines, then each topic's one-line entries."""
    return tab.eval_on_selector_all(
        ".md-content .marsad-top > :is(h2, h3, h4) > a, .md-content .marsad-topic-stories li > a:first-child",
        "links => links.map(a => new URL(a.href).pathname)")


@pytest.mark.parametrize("width", WIDTHS)
def test_each_story_appears_once_on_home_and_digest_pages(browser, reader_build, reader_url, width):
    from generator.graph import SiteGraph
    from generator.render import page_url, story_page

    generated = reader_build.generated
    graph = SiteGraph.build(generated.config, generated.analysis)
    assert graph.digests, "the seeds have stories"
    briefings = [("index.html", graph.digests[0])] + [(f"digests/{d.key}.html", d) for d in graph.digests]
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    try:
        for edition in EDITIONS:
            for path, digest in briefings:
                tab.goto(reader_url + edition + path)
                links = briefing_story_links(tab)
                expected = sorted(f"/{edition}{page_url(story_page(s))}" for s in digest.stories)
                assert sorted(links) == expected, f"{edition}{path} at {width}px: {links}"
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_reader_pages_show_no_maintainer_detail_and_no_sideways_scroll(browser, reader_build, reader_url, width):
    pages = reader_pages(reader_build.site_dir)
    assert "index.html" in pages and "en/index.html" in pages and "404.html" in pages
    context = browser.new_context(viewport={"width": width, "height": 800})
    tabs = [context.new_page() for _ in range(TABS)]
    found = []
    try:
        for start in range(0, len(pages), TABS):
            batch = list(zip(tabs, pages[start:start + TABS]))
            for tab, path in batch:
                tab.goto(reader_url + path, wait_until="commit")
            for tab, path in batch:
                tab.wait_for_load_state("load")
                text, scroll, inner = tab.evaluate(
                    "[document.body.innerText, document.documentElement.scrollWidth, window.innerWidth]")
                found += [f"{path}: shows {m.group(0)!r}" for m in MAINTAINER_TEXT.finditer(text)]
                if scroll > inner:
                    found.append(f"{path}: {scroll}px wide in a {inner}px window")
        tabs[0].goto(reader_url + MAINTAINER_PAGES[0])  # the check reads what a page shows: the build report
        assert MAINTAINER_TEXT.search(tabs[0].evaluate("document.body.innerText"))  # names content/ files
    finally:
        context.close()
    assert not found, f"at {width}px:\n" + "\n".join(found)


@pytest.mark.parametrize("width", WIDTHS)
def test_home_to_story_to_report_to_its_original(browser, reader_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    try:
        for edition in EDITIONS:
            tab.goto(reader_url + edition + "index.html")
            tab.locator(".md-content .marsad-top > :is(h2, h3, h4) > a").first.click()
            tab.wait_for_load_state()
            assert re.search(rf"/{edition}stories/[^/]+\.html$", tab.url), tab.url
            report = tab.locator(".md-content .marsad-reports a[href*='articles/']").first
            report.click()
            tab.wait_for_load_state()
            assert re.search(rf"/{edition}articles/(\d{{3}})-[0-9a-f]+\.html$", tab.url), tab.url
            seed = re.search(r"/articles/(\d{3})-([0-9a-f]+)\.html$", tab.url)
            original = tab.locator(".md-content a.marsad-source-link").first
            assert original.is_visible()
            assert original.get_attribute("href") == ORIGINAL.format(stem=f"{seed[1]}_{seed[2]}")
            assert set(original.get_attribute("rel").split()) >= {"noopener", "nofollow"}
    finally:
        context.close()


def test_home_and_topic_pages_offer_their_atom_feeds(browser, reader_url):
    context = browser.new_context(viewport={"width": WIDTHS[-1], "height": 900})
    tab = context.new_page()
    failed = []  # Material fetches sitemap.xml beside every link[rel=alternate]: none may 404
    tab.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    try:
        for edition in EDITIONS:
            for path, feeds in (("index.html", {"feeds/digests.xml"}),
                                ("topics/minurso.html", {"feeds/minurso.xml", "feeds/digests.xml"})):
                tab.goto(reader_url + edition + path)
                tab.wait_for_timeout(300)  # Material's late fetches
                head = tab.eval_on_selector_all('head link[rel~=alternate][type="application/atom+xml"]',
                                                "links => links.map(l => l.href)")
                shown = tab.eval_on_selector_all('.md-content a[type="application/atom+xml"]',
                                                 "links => links.filter(a => a.offsetParent).map(a => a.href)")
                expected = {reader_url + edition + feed for feed in feeds}
                assert set(head) == expected and set(shown) == expected, (edition + path, head, shown)
                for href in expected:
                    response = tab.request.get(href)
                    assert response.ok and b"<feed xmlns=\"http://www.w3.org/2005/Atom\"" in response.body()
        assert not failed, failed
    finally:
        context.close()

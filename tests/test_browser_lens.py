"""The outlet lens on the dev corpus: a real build of ../shared/corpus/articles, each article with a
sidecar written from provenance.tsv (its original URL, whose host names the outlet, and its
publication time), has outlet pages and the lexicon page with their charts, reachable from the site
navigation; headless Chromium opens them in both editions and finds the charts and no script error.
One build for the module."""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from .browsing import chromium, serve_directory
from .conftest import corpus_project

pytestmark = [pytest.mark.slow, pytest.mark.browser]

EDITIONS = ("", "en/")
_CHART = re.compile(r'<svg class="marsad-chart"')


@pytest.fixture(scope="module")
def corpus_site(corpus, tmp_path_factory) -> Path:
    from generator.pipeline import build

    def sidecar(row: dict[str, str]) -> str:
        published = _iso(row["date"])
        return f'url: "{row["original_url"]}"\n' + (f'published: "{published}"\n' if published else "")

    root = corpus_project(tmp_path_factory.mktemp("corpus-lens"), corpus, sidecar)
    (root / "marsad.yml").write_text("pdf: false\n", encoding="utf-8")
    return build(root).site_dir


def _iso(stamp: str) -> str | None:
    """provenance.tsv's date («Tue, 27 Feb 2018 13:53:05 GMT» or «2015-07-23 19:29:15») as ISO."""
    try:
        moment = parsedate_to_datetime(stamp)
    except (TypeError, ValueError):
        try:
            moment = datetime.fromisoformat(stamp.strip())
        except ValueError:
            return None
    return moment.strftime("%Y-%m-%dT%H:%M")


def outlet_pages(site: Path, edition: str = "") -> list[Path]:
    return sorted(p for p in (site / edition / "outlets").glob("*.html") if p.name != "index.html")


@pytest.mark.parametrize("edition", EDITIONS, ids=["ar", "en"])
def test_outlet_and_lexicon_pages_have_charts(corpus_site, edition):
    """Several outlets of the corpus are known by their URL's host: each has a page with its reports
    per week drawn; the lexicon page draws each group's terms per outlet."""
    pages = outlet_pages(corpus_site, edition)
    assert len(pages) >= 4, [p.name for p in pages]  # Sky News Arabia, France 24, CNN, BBC at least
    for page in pages:
        assert _CHART.search(page.read_text(encoding="utf-8")), page.name
    index = (corpus_site / edition / "outlets" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{page.name}"' in index for page in pages)
    lexicon = (corpus_site / edition / "lexicon.html").read_text(encoding="utf-8")
    assert len(_CHART.findall(lexicon)) >= 3  # the corpus uses terms of several groups


@pytest.mark.parametrize("edition", EDITIONS, ids=["ar", "en"])
def test_outlets_and_lexicon_are_in_the_navigation(corpus_site, edition):
    for path in ("index.html", "stories/index.html"):
        html = (corpus_site / edition / path).read_text(encoding="utf-8")
        tabs = re.findall(r'href="([^"]*)" class="md-tabs__link', html)
        prefix = "../" if "/" in path else ""
        assert f"{prefix}outlets/index.html" in tabs and f"{prefix}lexicon.html" in tabs, (path, tabs)


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.mark.parametrize("edition", EDITIONS, ids=["ar", "en"])
def test_browser_opens_an_outlet_page_and_the_lexicon_from_the_navigation(browser, corpus_site, edition):
    """From the home page, the navigation leads to the outlets and the lexicon; the biggest outlet's
    page and the lexicon page show their SVG charts at a visible size, without a script error."""
    busiest = max(outlet_pages(corpus_site, edition), key=lambda p: p.stat().st_size)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda message: errors.append(f"{tab.url}: {message.text}") if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(f"{tab.url}: {error}"))
    try:
        with serve_directory(corpus_site) as url:
            tab.goto(f"{url}/{edition}index.html")
            tab.click('a.md-tabs__link[href$="outlets/index.html"]')
            tab.wait_for_load_state("load")
            assert tab.url == f"{url}/{edition}outlets/index.html"
            tab.click(f'article a[href="{busiest.name}"]')
            tab.wait_for_load_state("load")
            assert tab.url.endswith(f"/{edition}outlets/{busiest.name}")
            _assert_charts_drawn(tab)
            tab.click('a.md-tabs__link[href$="lexicon.html"]')
            tab.wait_for_load_state("load")
            assert tab.url == f"{url}/{edition}lexicon.html"
            _assert_charts_drawn(tab)
            assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()
    assert not errors, errors


def _assert_charts_drawn(tab) -> None:
    sizes = tab.evaluate("""[...document.querySelectorAll('article svg.marsad-chart')].map(svg => {
        const box = svg.getBoundingClientRect();
        return [box.width, box.height, svg.querySelectorAll('rect').length];
    })""")
    assert all(width > 5 and height > 5 and rects >= 1 for width, height, rects in sizes), (tab.url, sizes)
    assert any(width > 200 for width, _, _ in sizes), (tab.url, sizes)  # a chart, not only legend swatches

"""The outlet lens in a real build of the seeds: story pages show how each outlet told it and what
the wire copy changed, every paragraph link lands on an anchor that exists, outlet and lexicon
pages carry their charts, in both editions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

STORY = "stories/s-002-e0df584a8c6800d2.html"  # the seeds' story of three reports, one a wire copy
EDITIONS = {"": ("كيف روتها المنابر", "ما غيرته النسخ عن نص الوكالة"),
            "en/": ("How outlets told it", "What the wire copies changed")}
_LINK = re.compile(r'href="([^"#]+\.html)#(p\d+-[0-9a-f]{6})"')


def _article(html: str) -> str:
    """The page's own content (the table of contents repeats its headings)."""
    return html[html.index("<article"):html.index("</article>")]


@pytest.fixture(scope="module")
def site(built_seeds) -> Path:
    return built_seeds / "site"


@pytest.mark.parametrize("edition", EDITIONS, ids=["ar", "en"])
def test_story_page_shows_the_outlets_and_the_wire_changes(site, edition):
    html = _article((site / edition / STORY).read_text(encoding="utf-8"))
    lens_heading, diff_heading = EDITIONS[edition]
    assert lens_heading in html and diff_heading in html
    lens = html[html.index(lens_heading):html.index(diff_heading)]
    assert lens.count("<tr") == 4  # a header row and one row per report
    assert lens.count('class="marsad-first"') == 1  # 24 Saa's copy has the only publication time
    assert "صاحب الجلالة الملك محمد السادس" in lens and "الملك محمد السادس" in lens  # the two wordings
    changes = html[html.index(diff_heading):]
    assert "<del>اليوم</del>" in changes and "<ins>أمس</ins>" in changes
    assert "<del>للملك</del>" in changes and "<ins>لصاحب الجلالة الملك</ins>" in changes
    assert "و التعاون" not in changes.split("</div>")[0]  # spelling noise is counted, not shown


@pytest.mark.parametrize("edition", EDITIONS, ids=["ar", "en"])
def test_every_paragraph_link_lands_on_an_anchor(site, edition):
    page = site / edition / STORY
    links = _LINK.findall(page.read_text(encoding="utf-8"))
    assert len(links) >= 8  # wording choices, wire changes and quotes
    for target, anchor in links:
        article = (page.parent / target).resolve()
        assert f'id="{anchor}"' in article.read_text(encoding="utf-8"), (target, anchor)


def test_article_paragraph_ids_are_unique(site):
    html = (site / "articles" / "002-e0df584a8c6800d2.html").read_text(encoding="utf-8")
    ids = re.findall(r'<p id="(p\d+-[0-9a-f]{6})"', html)
    assert len(ids) >= 10 and len(ids) == len(set(ids))


@pytest.mark.parametrize("edition", EDITIONS, ids=["ar", "en"])
def test_outlet_and_lexicon_pages_have_charts_and_no_script(site, edition):
    for path in ("outlets/index.html", "outlets/24saa.html", "lexicon.html"):
        body = _article((site / edition / path).read_text(encoding="utf-8"))
        assert "<script" not in body
        if path != "outlets/index.html":
            assert "<svg" in body and "<rect" in body


_CITE = re.compile(r'<a class="marsad-cite" href="([^"#]+\.html)#(p\d+-[0-9a-f]{6})"')


def _lands(page: Path, target: str, anchor: str) -> bool:
    return f'id="{anchor}"' in (page.parent / target).resolve().read_text(encoding="utf-8")


@pytest.mark.parametrize("edition", EDITIONS, ids=["ar", "en"])
def test_each_summary_sentence_and_figure_links_to_its_paragraph(site, edition):
    """The story's three summary sentences and two key figures each link to an anchor that exists;
    in English, the generated summary's key figures too (its dates and names map to no paragraph)."""
    page = site / edition / STORY
    html = _article(page.read_text(encoding="utf-8"))
    summary = html[html.index('class="marsad-summary"'):]
    summary = summary[:summary.index("</div>")]
    sentences = re.findall(r"<p>(.*?)</p>", summary, re.S)
    assert len(sentences) == 3 and all(len(_CITE.findall(s)) == 1 for s in sentences)
    figures = html[html.index('class="marsad-figures"'):]
    figures = figures[:figures.index("</ul>")]
    assert figures.count("<li>") == len(_CITE.findall(figures)) == 2
    if edition:
        english = html[html.index('class="marsad-english-summary"'):]
        english = english[:english.index("</div>")]
        assert len(_CITE.findall(next(p for p in english.split("<p>") if p.startswith("Key figures")))) == 2
    links = _CITE.findall(html)
    assert links and all(_lands(page, target, anchor) for target, anchor in links)


@pytest.mark.parametrize("edition", EDITIONS, ids=["ar", "en"])
def test_summary_links_on_topic_and_digest_pages_land(site, edition):
    """Cards on the home, topic and digest pages link their sentence to its paragraph."""
    root = site / edition
    pages = [root / "index.html", *sorted((root / "topics").glob("*.html")), *sorted((root / "digests").glob("*.html"))]
    linked = {p.parent.name if p.parent != root else "home": 0 for p in pages}
    for page in pages:
        links = _CITE.findall(page.read_text(encoding="utf-8"))
        for target, anchor in links:
            assert _lands(page, target, anchor), (page, target, anchor)
        linked[page.parent.name if page.parent != root else "home"] += len(links)
    assert all(linked.values()), linked  # home, topics and digests each link some sentence

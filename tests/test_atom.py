"""Atom feeds for readers (generator/atom.py): one per topic and one of the digests in each edition.

Generated (no MkDocs) from the seeds and from the hostile corpus of tests/hostile, each with a
site_url; the feeds are read back with lxml and feedparser, as a feed reader would.
"""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from generator.pipeline import generate

from .conftest import copy_project
from .test_hostile import make_articles

SITE_URL = "https://marsad.example.org/news"
ATOM = "{http://www.w3.org/2005/Atom}"
# Every element a Marsad feed may hold; anything else (a <script>, an <img>) came from an article.
ATOM_ELEMENTS = {f"{ATOM}{name}" for name in ("feed", "id", "title", "subtitle", "updated", "author", "name",
                                              "uri", "link", "generator", "entry", "summary", "category",
                                              "published")}
ISO_MOMENT = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$")


def project(tmp_path_factory, name: str, settings: str, articles: Path | None = None) -> Path:
    root = copy_project(tmp_path_factory.mktemp(name), articles=articles)
    (root / "marsad.yml").write_text(settings, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    root = project(tmp_path_factory, "feeds", f"site_url: {SITE_URL}\npdf: false\n")
    first = generate(root)
    second = generate(root)
    return {"root": root, "first": first, "second": second, "docs": root / "build" / "docs"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    top = tmp_path_factory.mktemp("hostile-feeds")
    articles = top / "incoming"
    make_articles(articles)
    # Characters XML 1.0 forbids and a bidi override, in a headline (its story may take another's).
    (articles / "controls.txt").write_text("خبر \x0b عن \x1b المينورسو \u202e مقلوب\n\n"
                                           "وقالت بعثة الأمم المتحدة لحفظ السلام في الصحراء إن المشاورات مستمرة "
                                           "مع جميع الأطراف من أجل التوصل إلى حل سياسي.\n", encoding="utf-8")
    for name in ("01-script.yml", "controls.yml"):  # dated, so their stories are in the feeds
        with (articles / name).open("a", encoding="utf-8") as sidecar:
            sidecar.write("\npublished: 2023-11-29\n")
    root = project(tmp_path_factory, "hostile-project", f"site_url: {SITE_URL}/\npdf: false\n", articles)
    generate(root)
    return root / "build" / "docs"


def feeds_of(docs: Path) -> list[Path]:
    return sorted(docs.glob("*/feeds/*.xml"))


def test_each_edition_has_a_feed_per_topic_and_one_of_the_digests(seeds):
    from generator.config import load_config

    config = load_config(seeds["root"])
    expected = {f"{language}/feeds/{name}.xml" for language in config.settings.languages
                for name in [*(t.id for t in config.topics), "digests"]}
    assert {p.relative_to(seeds["docs"]).as_posix() for p in feeds_of(seeds["docs"])} == expected


def test_feeds_link_real_pages_at_site_url_in_their_edition(seeds):
    docs = seeds["docs"]
    for path in feeds_of(docs):
        language = path.parent.parent.name
        edition = f"{SITE_URL}/" if language == "ar" else f"{SITE_URL}/{language}/"
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
        assert parsed.version == "atom10"
        assert parsed.feed.id == f"{edition}feeds/{path.name}"
        links = {link.rel: link.href for link in parsed.feed.links}
        assert links["self"] == parsed.feed.id
        for href in [links["alternate"], *(entry.link for entry in parsed.entries)]:
            assert href.startswith(edition), href
            page = href[len(edition):].removesuffix(".html") + ".md"
            assert (docs / language / page).is_file(), f"{path.name} links {href}, which is no page"
        root = etree.parse(str(path)).getroot()
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == language


def test_topic_feeds_hold_the_topic_stories_newest_first_with_edition_headlines(seeds):
    from generator.config import load_config
    from generator.graph import SiteGraph
    from generator.render import Renderer

    config = load_config(seeds["root"])
    graph = SiteGraph.build(config, seeds["first"].analysis)
    checked = 0
    for language in config.settings.languages:
        renderer = Renderer(graph, language)
        for topic in config.topics:
            parsed = feedparser.parse((seeds["docs"] / language / "feeds" / f"{topic.id}.xml").read_bytes())
            dated = [s for s in graph.topic_stories(topic.id) if s.last_day]
            assert [e.title for e in parsed.entries] == [renderer.headline(s) for s in dated]
            days = [e.updated for e in parsed.entries]
            assert days == sorted(days, reverse=True)
            assert all(topic.id in {tag.term for tag in e.tags} for e in parsed.entries)
            checked += len(parsed.entries)
    assert checked, "no story in any topic feed: the seeds should give some"


def test_digest_feed_lists_dated_periods_with_their_top_stories(seeds):
    for language in ("ar", "en"):
        parsed = feedparser.parse((seeds["docs"] / language / "feeds" / "digests.xml").read_bytes())
        assert parsed.entries, "the seeds have a dated period"
        assert all("/digests/" in e.link and "undated" not in e.link for e in parsed.entries)
        assert all(e.summary for e in parsed.entries)


def test_dates_come_from_the_articles_so_a_second_run_rewrites_no_feed(seeds):
    for path in feeds_of(seeds["docs"]):
        root = etree.parse(str(path)).getroot()
        for moment in root.iter(f"{ATOM}updated", f"{ATOM}published"):
            assert ISO_MOMENT.match(moment.text), moment.text
    assert [p for p in seeds["first"].written.written if "/feeds/" in p]
    assert not [p for p in seeds["second"].written.written if "/feeds/" in p]


def test_pages_link_their_feeds_in_the_head_and_visibly(seeds):
    docs = seeds["docs"]
    topic = (docs / "ar" / "topics" / "minurso.md").read_text(encoding="utf-8")
    home = (docs / "en" / "index.md").read_text(encoding="utf-8")
    front = topic.split("---")[1]
    assert 'href: "../feeds/minurso.xml"' in front and 'href: "../feeds/digests.xml"' in front
    assert '<a href="../feeds/minurso.xml" type="application/atom+xml">' in topic
    assert '<a href="feeds/digests.xml" type="application/atom+xml">' in home
    main = (Path(__file__).parent.parent / "overrides" / "main.html").read_text(encoding="utf-8")
    assert 'rel="alternate feed" type="application/atom+xml"' in main


def test_without_site_url_no_feed_is_written_and_no_page_links_one(tmp_path_factory):
    root = project(tmp_path_factory, "no-url", "pdf: false\n")
    generate(root)
    docs = root / "build" / "docs"
    assert not feeds_of(docs)
    assert not [p for p in docs.rglob("*.md") if "feeds/" in p.read_text(encoding="utf-8")]
    # the build report says why, in each edition; with site_url (the seeds fixture) it does not
    assert "site_url" in (docs / "ar" / "report.md").read_text(encoding="utf-8")
    assert "No Atom feeds and no sitemap" in (docs / "en" / "report.md").read_text(encoding="utf-8")


def test_hostile_text_stays_text_in_every_feed(hostile):
    titles = []
    for path in feeds_of(hostile):
        root = etree.parse(str(path)).getroot()  # well-formed, or this raises
        assert {element.tag for element in root.iter()} <= ATOM_ELEMENTS, path
        for element in root.iter():
            assert not set(element.attrib) - {"href", "rel", "type", "term", "label",
                                              "{http://www.w3.org/XML/1998/namespace}lang"}, path
            assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\u202a-\u202e\u2066-\u2069]", element.text or "")
            for attribute in ("href",):
                value = element.get(attribute)
                if value is not None:
                    assert value.startswith(f"{SITE_URL}/"), f"{path}: {value}"
        titles += [t.text for t in root.iter(f"{ATOM}title")]
    # the hostile headlines are there, as the characters they are made of
    assert any("<script>alert('front matter');window.__pwned=1</script>" in (t or "") for t in titles), titles
    assert any("{{ config.site_name }} <img src=x onerror=alert('title_en')>" in (t or "") for t in titles), titles


@pytest.mark.parametrize("label, text, expected", [
    # XML 1.0 allows DEL, but every printed value loses control characters (safety.visible)
    ("controls XML 1.0 forbids, and DEL", "خبر\x00 عن\x0b\x1b المينورسو\x7f", "خبر عن المينورسو"),
    ("bidi override and zero-width space", "invoice\u202efdp.exe\u200b", "invoicefdp.exe"),
    ("markup is text; the serializer escapes it", "<b>&amp;</b>", "<b>&amp;</b>"),
    ("tab and newline are allowed XML", "a\tb\nc", "a\tb\nc"),
])
def test_feed_text_loses_only_what_xml_or_a_reader_cannot_take(label, text, expected):
    from generator.atom import _text

    assert _text(text) == expected


def test_with_site_url_the_report_does_not_ask_for_it(seeds):
    assert "No Atom feeds and no sitemap" not in (seeds["docs"] / "en" / "report.md").read_text(encoding="utf-8")

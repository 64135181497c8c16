"""The real site, built by `marsad build` with MkDocs + Material from the sample corpus."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.analyze import analyze
from generator.config import load_config

pytestmark = pytest.mark.slow


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.html_attrs: dict[str, str] = {}
        self.body_attrs: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        elif tag == "html":
            self.html_attrs = attrs
        elif tag == "body":
            self.body_attrs = attrs


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_arabic_edition_is_rtl(built_seeds):
    page = parse(built_seeds / "site" / "index.html")
    assert page.html_attrs.get("lang") == "ar"
    assert page.body_attrs.get("dir") == "rtl"


def test_every_topic_page_links_every_article_in_it(built_seeds):
    analysis = analyze(load_config(built_seeds))
    site = built_seeds / "site"
    for topic in load_config(built_seeds).topics:
        expected = {f"../articles/{a.id}.html" for a in analysis.articles if topic.id in a.topic_ids}
        links = set(parse(site / "topics" / f"{topic.id}.html").hrefs)
        assert expected <= links, f"{topic.id} misses {expected - links}"


def test_every_internal_link_resolves(built_seeds):
    site = built_seeds / "site"
    for page in site.rglob("*.html"):
        for href in parse(page).hrefs:
            if re.match(r"^(https?:|mailto:|#|javascript:)", href) or href.startswith("/"):
                continue
            target = (page.parent / href.split("#")[0]).resolve()
            assert target.exists(), f"{page.relative_to(site)} links to missing {href}"


def test_article_page_shows_the_clean_text_and_why_it_is_in_each_topic(built_seeds):
    html = (built_seeds / "site" / "articles" / "002-e0df584a8c6800d2.html").read_text(encoding="utf-8")
    assert "وأشاد الدبلوماسي الأممي بالجهود الحثيثة" in html
    assert "بنعبد الله يدعو لتعميق الحوار" not in html
    assert "إسم المستخدم أو البريد الإلكتروني" not in html
    assert "حفظ السلام" in html and "../topics/peacekeeping.html" in html


def test_hand_written_page_is_published_and_never_overwritten(built_seeds):
    source = built_seeds / "content" / "pages" / "about.md"
    before = source.read_bytes()
    assert "عن المرصد" in (built_seeds / "site" / "about.html").read_text(encoding="utf-8")
    assert source.read_bytes() == before


def test_generator_writes_nothing_into_content(built_seeds):
    content = built_seeds / "content"
    assert not list(content.rglob("*.html"))
    assert not (content / "articles" / "index.md").exists()


def pagefind_fragments(site: Path, language: str) -> dict[str, dict]:
    """Pagefind's stored page records ({url: {content, meta, ...}}) for one language index."""
    import gzip
    import json

    fragments = {}
    for path in (site / "pagefind" / "fragment").glob(f"{language}_*.pf_fragment"):
        record = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        fragments[record["url"]] = record
    return fragments


def test_search_index_holds_the_arabic_bodies_and_not_the_navigation(built_seeds):
    site = built_seeds / "site"
    arabic = pagefind_fragments(site, "ar")
    article = arabic["/articles/002-e0df584a8c6800d2.html"]
    assert "وأشاد الدبلوماسي الأممي بالجهود الحثيثة" in article["content"]
    assert "تقرير البناء" not in article["content"]  # a navigation tab, outside data-pagefind-body
    assert not [url for url in arabic if url.startswith("/en/")]
    english = pagefind_fragments(site, "en")
    assert "/en/articles/002-e0df584a8c6800d2.html" in english
    assert all(url.startswith("/en/") for url in english)


class _Switcher(HTMLParser):
    """The header's language switcher: {language: href}."""

    def __init__(self):
        super().__init__()
        self.links: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "md-select__link" in (attrs.get("class") or "").split():
            self.links[attrs["hreflang"]] = attrs["href"]


def switcher(site: Path, page: str) -> dict[str, str]:
    """Where each entry of a page's language switcher leads: {language: page path from the site root}."""
    parser = _Switcher()
    parser.feed((site / page).read_text(encoding="utf-8"))
    leads = {}
    for language, href in parser.links.items():
        target = site / href.lstrip("/") if href.startswith("/") else (site / page).parent / href
        assert target.is_file(), f"{page}: the {language} switcher link {href} leads nowhere"
        leads[language] = target.resolve().relative_to(site.resolve()).as_posix()
    return leads


def counterpart_cases(site: Path) -> list[str]:
    stories = sorted(p.name for p in (site / "stories").glob("*.html") if p.name != "index.html")
    assert stories, "the sample corpus makes no story page"
    return ["index.html", "articles/002-e0df584a8c6800d2.html", f"stories/{stories[0]}", "topics/index.html"]


def test_language_switcher_of_every_edition_leads_to_the_same_page_in_each_edition(built_seeds):
    site = built_seeds / "site"
    for page in counterpart_cases(site):
        expected = {"ar": page, "en": f"en/{page}"}
        for edition in expected.values():
            assert switcher(site, edition) == expected, edition


def test_not_found_page_switcher_leads_to_each_edition_home(built_seeds):
    assert switcher(built_seeds / "site", "404.html") == {"ar": "index.html", "en": "en/index.html"}


def test_each_edition_has_a_not_found_page_in_its_language(built_seeds):
    """The root is the Arabic edition, so its 404 is Arabic; the English one is under /en/."""
    site = built_seeds / "site"
    for page, language, heading in (("404.html", "ar", "الصفحة غير موجودة"), ("en/404.html", "en", "Page not found")):
        parsed = parse(site / page)
        assert parsed.html_attrs.get("lang") == language, page
        assert f"<h1>{heading}</h1>" in (site / page).read_text(encoding="utf-8"), page
    assert switcher(site, "en/404.html") == {"ar": "index.html", "en": "en/index.html"}


def test_no_sitemap_without_a_site_url(built_seeds):
    """The seeds set no site_url: a sitemap could only list wrong URLs ("Noneindex.html")."""
    site = built_seeds / "site"
    assert not (site / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists()


def test_sitemap_lists_real_urls_with_a_site_url(tmp_path):
    """With marsad.yml's site_url, the sitemap lists every page of both editions at its public URL."""
    import gzip

    from generator.pipeline import build

    from .conftest import copy_project

    root = copy_project(tmp_path)
    (root / "marsad.yml").write_text("site_url: https://example.org/marsad\npdf: false\n", encoding="utf-8")
    build(root)
    site = root / "site"
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == text
    locations = re.findall(r"<loc>([^<]*)</loc>", text)
    assert "https://example.org/marsad/index.html" in locations
    assert "https://example.org/marsad/en/index.html" in locations
    assert len(locations) == len(set(locations))
    for location in locations:
        assert location.startswith("https://example.org/marsad/"), location
        assert (site / location.removeprefix("https://example.org/marsad/")).is_file(), location
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")} - {"404.html", "en/404.html"}
    assert {location.removeprefix("https://example.org/marsad/") for location in locations} == pages


def reader_pages(site: Path) -> list[Path]:
    """Every page of both editions but the build report, which is for whoever maintains the site."""
    return sorted(p for p in site.rglob("*.html") if p.name != "report.html" and "pagefind" not in p.parts)


def test_no_reader_page_shows_maintainer_detail(built_seeds):
    """File names, hint origins («sidecar») and paths under content/ belong to the build report."""
    site = built_seeds / "site"
    articles = built_seeds / "content" / "articles"
    names = [p.name for p in articles.iterdir()] + [p.stem for p in articles.iterdir()]
    assert names, "the seeds have article files"
    pages = reader_pages(site)
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for detail in ("sidecar", "content/", "reference_date", *names):
            assert detail not in html, f"{page.relative_to(site)} shows {detail!r}"


def test_build_report_is_in_the_footer_not_a_tab(built_seeds):
    site = built_seeds / "site"
    for page, report in (("index.html", "report.html"), ("articles/index.html", "../report.html"),
                         ("en/index.html", "report.html"), ("en/stories/index.html", "../report.html")):
        html = (site / page).read_text(encoding="utf-8")
        tabs = re.findall(r'href="([^"]*)" class="md-tabs__link', html)
        assert tabs and not [tab for tab in tabs if tab.endswith("report.html")], page
        assert f'href="{report}" class="marsad-report-link"' in html, page
        assert ((site / page).parent / report).resolve().is_file()


def test_ids_in_right_to_left_text_are_isolated(built_seeds):
    """«001-f654b9944e0dc977, 002-e0df584a8c6800d2» in an Arabic table cell reordered into
    «f654b9944e0dc977, 002-e0df584a8c6800d2-001»: each id is isolated, left to right."""
    site = built_seeds / "site"
    html = (site / "report.html").read_text(encoding="utf-8")
    cells = re.findall(r'<a href="articles/[^"]+\.html">(.*?)</a>', html)
    assert cells, "the seeds' build report links the articles of its candidates"
    assert all(re.fullmatch(r'<bdi dir="ltr">[0-9a-z-]+</bdi>', cell) for cell in cells), cells


def test_a_report_title_and_its_outlet_are_apart(built_seeds):
    """The outlet and day follow a report's title in an element of their own, never run into it."""
    site = built_seeds / "site"
    for page in ("index.html", "stories/s-002-e0df584a8c6800d2.html", "topics/peacekeeping.html",
                 "en/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        items = re.findall(r'<li class="marsad-report">(.*?)</li>', html, re.S)
        assert items, page
        for item in items:
            assert re.fullmatch(r'<a [^>]+>[^<]+</a> <span class="marsad-report-meta">.+</span>', item, re.S), item

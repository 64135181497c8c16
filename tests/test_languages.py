"""A third language by the README's "Add a language" steps: one catalog, one settings entry.

The project is copied to a temp folder and built there with its own copy of the
generator (`python -m generator.cli` run in that folder), as a user would.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest
import yaml
from babel.messages.pofile import read_po, write_po

from .conftest import copy_project
from .test_site import switcher

pytestmark = pytest.mark.slow

FRENCH = {"Topics": "Thèmes", "Latest articles": "Derniers articles"}
UNTRANSLATED = "Build report"  # left empty in the catalog: shown as the English msgid
ARABIC_ONLY = "arabic-only.md"  # a hand-written page with no English or French version


def add_french(root) -> None:
    locales = root / "generator" / "locales"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "init", "-i", str(locales / "messages.pot"),
                    "-d", str(locales), "-l", "fr"], check=True, capture_output=True)
    po_path = locales / "fr" / "LC_MESSAGES" / "messages.po"
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale="fr")
    for msgid, msgstr in FRENCH.items():
        assert msgid in catalog, f"{msgid!r} is not in messages.pot"
        catalog[msgid].string = msgstr
    with po_path.open("wb") as handle:
        write_po(handle, catalog)
    settings_path = root / "marsad.yml"
    settings = yaml.safe_load(settings_path.read_text(encoding="utf-8")) if settings_path.exists() else None
    settings = settings or {}
    settings["languages"] = [*settings.get("languages", ["ar", "en"]), "fr"]
    settings["pdf"] = False  # PDFs are tested elsewhere; this keeps the test fast
    settings_path.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    (root / "content" / "pages" / "about.fr.md").write_text("# À propos\n\nMarsad en français.\n", encoding="utf-8")
    (root / "content" / "pages" / ARABIC_ONLY).write_text("# صفحة بالعربية فقط\n", encoding="utf-8")


@pytest.fixture(scope="module")
def french_site(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("french"))
    add_french(root)
    result = subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(root), "build"],
                            cwd=root, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "site"


def html_lang(path) -> str | None:
    match = re.search(r'<html[^>]*\blang="([^"]+)"', path.read_text(encoding="utf-8"))
    return match.group(1) if match else None


def test_french_edition_is_built_under_fr(french_site):
    for page in ("index.html", "articles/index.html", "articles/003-0ac5d1cf285a5be9.html", "about.html"):
        assert html_lang(french_site / "fr" / page) == "fr", page
    assert html_lang(french_site / "index.html") == "ar"
    assert html_lang(french_site / "en" / "index.html") == "en"


def test_french_catalog_strings_are_used_and_the_rest_falls_back_to_english(french_site):
    home = (french_site / "fr" / "index.html").read_text(encoding="utf-8")
    assert "Thèmes" in home and "Derniers articles" in home
    assert UNTRANSLATED in (french_site / "fr" / "report.html").read_text(encoding="utf-8")
    assert "UN peacekeeping" in home  # topic names: the English of topics.yml


def test_every_page_links_to_its_french_counterpart(french_site):
    article = (french_site / "articles" / "003-0ac5d1cf285a5be9.html").read_text(encoding="utf-8")
    assert 'href="../fr/articles/003-0ac5d1cf285a5be9.html" hreflang="fr"' in article


def test_french_pages_have_their_own_search_index(french_site):
    assert list((french_site / "pagefind").glob("pagefind.fr_*.pf_meta"))


def test_every_edition_switcher_leads_to_the_same_page_in_the_three_editions(french_site):
    for page in ("index.html", "articles/003-0ac5d1cf285a5be9.html", "about.html"):
        expected = {"ar": page, "en": f"en/{page}", "fr": f"fr/{page}"}
        for edition in expected.values():
            assert switcher(french_site, edition) == expected, edition


def test_a_page_missing_from_an_edition_switches_to_that_edition_home(french_site):
    assert switcher(french_site, "arabic-only.html") == {"ar": "arabic-only.html", "en": "en/index.html",
                                                         "fr": "fr/index.html"}
    assert not (french_site / "en" / "arabic-only.html").exists()


def test_a_failing_edition_is_named_with_the_mkdocs_error_and_leaves_no_folder(french_site, tmp_path, monkeypatch):
    from dataclasses import replace

    import generator.i18n
    from generator.config import load_config
    from generator.pipeline import BuildError, run_mkdocs

    # The project copy carries the French catalog; this process imports the repository's generator.
    monkeypatch.setattr(generator.i18n, "LOCALES", french_site.parent / "generator" / "locales")
    config = load_config(french_site.parent)
    config = replace(config, settings=replace(config.settings, languages=(*config.settings.languages, "de")))
    output = tmp_path / "site"
    with pytest.raises(BuildError) as failure:
        run_mkdocs(config, output)
    assert str(failure.value) == ("mkdocs build of the 'de' edition failed:\n"
                                  "ERROR   -  MARSAD_EDITION=de: not one of marsad.yml languages ['ar', 'en', 'fr']")
    assert [p.name for p in tmp_path.iterdir() if p.name != "site"] == []  # no edition folder left beside it


# ------------------------------------------------------------------ the English edition in English (issue 15)

class _Letters(HTMLParser):
    """Latin and Arabic letters of a page's content region (``data-pagefind-body``, else Material's
    ``md-content__inner``), and the Arabic
    letters that stand outside any element marked ``lang="ar"``."""

    VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str | None, bool]] = []  # tag, lang, opens the content region
        self.inside = 0
        self.latin = self.arabic = self.unmarked_arabic = 0
        self.unmarked: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        # Pagefind's region, or Material's content element on pages kept out of the index (listings, digests)
        region = "data-pagefind-body" in attrs or "md-content__inner" in (attrs.get("class") or "").split()
        self.inside += region
        self.stack.append((tag, attrs.get("lang"), region))

    def handle_endtag(self, tag):
        while self.stack:
            name, _, region = self.stack.pop()
            self.inside -= region
            if name == tag:
                break

    def handle_data(self, data):
        if not self.inside:
            return
        latin = len(re.findall(r"[A-Za-z]", data))
        arabic = len(re.findall(r"[\u0621-\u064A]", data))
        self.latin += latin
        self.arabic += arabic
        lang = next((lang for _, lang, _ in reversed(self.stack) if lang), None)
        if arabic and lang != "ar":
            self.unmarked_arabic += arabic
            self.unmarked.append(data.strip()[:60])


def letters(path) -> _Letters:
    parser = _Letters()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def latin_share(text: str) -> float:
    latin, arabic = len(re.findall(r"[A-Za-z]", text)), len(re.findall(r"[\u0621-\u064A]", text))
    return latin / (latin + arabic) if latin + arabic else 0.0


def headline(path) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", path.read_text(encoding="utf-8"), re.S)
    assert match, f"{path}: no h1"
    return re.sub(r"<[^>]+>", "", match.group(1))


def story_and_article_pages(site, edition):
    for folder in ("stories", "articles"):
        yield from (p for p in (site / edition / folder).glob("*.html") if p.name != "index.html")


@pytest.mark.parametrize("edition", ["en", "fr"])
def test_english_story_and_article_pages_have_english_headlines(french_site, edition):
    """Every story and article page of an edition other than Arabic opens with an English headline (a
    third language shows the English, as it shows the English names)."""
    pages = list(story_and_article_pages(french_site, edition))
    assert len(pages) >= 6  # the seeds: five articles and one story of several reports
    for page in pages:
        assert latin_share(headline(page)) >= 0.8, (page.name, headline(page))


def test_the_seed_headlines_name_who_met_and_where(french_site):
    story = headline(french_site / "en" / "stories" / "s-002-e0df584a8c6800d2.html")
    assert "Lacroix" in story and ("Bourita" in story or "Rabat" in story), story
    assert "de Mistura" in headline(french_site / "en" / "articles" / "004-aa262c0e924b8567.html")


def test_english_pages_say_the_english_is_generated_and_link_the_arabic(french_site):
    page = french_site / "en" / "stories" / "s-002-e0df584a8c6800d2.html"
    html = page.read_text(encoding="utf-8")
    assert "English generated from the Arabic reports" in html
    link = re.search(r'<a href="([^"]+)" hreflang="ar">Read the Arabic original</a>', html)
    assert link and (page.parent / link.group(1)).resolve() == (french_site / "stories" / page.name).resolve()
    assert (page.parent / link.group(1)).is_file()


def english_pages(site):
    """Every page of the English edition (its 404 page included)."""
    pages = sorted((site / "en").rglob("*.html"))
    assert len(pages) >= 40, len(pages)
    return pages


def test_every_english_page_has_an_english_headline(french_site):
    """Topic, digest, entity, resolution, report, outlet and lexicon pages as much as stories and articles."""
    for page in english_pages(french_site):
        assert latin_share(headline(page)) >= 0.8, (str(page.relative_to(french_site)), headline(page))


def test_arabic_on_english_pages_is_only_marked_originals(french_site):
    """Arabic stands only in elements marked lang="ar" (article text, quotes, Arabic headlines and
    spellings, the outlets' wording), on every English page."""
    unmarked = {str(page.relative_to(french_site)): found.unmarked
                for page in english_pages(french_site) if (found := letters(page)).unmarked_arabic}
    assert unmarked == {}


def test_the_english_home_page_reads_as_english(french_site):
    found = letters(french_site / "en" / "index.html")
    share = found.latin / (found.latin + found.arabic)
    assert share >= 0.8, f"English home page: {share:.0%} Latin letters"


def test_the_arabic_edition_keeps_arabic_headlines(french_site):
    for page in story_and_article_pages(french_site, "."):
        assert latin_share(headline(page)) < 0.2, page.name

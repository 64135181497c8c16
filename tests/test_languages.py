"""A third language by the README's "Add a language" steps: one catalog, one settings entry.

The project is copied to a temp folder and built there with its own copy of the
generator (`python -m generator.cli` run in that folder), as a user would.
"""

from __future__ import annotations

import re
import subprocess
import sys

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

"""The search stage: one Pagefind process per edition, joined into one bundle."""

import gzip
import json

import pytest

from generator.search import _run_pagefind, search_page, summary


def test_one_bundle_lists_both_editions_with_their_files(built_seeds):
    bundle = built_seeds / "site" / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["ar", "en"]
    for code, language in entry["languages"].items():
        assert language["page_count"] > 0
        assert (bundle / f"pagefind.{language['hash']}.pf_meta").is_file()
        assert (bundle / f"wasm.{language['wasm']}.pagefind").is_file()
        assert any((bundle / "index").glob(f"{code}_*.pf_index"))
    assert not any(p.name.startswith(".pagefind-") for p in (built_seeds / "site").iterdir())


def test_summary_adds_up_the_runs():
    runs = "Indexed 1 language\nIndexed 12 pages\n\nIndexed 1 language\nIndexed 10 pages\nIndexed 0 filters"
    assert summary(runs) == "2 languages, 22 pages, 0 filters"
    assert summary("Indexed 1 language\nIndexed 1 page") == "1 language, 1 page"


def _records(bundle) -> dict[str, dict]:
    records = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        record = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        records[record["url"]] = record
    return records


def test_the_reduced_pages_give_the_index_of_the_whole_pages(built_seeds, tmp_path):
    """Pagefind reads each page cut down to its search region; run on the whole built pages
    instead, it must store the same records (content, title, anchors, languages)."""
    site = built_seeds / "site"
    whole = tmp_path / "whole"
    _run_pagefind(site, whole)  # the site as built, theme and all (its own bundle folder is not HTML)
    reduced, full = _records(site / "pagefind"), _records(whole)
    assert len(reduced) > 50
    assert reduced == full


def test_search_page_keeps_the_language_title_and_region_only():
    page = (b'<!doctype html><html lang="ar" dir="rtl"><head><title>T</title><script>x()</script></head>'
            b'<body><nav>menu</nav><div data-pagefind-body><h1>H</h1><p>&lt;b&gt;</p></div>'
            b'<!-- /data-pagefind-body --><footer>f</footer></body></html>')
    reduced = search_page(page)
    assert b'<html lang="ar" dir="rtl">' in reduced and b"<title>T</title>" in reduced
    assert b"<h1>H</h1><p>&lt;b&gt;</p></div>" in reduced
    assert b"menu" not in reduced and b"footer" not in reduced and b"x()" not in reduced
    assert search_page(page.replace(b" data-pagefind-body", b"")) is None
    unmarked = page.replace(b"<!-- /data-pagefind-body -->", b"")
    assert search_page(unmarked) == unmarked


# --- one index per archive year, merged at query time -------------------------------------------

# An article of a year before the seeds' (2023): its page goes into the 2019 archive bundle. Its
# distinctive word («تيفاريتي», a place name no seed mentions) is what the search looks for.
OLD_ARTICLE = ("زيارة إلى تيفاريتي\n\nزار وفد من بعثة المينورسو منطقة تيفاريتي شرق الجدار الرملي، "
               "واطلع على أوضاع السكان ومراقبة وقف إطلاق النار في المنطقة العازلة خلال الأسبوع الماضي.\n")
OLD_SIDECAR = "outlet: hespress\npublished: '2019-03-12'\nreference_date: '2019-03-12'\n"
NEW_ARTICLE = ("بيان جديد لبعثة المينورسو\n\nأصدرت بعثة المينورسو بيانا جديدا حول مراقبة وقف إطلاق النار "
               "في الصحراء، وأكدت مواصلة التعاون مع جميع الأطراف خلال الأشهر المقبلة.\n")


def _with_old_article(root):
    articles = root / "content" / "articles"
    (articles / "old-2019.txt").write_text(OLD_ARTICLE, encoding="utf-8")
    (articles / "old-2019.yml").write_text(OLD_SIDECAR, encoding="utf-8")
    (root / "marsad.yml").write_text("pdf: false\nsearch_archive: year\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def archived_site(tmp_path_factory):
    """The seeds and one article of 2019, built; then one new article of the seeds' year, updated."""
    from generator.pipeline import build

    from .conftest import copy_project

    root = _with_old_article(copy_project(tmp_path_factory.mktemp("archived")))
    build(root)
    before = _bundle_files(root / "site" / "pagefind" / "archive" / "2019")
    _add_new_article(root)
    messages = []
    build(root, say=messages.append)
    return root, before, messages


def _add_new_article(root):
    (root / "content" / "articles" / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    (root / "content" / "articles" / "new.yml").write_text("published: '2023-12-01'\n", encoding="utf-8")


def _bundle_files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_a_past_year_has_its_own_bundle_listed_for_the_panel(archived_site):
    root, _, _ = archived_site
    bundle = root / "site" / "pagefind"
    assert json.loads((bundle / "marsad-periods.json").read_text(encoding="utf-8")) == {"archives": ["archive/2019/"]}
    old = _records(bundle / "archive" / "2019")
    assert "/articles/old-2019.html" in old and "/en/articles/old-2019.html" in old
    assert all("2019" not in url for url in _records(bundle))  # the current bundle does not repeat it


@pytest.mark.slow
def test_an_update_in_the_current_year_keeps_the_archive_bundle(archived_site, tmp_path):
    """Only the current period is indexed again; the kept bundle equals a fresh full build's."""
    from generator.pipeline import build

    from .conftest import copy_project

    root, before, messages = archived_site
    assert any("1 of 1 archive periods kept" in m for m in messages), messages
    kept = _bundle_files(root / "site" / "pagefind" / "archive" / "2019")
    assert kept == before
    fresh = _with_old_article(copy_project(tmp_path / "fresh"))
    _add_new_article(fresh)
    build(fresh)
    assert _bundle_files(fresh / "site" / "pagefind" / "archive" / "2019") == kept
    assert _records(fresh / "site" / "pagefind") == _records(root / "site" / "pagefind")


@pytest.mark.slow
@pytest.mark.browser
def test_the_search_panel_finds_a_page_of_a_past_year(archived_site):
    """In a real browser: the panel merges the 2019 bundle, so the old article is found, and a word of
    the current year still finds the current pages."""
    from .browsing import chromium, serve_directory

    root, _, _ = archived_site
    with serve_directory(root / "site") as url, chromium() as browser:
        page = browser.new_context().new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        for query, expected in (("تيفاريتي", "/articles/old-2019.html"), ("بيانا جديدا", "/articles/new.html")):
            page.goto(f"{url}/index.html")
            page.click("#marsad-search > summary")
            page.fill("#marsad-search-ui input", query)
            page.wait_for_selector(".pagefind-ui__result-link", timeout=30_000)
            while page.locator(".pagefind-ui__button").count():  # «load more»: pages, tags and places rank first
                page.click(".pagefind-ui__button")
            links = page.eval_on_selector_all(".pagefind-ui__result-link", "links => links.map(a => a.href)")
            assert any(link.endswith(expected) for link in links), (query, links)
        assert not errors, errors

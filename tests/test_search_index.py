"""The search stage: one Pagefind process per edition, joined into one bundle."""

import gzip
import json

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

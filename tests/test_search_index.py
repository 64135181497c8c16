"""The search stage: one Pagefind process per edition, joined into one bundle."""

import json

from generator.search import summary


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

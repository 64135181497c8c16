"""The write stage on its own, without a build: which hand-written page lands where, what a rebuild
rewrites, keeps and removes, and the site swap's file moves. Fast, so `make mutation` can judge
every mutant of generator/write.py with these (the build tests of test_build_safety.py cover the
same code through whole builds)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import write
from generator.models import Page

LANGUAGES = ("ar", "en")

# label, files under content/pages, the docs path each lands at (languages ar, en), comment
HAND_WRITTEN = [
    ("default-language", ["about.md"], {"ar/about.md": "about.md"},
     "NAME.md is the page in the first language"),
    ("language-suffix", ["about.en.md"], {"en/about.md": "about.en.md"},
     "NAME.LANG.md is the page in that language, under its own name"),
    ("both-languages", ["about.md", "about.en.md"], {"ar/about.md": "about.md", "en/about.md": "about.en.md"},
     "the two pages of one name side by side"),
    ("unknown-suffix", ["notes.fr.md"], {"ar/notes.fr.md": "notes.fr.md"},
     "a suffix that is not a site language is part of the name: the page goes to the first language"),
    ("dotted-name", ["v1.2.en.md"], {"en/v1.2.md": "v1.2.en.md"},
     "only the last suffix before .md is the language"),
    ("sub-folder", ["team/people.en.md"], {"en/team/people.md": "team/people.en.md"},
     "a page in a sub-folder keeps its folder"),
    ("image-everywhere", ["logo.png"], {"ar/logo.png": "logo.png", "en/logo.png": "logo.png"},
     "a file that is not a page (an image) goes to every language"),
    ("hidden-skipped", [".draft.md"], {}, "a hidden file is no page"),
]


@pytest.mark.parametrize(("files", "expected"), [c[1:3] for c in HAND_WRITTEN], ids=[c[0] for c in HAND_WRITTEN])
def test_hand_written_pages(tmp_path, files, expected):
    pages = tmp_path / "pages"
    for name in files:
        (pages / name).parent.mkdir(parents=True, exist_ok=True)
        (pages / name).write_text(name, encoding="utf-8")
    found = write.hand_written_pages(pages, LANGUAGES)
    assert {docs: path.relative_to(pages).as_posix() for docs, path in found.items()} == expected


def test_no_pages_folder_means_no_hand_written_pages(tmp_path):
    assert write.hand_written_pages(tmp_path / "absent", LANGUAGES) == {}


def _write(tmp_path: Path, pages: list[Page], hand: dict[str, str] | None = None) -> write.WriteReport:
    pages_dir = tmp_path / "pages"
    pages_dir.mkdir(exist_ok=True)
    for name, text in (hand or {}).items():
        (pages_dir / name).write_text(text, encoding="utf-8")
    return write.write_site_sources(pages, tmp_path / "docs", pages_dir, LANGUAGES)


def test_a_first_write_writes_every_page_and_its_manifest(tmp_path):
    report = _write(tmp_path, [Page("index.md", "ar", "أ"), Page("t/x.md", "en", "x")])
    docs = tmp_path / "docs"
    assert sorted(report.written) == ["ar/index.md", "en/t/x.md"]
    assert (report.unchanged, report.removed, report.shadowed) == (0, [], [])
    assert (docs / "ar" / "index.md").read_text(encoding="utf-8") == "أ"
    assert (docs / "en" / "t" / "x.md").read_text(encoding="utf-8") == "x"
    manifest = json.loads((docs / write.MANIFEST).read_text(encoding="utf-8"))
    assert sorted(manifest) == ["ar/index.md", "en/t/x.md"] and all(len(h) == 64 for h in manifest.values())
    assert not list(docs.rglob("*.tmp")), "no temporary file is left behind"


def test_a_rebuild_rewrites_only_what_changed_and_removes_what_is_gone(tmp_path):
    _write(tmp_path, [Page("a.md", "en", "A"), Page("b.md", "en", "B"), Page("c.md", "en", "C")])
    report = _write(tmp_path, [Page("a.md", "en", "A"), Page("b.md", "en", "B, edited")])
    docs = tmp_path / "docs"
    assert (report.written, report.unchanged, report.removed) == (["en/b.md"], 1, ["en/c.md"])
    assert not (docs / "en" / "c.md").exists()
    assert (docs / "en" / "b.md").read_text(encoding="utf-8") == "B, edited"


def test_a_page_deleted_by_hand_is_written_again(tmp_path):
    _write(tmp_path, [Page("a.md", "en", "A")])
    (tmp_path / "docs" / "en" / "a.md").unlink()
    report = _write(tmp_path, [Page("a.md", "en", "A")])
    assert report.written == ["en/a.md"] and (tmp_path / "docs" / "en" / "a.md").exists()


def test_a_hand_written_page_wins_and_the_generated_one_is_reported(tmp_path):
    report = _write(tmp_path, [Page("about.md", "ar", "generated"), Page("x.md", "ar", "x")],
                    hand={"about.md": "by hand"})
    assert report.shadowed == ["ar/about.md"]
    assert (tmp_path / "docs" / "ar" / "about.md").read_text(encoding="utf-8") == "by hand"


def test_a_broken_manifest_means_everything_is_written_again(tmp_path):
    _write(tmp_path, [Page("a.md", "en", "A")])
    (tmp_path / "docs" / write.MANIFEST).write_text("{not json", encoding="utf-8")
    assert _write(tmp_path, [Page("a.md", "en", "A")]).written == ["en/a.md"]


@pytest.mark.parametrize("path", ["..", ".", "a/..", "back\\slash.md"])
def test_a_page_name_that_is_no_file_is_refused(tmp_path, path):
    with pytest.raises(write.UnsafePath, match="refusing to write outside"):
        _write(tmp_path, [Page(path, "en", "x")])


def test_move_tree_merges_folders_and_replaces_files(tmp_path):
    source, target = tmp_path / "new", tmp_path / "old"
    (source / "sub").mkdir(parents=True)
    (source / "sub" / "a.txt").write_text("new a", encoding="utf-8")
    (source / "b.txt").write_text("new b", encoding="utf-8")
    (target / "sub").mkdir(parents=True)
    (target / "sub" / "a.txt").write_text("old a", encoding="utf-8")
    (target / "sub" / "kept.txt").write_text("kept", encoding="utf-8")
    write.move_tree(source, target)
    assert {p.relative_to(target).as_posix(): p.read_text(encoding="utf-8") for p in target.rglob("*.txt")} == {
        "sub/a.txt": "new a", "sub/kept.txt": "kept", "b.txt": "new b"}


def test_move_tree_into_nothing_moves_the_whole_folder(tmp_path):
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "a.txt").write_text("a", encoding="utf-8")
    write.move_tree(tmp_path / "new", tmp_path / "site")
    assert (tmp_path / "site" / "a.txt").read_text(encoding="utf-8") == "a" and not (tmp_path / "new").exists()


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_the_swap_leaves_the_new_tree_and_nothing_beside_it(tmp_path, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setattr(write, "_exchange", lambda a, b: False)
    site, new = tmp_path / "site", tmp_path / ".site.new"
    for folder, text in ((site, "old"), (new, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")
    write._backup_of(site).mkdir()  # a stale backup of an earlier killed build
    write.copy_tree_atomically(new, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_first_swap_has_no_old_tree(tmp_path):
    (tmp_path / "staged").mkdir()
    write.copy_tree_atomically(tmp_path / "staged", tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_recovery_drops_staging_folders_and_a_backup_beside_a_live_site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (tmp_path / ".site.staging-1").mkdir()
    (tmp_path / ".site.staging-2").mkdir()
    write._backup_of(site).mkdir()
    (tmp_path / ".other.staging-1").mkdir()
    write.recover_interrupted_swap(site, ".staging-")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.staging-1", "site"]

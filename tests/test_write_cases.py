"""The write stage on its own, without a build: which hand-written page lands where, what a rebuild
rewrites, keeps and removes, and the site swap's file moves. Fast, so `make mutation` can judge
every mutant of generator/write.py with these (the build tests of test_build_safety.py cover the
same code through whole builds)."""

from __future__ import annotations

import json
import os
import sys
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


def _write(tmp_path: Path, pages: list[Page], hand: dict[str, str] | None = None,
           kept: tuple[str, ...] = ()) -> write.WriteReport:
    pages_dir = tmp_path / "pages"
    pages_dir.mkdir(exist_ok=True)
    for name, text in (hand or {}).items():
        (pages_dir / name).write_text(text, encoding="utf-8")
    return write.write_site_sources(pages, tmp_path / "docs", pages_dir, LANGUAGES, kept=kept)


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


# label, page path, comment
UNSAFE_NAMES = [
    ("dot-dot", "..", "the folder above, not a file"),
    ("dot", ".", "the language folder itself"),
    ("folder-then-dot-dot", "a/..", "a name that walks back up"),
    ("backslash", "back\\slash.md", "a Windows folder separator inside a name"),
    ("trailing-slash", "sub/", "a folder, no file name: nothing to write the page to"),
    ("empty", "", "no name at all"),
    ("two-levels-up", "../../outside.md", "resolves outside the docs folder (the folder check, not the name check)"),
]


@pytest.mark.parametrize("path", [c[1] for c in UNSAFE_NAMES], ids=[c[0] for c in UNSAFE_NAMES])
def test_a_page_name_that_is_no_file_is_refused(tmp_path, path):
    # The error names the page and the folder it would have left, and nothing lands outside docs/.
    with pytest.raises(write.UnsafePath, match=r"^en/.*: refusing to write outside .*docs$"):
        _write(tmp_path, [Page(path, "en", "x")])
    assert not (tmp_path / "outside.md").exists()


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


@pytest.fixture(params=[True, False], ids=["renameat2", "two-renames"])
def swap_way(request, monkeypatch):
    """Each test of the swap runs both ways: the kernel's exchange (Linux), and two renames."""
    if not request.param:
        monkeypatch.setattr(write, "_exchange", lambda a, b: False)


def old_and_new_sites(tmp_path, staged: str):
    """A live site whose page says "old" and a staged one, ``staged``, whose page says "new"."""
    site, new = tmp_path / "site", tmp_path / staged
    for folder, text in ((site, "old"), (new, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")
    return site, new


def test_the_swap_leaves_the_new_tree_and_nothing_beside_it(tmp_path, swap_way):
    site, new = old_and_new_sites(tmp_path, ".site.new")
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


# ------------------------------------------------------------------ rebuilds: shadowed, kept, counted


def test_pages_listed_after_a_shadowed_one_are_still_written(tmp_path):
    # A hand-written about.md replaces the generated one; the generated pages after it in the list
    # (every other page of the site) must still reach the docs folder.
    report = _write(tmp_path, [Page("about.md", "ar", "generated"), Page("x.md", "ar", "x"), Page("y.md", "en", "y")],
                    hand={"about.md": "by hand"})
    assert report.shadowed == ["ar/about.md"]
    assert sorted(report.written) == ["ar/about.md", "ar/x.md", "en/y.md"]
    assert (tmp_path / "docs" / "en" / "y.md").read_text(encoding="utf-8") == "y"


def test_every_unchanged_page_is_counted(tmp_path):
    # The build summary says how many pages a rebuild left as they were: all of them, not "1".
    pages = [Page("a.md", "en", "A"), Page("b.md", "en", "B"), Page("c.md", "ar", "C")]
    _write(tmp_path, pages)
    report = _write(tmp_path, pages)
    assert (report.written, report.unchanged, report.removed) == ([], 3, [])


def test_a_kept_page_stays_as_it_is_and_is_still_claimed(tmp_path):
    # fingerprints.py does not render a page whose inputs did not change (kept): the page stays on
    # disk, counts as unchanged, and the manifest still lists it, so a later build that drops it
    # from the site removes it.
    _write(tmp_path, [Page("a.md", "en", "A"), Page("b.md", "en", "B"), Page("c.md", "en", "C")])
    report = _write(tmp_path, [Page("a.md", "en", "A"), Page("c.md", "en", "C, edited")], kept=("en/b.md",))
    docs = tmp_path / "docs"
    assert (report.written, report.unchanged, report.removed) == (["en/c.md"], 2, [])
    assert (docs / "en" / "b.md").read_text(encoding="utf-8") == "B"
    later = _write(tmp_path, [Page("a.md", "en", "A"), Page("c.md", "en", "C, edited")])
    assert later.removed == ["en/b.md"] and not (docs / "en" / "b.md").exists()


def _lose_manifest(tmp_path: Path) -> None:
    (tmp_path / "docs" / write.MANIFEST).unlink()


def _hand_write_about(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir(exist_ok=True)
    (tmp_path / "pages" / "about.en.md").write_text("by hand", encoding="utf-8")


# label, what happened between the two builds, comment
NOT_VOUCHED = [
    ("manifest-lost", _lose_manifest,
     "the manifest was deleted by hand: nothing vouches for the page on disk; the write must not fail"),
    ("hand-written-now", _hand_write_about,
     "a hand-written page now takes the path: it is written, not kept as the old generated page"),
]


@pytest.mark.parametrize("between", [c[1] for c in NOT_VOUCHED], ids=[c[0] for c in NOT_VOUCHED])
def test_kept_counts_only_for_a_page_the_manifest_vouches_for(tmp_path, between):
    _write(tmp_path, [Page("about.md", "en", "generated")])
    between(tmp_path)
    report = _write(tmp_path, [], kept=("en/about.md",))
    assert report.unchanged == 0
    manifest = json.loads((tmp_path / "docs" / write.MANIFEST).read_text(encoding="utf-8"))
    assert manifest.get("en/about.md") in (None, write._digest((tmp_path / "docs/en/about.md").read_bytes()))


def test_a_rebuild_that_renders_some_pages_leaves_the_docs_folder_as_a_full_write_did(tmp_path):
    # The docs folder, manifest included, does not depend on which pages a rebuild happened to
    # render and which it kept: same pages, same bytes (a diff of two builds' docs shows nothing).
    pages = [Page("a.md", "en", "A"), Page("b.md", "en", "B"), Page("c.md", "ar", "C")]
    _write(tmp_path, pages)
    first = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in (tmp_path / "docs").rglob("*") if p.is_file()}
    _write(tmp_path, [pages[0]], kept=("ar/c.md", "en/b.md"))
    again = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in (tmp_path / "docs").rglob("*") if p.is_file()}
    assert again == first


# ------------------------------------------------------------------ a write killed half-way


def _killed_write(tmp_path: Path, monkeypatch, pages: list[Page], after: int) -> None:
    """Write ``pages`` but die (as on Ctrl-C) when the page after the first ``after`` is due."""
    real_put, calls = write._put, []

    def put_then_die(folders, relative, *rest):
        if len(calls) == after:
            raise KeyboardInterrupt
        calls.append(relative)
        return real_put(folders, relative, *rest)

    monkeypatch.setattr(write, "_put", put_then_die)
    with pytest.raises(KeyboardInterrupt):
        _write(tmp_path, pages)
    monkeypatch.setattr(write, "_put", real_put)


def test_the_build_after_a_killed_one_repairs_what_it_left(tmp_path, monkeypatch):
    # Build 1: a = "A", b = "B". Build 2 changes a, drops b, adds c, and dies after writing a.
    # Build 3 has a back to "A" and neither b nor c: the docs folder must then be exactly that.
    _write(tmp_path, [Page("a.md", "en", "A"), Page("b.md", "en", "B")])
    _killed_write(tmp_path, monkeypatch, [Page("a.md", "en", "A, changed"), Page("c.md", "en", "C")], after=1)
    docs = tmp_path / "docs" / "en"
    assert (docs / "a.md").read_text(encoding="utf-8") == "A, changed"  # the killed build got that far
    report = _write(tmp_path, [Page("a.md", "en", "A")])
    assert (report.written, report.removed) == (["en/a.md"], ["en/b.md"])
    assert (docs / "a.md").read_text(encoding="utf-8") == "A", "the killed build's text is not kept as current"
    assert sorted(p.name for p in docs.iterdir()) == ["a.md"]


def test_a_page_written_only_by_a_killed_build_is_removed_when_the_site_drops_it(tmp_path, monkeypatch):
    _write(tmp_path, [Page("a.md", "en", "A")])
    _killed_write(tmp_path, monkeypatch, [Page("new.md", "en", "N"), Page("a.md", "en", "A2")], after=1)
    report = _write(tmp_path, [Page("a.md", "en", "A")])
    assert report.removed == ["en/new.md"] and not (tmp_path / "docs" / "en" / "new.md").exists()


def test_a_page_a_killed_build_was_changing_is_never_kept_as_it_is(tmp_path, monkeypatch):
    # Even if the next build's inputs for a are those of build 1 again (the caller would keep it),
    # the text on disk is the killed build's: it is not counted unchanged nor vouched for.
    _write(tmp_path, [Page("a.md", "en", "A"), Page("b.md", "en", "B")])
    _killed_write(tmp_path, monkeypatch, [Page("a.md", "en", "A, changed"), Page("b.md", "en", "B")], after=1)
    report = _write(tmp_path, [Page("b.md", "en", "B")], kept=("en/a.md",))
    assert report.unchanged == 1  # b only
    manifest = json.loads((tmp_path / "docs" / write.MANIFEST).read_text(encoding="utf-8"))
    assert not manifest.get("en/a.md")


# ------------------------------------------------------------------ the swap and its recovery


@pytest.mark.skipif(sys.platform != "linux", reason="renameat2(RENAME_EXCHANGE) is Linux's")
def test_on_linux_the_site_never_goes_missing_during_the_swap(tmp_path, monkeypatch):
    # The kernel exchanges the two folders in one step: no rename through a missing site (a reader
    # of the served folder would get a 404 in between), and the checkpoint of that gap is never reached.
    site, new = old_and_new_sites(tmp_path, ".site.staging-1")
    steps = []
    real_replace = os.replace
    monkeypatch.setattr(write.os, "replace", lambda a, b: (steps.append(("move", a, b)), real_replace(a, b))[1])
    monkeypatch.setattr(write.checkpoints, "reached", lambda name: steps.append(name))
    write.copy_tree_atomically(new, site)
    assert steps == []
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


class _LibcWithoutRenameat2:
    """A C library without renameat2 (macOS's, an old glibc or musl)."""


def _no_libc(*args, **kwargs):
    raise OSError("libc not found")


# label, what ctypes finds, comment
NO_EXCHANGE = [
    ("no-renameat2", lambda *a, **k: _LibcWithoutRenameat2(), "macOS: the C library has no renameat2"),
    ("no-libc", _no_libc, "no C library to load at all"),
]


@pytest.mark.parametrize("cdll", [c[1] for c in NO_EXCHANGE], ids=[c[0] for c in NO_EXCHANGE])
def test_without_an_atomic_exchange_the_swap_still_puts_the_new_site_in(tmp_path, monkeypatch, cdll):
    monkeypatch.setattr(write.ctypes, "CDLL", cdll)
    site, new = old_and_new_sites(tmp_path, ".site.staging-1")
    assert write._exchange(new, site) is False
    write.copy_tree_atomically(new, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.fixture
def undeletable(monkeypatch):
    """Files named ``held.log`` cannot be deleted (held open on Windows, protected): the tests run as
    root here, where a read-only folder does not stop a deletion, so os.unlink refuses them."""
    real_unlink = os.unlink

    def unlink(path, *args, **kwargs):
        if os.path.basename(os.fsdecode(path)) == "held.log":
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)
    return "held.log"


def test_an_old_site_that_cannot_be_fully_deleted_does_not_fail_the_swap(tmp_path, swap_way, undeletable):
    # The new site is in once the two folders are exchanged (or renamed); what is left of the old
    # one is a staging leftover or backup, which the next build's recovery removes. A build that
    # failed here would report an error for a site already published.
    site, new = old_and_new_sites(tmp_path, ".site.staging-1")
    (site / undeletable).write_text("in use", encoding="utf-8")
    write.copy_tree_atomically(new, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert not (site / undeletable).exists()


def test_a_leftover_that_cannot_be_deleted_does_not_stop_the_next_build(tmp_path, undeletable):
    # Recovery runs before every build: a staging folder or backup it cannot empty is left there,
    # and the build goes on with the live site untouched.
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("live", encoding="utf-8")
    for leftover in (tmp_path / ".site.staging-1", write._backup_of(site)):
        leftover.mkdir()
        (leftover / undeletable).write_text("in use", encoding="utf-8")
    write.recover_interrupted_swap(site, ".staging-")
    assert (site / "index.html").read_text(encoding="utf-8") == "live"


def test_recovery_before_the_first_build_does_nothing(tmp_path):
    # No site yet and nothing left over: the very first build must not fail in its recovery step.
    write.recover_interrupted_swap(tmp_path / "site", ".staging-")
    assert list(tmp_path.iterdir()) == []


def test_recovery_never_replaces_a_live_site_by_its_backup(tmp_path):
    # A backup beside a live site is the old site of a swap that completed: it is deleted, never
    # put back over the newer site.
    site = tmp_path / "site"
    (site / "sub").mkdir(parents=True)
    (site / "index.html").write_text("new", encoding="utf-8")
    write._backup_of(site).mkdir()
    write.recover_interrupted_swap(site, ".staging-")
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]

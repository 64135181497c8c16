"""Nothing lost, nothing half-built: killed builds, strict builds, reproducible output, configuration errors."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from generator import cli, render
from generator.write import copy_tree_atomically, recover_interrupted_swap

from .conftest import copy_project

pytestmark = pytest.mark.slow

HOSTILE = Path(__file__).parent / "hostile"
EPOCH = "1700000000"
NEW_ARTICLE = ("مقال جديد عن بعثة المينورسو\n\nأصدرت بعثة المينورسو بيانا جديدا اليوم حول الوضع في المنطقة، "
               "وأكدت التزامها بمراقبة وقف إطلاق النار في الصحراء مع جميع الأطراف المعنية بالملف.\n")


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


def project(target: Path, pdf: bool = False) -> Path:
    root = copy_project(target)
    (root / "marsad.yml").write_text(f"pdf: {'true' if pdf else 'false'}\n", encoding="utf-8")
    return root


def marsad(root: Path, *args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator.cli", "--root", str(root), *args],
                            cwd=root, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True, **kwargs)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from generator.pipeline import build

    root = project(tmp_path_factory.mktemp("built"))
    build(root)
    return root


@pytest.fixture
def fresh(built, tmp_path) -> Path:
    """A copy of a built project: its site/ and build/docs are the 'previous build'."""
    root = tmp_path / "project"
    shutil.copytree(built, root, symlinks=True)
    return root


# ------------------------------------------------------------------ killed builds


def _staging(root: Path) -> list[Path]:
    return list(root.glob(".site.building-*"))


@pytest.mark.parametrize("kill_at", ["analysed", "pages-written", "site-rendered", "search-indexed"])
def test_a_killed_build_leaves_the_previous_site_intact(fresh, kill_at):
    """The build kills itself (SIGKILL) at a named stage: no delay is guessed, every stage is hit."""
    before = tree(fresh / "site")
    (fresh / "content" / "articles" / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    killed = marsad(fresh, "build", env={"MARSAD_KILL_AT": kill_at})
    killed.communicate(timeout=300)
    assert killed.returncode == -signal.SIGKILL, f"the build never reached {kill_at!r}"
    if kill_at in ("site-rendered", "search-indexed"):
        assert _staging(fresh), "the staging folder should be left behind by a build killed after MkDocs"
    assert tree(fresh / "site") == before

    finished = marsad(fresh, "build")
    _, stderr = finished.communicate(timeout=300)
    assert finished.returncode == 0, stderr
    assert (fresh / "site" / "articles" / "new.html").is_file()
    assert not _staging(fresh) and not (fresh / ".site.old").exists(), "leftovers were not cleaned up"


_SWAP_WITHOUT_EXCHANGE = """
import sys
from pathlib import Path
import generator.write as write
write._exchange = lambda a, b: False  # as on a kernel without renameat2
write.copy_tree_atomically(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def test_a_swap_killed_between_its_two_renames_is_undone_by_the_next_build(tmp_path):
    site, new = tmp_path / "site", tmp_path / ".site.building-x"
    for folder, text in ((site, "old"), (new, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")
    swap = subprocess.run([sys.executable, "-c", _SWAP_WITHOUT_EXCHANGE, str(new), str(site)],
                          env={**os.environ, "MARSAD_KILL_AT": "swap-begun"}, cwd=Path(__file__).parent.parent)
    assert swap.returncode == -signal.SIGKILL
    assert not site.exists() and (tmp_path / ".site.old").is_dir()  # killed with the old site moved away
    recover_interrupted_swap(site, ".building-")
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_swap_moves_the_old_site_away_before_the_new_one_in_and_deletes_it_last(tmp_path, monkeypatch):
    """Without an atomic exchange the order is: old → backup, new → site, then delete the backup.
    Deleting the old site first would leave no site (and nothing to recover) if the build died there."""
    import generator.write as write

    site, new = tmp_path / "site", tmp_path / "new"
    for folder in (site, new):
        folder.mkdir()
        (folder / "index.html").write_text(folder.name, encoding="utf-8")
    steps = []
    real_replace, real_rmtree = os.replace, shutil.rmtree
    monkeypatch.setattr(write, "_exchange", lambda a, b: False)
    monkeypatch.setattr(write.os, "replace", lambda a, b: (steps.append(("move", Path(a).name, Path(b).name)),
                                                            real_replace(a, b))[1])
    monkeypatch.setattr(write.shutil, "rmtree", lambda p, *a, **k: (steps.append(("delete", Path(p).name)),
                                                                     real_rmtree(p, *a, **k))[1])
    write.copy_tree_atomically(new, site)
    assert steps == [("move", "site", ".site.old"), ("move", "new", "site"), ("delete", ".site.old")]
    assert (site / "index.html").read_text(encoding="utf-8") == "new"


def test_recovery_puts_back_a_site_moved_away_by_a_killed_swap(tmp_path):
    site, backup, staging = tmp_path / "site", tmp_path / ".site.old", tmp_path / ".site.building-x"
    backup.mkdir()
    (backup / "index.html").write_text("old", encoding="utf-8")
    staging.mkdir()
    recover_interrupted_swap(site, ".building-")
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_swap_replaces_the_whole_tree(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "gone.html").write_text("old", encoding="utf-8")
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "index.html").write_text("new", encoding="utf-8")
    copy_tree_atomically(tmp_path / "new", tmp_path / "site")
    assert tree(tmp_path) == {"site/index.html": hashlib.sha256(b"new").hexdigest()}


def test_a_killed_generate_leaves_no_page_the_next_build_would_keep(fresh, monkeypatch):
    from generator.config import load_config
    from generator.write import MANIFEST, write_site_sources
    from generator.models import Page

    docs = load_config(fresh).docs_dir
    original = (docs / "ar" / "index.md").read_bytes()
    pages = [Page("orphan.md", "ar", "x"), Page("index.md", "ar", "changed"), Page("never.md", "ar", "y")]

    import generator.write as write

    real_put = write._put
    calls = []

    def put_then_die(folders, relative, *rest):
        if len(calls) == 2:
            raise KeyboardInterrupt
        calls.append(relative)
        return real_put(folders, relative, *rest)

    monkeypatch.setattr(write, "_put", put_then_die)
    with pytest.raises(KeyboardInterrupt):
        write_site_sources(pages, docs, fresh / "nothing", ("ar", "en"))
    monkeypatch.setattr(write, "_put", real_put)
    assert (docs / "ar" / "orphan.md").exists() and (docs / "ar" / "index.md").read_text() == "changed"
    assert (docs / MANIFEST).exists()
    write_site_sources([Page("index.md", "ar", original.decode("utf-8"))], docs, fresh / "nothing", ("ar", "en"))
    assert (docs / "ar" / "index.md").read_bytes() == original
    assert not (docs / "ar" / "orphan.md").exists()


# ------------------------------------------------------------------ skipped articles and --strict


def test_a_failing_article_is_reported_and_strict_fails_the_build(fresh):
    shutil.copy2(HOSTILE / "10-nul.txt", fresh / "content" / "articles" / "10-nul.txt")
    before = tree(fresh / "site")
    strict = marsad(fresh, "build", "--strict")
    _, stderr = strict.communicate(timeout=300)
    assert strict.returncode == 1
    assert "10-nul.txt: binary data (NUL bytes), not text" in stderr
    assert tree(fresh / "site") == before

    lenient = marsad(fresh, "build")
    _, stderr = lenient.communicate(timeout=300)
    assert lenient.returncode == 0, stderr
    assert "marsad: skipped 10-nul.txt: binary data (NUL bytes), not text" in stderr
    report = (fresh / "site" / "report.html").read_text(encoding="utf-8")
    assert "10-nul.txt" in report and "binary data (NUL bytes), not text" in report
    assert (fresh / "site" / "articles" / "002-e0df584a8c6800d2.html").is_file()


def test_content_and_hand_written_pages_are_never_modified(fresh):
    content_before = tree(fresh / "content")
    from generator.pipeline import build

    build(fresh)
    assert tree(fresh / "content") == content_before


# ------------------------------------------------------------------ reproducible


def test_two_builds_of_the_same_inputs_are_byte_identical(tmp_path):
    roots = [project(tmp_path / name, pdf=True) for name in ("one", "two")]
    builds = [marsad(root, "build", env={"SOURCE_DATE_EPOCH": EPOCH}) for root in roots]
    for process in builds:
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr
    one, two = (tree(root / "site") for root in roots)
    assert one.keys() == two.keys()
    assert [path for path in one if one[path] != two[path]] == []
    assert any(path.endswith(".pdf") for path in one)


# ------------------------------------------------------------------ configuration errors


def _break_topics_yaml(root: Path) -> str:
    (root / "content" / "topics.yml").write_text("topics:\n  - id: a\n    label: [unclosed\n", encoding="utf-8")
    return f"{root}/content/topics.yml:4: invalid YAML: expected ',' or ']', but got '<stream end>'"


def _unknown_key(root: Path) -> str:
    (root / "marsad.yml").write_text("pdf: false\nsite_dri: elsewhere\n", encoding="utf-8")
    return (f"{root}/marsad.yml:2: site_dri: unknown key (known keys: articles_dir, dedupe, digest, docs_dir, "
            "entities_file, feeds, languages, max_file_bytes, outlets_file, pages_dir, pdf, search_archive, site_dir, site_name, "
            "site_url, stories, topics_file, translate_command, translate_url)")


def _term_without_letters(root: Path) -> str:
    (root / "content" / "topics.yml").write_text(
        "topics:\n  - id: a\n    label: {ar: أ, en: A}\n    terms: [المينورسو, '!!!']\n", encoding="utf-8")
    return f"{root}/content/topics.yml:4: topics[0].terms[1]: '!!!' has no word to match"


def _missing_topics_file(root: Path) -> str:
    (root / "content" / "topics.yml").unlink()
    return f"{root}/content/topics.yml: file not found"


CONFIG_ERRORS = {
    "bad YAML": _break_topics_yaml,
    "unknown key": _unknown_key,
    "topic term with no letters": _term_without_letters,
    "missing topics file": _missing_topics_file,
}


def _outputs(root: Path) -> dict[str, str]:
    return {**{f"site/{k}": v for k, v in tree(root / "site").items()},
            **{f"build/{k}": v for k, v in tree(root / "build").items()}}


@pytest.mark.parametrize("case", sorted(CONFIG_ERRORS))
def test_configuration_errors_stop_the_build_before_anything_is_written(fresh, case, capsys):
    expected = CONFIG_ERRORS[case](fresh)
    before = _outputs(fresh)
    assert cli.main(["--root", str(fresh), "build"]) == cli.EXIT_CONFIG
    assert capsys.readouterr().err == f"marsad: configuration error:\n  {expected}\n"
    assert _outputs(fresh) == before


@pytest.mark.parametrize("case", ["missing", "broken"])
def test_a_missing_or_broken_template_stops_the_build_naming_it(fresh, case, tmp_path, monkeypatch, capsys):
    templates = tmp_path / "templates"
    shutil.copytree(render.TEMPLATES, templates)
    if case == "missing":
        (templates / "_macros.md.j2").unlink()
        broken = templates / "article.md.j2"
        expected = f"{broken}: imports _macros.md.j2, which does not exist"
        expected_lines = [f"{p}: imports _macros.md.j2, which does not exist" for p in sorted(templates.glob("*.j2"))
                          if "_macros.md.j2" in p.read_text(encoding="utf-8")]
    else:
        broken = templates / "article.md.j2"
        broken.write_text(broken.read_text(encoding="utf-8") + "\n{% if %}\n", encoding="utf-8")
        line = broken.read_text(encoding="utf-8").count("\n")
        expected_lines = [f"{broken}:{line}: template syntax error: Expected an expression, got 'end of statement block'"]
        expected = expected_lines[0]
    monkeypatch.setattr(render, "TEMPLATES", templates)
    before = _outputs(fresh)
    assert cli.main(["--root", str(fresh), "build"]) == cli.EXIT_CONFIG
    err = capsys.readouterr().err
    assert expected in err
    assert err == "marsad: configuration error:\n" + "".join(f"  {line}\n" for line in expected_lines)
    assert _outputs(fresh) == before


def test_a_template_only_the_code_names_is_reported_by_name(fresh, tmp_path, monkeypatch, capsys):
    templates = tmp_path / "templates"
    shutil.copytree(render.TEMPLATES, templates)
    (templates / "report.md.j2").unlink()
    monkeypatch.setattr(render, "TEMPLATES", templates)
    before = _outputs(fresh)
    assert cli.main(["--root", str(fresh), "build"]) == cli.EXIT_CONFIG
    err = capsys.readouterr().err
    assert err.endswith(f"marsad: configuration error:\n  {templates / 'report.md.j2'}: template not found\n")
    assert _outputs(fresh) == before


@pytest.mark.parametrize("path", ["../../outside.md", "a/../../../outside.md", "x/../../../../outside.md"])
def test_no_page_is_written_outside_the_docs_folder(tmp_path, path):
    from generator.models import Page
    from generator.write import UnsafePath, write_site_sources

    docs = tmp_path / "project" / "build" / "docs"
    with pytest.raises(UnsafePath):
        write_site_sources([Page(path, "ar", "x")], docs, tmp_path / "none", ("ar",))
    assert not any(p.name == "outside.md" for p in tmp_path.rglob("*"))

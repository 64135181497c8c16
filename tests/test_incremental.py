"""Adding one article updates the site incrementally, and the result equals a full build."""

import os

import pytest

from generator import fingerprints
from generator.analyze import Enricher
from generator.pipeline import build, generate

from .conftest import copy_project

pytestmark = pytest.mark.slow

NEW_ARTICLE = ("مقال جديد عن بعثة المينورسو\n\nأصدرت بعثة المينورسو بيانا جديدا اليوم حول الوضع في المنطقة، "
               "وأكدت التزامها بمراقبة وقف إطلاق النار في الصحراء بالتعاون مع جميع الأطراف.\n")


def tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def project(path):
    root = copy_project(path)
    (root / "marsad.yml").write_text("pdf: false\n", encoding="utf-8")
    return root


def add_news(root):
    """A new article, and a wire copy of seed 001 from another outlet (it joins 001's wire group)."""
    articles = root / "content" / "articles"
    (articles / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    wire = (articles / "001_f654b9944e0dc977.txt").read_text(encoding="utf-8")
    (articles / "wire-copy.txt").write_text(wire.replace("أمس الأربعاء", "يوم الأربعاء", 1), encoding="utf-8")
    (articles / "wire-copy.yml").write_text("outlet: another-outlet\n", encoding="utf-8")


def test_news_rerenders_few_pages_and_matches_a_full_build(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv(fingerprints.CHECK_ENV, "1")  # a kept page whose inputs changed unseen fails the build
    updated = project(tmp_path / "updated")
    build(updated)
    untouched = updated / "site" / "articles" / "004-aa262c0e924b8567.html"
    before = os.stat(untouched).st_mtime_ns
    add_news(updated)
    enriched = []
    real_enrich = Enricher.enrich
    monkeypatch.setattr(Enricher, "enrich", lambda self, raw, article_id: enriched.append(article_id)
                        or real_enrich(self, raw, article_id))
    messages = []
    result = build(updated, say=messages.append)
    assert sorted(enriched) == ["new", "wire-copy"]  # the five seeds come from the analysis cache
    copy = next(a for a in result.generated.analysis.articles if a.id == "wire-copy")
    assert copy.duplicate_of is not None  # grouped with the copies it repeats
    assert any("only changed pages" in m for m in messages)
    assert (updated / "site" / "articles" / "new.html").exists()
    assert os.stat(untouched).st_mtime_ns == before  # copied, not rendered again

    full = project(tmp_path / "full")
    add_news(full)
    build(full)
    # the same files with the same bytes, search index included (so every query finds the same)
    assert tree(updated / "site") == tree(full / "site")


def test_removed_article_leaves_no_page_behind(tmp_path):
    root = project(tmp_path / "p")
    build(root)
    (root / "content" / "articles" / "004_aa262c0e924b8567.txt").unlink()
    build(root)
    assert not (root / "site" / "articles" / "004-aa262c0e924b8567.html").exists()
    assert not (root / "site" / "en" / "articles" / "004-aa262c0e924b8567.html").exists()


def rendered_paths(monkeypatch, kept: list | None = None) -> list[set[str]]:
    """The "<language>/<path>" of the pages each later generate() renders (fingerprints.render_changed);
    ``kept`` gets those it did not render."""
    runs: list[set[str]] = []
    kept = [] if kept is None else kept
    real = fingerprints.render_changed

    def recording(config, analysis):
        rendering = real(config, analysis)
        runs.append({f"{page.language}/{page.path}" for page in rendering.pages})
        kept.append(rendering.kept)
        return rendering

    monkeypatch.setattr(fingerprints, "render_changed", recording)
    return runs


def test_pages_are_rendered_only_when_their_inputs_change(tmp_path, monkeypatch):
    """Unchanged: no page rendered. One new article: its page and the pages that list it, not the
    other articles' pages. Every kept page is rendered anyway and compared (CHECK_ENV)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv(fingerprints.CHECK_ENV, "1")
    root = project(tmp_path / "p")
    runs = rendered_paths(monkeypatch)
    generate(root, pdf=False)
    everything = runs[-1]
    generate(root, pdf=False)
    assert {p for p in runs[-1] if p.endswith(".md")} == set()  # Atom feeds (not .md) are always rendered
    (root / "content" / "articles" / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    generate(root, pdf=False)
    rendered = runs[-1]
    for language in ("ar", "en"):
        assert {f"{language}/articles/new.md", f"{language}/index.md", f"{language}/articles/index.md",
                f"{language}/topics/minurso.md"} <= rendered
        # the seed articles' own pages show nothing of the new one (it joins none of their stories)
        assert f"{language}/articles/003-0ac5d1cf285a5be9.md" not in rendered
        assert f"{language}/articles/004-aa262c0e924b8567.md" not in rendered
    assert len(rendered) < len(everything)


def test_a_changed_setting_renders_every_page_again(tmp_path, monkeypatch):
    """What every page reads (templates, catalogs, code, settings) is part of each page's fingerprint."""
    root = project(tmp_path / "p")
    kept: list[set[str]] = []
    runs = rendered_paths(monkeypatch, kept)
    generate(root, pdf=False)
    (root / "marsad.yml").write_text("pdf: false\ndigest:\n  period: month\n", encoding="utf-8")
    kept.clear()
    generate(root, pdf=False)
    assert kept == [set()] and len(runs[-1]) > 50


def test_recorded_rendering_equals_plain_rendering(tmp_path):
    """Recording a template's reads changes nothing it renders: every page written by generate()
    (rendered with the graph recording) equals render.render_pages' (the graph as it is)."""
    from generator import render
    from generator.analyze import analyze
    from generator.cache import AnalysisCache
    from generator.config import load_config

    root = project(tmp_path / "p")
    generate(root, pdf=False)
    config = load_config(root)
    plain = render.render_pages(config, analyze(config, cache=AnalysisCache.open(config)))
    assert len(plain) > 50
    differing = [f"{p.language}/{p.path}" for p in plain
                 if (config.docs_dir / p.language / p.path).read_text(encoding="utf-8") != p.text]
    assert differing == []

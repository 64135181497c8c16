"""Adding one article updates the site incrementally, and the result equals a full build."""

import os

import pytest

from generator.analyze import Enricher
from generator.pipeline import build

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


def test_one_new_article_rerenders_few_pages_and_matches_a_full_build(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    updated = project(tmp_path / "updated")
    build(updated)
    untouched = updated / "site" / "articles" / "003-0ac5d1cf285a5be9.html"
    before = os.stat(untouched).st_mtime_ns
    (updated / "content" / "articles" / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    enriched = []
    real_enrich = Enricher.enrich
    monkeypatch.setattr(Enricher, "enrich", lambda self, raw, article_id: enriched.append(article_id)
                        or real_enrich(self, raw, article_id))
    messages = []
    build(updated, say=messages.append)
    assert enriched == ["new"]  # the five seeds come from the analysis cache
    assert any("only changed pages" in m for m in messages)
    assert (updated / "site" / "articles" / "new.html").exists()
    assert os.stat(untouched).st_mtime_ns == before  # copied, not rendered again

    full = project(tmp_path / "full")
    (full / "content" / "articles" / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    build(full)
    assert tree(updated / "site") == tree(full / "site")


def test_removed_article_leaves_no_page_behind(tmp_path):
    root = project(tmp_path / "p")
    build(root)
    (root / "content" / "articles" / "004_aa262c0e924b8567.txt").unlink()
    build(root)
    assert not (root / "site" / "articles" / "004-aa262c0e924b8567.html").exists()
    assert not (root / "site" / "en" / "articles" / "004-aa262c0e924b8567.html").exists()

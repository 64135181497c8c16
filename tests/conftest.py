"""Shared fixtures: a copy of the project in a temp folder, built once per session."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
PROJECT_PARTS = ("mkdocs.yml", "marsad.yml", "content", "overrides", "generator")


def copy_project(target: Path, articles: Path | None = None) -> Path:
    """A user's project: configuration, content and theme overrides (the package is installed)."""
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            (target / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / part)
    if articles is not None:
        shutil.rmtree(target / "content" / "articles")
        shutil.copytree(articles, target / "content" / "articles")
    return target


def corpus_project(target: Path, corpus: Path, sidecar: Callable[[dict[str, str]], str]) -> Path:
    """A project whose articles are the dev corpus, each with the sidecar ``sidecar`` writes from its
    provenance.tsv row (outlet, date, original_url ...), as a user who knows them would give them."""
    root = copy_project(target)
    articles = root / "content" / "articles"
    shutil.rmtree(articles)
    articles.mkdir()
    with (corpus / "provenance.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            shutil.copy(corpus / "articles" / row["file"], articles / row["file"])
            (articles / row["file"]).with_suffix(".yml").write_text(sidecar(row), encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def built_seeds(tmp_path_factory) -> Path:
    """The sample corpus built into a real site by `marsad build` (MkDocs, search, PDFs)."""
    from generator.pipeline import build

    root = copy_project(tmp_path_factory.mktemp("seeds"))
    build(root)
    return root


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not (CORPUS / "labels.tsv").exists():
        pytest.skip(f"development corpus not found at {CORPUS} (it lives beside the repo in ../shared)")
    return CORPUS


def read_labels(corpus: Path) -> dict[str, dict[str, str]]:
    import csv

    with (corpus / "labels.tsv").open(encoding="utf-8") as handle:
        return {row["file"]: row for row in csv.DictReader(handle, delimiter="\t")}

"""Quality gates of the fuzzy stages: one module per stage, each measured on labelled data.

Each module here defines

    FLOORS: dict[str, float]          # figure name -> the floor a test pins (never lowered silently)
    def measure() -> dict[str, float] # the figures, measured now on ../shared/corpus and the seeds

``make quality`` (scripts/quality.py) prints every module's figures beside their floors; the
tests named ``tests/test_quality_<stage>.py`` assert them. Gold labels written by reading the
articles live in ``tests/gold/``, each hard case with its reason.
"""

import functools
import importlib
import pkgutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
SEEDS = REPO / "content" / "articles"


def article_paths() -> dict[str, Path]:
    """Gold key → the article file (corpus names as they are, seeds as ``seeds/NAME``)."""
    if not (CORPUS / "articles").is_dir():
        raise FileNotFoundError(f"development corpus not found at {CORPUS}")
    found = {p.name: p for p in sorted((CORPUS / "articles").glob("*.txt"))}
    found.update({f"seeds/{p.name}": p for p in sorted(SEEDS.glob("*.txt"))})
    return found


def stage_names() -> list[str]:
    """The stages measured here, one module each."""
    return sorted(info.name for info in pkgutil.iter_modules(__path__))


def stage(name: str):
    return importlib.import_module(f"{__name__}.{name}")


@functools.cache
def measured(name: str) -> dict[str, float]:
    """A stage's figures, measured once per process (the floors test and the stage's own tests share them)."""
    return stage(name).measure()

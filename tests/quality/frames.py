"""Event frames of the English edition (generator/english.py) on the gold of tests/gold/english_frames.yml.

Each labelled article (the seeds and the first 40 corpus articles) is read from its text alone (no
sidecar) by the real pipeline (``Enricher``), and its headline and lead go to ``FrameReader.frame``:

- frame precision: of the articles given a frame other than ``other``, the share whose frame is the
  gold ``frame`` or one of its ``accept`` frames. An English headline states this frame, so this is
  the figure that must stay high: unknown («other») beats wrong;
- frame coverage: of the articles whose gold frame is not ``other``, the share given it (or an
  accepted one);
- seed frame accuracy: the seeds, each frame exactly right («other» counts as wrong there).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import yaml

from . import REPO, article_paths

GOLD = REPO / "tests" / "gold" / "english_frames.yml"

# Measured on 2026-12-01 (issue 15) over the 45 labelled articles (before: no frames, every English
# headline Arabic); each floor is the measured figure minus 0.02, rounded down to 0.01. The rules were written beside these articles, so expect less on
# articles they were not: precision is the figure to keep (a wrong frame is a false English headline).
FLOORS: dict[str, float] = {
    "frame precision": 0.93,  # measured 0.955 (21 of 22 frames right; 001: a court ruling read as a statement)
    "frame coverage": 0.62,  # measured 0.645 (20 of 31)
    "seed frame accuracy": 0.78,  # measured 0.800 (4 of 5; 000's visit is told without a trigger: other)
}


def gold() -> dict[str, dict]:
    return yaml.safe_load(GOLD.read_text(encoding="utf-8"))["articles"]


@cache
def frames() -> dict[str, str]:
    """Gold key → the frame Marsad reads from the article's text alone."""
    from generator import english
    from generator.analyze import Enricher
    from generator.config import load_config
    from generator.models import Hints
    from generator.read import read_file

    config = load_config(REPO)
    enricher = Enricher.from_config(config)
    reader = english.FrameReader(config.entities, english.load_glossary(REPO / english.GLOSSARY_FILE))
    paths: dict[str, Path] = article_paths()
    found = {}
    for name in gold():
        (raw,) = read_file((paths[name], paths[name].name, 10**8)).articles
        article = enricher.enrich(replace(raw, hints=Hints(), file_date=None), paths[name].stem).article
        headline = article.title if article.title_source != "derived" else None
        found[name] = reader.frame(headline, article.lead).kind
    return found


def right(label: dict, frame: str) -> bool:
    return frame == label["frame"] or frame in label.get("accept", ())


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def measure() -> dict[str, float]:
    labels, found = gold(), frames()
    given = [n for n, frame in found.items() if frame != "other"]
    stated = [n for n, label in labels.items() if label["frame"] != "other"]
    seeds = [n for n in labels if n.startswith("seeds/")]
    return {
        "frame precision": _share(sum(right(labels[n], found[n]) for n in given), len(given)),
        "frame coverage": _share(sum(found[n] != "other" and right(labels[n], found[n]) for n in stated), len(stated)),
        "seed frame accuracy": _share(sum(found[n] == labels[n]["frame"] for n in seeds), len(seeds)),
    }

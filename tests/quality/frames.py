"""Event frames of the English edition (generator/english.py) on the gold of tests/gold/english_frames.yml.

Each labelled article (the seeds and the first 40 corpus articles) is read from its text alone (no
sidecar) by the real pipeline (``Enricher``), and its headline and lead go to ``FrameReader.frame``:

- frame precision: of the articles given a frame other than ``other``, the share whose frame is the
  gold ``frame`` or one of its ``accept`` frames. An English headline states this frame, so this is
  the figure that must stay high: unknown («other») beats wrong;
- frame coverage: of the articles whose gold frame is not ``other``, the share given it (or an
  accepted one);
- frame accuracy (the issue's gate, ≥ 0.8): of every labelled article (each has a gold frame, «other»
  included), the share given its gold frame or an accepted one: «other» is right where the gold says
  so, and wrong where the article tells a framed event;
- seed frame accuracy: the seeds, each frame exactly right («other» counts as wrong there);
- participant precision: of the gazetteer names an English headline gives (for the articles with gold
  ``participants``), the share that are the event's participants; recall: of those participants, the
  share the headlines name. Precision first: a headline naming someone else misleads;
- place precision: of the places headlines give, the share the gold ``place`` allows;
- names found in the report: of the gazetteer names headlines give (every labelled article), the share
  the report itself mentions; it must stay 1 (a headline never names someone the report does not).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import yaml

from . import REPO, article_paths

GOLD = REPO / "tests" / "gold" / "english_frames.yml"

# Measured on 2026-12-02 (issue 15) over the 45 labelled articles (before: no frames, every English
# headline Arabic); each floor is the measured figure minus 0.02, rounded down to 0.01. The rules were written beside these articles, so expect less on
# articles they were not: precision is the figure to keep (a wrong frame is a false English headline).
FLOORS: dict[str, float] = {
    "frame precision": 0.94,  # measured 0.967 (29 of 30 frames right; 001: a court ruling read as a statement)
    # 0.903 (28 of 31; 0.677 before demands, vows, informing and backing were speech verbs, a state before a colon and
    # a quotation its speaker, the quoted name after «يجريان» the talks held, «حادث» an incident)
    "frame coverage": 0.88,
    # the issue's «frame accuracy»: every labelled article, «other» included; 0.911 (41 of 45; before 0.756, 34 of 45)
    "frame accuracy": 0.89,
    # Participants and place (issue 15, 2026-12-01), gold for the seeds and 16 corpus articles; before: the
    # headline of 000 named the UN alone, «other» headlines took the lead's places and names inside quotes.
    "participant precision": 0.96,  # measured 0.981 (52 of 53; 013: Hezbollah, the agent of the reason, not a party)
    # 0.825 (52 of 63; before 0.444, 28 of 63: states acting in the headline, a bare title's one holder, a
    # statement's headline naming more than its speaker)
    "participant recall": 0.80,
    "place precision": 0.98,  # measured 1.000 (5 of 5; before 0.667, 6 of 9: «ممثل البوليساريو في فرنسا» → France)
    "names found in the report": 1.0,  # measured 1.000: a headline names no one the report does not
    "seed frame accuracy": 0.98,  # measured 1.000 (5 of 5; 000: «ترسل … إلى المغرب», sending someone is a visit)
}


def gold() -> dict[str, dict]:
    return yaml.safe_load(GOLD.read_text(encoding="utf-8"))["articles"]


@cache
def frames() -> dict[str, str]:
    """Gold key → the frame kind Marsad reads from the article's text alone."""
    return {name: frame.kind for name, (frame, _) in read().items()}


@cache
def read() -> dict[str, tuple]:
    """Gold key → (the EventFrame Marsad reads from the article's text alone, the ids it mentions)."""
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
        found[name] = (reader.frame(headline, article.lead, article.body), {m.entity for m in article.entities})
    return found


def right(label: dict, frame: str) -> bool:
    return frame == label["frame"] or frame in label.get("accept", ())


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def named(frame) -> tuple[list[str], str]:
    """The gazetteer ids and the place the frame's English headline says."""
    from generator.english import headline_of

    text = headline_of(frame)
    return ([p.entity for p in frame.participants if p.entity and p.name and p.name in text],
            frame.place if frame.place and frame.place in text else "")


def participants() -> dict[str, float]:
    labels, found = gold(), read()
    said = right = wanted = places = right_places = strangers = every = 0
    for name, label in labels.items():
        frame, mentioned = found[name]
        people, place = named(frame)
        every += len(people)
        strangers += sum(p not in mentioned for p in people)
        if "participants" not in label:
            continue
        said += len(people)
        right += sum(p in label["participants"] for p in people)
        wanted += len(label["participants"])
        places += bool(place)
        right_places += place in label["place"]
    return {"participant precision": _share(right, said), "participant recall": _share(right, wanted),
            "place precision": _share(right_places, places),
            "names found in the report": _share(every - strangers, every)}


def measure() -> dict[str, float]:
    labels, found = gold(), frames()
    given = [n for n, frame in found.items() if frame != "other"]
    stated = [n for n, label in labels.items() if label["frame"] != "other"]
    seeds = [n for n in labels if n.startswith("seeds/")]
    return {
        "frame precision": _share(sum(right(labels[n], found[n]) for n in given), len(given)),
        "frame coverage": _share(sum(found[n] != "other" and right(labels[n], found[n]) for n in stated), len(stated)),
        "frame accuracy": _share(sum(right(labels[n], found[n]) for n in labels), len(labels)),
        "seed frame accuracy": _share(sum(found[n] == labels[n]["frame"] for n in seeds), len(seeds)),
        **participants(),
    }

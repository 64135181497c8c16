"""Quality gate of quotes and speakers (tests/quality/quotes.py) on the gold labels of
tests/gold/quotes.yml: the figures stay above their floors and the gate of issue 13."""

from __future__ import annotations

import pytest

from tests.quality import measured
from tests.quality import quotes as stage


@pytest.fixture(scope="module")
def figures(corpus):
    return measured("quotes")


@pytest.mark.parametrize("name", sorted(stage.GATE))
def test_issue_gate(figures, name):
    assert figures[name] >= stage.GATE[name], f"{name}: {figures[name]:.3f} < gate {stage.GATE[name]}"


def test_every_article_is_labelled(corpus):
    """A new corpus or seed article needs gold labels before it can be measured."""
    gold = stage.load_gold()
    names = {p.name for p in (corpus / "articles").glob("*.txt")}
    names |= {f"seeds/{p.name}" for p in stage.SEEDS.glob("*.txt")}
    assert names <= set(gold), sorted(names - set(gold))


def test_gold_labels_have_reasons():
    """Every label that is not a plain quote says why."""
    for key, labels in stage.load_gold().items():
        for entry in labels.get("not_quotes") or ():
            assert entry.get("kind") in ("name", "term", "scare") and entry.get("reason"), (key, entry)
        for entry in labels.get("ambiguous") or ():
            assert entry.get("reason"), (key, entry)
        for entry in labels.get("quotes") or ():
            assert "speaker" in entry and entry["text"], (key, entry)
            assert not entry.get("unpaired") or entry.get("note"), (key, entry)


def test_speaker_matching_is_exact():
    """A part of a speaker's name is right only when the gold lists that form («الأمم المتحدة» is
    not «موقع الأمم المتحدة»)."""
    label = {"speaker": "موقع الأمم المتحدة", "also": []}
    assert stage.speaker_right("موقع الأمم المتحدة", label)
    assert not stage.speaker_right("الأمم المتحدة", label)
    assert stage.speaker_right("وزارة", {"speaker": "الوزارة"})  # the article «ال» aside
    assert stage.speaker_right("بوريطة", {"speaker": "وزير الخارجية ناصر بوريطة", "also": ["بوريطة"]})

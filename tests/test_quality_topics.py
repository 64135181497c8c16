"""Topics gate (issue 13, issue 20): per-topic precision, recall and F1 of every labelled topic,
and the micro-F1 of the three mission topics, on ../shared/corpus through the whole pipeline,
held above the floors of tests/quality/topics.py (never lowered silently)."""

import pytest

from .quality import measured
from .quality import topics as quality

MISSION_GATE = 0.95  # issue 13: mission topics micro-F1 on the dev corpus


@pytest.fixture(scope="module")
def figures(corpus):
    return measured("topics")


def test_mission_topics_gate(figures):
    assert figures["mission_micro_f1"] >= MISSION_GATE


def test_every_labelled_topic_has_floors():
    for topic in quality.LABELLED_TOPICS:
        assert f"{topic}_precision" in quality.FLOORS and f"{topic}_f1" in quality.FLOORS, topic


def test_counts_and_scores():
    gold = {"a": {"minurso"}, "b": {"other"}, "c": {"minurso"}}
    predicted = {"a": {"minurso"}, "b": {"minurso"}, "c": set()}
    assert quality.counts(gold, predicted, "minurso") == (1, 1, 1)
    assert quality.prf(1, 1, 1) == (0.5, 0.5, 0.5)
    assert quality.prf(0, 0, 0) == (1.0, 1.0, 1.0)  # nothing said, nothing to find

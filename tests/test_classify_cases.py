"""Classifier cases (tests/cases/classify.yml): where a mention stands, cues, `describes` phrases,
and a headline printed again as the first paragraph. Also each case of tests/cases/topics.yml
classified on its own.

Why the topics.yml cases run here again: tests/test_classify.py classifies them all at once in a
module-scoped fixture, so a tool that maps each test to the functions it calls (mutmut) sees them
called by the first case only, and judges a mutant of the classifier by that case alone. A mutant
that never switched on the `describes` phrases survived that way. Here each case is classified in
its own test."""

from __future__ import annotations


import pytest
import yaml

from generator.arabic import tokens
from generator.classify import TopicClassifier
from generator.config import Config, load_config
from generator.describe import lead_of
from generator.entities import Tokens

from .conftest import REPO

CASES = yaml.safe_load((REPO / "tests" / "cases" / "classify.yml").read_text(encoding="utf-8"))
TOPIC_CASES = yaml.safe_load((REPO / "tests" / "cases" / "topics.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def config() -> Config:
    return load_config(REPO)


def minurso(matches) -> tuple | None:
    found = [m for m in matches if m.topic == "minurso"]
    return (list(found[0].places), list(found[0].counts), found[0].score) if found else None


def expected(case: dict) -> tuple | None:
    if case.get("out"):
        return None
    return (case["expect"]["places"], case["expect"]["counts"], case["expect"]["score"])


@pytest.mark.parametrize("case", CASES["words"], ids=[c["label"] for c in CASES["words"]])
def test_place_of_a_mention(config, case):
    title, lead, body = tokens(case["title"]), tokens(case["lead"]), tokens(case["body"])
    classifier = TopicClassifier(config.topics)
    found = classifier.classify(title + lead + body, len(title), len(title) + len(lead))
    assert minurso(found) == expected(case), case["comment"]


@pytest.mark.parametrize("case", CASES["article"], ids=[c["label"] for c in CASES["article"]])
def test_headline_and_first_paragraph(config, case):
    title, paragraphs = case["title"], case["paragraphs"]
    text = Tokens(title + "\n" + "\n".join(paragraphs))
    found = TopicClassifier(config.topics).classify_article(text, title, case["lead"], paragraphs)
    assert minurso(found) == expected(case), case["comment"]


@pytest.mark.parametrize("case", TOPIC_CASES, ids=[c["label"] for c in TOPIC_CASES])
def test_topic_case_on_its_own(config, case):
    """The case's headline and paragraphs as the pipeline gives them to the classifier
    (tests/test_classify.py checks that cleaning leaves them whole)."""
    title, paragraphs = case["title"], case["body"]
    text = Tokens(title + "\n" + "\n".join(paragraphs))
    found = {m.topic for m in TopicClassifier(config.topics).classify_article(text, title, lead_of(paragraphs),
                                                                               paragraphs)}
    for topic in case.get("in", ()):
        assert topic in found, f"{case['label']}: not in {topic} ({case['comment']})"
    for topic in case.get("out", ()):
        assert topic not in found, f"{case['label']}: wrongly in {topic} ({case['comment']})"

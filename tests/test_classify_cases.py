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

from generator.arabic import Tokens, tokens
from generator.classify import TopicClassifier
from generator.config import Bilingual, Config, Topic, load_config
from generator.describe import lead_of

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


def test_without_places_every_mention_is_the_body_s(config):
    """``classify(words)`` with no headline or lead given: one mention weighs 1, too little."""
    classifier = TopicClassifier(config.topics)
    assert minurso(classifier.classify(tokens("المينورسو تنشر تقريرها الدوري"))) is None
    assert minurso(classifier.classify(tokens("المينورسو تنشر تقرير المينورسو"))) == (["body"], [2], 2.0)


# label, terms, not_within, headline, the (terms, counts) counted; a comment each
NAMES = [
    ("longer name starting later wins",
     ("الحكم الذاتي", "الذاتي للصحراء الغربية"), (), "دعم الحكم الذاتي للصحراء الغربية",
     (("الذاتي للصحراء الغربية",), (1,)),
     "two names overlap; the longer one, though it starts later, is the mention"),
    ("a shorter name before a longer one counts too",
     ("المينورسو", "بعثة الأمم المتحدة"), (), "المينورسو تستقبل وفدا من بعثة الأمم المتحدة",
     (("المينورسو", "بعثة الأمم المتحدة"), (1, 1)),
     "no overlap: the longer name found first takes only its own words"),
    ("a term at the start of a larger name",
     ("عمليات السلام",), ("عمليات السلام الأممية",), "تقييم عمليات السلام الأممية",
     None, "«عمليات السلام الأممية» is the larger name: the term inside it, from its first word, does not count"),
    ("a term after a larger name still counts",
     ("عمليات السلام",), ("إدارة العمليات",), "إدارة العمليات تراجع عمليات السلام",
     (("عمليات السلام",), (1,)), "the larger name stands before the term and does not hold it"),
    ("a term just before a larger name still counts",
     ("عمليات السلام",), ("إدارة العمليات",), "عمليات السلام إدارة العمليات",
     (("عمليات السلام",), (1,)), "the larger name begins where the term ends and does not hold it"),
]


@pytest.mark.parametrize("terms,not_within,headline,counted,comment", [n[1:] for n in NAMES],
                         ids=[n[0] for n in NAMES])
def test_which_name_is_the_mention(terms, not_within, headline, counted, comment):
    topic = Topic(id="t", label=Bilingual(ar="موضوع", en="Topic"), terms=terms, not_within=not_within)
    words = tokens(headline)
    found = TopicClassifier([topic]).classify(words, title_end=len(words))
    assert ((found[0].terms, found[0].counts) if found else None) == counted, comment

"""Topics: the seeds land where the brief says; the cases of tests/cases/topics.yml (every term of
every topic, Arabic and Latin, and the traps) pass, and each fails once the rule it stands on is
removed from content/topics.yml. The corpus gate is tests/test_quality_floors.py (figures in tests/quality/topics.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from generator.analyze import analyze
from generator.arabic import tokens
from generator.classify import TopicClassifier
from generator.config import Bilingual, Config, ConfigError, Topic, documented_fields, load_config

from .conftest import REPO

SEED_TOPICS = [
    ("000_9a927e2f35066500.txt", "peacekeeping"),
    ("001_f654b9944e0dc977.txt", "peacekeeping"),
    ("002_e0df584a8c6800d2.txt", "peacekeeping"),
    ("003_0ac5d1cf285a5be9.txt", "minurso"),
    ("004_aa262c0e924b8567.txt", "de-mistura"),
]
CASES = yaml.safe_load((REPO / "tests" / "cases" / "topics.yml").read_text(encoding="utf-8"))
CASE_BY_LABEL = {case["label"]: case for case in CASES}
RULES = [(case["label"], *rule) for case in CASES for rule in case.get("stands_on", ())]
# Every phrase of these groups has a case of its own; the other groups have at least one case each.
EVERY_PHRASE = ("terms", "describes", "not_within")
SOME_PHRASE = ("context", "cues", "requires", "excludes")


@pytest.fixture(scope="module")
def config() -> Config:
    return load_config(REPO)


@pytest.fixture(scope="module")
def seeds(config):
    return {a.source.path: a for a in analyze(config).articles}


def write_case(folder: Path, case: dict) -> Path:
    """The case as a scraped article: headline, blank line, paragraphs."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{case['label']}.txt"
    path.write_text(case["title"] + "\n\n" + "\n".join(case["body"]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def case_articles(config, tmp_path_factory):
    folder = tmp_path_factory.mktemp("topic-cases")
    for case in CASES:
        write_case(folder, case)
    return {Path(a.source.path).stem: a for a in analyze(config, [folder]).articles}


def without(config: Config, topic_id: str, group: str, phrase: str) -> Config:
    """The configuration with one phrase removed from one group of one topic."""
    topics = tuple(dataclasses.replace(t, **{group: tuple(p for p in getattr(t, group) if p != phrase)})
                   if t.id == topic_id else t for t in config.topics)
    return dataclasses.replace(config, topics=topics)


@pytest.mark.parametrize("path,topic", SEED_TOPICS)
def test_seed_topics(seeds, path, topic):
    assert topic in seeds[path].topic_ids


def test_each_topic_says_why(seeds):
    (match,) = [m for m in seeds["003_0ac5d1cf285a5be9.txt"].topics if m.topic == "minurso"]
    assert match.terms[0] == "المينورسو"
    assert match.places[0] == "title"  # «... وبعثة المينورسو..» is the headline
    assert match.counts[0] >= 3 and match.score >= 3 + 2


@pytest.mark.parametrize("label", sorted(CASE_BY_LABEL))
def test_topic_case(case_articles, label):
    case = CASE_BY_LABEL[label]
    article = case_articles[label]
    assert article.title == case["title"], "the case's headline must be read as the headline"
    assert len(article.body) == len(case["body"]), "each of the case's paragraphs must be read as body"
    for topic in case.get("in", ()):
        assert topic in article.topic_ids, f"{label}: not in {topic} ({case['comment']})"
    for topic in case.get("out", ()):
        assert topic not in article.topic_ids, f"{label}: wrongly in {topic} ({case['comment']})"


@pytest.mark.parametrize("label,topic,group,phrase", RULES, ids=[f"{r[0]}:{r[2]}" for r in RULES])
def test_case_needs_its_rule(config, tmp_path, label, topic, group, phrase):
    case = CASE_BY_LABEL[label]
    assert phrase in getattr(config.topic(topic), group), f"{phrase!r} is not in {topic}.{group}"
    expected_in = topic in case.get("in", ())
    assert expected_in or topic in case.get("out", ()), f"{label} says nothing about {topic}"
    write_case(tmp_path, case)
    (article,) = analyze(without(config, topic, group, phrase), [tmp_path]).articles
    assert (topic in article.topic_ids) != expected_in, (
        f"{label} passes without {topic}.{group} {phrase!r}: the case does not test that rule")


def test_every_phrase_has_a_case(config):
    covered = {(topic, group, phrase) for _, topic, group, phrase in RULES}
    missing = [f"{t.id}.{group}: {phrase}" for t in config.topics for group in EVERY_PHRASE
               for phrase in getattr(t, group) if (t.id, group, phrase) not in covered]
    missing += [f"{t.id}.{group}" for t in config.topics for group in SOME_PHRASE
                if getattr(t, group) and not any(c[:2] == (t.id, group) for c in covered)]
    assert not missing, "rules of content/topics.yml without a case in tests/cases/topics.yml:\n" + "\n".join(missing)


@pytest.mark.parametrize("topic_id", ["minurso", "peacekeeping", "de-mistura", "western-sahara-politics",
                                      "polisario"])
def test_last_term_of_each_topic_is_read(config, case_articles, topic_id):
    """Issue 20: a classifier that skipped each topic's last term (the Latin MINURSO, Lacroix,
    de Mistura, Western Sahara, Polisario) went unnoticed."""
    last = config.topic(topic_id).terms[-1]
    labels = [label for label, topic, group, phrase in RULES if (topic, group, phrase) == (topic_id, "terms", last)]
    assert labels, f"no case stands on {topic_id}'s last term {last!r}"
    for label in labels:
        assert topic_id in case_articles[label].topic_ids, f"{label}: {last!r} was not read"


def test_salience_weighs_place_and_count(config):
    """The same mention: in the headline it is enough; once in the body it is passing; twice it
    counts. (Words of the body only: the classifier alone, without the pipeline's cleaning.)"""
    classifier = TopicClassifier(config.topics)
    words = tokens("بعثة المينورسو تصدر تقريرا عن الوضع في المنطقة")
    assert classifier.classify(words, title_end=len(words))[0].places == ("title",)
    assert not [m for m in classifier.classify(words) if m.topic == "minurso"]
    (twice,) = [m for m in classifier.classify(words + words) if m.topic == "minurso"]
    assert (twice.places, twice.counts, twice.score) == (("body",), (2,), 2.0)


def test_overlapping_names_count_once():
    """Where one name holds another («مبادرة الحكم الذاتي» holds «الحكم الذاتي»), the longer one
    is the mention, counted once."""
    topic = Topic(id="autonomy", label=Bilingual(ar="الحكم الذاتي", en="Autonomy"),
                  terms=("الحكم الذاتي", "مبادرة الحكم الذاتي"))
    words = tokens("دعم دولي لمبادرة الحكم الذاتي")
    (match,) = TopicClassifier([topic]).classify(words, title_end=len(words))
    assert (match.terms, match.counts, match.score) == (("مبادرة الحكم الذاتي",), (1,), 3.0)


def test_a_term_inside_a_larger_name_does_not_count():
    topic = Topic(id="pk", label=Bilingual(ar="حفظ السلام", en="Peacekeeping"), terms=("عمليات السلام",),
                  not_within=("إدارة عمليات السلام",))
    words = tokens("مسؤول في إدارة عمليات السلام يزور المنطقة")
    assert TopicClassifier([topic]).classify(words, title_end=len(words)) == ()
    words = tokens("الأمم المتحدة تراجع عمليات السلام")
    assert TopicClassifier([topic]).classify(words, title_end=len(words))[0].places == ("title",)


def test_every_topic_key_is_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    topics_section = readme[readme.index("### Topics"):readme.index("## `marsad analyze` JSON")]
    for key, text in documented_fields(Topic):
        assert text, f"topics.yml key {key} has no doc"
        assert f"`{key}`" in topics_section, f"topics.yml key {key} is not in the README's Topics section"


@pytest.mark.parametrize("topic_yaml,message", [
    ("terms: [المينورسو, مينورسو]",
     "topics[0].terms[1]: 'مينورسو' matches the same words as 'المينورسو'"),
    ("terms: [حفظ السلام]\n    not_within: [إدارة الدعم الميداني]",
     "topics[0].not_within[0]: 'إدارة الدعم الميداني' contains none of the topic's terms"),
    ("terms: [المينورسو]\n    describes: [بعثة مراقبة وقف إطلاق النار]",
     "topics[0].describes: needs `context` terms to show what they describe"),
    ("terms: [المينورسو]\n    salience: {min_score: 0}",
     "topics[0].salience: min_score must be above 0 and cue_window not negative"),
])
def test_topic_rule_errors(tmp_path, topic_yaml, message):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "topics.yml").write_text(
        f"topics:\n  - id: t\n    label: {{ar: ت, en: T}}\n    {topic_yaml}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path)
    (problem,) = error.value.problems  # the file (and the line, where known), then the key and the reason
    assert problem.startswith(str(tmp_path / "content" / "topics.yml")) and problem.endswith(f": {message}")

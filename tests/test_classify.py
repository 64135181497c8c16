"""Topics: the seeds land where the brief says; on the labelled corpus, per-topic precision
and recall are reported and held above pinned floors (never lowered silently)."""

import pytest

from generator.analyze import analyze
from generator.config import load_config

from .conftest import REPO, read_labels

SEED_TOPICS = [
    ("000_9a927e2f35066500.txt", "peacekeeping"),
    ("001_f654b9944e0dc977.txt", "peacekeeping"),
    ("002_e0df584a8c6800d2.txt", "peacekeeping"),
    ("003_0ac5d1cf285a5be9.txt", "minurso"),
    ("004_aa262c0e924b8567.txt", "de-mistura"),
]


@pytest.fixture(scope="module")
def config():
    return load_config(REPO)


@pytest.fixture(scope="module")
def seeds(config):
    return {a.source.path: a for a in analyze(config).articles}


@pytest.mark.parametrize("path,topic", SEED_TOPICS)
def test_seed_topics(seeds, path, topic):
    assert topic in seeds[path].topic_ids


def test_matched_terms_explain_each_topic(seeds):
    article = seeds["003_0ac5d1cf285a5be9.txt"]
    assert "المينورسو" in article.matched_terms["minurso"]


def test_de_mistura_as_syria_envoy_is_not_the_topic(config, tmp_path):
    (tmp_path / "syria.txt").write_text(
        "دي ميستورا في دمشق\nوصل المبعوث الأممي إلى سوريا ستافان دي ميستورا إلى دمشق اليوم لبحث مسار جنيف، "
        "والتقى وزير الخارجية السوري في إطار جهود التسوية.\n", encoding="utf-8")
    (article,) = analyze(config, [tmp_path]).articles
    assert "de-mistura" not in article.topic_ids


# Measured on 2026-11-23 over ../shared/corpus (75 articles):
#   minurso       P=0.67 R=0.50  (4 labelled; two AFP stories describe MINURSO without naming it)
#   peacekeeping  P=0.71 R=1.00  (passing mentions in non-peacekeeping stories cost precision)
#   de-mistura    no labelled article; one false positive before «المبعوث الشخصي» was dropped
FLOORS = {"minurso": (0.60, 0.50), "peacekeeping": (0.65, 0.95)}


@pytest.fixture(scope="module")
def corpus_scores(config, corpus):
    labels = read_labels(corpus)
    predicted = {a.source.path: set(a.topic_ids) for a in analyze(config, [corpus / "articles"]).articles}
    scores = {}
    for topic in FLOORS:
        # a byte-identical copy (048.txt = 047.txt) is read once and counted once
        gold = {f for f, row in labels.items() if topic in row["topics"].split(",") and f in predicted}
        found = {f for f, topics in predicted.items() if topic in topics}
        true = len(gold & found)
        scores[topic] = (true / len(found) if found else 0.0, true / len(gold) if gold else 1.0)
    print("\ntopic precision/recall on the corpus:", scores)
    return scores


@pytest.mark.parametrize("topic", sorted(FLOORS))
def test_topic_quality_floor(corpus_scores, topic):
    precision, recall = corpus_scores[topic]
    floor_p, floor_r = FLOORS[topic]
    assert precision >= floor_p and recall >= floor_r, f"{topic}: P={precision:.2f} R={recall:.2f}"

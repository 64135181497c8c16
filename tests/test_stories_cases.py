"""Stories as a reader sees them: the cases of tests/cases/stories.yml, each grouped in its own test
(which reports make one story, in what order, and the story's id, title, days, summary, quotes,
figures, topics and entities)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
import scipy.sparse as sp
import yaml

from generator.config import StorySettings
from generator.models import Article, EntityMention, KeyFigure, Quote, Source, TopicMatch
from generator.stories import cluster_stories

from .conftest import REPO

TABLE = yaml.safe_load((REPO / "tests" / "cases" / "stories.yml").read_text(encoding="utf-8"))
REPORTS = TABLE["reports"]
CASES = TABLE["cases"]


def report(entry: dict) -> Article:
    given = {**REPORTS[entry["report"]], **entry}
    body = tuple(given["body"])
    return Article(
        id=given["id"], source=Source(f"{given['id']}.txt", "text"), title=given["title"],
        lead=given["lead"] if "lead" in given else body[0], body=body, content_hash="", published=given.get("published", given["day"]),
        day=entry.get("day") if "published" in entry else None,  # None: the publication day
        quotes=tuple(Quote(text=q["text"], speaker=q["speaker"], speaker_name=q["speaker"], sentence="")
                     for q in given.get("quotes", ())),
        figures=tuple(KeyFigure(**f) for f in given.get("figures", ())),
        topics=tuple(TopicMatch(topic=t, terms=()) for t in given.get("topics", ())),
        entities=tuple(EntityMention(e, (e,), 1) for e in given.get("entities", ())))


def shown(story, field: str):
    """The field as the cases write it."""
    if field == "quotes":
        return [[q.text, q.speaker, list(carriers)] for q, carriers in zip(story.quotes, story.quote_reports)]
    if field == "figures":
        return [[f.value, [p.article, p.paragraph] if p else None]
                for f, p in zip(story.figures, story.figure_passages, strict=True)]
    if field == "summary_count":
        return len(story.summary)
    if field == "summary_passages":
        return [[p.article, p.paragraph] for p in story.summary_passages]
    value = getattr(story, field)
    return list(value) if isinstance(value, tuple) else value


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_story_case(case):
    articles = [report(entry) for entry in case["input"]]
    stories, mapping = cluster_stories(articles, case.get("duplicates", {}), StorySettings())
    expected = dict(case["expected"])
    if "stories" in expected:
        assert [list(s.article_ids) for s in stories] == expected.pop("stories"), case["comment"]
    story = next(s for s in stories if s.id == mapping[articles[0].id])
    assert all(mapping[aid] == s.id for s in stories for aid in s.article_ids), case["comment"]
    assert len(story.summary_passages) in (0, len(story.summary)), case["comment"]
    for field, value in expected.items():
        assert shown(story, field) == value, f"{case['label']}: {field} ({case['comment']})"


# ------------------------------------------------- which undated reports meet

def heavy_terms(rows: list[list[int]], width: int) -> sp.csr_matrix:
    """A matrix of heaviest terms (``_Vectors.pruned``): row r has weight 1 at each term of rows[r]."""
    indices = [term for terms in rows for term in sorted(terms)]
    pointer = np.cumsum([0] + [len(terms) for terms in rows])
    return sp.csr_matrix((np.ones(len(indices), dtype=np.float32), indices, pointer), shape=(len(rows), width))


@pytest.mark.parametrize("label, holders, meets, comment", [
    ("a name in two reports", 2, True,
     "an undated report meets the report that shares its name, a place or a figure"),
    ("a name in sixteen reports", 16, True,
     "a term among the heaviest of up to DISTINCTIVE_ROWS (16) reports still names one event"),
    ("a term in seventeen reports", 17, False,
     "a term heavy in more reports names a subject, not an event: it makes no pair by itself"),
])
def test_undated_report_meets_those_sharing_a_distinctive_term(label, holders, meets, comment):
    from generator import stories

    assert stories.DISTINCTIVE_ROWS == 16
    name = 0
    rows = [[name, 1 + k] for k in range(holders)] + [[100 + k] for k in range(20)]  # others: their own terms
    undated = np.zeros(len(rows), dtype=bool)
    undated[0] = True
    first, second = stories._sharing_distinctive_terms(heavy_terms(rows, 200), undated)
    met = {int(b) for a, b in zip(first, second) if a == 0 and b != 0}
    assert met == (set(range(1, holders)) if meets else set()), f"{label}: {comment}"


def test_two_reports_sharing_one_name_among_many_terms_are_scored():
    # an undated report and another share one name among thirty heavy terms each (their other words
    # differ): the orderings rarely put them side by side, the shared distinctive name does
    from generator import stories

    rows = [[0, *range(1, 31)], [0, *range(31, 61)]] + [list(range(61 + 30 * k, 91 + 30 * k)) for k in range(40)]
    undated = np.zeros(len(rows), dtype=bool)
    undated[0] = True
    a, b = stories.undated_pairs_to_score(heavy_terms(rows, 61 + 30 * 40), undated)
    assert (0, 1) in set(zip(a.tolist(), b.tolist()))


# ------------------------------------------------------------------ terms

@pytest.mark.parametrize("label, word, term, comment", [
    ("conjunction", "ومجلس", "مجلس", "«و» before a word is the conjunction: «ومجلس» counts as «مجلس»"),
    ("conjunction and article", "والبرلمان", "برلمان", "the conjunction, then the article"),
    ("preposition and article", "بالبرلمان", "برلمان", "«بال» is «ب» + «ال»"),
    ("lam and article", "للبرلمان", "برلمان", "«لل» is «ل» + «ال»"),
    ("article", "البرلمان", "برلمان", "the article does not make another term"),
    ("article before three letters", "الحزب", "حزب", "three letters are enough of a stem: «الحزب» is «حزب»"),
    ("a short word keeps its waw", "وزير", "وزير", "in a word of four letters «و» is a root letter (وزير، وطن)"),
    ("a short stem keeps its article", "الحب", "الحب", "the article stays when fewer than three letters would remain"),
    ("a short stem keeps its preposition", "بلد", "بلد", "«ب» stays when fewer than three letters would remain"),
    ("one letter", "و", None, "a lone letter is no term"),
])
def test_light_stem(label, word, term, comment):
    from generator.stories import terms

    assert terms(word) == ([term] if term else []), f"{label}: {comment}"


def test_a_word_repeated_past_two_bytes_is_counted_at_the_cap():
    # a page whose scraper looped (one word 70,000 times) is still grouped: its count stops at
    # MAX_COUNT, what two bytes hold
    from generator.stories import MAX_COUNT, Terms, TermTable

    table = TermTable()
    table.add(Terms(("حلقة", "مفرغة"), (70_000, 3), (2, 2)))
    assert MAX_COUNT == 65_535
    assert sorted(Counter(table.analyzer()(0)).items()) == [("حلقة", MAX_COUNT), ("مفرغة", 3)]


def test_a_term_table_of_other_articles_is_refused():
    # the table holds the terms counted where each article was analysed, in the articles' order; one
    # of other articles (a stale cache) would give every story another's vectors
    from generator.stories import TermTable, article_terms

    table = TermTable()
    table.add(article_terms(report({"report": "opening-retold", "id": "b"})))  # one lead sentence, not two
    with pytest.raises(ValueError, match="^the term table does not match the articles' lead sentences$"):
        cluster_stories([report({"report": "opening", "id": "a"})], {}, StorySettings(), table)

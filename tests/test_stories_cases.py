"""Stories as a reader sees them: the cases of tests/cases/stories.yml, each grouped in its own test
(which reports make one story, in what order, and the story's id, title, days, summary, quotes,
figures, topics and entities)."""

from __future__ import annotations

import pytest
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
        lead=given.get("lead", body[0]), body=body, content_hash="", published=given["day"],
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

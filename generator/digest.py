"""Digest stage: stories grouped into periods (day, ISO week or month), then by topic.

A story belongs to the period of its latest report. Stories whose reports carry
no date go to one "undated" digest, listed last, rather than to a guessed period.

``rank_stories`` orders a period's stories by what matters (``Ranking``): the home page and
each digest page open with the top ones, each shown once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .config import RankingSettings
from .models import Story

UNDATED = "undated"


@dataclass(frozen=True)
class Digest:
    key: str  # "2023-W48", "2023-11-29", "2023-11" or "undated"
    start: str | None  # first day of the period (ISO)
    end: str | None  # last day of the period (ISO)
    stories: tuple[Story, ...]  # newest first
    by_topic: tuple[tuple[str, tuple[Story, ...]], ...]  # (topic id or "", stories) in taxonomy order


def period_of(day: str | None, period: str) -> tuple[str, str | None, str | None]:
    """(key, start, end) of the period holding ``day``."""
    if not day:
        return UNDATED, None, None
    when = date.fromisoformat(day[:10])
    if period == "day":
        return when.isoformat(), when.isoformat(), when.isoformat()
    if period == "month":
        first = when.replace(day=1)
        following = (first + timedelta(days=32)).replace(day=1)
        return f"{when:%Y-%m}", first.isoformat(), (following - timedelta(days=1)).isoformat()
    year, week, weekday = when.isocalendar()
    monday = when - timedelta(days=weekday - 1)
    return f"{year}-W{week:02d}", monday.isoformat(), (monday + timedelta(days=6)).isoformat()


def build_digests(stories: Sequence[Story], period: str, topic_order: Sequence[str]) -> tuple[Digest, ...]:
    """Every period that has a story, newest first, the undated digest last."""
    grouped: dict[tuple[str, str | None, str | None], list[Story]] = defaultdict(list)
    for story in stories:
        grouped[period_of(story.last_day, period)].append(story)
    digests = [_digest(key, start, end, members, topic_order) for (key, start, end), members in grouped.items()]
    return tuple(sorted(digests, key=lambda d: (d.key == UNDATED, _descending(d.start or ""))))


def _digest(key: str, start: str | None, end: str | None, stories: list[Story],
            topic_order: Sequence[str]) -> Digest:
    ordered = tuple(sorted(stories, key=lambda s: (_descending(s.last_day or ""), s.id)))
    by_topic = []
    for topic in (*topic_order, ""):
        members = tuple(s for s in ordered if (topic in s.topics if topic else not s.topics))
        if members:
            by_topic.append((topic, members))
    return Digest(key, start, end, ordered, tuple(by_topic))


def _descending(text: str) -> tuple[int, ...]:
    return tuple(-ord(ch) for ch in text)


# What makes a story matter in its period: score = reports × outlets × recency × topic weight.
#
# - reports: how many reports carry the story, wire copies included (each is a publication);
# - outlets: how many distinct known outlets ran it (at least 1: an unknown outlet is not counted
#   as a new one);
# - recency: ``0.5 ** (age / half_life_days)``, the age in days of the story's latest report before
#   the latest report of the period (1 for undated stories);
# - topic weight: topics.yml lists the mission's topics first; the first topic weighs
#   ``first_topic_weight``, the last ``last_topic_weight``, those between in steps; a story takes the
#   weight of its weightiest topic, ``no_topic_weight`` when it has none.
#
# Ties go to the newer story, then to the story id (stable from build to build). The weights are the
# setting ``digest.ranking`` of marsad.yml, declared and validated in config.py.
Ranking = RankingSettings


def topic_weights(topic_order: Sequence[str], ranking: Ranking = Ranking()) -> dict[str, float]:
    """Each topic's weight by its place in the taxonomy (first = the mission's own)."""
    steps = max(1, len(topic_order) - 1)
    spread = ranking.first_topic_weight - ranking.last_topic_weight
    return {topic: ranking.first_topic_weight - spread * index / steps for index, topic in enumerate(topic_order)}


def story_score(story: Story, outlets: Mapping[str, str | None], weights: Mapping[str, float],
                latest_day: str | None, ranking: Ranking = Ranking()) -> float:
    """``Ranking``'s score of one story; ``outlets`` maps a report id to its outlet id (or None)."""
    reports = len(story.article_ids)
    distinct = len({outlets.get(aid) for aid in story.article_ids} - {None})
    recency = 1.0
    if latest_day and story.last_day:
        age = (date.fromisoformat(latest_day[:10]) - date.fromisoformat(story.last_day[:10])).days
        recency = 0.5 ** (max(0, age) / ranking.half_life_days)
    weight = max((weights.get(t, ranking.last_topic_weight) for t in story.topics), default=ranking.no_topic_weight)
    return reports * max(1, distinct) * recency * weight


def rank_stories(stories: Sequence[Story], outlets: Mapping[str, str | None], topic_order: Sequence[str],
                 ranking: Ranking = Ranking()) -> tuple[Story, ...]:
    """``stories`` (one period's) from the one that matters most (``Ranking``)."""
    weights = topic_weights(topic_order, ranking)
    latest = max((s.last_day for s in stories if s.last_day), default=None)
    scored = [(story_score(s, outlets, weights, latest, ranking), s) for s in stories]
    return tuple(s for _, s in sorted(scored, key=lambda pair: (-pair[0], pair[1].last_day is None,
                                                                _descending(pair[1].last_day or ""), pair[1].id)))

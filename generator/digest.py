"""Digest stage: stories grouped into periods (day, ISO week or month), then by topic.

A story belongs to the period of its latest report. Stories whose reports carry
no date go to one "undated" digest, listed last, rather than to a guessed period.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

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

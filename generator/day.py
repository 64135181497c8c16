"""The article's day: the one day it is filed under, and what says so.

Digests, listings, story spans and story blocking read ``Article.day`` and nothing
else. It is taken, in this order of trust, from

1. ``sidecar``: the user's sidecar (or front matter, or JSON Lines record):
   its ``published``, else its ``reference_date``;
2. ``metadata``: a feed item's date or the page's metadata (``article:published_time``,
   JSON-LD ``datePublished``, ``<time datetime>``, as trafilatura/htmldate read them);
3. ``publication line``: a stamp printed beside the headline or a labelled line
   («تاريخ النشر: …», "date 2025-10-31"), as ``describe.published_of`` reads it;
4. ``opening sentence``: a dateline or opening-sentence date tied to «اليوم», «أمس»
   or (in a dateline) a weekday, whose name must match (``dates.opening_day``);

and otherwise the article has no day. A date the text only mentions (a founding
year, a mandate's end, a session to come) never becomes the day, and neither does
the file's modification time. Each mentioned date gets a role instead.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from .dates import opening_day
from .describe import Found, iso_date, sentences
from .models import CleanArticle, FoundDate

STATED_ORIGINS = ("sidecar", "front matter", "jsonl")  # hints a user wrote, not a page's or feed's
DAY_SOURCES_GIVEN = ("sidecar", "metadata")  # Day.source of a day given with the article, not read in it
EVENT_WINDOW_DAYS = 7  # a date up to a week before the day is what the article reports
ROLES = ("event", "history", "deadline", "future", "mention")


@dataclass(frozen=True)
class Day:
    """The article's day (ISO) or None, where it comes from and the words or hint that say it."""

    value: str | None
    source: str = ""
    evidence: str = ""


NO_DAY = Day(None)


def day_of(clean: CleanArticle, published: Found) -> Day:
    """The article's day, in the order of trust above; ``published`` is ``describe.published_of``'s."""
    hints = clean.raw.hints
    stated = hints.origin in STATED_ORIGINS
    if stated and _iso_day(hints.published):
        return Day(_iso_day(hints.published), "sidecar", f"{hints.origin}: published {hints.published}")
    if hints.reference_date is not None:
        day = hints.reference_date.isoformat()
        return Day(day, "sidecar", f"{hints.origin}: reference_date {day}")
    if _iso_day(hints.published):
        return Day(_iso_day(hints.published), "metadata", f"{hints.origin}: published {hints.published}")
    if _iso_day(published.value):
        return Day(_iso_day(published.value), "publication line", published.evidence)
    if clean.paragraphs:
        opening = next(iter(sentences(clean.paragraphs[0])), "")
        found = opening_day(opening)
        if found is not None and found.iso:
            return Day(found.iso, "opening sentence", found.evidence)
    return NO_DAY


def with_roles(found: tuple[FoundDate, ...], day: str | None) -> tuple[FoundDate, ...]:
    """Each date with its role, settled against the article's day.

    ``deadline`` when a deadline word stands before it («بحلول», «إلى غاية», «أجل»); with a day:
    ``future`` after the day, ``event`` within EVENT_WINDOW_DAYS before it, ``history`` earlier.
    Without a day: ``future`` when the text plans it («من المقرر», «المقبل»), ``event`` for a date
    counted from a reference («أمس», a weekday), ``mention`` for a written date nothing places.
    """
    anchor = date.fromisoformat(day) if day else None
    return tuple(replace(f, role=_role(f, anchor)) for f in found)


def _role(found: FoundDate, anchor: date | None) -> str:
    if found.role == "deadline":
        return "deadline"
    when = iso_date(found.iso)
    if anchor is not None and when is not None:
        if when > anchor:
            return "future"
        return "event" if (anchor - when).days <= EVENT_WINDOW_DAYS else "history"
    if found.role == "future":
        return "future"
    return "event" if found.kind == "relative" else "mention"


def _iso_day(text: str | None) -> str | None:
    day = iso_date(text)
    return day.isoformat() if day else None

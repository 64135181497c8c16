"""Describe stage: a cleaned article's title, lead and metadata.

The title is, in order: what the user or the page's metadata says (hints), the
headline printed just above the body (a line repeated in the page header wins),
or the article's first sentence, shortened.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit

from .arabic import normalize
from .config import Outlet
from .dates import find_dates, parse_timestamp, publication_line
from .models import CleanArticle, FoundDate, LineVerdict, RawArticle

_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")
_READING_NOW = re.compile(r"^(?:أنت تقرأ الآن|تقرأ الآن)\s*:\s*")
MIN_HEADLINE_WORDS = 4
MAX_HEADLINE_WORDS = 30
FALLBACK_TITLE_WORDS = 14
LEAD_MAX_CHARS = 320


def title_of(clean: CleanArticle) -> str:
    if clean.raw.hints.title:
        return clean.raw.hints.title.strip()
    headline = printed_headline(clean)
    if headline:
        return headline
    return shortened(first_sentence(clean.paragraphs[0] if clean.paragraphs else clean.raw.text))


def printed_headline(clean: CleanArticle) -> str | None:
    candidates = [v for v in clean.lines_labelled("header") if _headline_sized(v)]
    if not candidates:
        return None
    repeated = Counter(v.text for v in candidates).most_common(1)[0]
    if repeated[1] > 1:
        return repeated[0]
    return _READING_NOW.sub("", candidates[-1].text)


def _headline_sized(verdict: LineVerdict) -> bool:
    return MIN_HEADLINE_WORDS <= len(verdict.text.split()) <= MAX_HEADLINE_WORDS


def lead_of(paragraphs: tuple[str, ...]) -> str:
    """The first one or two sentences of the body, within LEAD_MAX_CHARS."""
    if not paragraphs:
        return ""
    first, *rest = sentences(paragraphs[0]) or [""]
    lead = first
    if rest and len(lead) + len(rest[0]) < LEAD_MAX_CHARS:
        lead = f"{lead} {rest[0]}"
    return lead if len(lead) <= LEAD_MAX_CHARS else shortened(lead, 45)


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, split after . ! ? ؟"""
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def first_sentence(text: str) -> str:
    """The first sentence without its dateline («الرباط – استقبل…» → «استقبل…»)."""
    sentence = next(iter(sentences(text)), "")
    match = _DATELINE_LEAD.match(sentence)
    return sentence[match.end() - 1 :] if match else sentence


def shortened(text: str, words: int = FALLBACK_TITLE_WORDS) -> str:
    parts = text.split()
    if len(parts) <= words:
        return text.rstrip(" .،,")
    return " ".join(parts[:words]).rstrip(" .،,") + "…"


# ------------------------------------------------------------------ metadata
# Who published the article, who wrote it, where and when. Hints (sidecar, front
# matter, JSON Lines, feed, HTML metadata) win; otherwise only lines the cleaner
# kept out of the body are read, so a name in the article's own text is never
# taken for its outlet.

_SEPARATORS = re.compile(r"[|/\\\-–—:.,،!?؟«»\"“”()\[\]©®™•·]+")
_YEARS_AND_NUMBERS = re.compile(r"\d+")
_COPYRIGHT = ("جميع الحقوق محفوظة", "حقوق النشر", "©", "copyright", "all rights reserved")
MAX_WORDS_BESIDE_CUE = 4  # a site-name line may carry a short slogan: «24 ساعة | الخبر .. بحياد ومهنية!»
HINTED_OUTLET_ORIGINS = ("sidecar", "front matter", "jsonl")  # where an outlet is stated, not a page's site name


@dataclass(frozen=True)
class Found:
    """A value read from the article, with the text that says it."""

    value: str | None
    evidence: str = ""


NOT_FOUND = Found(None)


def outlet_of(clean: CleanArticle, outlets: Sequence[Outlet]) -> Found:
    """The outlet's id from outlets.yml (or the name a sidecar states); None when not known."""
    hints = clean.raw.hints
    stated = any(origin in hints.origin for origin in HINTED_OUTLET_ORIGINS)
    if hints.outlet:
        known = _known_outlet(hints.outlet, outlets)
        if known:
            return Found(known.id, f"{hints.origin}: {hints.outlet}")
        if stated:
            return Found(hints.outlet, f"{hints.origin}: {hints.outlet}")
    by_url = _outlet_by_url(hints.url, outlets)
    if by_url:
        return Found(by_url.id, f"url: {hints.url}")
    return _outlet_by_cues(clean, outlets)


def _known_outlet(name: str, outlets: Sequence[Outlet]) -> Outlet | None:
    return _outlets_by_name(tuple(outlets)).get(normalize(name).strip())


@lru_cache(maxsize=8)
def _outlets_by_name(outlets: tuple[Outlet, ...]) -> dict[str, Outlet]:
    """Each normalised id, name and cue of the outlets, to the first outlet that has it."""
    index: dict[str, Outlet] = {}
    for outlet in outlets:
        for name in (outlet.id, outlet.name.ar, outlet.name.en, *outlet.cues):
            if name:
                index.setdefault(normalize(name).strip(), outlet)
    return index


def _site(url: str | None) -> tuple[str, str]:
    """(host without www., path) of a URL."""
    if not url:
        return "", ""
    parts = urlsplit(url if "//" in url else f"//{url}")
    return (parts.hostname or "").lower().removeprefix("www."), parts.path.rstrip("/")


def _outlet_by_url(url: str | None, outlets: Sequence[Outlet]) -> Outlet | None:
    """The outlet whose home page (host, and path when it has one: bbc.com/arabic) holds the URL."""
    host, path = _site(url)
    if not host:
        return None
    for outlet in outlets:
        home_host, home_path = _site(outlet.url)
        on_host = home_host and (host == home_host or host.endswith("." + home_host))
        if on_host and (path == home_path or path.startswith(home_path + "/")):
            return outlet
    return None


def _outlet_by_cues(clean: CleanArticle, outlets: Sequence[Outlet]) -> Found:
    """A site-name line or a copyright footer naming exactly one known outlet."""
    found: dict[str, str] = {}
    for verdict in clean.verdicts:
        if verdict.label == "body":
            continue
        line_norm = normalize(verdict.text)
        for outlet in outlets:
            if outlet.id not in found and any(_cue_names_line(cue, line_norm) for cue in outlet.cues):
                found[outlet.id] = verdict.text
    if len(found) != 1:
        return NOT_FOUND
    ((outlet_id, line),) = found.items()
    return Found(outlet_id, line)


def _cue_names_line(cue: str, line_norm: str) -> bool:
    cue_norm = _normalized(cue).strip()
    if not cue_norm or cue_norm not in line_norm:
        return False
    if any(_normalized(mark) in line_norm for mark in _COPYRIGHT):
        return True
    if not _SEPARATORS.sub(" ", line_norm).strip().startswith(cue_norm):
        return False
    rest = _YEARS_AND_NUMBERS.sub(" ", _SEPARATORS.sub(" ", line_norm.replace(cue_norm, " ")))
    return len(rest.split()) <= MAX_WORDS_BESIDE_CUE


@lru_cache(maxsize=1024)
def _normalized(phrase: str) -> str:
    return normalize(phrase)


_BYLINE_CITY = re.compile(r"^(?P<name>[^/\d]{3,40}?)\s*//+\s*(?P<city>[^/\d\s]{2,20}(?:\s[^/\d\s]{2,20})?)$")
_BYLINE_LABEL = re.compile(r"^(?:بقلم|كتب|كتبه|كتبت|بواسطة|إعداد|اعداد|by)\s*[:：]?\s+(?P<name>[^\d:]{3,40})$", re.I)
_DATELINE_LINE = re.compile(
    r"^(?P<city>[^\s\d،,.:؛\-–—]{2,20}(?:\s[^\s\d،,.:؛\-–—]{2,20})?)\s*[-–—]\s*"
    r"(?:متابعة|وكالات|خاص|مراسلة|و\s?\.?م\s?\.?ع\.?|ومع)$"
)
_DATELINE_LEAD = re.compile(
    r"^(?P<city>[^\s\d،,.:؛()\-–—]{2,20}(?:\s[^\s\d،,.:؛()\-–—]{2,20})?)\s*"
    r"(?:\((?:[^)]{1,15})\)\s*)?[-–—]\s+\S"
)
MAX_BYLINE_WORDS = 4


def byline_of(clean: CleanArticle) -> Found:
    """The author: the hints' author, or a header line «الحافظ ملعين//العيون», «بقلم: …»."""
    if clean.raw.hints.author:
        return Found(clean.raw.hints.author, f"{clean.raw.hints.origin}: author")
    for verdict in _header_lines(clean):
        match = _BYLINE_CITY.match(verdict.text) or _BYLINE_LABEL.match(verdict.text)
        if match and len(match["name"].split()) <= MAX_BYLINE_WORDS:
            return Found(match["name"].strip(), verdict.text)
    return NOT_FOUND


def dateline_of(clean: CleanArticle) -> Found:
    """The city the article was filed from: «…//العيون», «الرباط-متابعة», or «الرباط – استقبل…»."""
    for verdict in _header_lines(clean):
        match = _BYLINE_CITY.match(verdict.text) or _DATELINE_LINE.match(verdict.text)
        if match:
            return Found(match["city"].strip(), verdict.text)
    if clean.paragraphs:
        match = _DATELINE_LEAD.match(clean.paragraphs[0])
        if match:
            return Found(match["city"].strip(), clean.paragraphs[0][: match.end() - 1].strip())
    return NOT_FOUND


def _header_lines(clean: CleanArticle) -> list[LineVerdict]:
    """The lines the cleaner kept as header (above or inside the body, never dropped boilerplate)."""
    return clean.lines_labelled("header")


STAMP_NEAR_HEADLINE = 2  # lines between the printed headline and its publication stamp
STAMP_NEAR_BODY = 3  # lines between a stamp and the first body paragraph
MAX_STAMP_LINE = 80  # characters: a longer line is not a publication line
_DIGIT = re.compile(r"\d")


def published_of(clean: CleanArticle, title: str) -> Found:
    """The publication date (ISO, with the time when given): the hints', or the stamp printed
    beside the headline; teaser stamps of other articles (menus, related lists) are never taken."""
    hints = clean.raw.hints
    if hints.published:
        return Found(hints.published, f"{hints.origin}: published {hints.published}")
    verdicts = list(clean.verdicts)
    first_body = next((i for i, v in enumerate(verdicts) if v.label == "body"), len(verdicts))
    stamps = [(i, parse_timestamp(v.text)) for i, v in enumerate(verdicts[:first_body]) if v.label != "body"]
    stamps = [(i, found) for i, found in stamps if found is not None and found.iso]
    headlines = [i for i, v in enumerate(verdicts[:first_body]) if title and title in v.text]
    beside_headline = sorted(
        (min((i < h, abs(i - h)) for h in headlines), i, f)
        for i, f in stamps
        if any(abs(i - h) <= STAMP_NEAR_HEADLINE for h in headlines)
    )
    if beside_headline:
        found = beside_headline[0][2]  # below the headline first, then above it; the nearest
        return Found(found.iso, found.evidence)
    above_body = [f for i, f in stamps if first_body - i <= STAMP_NEAR_BODY]
    if above_body:
        return Found(above_body[-1].iso, above_body[-1].evidence)
    return _labelled_line(verdicts)


def _labelled_line(verdicts: Sequence[LineVerdict]) -> Found:
    """A line that is only a labelled publication date («تاريخ النشر: …», "date 2025-10-31"), anywhere
    on the page; when such lines disagree on the day (a list of other articles), none is taken."""
    found = [f for v in verdicts if len(v.text) <= MAX_STAMP_LINE and _DIGIT.search(v.text)
             and (f := publication_line(v.text)) is not None and f.iso and f.certain]
    if not found or len({f.iso[:10] for f in found}) > 1:
        return NOT_FOUND
    return Found(found[0].iso, found[0].evidence)


@dataclass(frozen=True)
class Reference:
    """The day relative dates count from, and where it comes from."""

    day: date | None
    source: str
    trusted: bool = True


def reference_of(raw: RawArticle, published: str | None) -> Reference:
    """Sidecar (or front matter) reference_date, then a stated or printed publication day,
    then the file's modification day (used, but never trusted: copies and checkouts change it)."""
    hints = raw.hints
    if hints.reference_date:
        return Reference(hints.reference_date, f"{hints.origin}: reference_date")
    day = _iso_day(published)
    if day is not None:
        return Reference(day, "publication date")
    if raw.file_date is not None:
        return Reference(raw.file_date, "file modification day (not trusted)", trusted=False)
    return Reference(None, "none")


def dates_of(text: str, reference: Reference) -> tuple[FoundDate, ...]:
    """Every date ``text`` mentions; what was counted from an untrusted reference stays uncertain."""
    found = find_dates(text, reference.day)
    if reference.trusted or reference.day is None:
        return found
    note = (f"counted from the file's modification day {reference.day.isoformat()}, "
            "which need not be the publication day")
    return tuple(
        replace(f, certain=False, note="; ".join(filter(None, (f.note, note))))
        if f.kind == "relative" and f.iso else f
        for f in found
    )


def _iso_day(iso: str | None) -> date | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None

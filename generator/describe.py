"""Describe stage: a cleaned article's title and lead.

The title is, in order: what the user or the page's metadata says (hints), the
headline printed just above the body (a line repeated in the page header wins),
or the article's first sentence, shortened.
"""

from __future__ import annotations

import re
from collections import Counter

from .models import CleanArticle, LineVerdict

_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")
_DATELINE_PREFIX = re.compile(r"^[^\s،,.]{2,20}(?:\s[^\s،,.]{2,20})?\s*[-–—]\s*")
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
    sentences = _SENTENCE_END.split(paragraphs[0])
    lead = sentences[0]
    if len(sentences) > 1 and len(lead) + len(sentences[1]) < LEAD_MAX_CHARS:
        lead = f"{lead} {sentences[1]}"
    return lead if len(lead) <= LEAD_MAX_CHARS else shortened(lead, 45)


def first_sentence(text: str) -> str:
    sentence = _SENTENCE_END.split(text.strip(), maxsplit=1)[0]
    return _DATELINE_PREFIX.sub("", sentence, count=1)


def shortened(text: str, words: int = FALLBACK_TITLE_WORDS) -> str:
    parts = text.split()
    if len(parts) <= words:
        return text.rstrip(" .،,")
    return " ".join(parts[:words]).rstrip(" .،,") + "…"

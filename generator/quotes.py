"""Direct quotes with their speakers, and the figures an article gives.

A quote is text of at least three words between “…”, «…» or "…". Its speaker is
the entity named right after a speech verb in the same sentence («وقال لاكروا»,
«وأكد السيد لاكروا»); a sentence with a speech verb but no name («وقال "…"»)
keeps the speaker of the same or the previous paragraph. A figure is a number
with the words that say what it counts («1724 من القبعات الزرق»); years, dates,
ordinals and resolution numbers are not figures.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice

from .entities import EntityFinder, Tokens, blanked, find_candidates, fold, forms_of, resolution_spans
from .models import KeyFigure, Quote

MIN_QUOTE_WORDS = 3
MAX_QUOTE_CHARS = 1000
_QUOTE = re.compile(
    "“([^“”\n]{1,%d}?)[”“]|«([^«»\n]{1,%d}?)»|\"([^\"\n]{1,%d}?)\"|„([^„“”\n]{1,%d}?)[“”]"
    % ((MAX_QUOTE_CHARS,) * 4)
)
_QUOTE_MARKS = re.compile("[“«\"„]")
_SENTENCE_END = re.compile(r"[.!?؟…][.!?؟…]*(?=\s|$)")  # «[…]+» spelt so: a pattern that begins with a
# character class is searched for much faster (the engine skips to the characters of the class)
_WORD = re.compile(r"\w+")

SPEECH_VERBS = frozenset(fold(w) for w in (
    "قال", "قالت", "يقول", "تقول", "أكد", "أكدت", "يؤكد", "تؤكد", "أضاف", "أضافت", "يضيف", "تضيف",
    "أعرب", "أعربت", "شدد", "شددت", "يشدد", "صرح", "صرحت", "أوضح", "أوضحت", "يوضح", "أشار", "أشارت",
    "يشير", "اعتبر", "اعتبرت", "يعتبر", "دعا", "دعت", "يدعو", "أعلن", "أعلنت", "حذر", "حذرت", "تابع",
    "تابعت", "ذكر", "ذكرت", "مبرزا", "مبرزة", "مؤكدا", "مؤكدة", "مضيفا", "مضيفة", "مشيرا", "مشيرة",
    "موضحا", "موضحة", "معتبرا", "معتبرة", "مشددا", "مشددة", "معربا", "معربة", "داعيا", "داعية",
    "قائلا", "قائلة", "محذرا", "محذرة",
))
SPEECH_VERB_FORMS = SPEECH_VERBS | {f"{conjunction}{verb}" for conjunction in ("و", "ف") for verb in SPEECH_VERBS}
_COMPLEMENTISERS = frozenset(fold(w) for w in ("أن", "إن", "ان", "بأن", "أنه", "إنه", "أنها", "إنها"))
_SPEAKER_WINDOW = 8  # words after the speech verb where the speaker may be named
_SPEAKER_TYPES = ("person",)


@dataclass(frozen=True)
class _Sentence:
    text: str
    quotes: tuple[str, ...]
    masked: str  # the sentence with the quoted text blanked out


def split_sentences(paragraph: str) -> list[_Sentence]:
    """The paragraph's sentences, never split inside a quote, with the quotes each holds."""
    quotes, spans = _quotes_and_sentences(paragraph)
    masked = blanked(paragraph, [(a, b) for a, b, _ in quotes])
    return [_Sentence(paragraph[a:b].strip(), held, masked[a:b]) for a, b, held in spans]


def _quotes_and_sentences(paragraph: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, tuple[str, ...]]]]:
    """(start, end, text) of each quote, and (start, end, quotes held) of each sentence."""
    quotes = [(m.start(), m.end(), next(g for g in m.groups() if g is not None)) for m in _QUOTE.finditer(paragraph)]
    cuts = [0]
    for end in _SENTENCE_END.finditer(paragraph):
        at = end.start()
        if not quotes or not any(a < at < b for a, b, _ in quotes):
            cuts.append(end.end())
    cuts.append(len(paragraph))
    spans = []
    for a, b in zip(cuts, cuts[1:]):
        if not paragraph[a:b].isspace() and a < b:
            spans.append((a, b, tuple(text.strip() for qa, _, text in quotes if a <= qa < b)))
    return quotes, spans


def find_quotes(paragraphs: Sequence[str], finder: EntityFinder, body: Tokens | None = None) -> tuple[Quote, ...]:
    """Direct quotes of three words or more, with the speaker where the text says who.

    ``body``: the ``Tokens`` of the paragraphs joined by line breaks, when already made.
    """
    found: list[Quote] = []
    seen: set[tuple[str, str | None]] = set()
    speaker: tuple[str, str] | None = None
    speaker_paragraph = -2
    quoting = [bool(_QUOTE_MARKS.search(p)) for p in paragraphs] + [False]
    body = body if body is not None else Tokens("\n".join(paragraphs))
    offset = -1
    for index, paragraph in enumerate(paragraphs):
        offset += 1
        start, offset = offset, offset + len(paragraph)
        if not (quoting[index] or quoting[index + 1]):
            continue  # a speaker named here could only matter to quotes here or in the next paragraph
        quotes, spans = _quotes_and_sentences(paragraph)
        toks = body.view(start, offset).blanked([(a, b) for a, b, _ in quotes])
        verbs = [i for i, word in enumerate(toks.words) if word in SPEECH_VERB_FORMS]
        for a, b, held in spans:
            speaking = bool(verbs) and _holds_verb(toks, verbs, a, b)
            named, has_verb, person = _speaker(toks.view(a, b), finder) if speaking else (None, False, False)
            if person:
                speaker, speaker_paragraph = named, index
            elif named is None and has_verb and speaker is not None and index - speaker_paragraph <= 1:
                named, speaker_paragraph = speaker, index
            sentence = paragraph[a:b].strip() if held else ""
            for text in held:
                if len(list(islice(_WORD.finditer(text), MIN_QUOTE_WORDS))) < MIN_QUOTE_WORDS:
                    continue
                quote = Quote(text=text, speaker=named[0] if named else None,
                              speaker_name=named[1] if named else None, sentence=sentence)
                if (quote.text, quote.speaker) not in seen:
                    seen.add((quote.text, quote.speaker))
                    found.append(quote)
    return tuple(found)


def _holds_verb(toks: Tokens, verbs: list[int], start: int, end: int) -> bool:
    """Whether ``toks.view(start, end)`` holds one of the speech ``verbs`` (token positions, in
    order), found without making the view."""
    first, last = toks.token_range(start, end)
    at = bisect_left(verbs, first)
    return at < len(verbs) and verbs[at] < last


def _speaker(toks: Tokens, finder: EntityFinder) -> tuple[tuple[str, str] | None, bool, bool]:
    """(speaker id or name and the name as written, a speech verb occurs, the speaker is a person).

    ``toks`` are the sentence's tokens with the quoted text blanked out. The speaker
    is a person named in the few words after a speech verb (before «أن/إن» or a
    colon), an organisation or country right after the verb («وقالت روسيا»), a
    titled name the gazetteer lacks, or else the first person named before the
    verb in the sentence («ونشر قرقاش تغريدة قال فيها»).
    """
    verbs = [i for i, word in enumerate(toks.words) if word in SPEECH_VERB_FORMS]
    if not verbs:
        return None, False, False
    masked = toks.text
    located = [(start, entity, surface, finder.entity(entity)) for entity, start, _, surface in finder.located(toks)]
    for verb in verbs:
        window_end = toks.ends[min(verb + _SPEAKER_WINDOW, len(toks) - 1)]
        for k in range(verb + 1, min(verb + 1 + _SPEAKER_WINDOW, len(toks))):
            if toks.words[k] in _COMPLEMENTISERS or ":" in masked[toks.ends[k - 1] : toks.starts[k]]:
                window_end = toks.starts[k]
                break
        after = toks.ends[verb]
        first_word = toks.starts[verb + 1] if verb + 1 < len(toks) else len(masked)
        for start, entity, surface, kind in located:
            if start < after or start >= window_end or kind is None:
                continue
            if kind.type in _SPEAKER_TYPES:
                return (entity, surface), True, True
            if start <= first_word + 1 and kind.type in ("organisation", "mission", "place"):
                return (entity, surface), True, False
        named = find_candidates(toks.view(after, window_end), finder)
        if named:
            return (named[0][0], named[0][0]), True, True
    before = toks.starts[verbs[0]]
    for start, entity, surface, kind in located:
        if start < before and kind is not None and kind.type in _SPEAKER_TYPES:
            return (entity, surface), True, True
    return None, True, False


# ---------------------------------------------------------------------- figures

_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
_NUMBER = re.compile(rf"([{_DIGITS}][{_DIGITS}]*(?:[.,٫][{_DIGITS}]+)?)(\s*[%٪])?(?![\w/:]|[.,٫][{_DIGITS}])")
_NOT_BEFORE_NUMBER = re.compile(r"[\w\u0640/:.,٫]")  # a number starts after none of these (checked
# apart: a pattern that begins with a character class is searched for much faster than a look-behind)
_MONTHS = frozenset(fold(w) for w in (
    "يناير", "فبراير", "مارس", "أبريل", "ابريل", "إبريل", "ماي", "مايو", "يونيو", "يونيه", "يوليو", "يوليوز",
    "غشت", "أغسطس", "سبتمبر", "شتنبر", "أكتوبر", "نوفمبر", "نونبر", "دجنبر", "ديسمبر", "كانون", "شباط",
    "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين", "جانفي", "فيفري", "أفريل", "جوان",
    "جويلية", "أوت",
))
_YEAR_CUES = frozenset(fold(w) for w in (
    "سنة", "عام", "العام", "السنة", "في", "منذ", "حتى", "خلال", "لعام", "لسنة", "بحلول", "مطلع", "أواخر",
    "أوائل", "نهاية", "بداية", "موسم", "مونديال", "كأس",
))
_TIME_WORDS = frozenset(fold(w) for w in ("بتوقيت", "غرينتش", "جرينتش", "صباحا", "مساء", "ظهرا", "GMT"))
_UNITS = frozenset(fold(w) for w in (
    "من", "ألف", "الف", "مليون", "ملايين", "مليار", "دولار", "درهم", "يورو", "دينار", "ريال", "جنيه", "كلم",
    "كيلومتر", "متر", "طن", "جندي", "شخص", "عنصر", "لاجئ", "مدني", "قتيل", "بئر", "فرد", "موظف", "امرأة",
))
_CONTEXT_STOPS = frozenset(fold(w) for w in (
    "في", "على", "إلى", "الى", "عن", "مع", "الذي", "التي", "الذين", "أن", "إن", "ان", "منذ", "خلال", "بعد",
    "قبل", "حتى", "ضد", "بين", "عند", "لدى", "حيث", "كما", "أو", "او", "ثم", "هذه", "هذا", "وفق", "حسب",
))
MAX_CONTEXT_WORDS = 4


def find_figures(paragraphs: Sequence[str]) -> tuple[KeyFigure, ...]:
    """Numbers with what they count, once each: «1724 من القبعات الزرق», «60 مغربيا», «25%»."""
    found: list[KeyFigure] = []
    seen: set[tuple[str, str]] = set()
    for paragraph in paragraphs:
        cited = "قرار" in paragraph or ("r" in paragraph or "R" in paragraph) and "res" in paragraph.lower()
        resolution_numbers = {r.number_start for r in resolution_spans(paragraph)} if cited else set()
        for m in _NUMBER.finditer(paragraph):
            if m.start() and _NOT_BEFORE_NUMBER.match(paragraph, m.start() - 1):
                continue
            if m.start() in resolution_numbers or _is_ordinal(paragraph, m.start()):
                continue
            value = m.group(1) + (m.group(2) or "").strip()
            before = _words_before(paragraph, m.start(), 2)
            after = _words_after(paragraph, m.end())
            if _is_date_or_year(m.group(1), before, after, m.group(2)):
                continue
            words = _context_words(after)
            if words:
                context = " ".join([value, *words])
            elif before and fold(before[-1]) not in _CONTEXT_STOPS and fold(before[-1]) != "من":
                context = f"{before[-1]} {value}"
            else:
                continue
            key = (value, fold(words[0]) if words else "")
            if key not in seen:
                seen.add(key)
                found.append(KeyFigure(value=value, context=context))
    return tuple(found)


def _is_ordinal(text: str, start: int) -> bool:
    """«الـ75», «ال75»."""
    return text[max(0, start - 3) : start].replace("ـ", "").endswith("ال")


def _as_int(digits: str) -> int | None:
    western = fold(digits)
    return int(western) if western.isdigit() else None


def _is_date_or_year(digits: str, before: list[str], after: list[str], percent: str | None) -> bool:
    if percent:
        return False
    following = fold(after[0]) if after else ""
    preceding = fold(before[-1]) if before else ""
    if forms_of(following) & _MONTHS or forms_of(preceding) & _MONTHS:
        return True
    if following in _TIME_WORDS:
        return True
    number = _as_int(digits)
    if number is None or not 1900 <= number <= 2100:
        return False
    counted = following in _UNITS or following.endswith("ا") and not following.startswith("و")
    return not counted or bool(forms_of(preceding) & _YEAR_CUES)


_SEGMENT_END = re.compile(r"[.،,;:؛!?؟()\[\]«»“”\"\n]")


def _words_after(text: str, end: int) -> list[str]:
    """The first words after a number up to punctuation (all a figure reads: MAX_CONTEXT_WORDS);
    none when a symbol («©», «'») follows it."""
    stop = _SEGMENT_END.search(text, end, end + 200)
    segment = text[end : stop.start() if stop else end + 200]
    first = _WORD.search(segment)
    if first is None or segment[: first.start()].strip():
        return []
    return [m.group() for m in islice(_WORD.finditer(segment), MAX_CONTEXT_WORDS)]


def _words_before(text: str, start: int, count: int) -> list[str]:
    segment = text[max(0, start - 80) : start]
    cut = max((m.end() for m in _SEGMENT_END.finditer(segment)), default=0)
    return _WORD.findall(segment[cut:])[-count:]


def _context_words(after: list[str]) -> list[str]:
    words: list[str] = []
    for word in after[:MAX_CONTEXT_WORDS]:
        form = fold(word)
        if words and (form in _CONTEXT_STOPS or form == "من" and len(words) >= 1 or form[:1].isdigit()):
            break
        if words and form.startswith("و") and len(form) > 3:
            break
        if not words and form in _CONTEXT_STOPS:
            break
        words.append(word)
    return words

"""Describe stage: a cleaned article's title, lead and metadata.

The title is, in order: what the user or the page's metadata says (hints), the
headline printed just above the body (a line repeated in the page header wins),
or one derived from the first sentence, marked as derived (``Title.source``); the
body keeps every paragraph either way. Outlet, byline and dateline are read from
hints, the page's own lines and the first paragraph's opening, never guessed.
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
from .places import is_known_place

_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")
_READING_NOW = re.compile(r"^(?:أنت تقرأ الآن|تقرأ الآن)\s*:\s*")
MIN_HEADLINE_WORDS = 4
MAX_HEADLINE_WORDS = 30
FALLBACK_TITLE_WORDS = 14
MIN_CLAUSE_TITLE_WORDS = 6  # a first clause this long is a title on its own («استقبل غوتيريش … مبعوثه الشخصي»)
LEAD_MAX_CHARS = 320
_BULLETS = "•·▪●◦‣*"
_CLAUSE_END = re.compile(r"\s*[،,؛;]\s*")
# A headline never ends on a word that needs a complement: a preposition, a conjunction, a
# relative pronoun or a particle («وتشير المبادرة الصحراوية في رسالتها إلى أن» is a broken sentence).
_DANGLING = frozenset(normalize(w) for w in (
    "و", "أو", "ثم", "في", "من", "إلى", "على", "عن", "مع", "أن", "إن", "بأن", "لأن", "كأن", "الذي", "التي",
    "الذين", "اللذين", "اللتين", "اللواتي", "لا", "لم", "لن", "قد", "حول", "عبر", "بين", "منذ", "حتى", "كما",
    "إذا", "لكن", "بل", "أي", "عند", "لدى", "نحو", "خلال", "بعد", "قبل",
))
# Nor does it open like a sentence that carries on the text before it: «وتشير…», «وقال…», «كما أكد…».
_CONTINUATION = frozenset(normalize(w) for w in (
    "وقال", "وقالت", "وأضاف", "وأضافت", "وأكد", "وأكدت", "وأشار", "وأشارت", "ويشير", "وتشير", "وتابع", "وتابعت",
    "وأوضح", "وأوضحت", "وكان", "وكانت", "ويأتي", "وتأتي", "وجاء", "وجاءت", "وذكر", "وذكرت", "ونقل", "ونقلت",
    "وأعلن", "وأعلنت", "ويذكر", "ويشار", "يذكر", "يشار", "وبحسب", "وحسب", "ووفق", "ووفقا", "كما", "فيما",
    "بينما", "وفي", "ومن", "وعلى", "وهو", "وهي", "وهذا", "وهذه", "ولفت", "ولفتت", "واعتبر", "واعتبرت",
))


@dataclass(frozen=True)
class Title:
    """An article's title and where it comes from: ``hint`` (sidecar, front matter, feed item,
    HTML metadata), ``headline`` (the line printed above the body) or ``derived`` (cut from the
    first sentence, which stays in the body: a derived title never removes a paragraph)."""

    text: str
    source: str


def title_of(clean: CleanArticle, outlets: Sequence[Outlet] = ()) -> str:
    return titled(clean, outlets).text


def titled(clean: CleanArticle, outlets: Sequence[Outlet] = ()) -> Title:
    """The title, in order: the hints', the printed headline, or one derived from the first sentence."""
    hint = (clean.raw.hints.title or "").strip()
    if hint:
        return Title(hint, "hint")
    headline = printed_headline(clean, outlets)
    if headline:
        return Title(headline, "headline")
    return Title(derived_title(clean), "derived")


def printed_headline(clean: CleanArticle, outlets: Sequence[Outlet] = ()) -> str | None:
    """The headline printed above the body: among the header lines before the first paragraph
    that read as a headline, one the page repeats (title bar, «أنت تقرأ الآن», page heading), else
    the one nearest the body. A line inside the body, a standfirst sentence, a byline or a dateline
    is never the headline: without one the title is derived, and says so."""
    candidates = [text for v in _above_body(clean) if v.label == "header"
                  and is_headline_shaped(text := _READING_NOW.sub("", v.text)) and not _is_credit(text, outlets)]
    if not candidates:
        return None
    text, count = Counter(candidates).most_common(1)[0]
    return text if count > 1 else candidates[-1]


def is_headline_shaped(text: str) -> bool:
    """4–30 words, no comma (a comma marks a sentence: a standfirst, a lead), no single final stop,
    no leading list bullet, no last word that needs a complement, no first word that carries on
    an earlier sentence."""
    words = text.split()
    if not MIN_HEADLINE_WORDS <= len(words) <= MAX_HEADLINE_WORDS:
        return False
    if re.search("[،,]", text) or re.search(r"(?<!\.)\.[\"”»)]*$", text) or text[0] in _BULLETS:
        return False
    return (normalize(words[-1].strip("\"”»«“()")) not in _DANGLING
            and normalize(words[0].strip("\"”»«“()")) not in _CONTINUATION)


def _above_body(clean: CleanArticle) -> list[LineVerdict]:
    """The lines before the first body paragraph (every line when there is none)."""
    verdicts = list(clean.verdicts)
    first_body = next((i for i, v in enumerate(verdicts) if v.label == "body"), len(verdicts))
    return verdicts[:first_body]


def derived_title(clean: CleanArticle) -> str:
    """A title cut from the first sentence (its dateline left out): its first clause when that
    is a phrase of some length, else its first words, cut at a word boundary."""
    sentence = first_sentence(clean.paragraphs[0] if clean.paragraphs else clean.raw.text)
    clause = _CLAUSE_END.split(sentence, maxsplit=1)[0]
    if MIN_CLAUSE_TITLE_WORDS <= len(clause.split()) <= FALLBACK_TITLE_WORDS and clause != sentence:
        return _without_dangling(clause.split()) or clause
    return shortened(sentence)


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
    """The first sentence without its dateline or list bullet («الرباط – استقبل…» → «استقبل…»)."""
    sentence = next(iter(sentences(text)), "").lstrip(_BULLETS + " ")
    dateline = parse_dateline(sentence)
    return sentence[len(dateline.evidence):].lstrip(" -–—ـ:") if dateline else sentence


def shortened(text: str, words: int = FALLBACK_TITLE_WORDS) -> str:
    parts = text.split()
    if len(parts) <= words:
        return text.rstrip(" .،,")
    return (_without_dangling(parts[:words]) or " ".join(parts[:words]).rstrip(" .،,")) + "…"


def _without_dangling(words: list[str]) -> str:
    """The words, less trailing ones that need a complement («… بحث مع» → «… بحث»)."""
    words = list(words)
    while words and normalize(words[-1].strip(" .،,")) in _DANGLING:
        words.pop()
    return " ".join(words).rstrip(" .،,:؛")


# ------------------------------------------------------------------ metadata
# Who published the article, who wrote it, where and when. Hints (sidecar, front
# matter, JSON Lines, feed, HTML metadata) win; otherwise only lines the cleaner
# kept out of the body are read, so a name in the article's own text is never
# taken for its outlet. A dateline is a place (with the wire it credits), an outlet
# is an outlet: a line read as a dateline never names the outlet, and a known
# outlet's name is never a dateline's place.

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
    given: bool = False  # from the article's hints (a sidecar, front matter, feed, page metadata)


NOT_FOUND = Found(None)


@dataclass(frozen=True)
class Dateline(Found):
    """The place an article was filed from; ``agency`` is the wire the dateline credits
    («(CNN)», «(و م ع)», «واج»), which is not the outlet that published the article."""

    agency: str | None = None


@dataclass(frozen=True)
class Byline(Found):
    """The author; ``outlet`` is the outlet's id when the line names it too («أخبارنا المغربية - X»)."""

    outlet: str | None = None


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
    return _outlet_by_lines(clean, outlets)


def _known_outlet(name: str, outlets: Sequence[Outlet]) -> Outlet | None:
    return _outlets_by_name(outlets).get(_name_key(name)) if outlets else None


def _name_key(name: str) -> str:
    return " ".join(_SEPARATORS.sub(" ", normalize(name)).split())


def _per_outlets(build):
    """Cache ``build(outlets)`` per outlets sequence, by identity: hashing every Outlet record on
    each call would cost more than the lookups it serves."""
    cache: dict[int, tuple[Sequence[Outlet], object]] = {}

    def cached(outlets: Sequence[Outlet]):
        hit = cache.get(id(outlets))
        if hit is None or hit[0] is not outlets:
            if len(cache) > 8:
                cache.clear()
            hit = cache[id(outlets)] = (outlets, build(tuple(outlets)))
        return hit[1]

    return cached


@_per_outlets
def _outlets_by_name(outlets: tuple[Outlet, ...]) -> dict[str, Outlet]:
    """Each normalised id, name and cue of the outlets, to the first outlet that has it."""
    index: dict[str, Outlet] = {}
    for outlet in outlets:
        for name in (outlet.id, outlet.name.ar, outlet.name.en, *outlet.cues):
            if name and _name_key(name):
                index.setdefault(_name_key(name), outlet)
    return index


def _site(url: str | None) -> tuple[str, str]:
    """(host without www., path) of a URL."""
    if not url:
        return "", ""
    parts = urlsplit(url if "//" in url else f"//{url}")
    return (parts.hostname or "").lower().removeprefix("www."), parts.path.rstrip("/")


def _addresses(outlet: Outlet) -> list[str]:
    """The outlet's home page, and its cues that are web addresses (another domain: bbc.co.uk/arabic)."""
    return [a for a in (outlet.url, *outlet.cues) if a and " " not in a.strip() and "." in a and a.isascii()]


def _outlet_by_url(url: str | None, outlets: Sequence[Outlet]) -> Outlet | None:
    """The outlet whose home page (host, and path when it has one: bbc.com/arabic) holds the URL."""
    host, path = _site(url)
    if not host:
        return None
    for outlet in outlets:
        for address in _addresses(outlet):
            home_host, home_path = _site(address)
            on_host = home_host and (host == home_host or host.endswith("." + home_host))
            if on_host and (path == home_path or path.startswith(home_path + "/")):
                return outlet
    return None


def _outlet_by_lines(clean: CleanArticle, outlets: Sequence[Outlet]) -> Found:
    """A site-name line, a copyright footer or an outlet–author line naming exactly one known
    outlet; datelines and the article's own paragraphs are never read for it."""
    found: dict[str, str] = {}
    cues = _cue_pattern(outlets)
    for verdict in clean.verdicts:
        if verdict.label == "body" or cues is None:
            continue
        line_norm = normalize(verdict.text)
        if not cues.search(line_norm) or parse_dateline(verdict.text, whole_line=True, outlets=outlets):
            continue
        for outlet in outlets:
            if outlet.id not in found and any(_cue_names_line(cue, line_norm) for cue in outlet.cues):
                found[outlet.id] = verdict.text
    for verdict in _above_body(clean):
        byline = parse_byline(verdict.text, outlets) if verdict.label == "header" else None
        if byline and byline.outlet:
            found.setdefault(byline.outlet, verdict.text)
    if len(found) != 1:
        return NOT_FOUND
    ((outlet_id, line),) = found.items()
    return Found(outlet_id, line)


@_per_outlets
def _cue_pattern(outlets: tuple[Outlet, ...]) -> re.Pattern[str] | None:
    """One pattern for every cue: most lines name none and are passed over at once."""
    cues = sorted({_normalized(c).strip() for o in outlets for c in o.cues if _normalized(c).strip()}, key=len)
    return re.compile("|".join(map(re.escape, reversed(cues)))) if cues else None


def _cue_names_line(cue: str, line_norm: str) -> bool:
    """The line names the cue in a copyright notice, or opens with it («برلمان.كوم - الرباط») and
    carries at most a short slogan besides."""
    cue_norm = _normalized(cue).strip()
    if not cue_norm or cue_norm not in line_norm:
        return False
    if any(_normalized(mark) in line_norm for mark in _COPYRIGHT):
        return True
    cue_key, line_key = _name_key(cue_norm), _name_key(line_norm)
    if not line_key.startswith(cue_key):
        return False
    rest = _YEARS_AND_NUMBERS.sub(" ", line_key[len(cue_key):])
    return len(rest.split()) <= MAX_WORDS_BESIDE_CUE


@lru_cache(maxsize=1024)
def _normalized(phrase: str) -> str:
    return normalize(phrase)


# Bylines: «بقلم: X», «كتب X», «X - مراسل …», «X//العيون» (author, then the city filed from), and an
# outlet–author line «أخبارنا المغربية - عبد الإله بوسحابة» (either order) when the outlet is known.
_DASH = r"[-–—ـ]+"
_BYLINE_CITY = re.compile(r"^(?P<name>[^/\d]{3,40}?)\s*//+\s*(?P<city>[^/\d\s]{2,20}(?:\s[^/\d\s]{2,20})?)$")
_BYLINE_LABEL = re.compile(
    r"^(?:(?:بقلم|بواسطة|by)\s*[:：]?|(?:كتب|كتبه|كتبت|إعداد|اعداد|تحرير)\s*[:：])\s*(?P<name>[^\d:()]{3,40}?)\s*$",
    re.I)
_CORRESPONDENT = re.compile(
    rf"^(?P<name>[^\d:()\-–—ـ|]{{3,40}}?)\s*(?:{_DASH}|[|،,])\s*(?:مراسل|مراسلة)\b[^\d]{{0,40}}$")
_TWO_PARTS = re.compile(rf"^(?P<left>[^\-–—ـ|:()]{{2,40}}?)\s*(?:{_DASH}|\|)\s*(?P<right>[^\-–—ـ|:()]{{2,40}}?)$")
_FILING = frozenset(normalize(w) for w in ("متابعة", "وكالات", "خاص", "مراسلة", "مراسلون", "هيئة التحرير",
                                            "التحرير", "المحرر", "بيان", "بلاغ"))
MAX_BYLINE_WORDS = 4
MAX_CREDIT_CHARS = 90  # a byline, dateline or outlet–author line is short


def byline_of(clean: CleanArticle, outlets: Sequence[Outlet] = ()) -> Byline:
    """The author: the hints' author, or a header line above the body that is a byline."""
    if clean.raw.hints.author:
        return Byline(clean.raw.hints.author, f"{clean.raw.hints.origin}: author")
    for verdict in _above_body(clean):
        byline = parse_byline(verdict.text, outlets) if verdict.label == "header" else None
        if byline and byline.value:
            return byline
    return Byline(None)


def parse_byline(line: str, outlets: Sequence[Outlet] = ()) -> Byline | None:
    """The byline a whole line states, or None. An outlet–author line whose outlet is not known
    is not read: which side is the name cannot be told."""
    line = line.strip()
    if len(line) > MAX_CREDIT_CHARS:
        return None
    match = ((("//" in line) and _BYLINE_CITY.match(line)) or _BYLINE_LABEL.match(line)
             or ("مراسل" in line and _CORRESPONDENT.match(line)))
    if match:
        name = _without_place(match["name"])  # «بقلم: محمد الأمين - الرباط»
        if _is_name(name, outlets):
            return Byline(" ".join(name.split()), line)
    parts = _two_parts(line)
    if not parts:
        return None
    for outlet_side, name_side in ((parts["left"], parts["right"]), (parts["right"], parts["left"])):
        outlet = _known_outlet(outlet_side, outlets)
        if outlet is None:
            continue
        if _is_name(name_side, outlets):
            return Byline(" ".join(name_side.split()), line, outlet=outlet.id)
        if normalize(name_side.strip()) in _FILING:
            return Byline(None, line, outlet=outlet.id)
    return None


def _two_parts(line: str) -> re.Match[str] | None:
    """«X - Y» or «X | Y»: two parts around one dash or bar."""
    return _TWO_PARTS.match(line) if len(line) <= MAX_CREDIT_CHARS and any(m in line for m in "-–—ـ|") else None


def _without_place(name: str) -> str:
    """A byline's name without the known place printed after a dash («محمد الأمين - الرباط»)."""
    parts = re.split(rf"\s*(?:{_DASH}|\|)\s*", name.strip())
    if len(parts) == 2 and is_known_place(parts[1]):
        return parts[0]
    return name


def _is_name(text: str, outlets: Sequence[Outlet]) -> bool:
    """A person's name as bylines print it: 2–4 words, no digits, not a place, an outlet or a filing note."""
    words = text.split()
    return (2 <= len(words) <= MAX_BYLINE_WORDS and not any(ch.isdigit() for ch in text)
            and not is_known_place(text) and _known_outlet(text, outlets) is None
            and normalize(text.strip()) not in _FILING and all(w[0].isalpha() for w in words))


# Datelines: a place, optionally its country, a date and the wire in parentheses, then a dash or a
# colon: «دبي، الإمارات العربية المتحدة (CNN) –», «نيويورك (ECS)», «بوجدور:», «الرباط - (ماب)»,
# «الجزائر - واج», «الرباط-متابعة», «العيون في 12 ماي 2024 (و م ع) -». Without a wire in
# parentheses the place must be a known one (generator/places.py): «عاجل –», «ملاحظة:» and an
# outlet's name are not places.
_WORD = r"[^\W\d_][^\s\d،,.:؛()\[\]/|«»\"“”\-–—ـ]*"
_PLACE = rf"(?P<place>{_WORD}(?:\s+(?!في\s){_WORD}){{0,2}})"
_COUNTRY = rf"(?:\s*[،,]\s*(?P<country>{_WORD}(?:\s+{_WORD}){{0,2}}))?"
_DAY = r"(?:\s*[،,]?\s*(?:في\s+)?(?:\d{1,2}\s+[^\W\d_]+\s+\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}))?"
_PAREN_AGENCY = r"\s*\((?P<agency>[^()\n]{1,20})\)"
_WIRES = ("ماب", "واج", "ومع", "رويترز", "الأناضول", "واس", "وام", "قنا", "كونا", "بترا", "سانا", "شينخوا",
          "سبوتنيك", "وفا", "وات", "سبأ", "إرنا", "أ ف ب", "ا ف ب", "و م ع", "د ب أ", "أ ش أ", "AFP", "Reuters",
          "AP", "MAP", "APS", "dpa", "EFE", "ANSA", "SPA", "WAM", "QNA", "KUNA", "SANA", "UPI", "CNN")
_WIRE_WORD = "|".join(sorted((re.escape(w) for w in _WIRES), key=len, reverse=True))
_FILING_WORD = r"متابعة|وكالات|خاص|مراسلة"
_DATELINE_WHOLE_LINE = re.compile(
    rf"^{_PLACE}{_COUNTRY}{_DAY}(?:{_PAREN_AGENCY}(?:\s*{_DASH}|\s*:)?"
    rf"|\s*{_DASH}\s*(?:\((?P<dash_agency>[^()\n]{{1,20}})\)|(?P<word_agency>{_WIRE_WORD})|(?P<filing>{_FILING_WORD}))"
    rf"|\s*:)\s*$", re.I)
_DATELINE_LEAD = re.compile(
    rf"^{_PLACE}{_COUNTRY}{_DAY}(?:{_PAREN_AGENCY}\s*(?:{_DASH}|:)?|\s*{_DASH}"
    rf"(?:\s*\((?P<dash_agency>[^()\n]{{1,20}})\)\s*{_DASH}?)?|\s*:)\s*(?=\S)", re.I)
_ARABIC_INITIALS = re.compile(r"^(?:[\u0621-\u064a]\s*\.?\s*){2,4}$")
_LATIN_INITIALS = re.compile(r"^[A-Z]{2,6}$")
MAX_DATELINE_WORDS = 9  # place, country and date before the dash, colon or wire
DATELINE_PARAGRAPHS = 2  # a standfirst may come before the paragraph that opens with the dateline


def dateline_of(clean: CleanArticle, outlets: Sequence[Outlet] = ()) -> Dateline:
    """The place the article was filed from: a header line above the body («…//العيون»,
    «الرباط-متابعة», «نيويورك (ECS)», «بوجدور:»), else the opening of the first paragraphs
    («الرباط – استقبل…», «دبي، الإمارات العربية المتحدة (CNN) – أعلن…»)."""
    for verdict in _above_body(clean):
        if verdict.label != "header":
            continue
        match = _BYLINE_CITY.match(verdict.text)
        if match and _is_name(match["name"], outlets):
            return Dateline(match["city"].strip(), verdict.text)
        dateline = (parse_dateline(verdict.text, whole_line=True, outlets=outlets)
                    or _outlet_place(verdict.text, outlets))
        if dateline:
            return dateline
    for paragraph in clean.paragraphs[:DATELINE_PARAGRAPHS]:
        dateline = parse_dateline(paragraph, outlets=outlets)
        if dateline:
            return dateline
    return Dateline(None)


def parse_dateline(text: str, whole_line: bool = False, outlets: Sequence[Outlet] = ()) -> Dateline | None:
    """The dateline ``text`` opens with (or, with ``whole_line``, that it is), or None."""
    if whole_line and len(text) > MAX_CREDIT_CHARS or not _mark_near_start(text):
        return None
    match = (_DATELINE_WHOLE_LINE if whole_line else _DATELINE_LEAD).match(text)
    if not match:
        return None
    groups = match.groupdict()
    place, country = match["place"].strip(), (groups.get("country") or "").strip()
    agency = next((a.strip() for a in (groups.get("agency"), groups.get("dash_agency")) if a), None)
    if agency is not None and not _is_wire(agency):
        return None
    agency = agency or groups.get("word_agency")
    if _known_outlet(place, outlets) is not None or not (
            is_known_place(place) or (country and is_known_place(country)) or (agency and "(" in match[0])):
        return None
    value = f"{place}، {country}" if country else place
    return Dateline(value, match[0].strip(), agency=agency)


def _mark_near_start(text: str) -> bool:
    """A dash, a colon or a parenthesis within the first words, where a dateline ends."""
    head = text[:MAX_CREDIT_CHARS]
    marks = [i for i in map(head.find, "-–—ـ:(") if i >= 0]
    return bool(marks) and head.count(" ", 0, min(marks)) <= MAX_DATELINE_WORDS


def _outlet_place(line: str, outlets: Sequence[Outlet]) -> Dateline | None:
    """The place of an outlet–place line above the body («برلمان.كوم - الرباط»), the outlet known."""
    parts = _two_parts(line.strip())
    if not parts:
        return None
    for outlet_side, place in ((parts["left"], parts["right"]), (parts["right"], parts["left"])):
        if _known_outlet(outlet_side, outlets) is not None and is_known_place(place):
            return Dateline(" ".join(place.split()), line.strip())
    return None


def _is_wire(name: str) -> bool:
    """A news agency as datelines credit it: a known wire, or initials («و م ع», «ECS»)."""
    name = " ".join(name.split())
    return (normalize(name) in _WIRE_KEYS or bool(_ARABIC_INITIALS.match(name))
            or bool(_LATIN_INITIALS.match(name)))


_WIRE_KEYS = frozenset(normalize(w) for w in _WIRES)


_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")
_DIGIT_RUN = re.compile(r"[\d\u0660-\u0669]")
MAX_STAMP_WORDS = 8  # «الخميس 2 مارس 2023 - 10:15», «نشر في 29/11/2023 على الساعة 20:54»


def _is_credit(text: str, outlets: Sequence[Outlet]) -> bool:
    """A byline, a dateline, a publication stamp, an outlet's name line, or two short name-like parts
    around one dash («أخبارنا المغربية - عبد الإله بوسحابة», whether or not the outlet is known):
    not a headline."""
    if parse_byline(text, outlets) or parse_dateline(text, whole_line=True, outlets=outlets):
        return True
    if len(text.split()) <= MAX_STAMP_WORDS and _DIGIT_RUN.search(text) and (
            _CLOCK.search(text) or parse_timestamp(text) is not None):
        return True  # a publication stamp («الجمعة 31 أكتوبر 2025 - 22:10»)
    if _known_outlet(text, outlets) is not None:
        return True
    parts = _two_parts(text)
    return bool(parts) and all(len(p.split()) <= 3 and not any(ch.isdigit() for ch in p)
                               for p in (parts["left"], parts["right"]))


STAMP_NEAR_HEADLINE = 2  # lines between the printed headline and its publication stamp
STAMP_NEAR_BODY = 3  # lines between a stamp and the first body paragraph
MAX_STAMP_LINE = 80  # characters: a longer line is not a publication line
_DIGIT = re.compile(r"\d")


def published_of(clean: CleanArticle, title: str) -> Found:
    """The publication date (ISO, with the time when given): the hints', or the stamp printed
    beside the headline; teaser stamps of other articles (menus, related lists) are never taken."""
    hints = clean.raw.hints
    if hints.published:
        return Found(hints.published, f"{hints.origin}: published {hints.published}", given=True)
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
    given: bool = False  # from the article's hints


def reference_of(raw: RawArticle, published: str | None) -> Reference:
    """Sidecar (or front matter) reference_date, then a stated or printed publication day,
    then the file's modification day (used, but never trusted: copies and checkouts change it)."""
    hints = raw.hints
    if hints.reference_date:
        return Reference(hints.reference_date, f"{hints.origin}: reference_date", given=True)
    day = iso_date(published)
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


def iso_date(iso: str | None) -> date | None:
    """The day of an ISO date or datetime (its first ten characters), or None."""
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None

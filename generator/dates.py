"""Dates an article mentions, resolved to ISO days, with the words that say them.

One compiled pattern finds candidate spans; small named resolvers turn each
span into a ``FoundDate``. The pattern runs on a folded copy of the text that
has exactly the same length (alef forms → ا, ى → ي, ة → ه, Eastern Arabic
digits → Western), so every span's evidence is cut verbatim from the original.

Month names come from Babel's CLDR data for the Maghrebi (ar_MA), Egyptian and
Gulf (ar_EG), Mashriqi (ar_LB) and Algerian/Tunisian (ar_DZ) calendars, plus a
few common spellings. A month alone («في أكتوبر من العام الماضي», «أغسطس 2017»)
names no day and is not reported; neither are bare years, ordinals or counts.

What is relative is resolved against a reference day (usually the publication
day). The kind is "explicit" when the text writes the year, "relative" when
anything had to come from the reference. A named weekday is always checked
against the day it goes with; a mismatch keeps the written day and makes the
date uncertain rather than inventing another.

Each date also gets a cue for its role from the words just before it: a
deadline («بحلول», «إلى غاية», «أجل» …) or a future session («من المقرر»,
«المقبل»). ``generator.day`` settles the role against the article's day.

Two readers say which day an article is *of*, never guessing: ``parse_timestamp``
(a line that is only a date, possibly labelled «تاريخ النشر:», "date",
"Published:"; English month names too) and ``opening_day`` (a dateline or an
opening sentence that ties a full written date to «اليوم», «أمس» or, in a
dateline, a weekday, whose name must match the date).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from babel import Locale
from babel.core import UnknownLocaleError
from babel.dates import format_date

from .arabic import fold_chars
from .models import FoundDate


_MONTH_LOCALES = ("ar_MA", "ar_EG", "ar_LB", "ar_DZ")
_EXTRA_MONTHS = {
    "ابريل": 4,
    "مايو": 5,
    "يوليوز": 7,
    "يوليو": 7,
    "اغسطس": 8,
    "يونيه": 6,
    "يوليه": 7,
    "كانون ثاني": 1,
    "كانون اول": 12,
    "تشرين ثاني": 11,
    "تشرين اول": 10,
}

_WEEKDAYS = {
    "الاثنين": 0,
    "الثلاثاء": 1,
    "الاربعاء": 2,
    "الخميس": 3,
    "الجمعه": 4,
    "السبت": 5,
    "الاحد": 6,
}
_WEEKDAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_DAY_BEFORE = {"امس": 1, "الامس": 1, "البارحه": 1, "امس الاول": 2, "اول امس": 2, "اليوم": 0}
_PAST = ("الماضي", "الفايت", "المنصرم")  # spelt folded, as the pattern sees them (ئ → ي)
_NEXT = ("المقبل", "القادم")
_CURRENT = ("الحالي", "الجاري")
_DAY_PARTS = ("يوم", "مساء", "صباح", "ظهر", "ليله", "فجر", "عشيه")

_YEARS = range(1900, 2101)
_YEARLESS_CERTAIN_DAYS = 183  # a yearless day further back than this may be an upcoming one
_STAMP_LABELS = ("نشر في", "نشر بتاريخ", "تاريخ النشر", "بتاريخ", "نشر")
_LATIN_LABELS = re.compile(
    r"^(?:date\s+of\s+publication|publication\s+date|published\s+on|published|posted\s+on|posted|date)"
    r"(?![a-z])\s*:?\s*", re.IGNORECASE)
_LEADING_TIME = re.compile(r"(?P<hh>\d{1,2}):(?P<mm>\d{2})\s*[|\-–—,،]?\s*")
_TIME_ZONE = re.compile(r"\s*(?:\(?\s*(?:GMT|UTC)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\s*\)?|بتوقيت\s+\S+(?:\s+\S+)?)$",
                        re.IGNORECASE)
_LATIN_DATE = re.compile(
    r"(?:(?P<wd>[a-z]+),?\s+)?(?:"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?:of\s+)?(?P<mon>[a-z]+)\.?,?"
    r"|(?P<mon2>[a-z]+)\.?\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?,?)"
    r"\s+(?P<year>\d{4})(?:\s*[,|\-–—]?\s*(?:at\s+)?(?P<hh>\d{1,2}):(?P<mm>\d{2})(?::\d{2})?)?",
    re.IGNORECASE)
_EN_WEEKDAYS = {name.lower(): number for number, name in enumerate(_WEEKDAY_EN)}

# Words just before a date that make it a deadline or a planned (future) date; folded, so «حتى» is «حتي».
_DEADLINE_CUES = frozenset({"بحلول", "حتي", "لغايه", "غايه", "اجل", "قبل", "اقصاه", "تنتهي", "ينتهي", "انتهاء"})
_FUTURE_CUES = frozenset({"المقرر", "المرتقب", "المزمع", "المنتظر"})
_FILLERS = frozenset({"في", "يوم", "يومي", "من", "الي", "موعد", "ب", "و"})
_CUE_WINDOW = 90  # characters before a date searched for its cue
_FUTURE_REACH = 10  # words of the same clause before a date where «من المقرر» can stand
_OPENING_OFFSET = {"اليوم": 0, "امس": 1, "الامس": 1, "البارحه": 1, "امس الاول": 2, "اول امس": 2}
_DATELINE_BEFORE = re.compile(r"^[\s\u200e\u200f]*(?:[^\s\d،,.:؛()\-–—]{2,20}\s+){0,2}?[^\s\d،,.:؛()\-–—]{2,20}\s*[،,]?\s*(?:في\s+)?$")
_DATELINE_AFTER = re.compile(r"^\s*(?:\([^)]{1,20}\)\s*)?[-–—:]")


_fold = fold_chars


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    """Folded month name → month number, from Babel's CLDR data and a few spellings."""
    names: dict[str, int] = {}
    for code in _MONTH_LOCALES:
        locale = Locale.parse(code)
        for context in ("format", "stand-alone"):
            for number, name in locale.months[context]["wide"].items():
                names[_fold(name)] = number
    for name, number in _EXTRA_MONTHS.items():
        names[_fold(name)] = number
    return names


def _alternation(words: Iterable[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    month = f"(?:{_alternation(_months())})"
    weekday = f"(?:{_alternation(_WEEKDAYS)})"
    day_before = f"(?:{_alternation(_DAY_BEFORE)})"
    part = f"(?:{_alternation(_DAY_PARTS)})"
    direction = f"(?:{_alternation(_PAST + _NEXT)})"
    current = f"(?:{_alternation(_CURRENT)})"
    bidi = "[\u200e\u200f\u061c]*"
    start = r"(?:(?<!\w)|(?<=(?<!\w)[وفب]))"
    time = (
        r"(?P<{p}time>(?:\s*[|\-–—,،]\s*|\s*(?:علي\s+)?الساعه\s*|\s+|T)"  # folded: «على الساعة»
        r"(?P<{p}hh>\d{{1,2}}):(?P<{p}mm>\d{{2}})(?![\d:]))?"
    )
    lead = (
        rf"(?:(?P<{{p}}rel>{day_before}|{part})\s+)?"
        rf"(?:(?P<{{p}}wd>{weekday})\s*[,،]?\s*)?"
    )
    named = (
        start
        + lead.format(p="n")
        + r"(?P<nday>(?<!\d)\d{1,2})\s*(?:من\s+)?"
        + rf"(?P<nmon>{month})(?:(?:\s*[/(]\s*|\s+)(?P<nmon2>{month})\s*\)?)?(?!\w)"
        + r"(?:(?P<nyearsep>\s+(?:(?:عام|سنه)\s+)?)(?P<nyear>\d{4})(?!\d)"
        + time.format(p="n")
        + rf"|\s+(?P<nwhen>{current}|{direction})(?!\w)"
        + ")?"
    )
    sep = rf"{bidi}(?P<{{s}}>[/.\-]){bidi}"
    numeric = (
        start
        + lead.format(p="d")
        + r"(?<![\d/.\-])(?:"
        + r"(?P<dday>\d{1,2})" + sep.format(s="dsep") + r"(?P<dmon>\d{1,2})(?P=dsep)"
        + bidi + r"(?P<dyear>\d{4})"
        + r"|(?P<iyear>\d{4})" + sep.format(s="isep") + r"(?P<imon>\d{1,2})(?P=isep)"
        + bidi + r"(?P<iday>\d{1,2})"
        + r")(?![\d/.\-]?\d)"
        + time.format(p="d")
    )
    relative = (
        start
        + r"(?:"
        + rf"(?P<rback>{day_before})(?:\s*[,،(]?\s*(?P<rbwd>{weekday})\s*\)?)?"
        + rf"|(?:(?P<rpart>{part})\s+)?(?P<rwd>{weekday})(?:\s+(?P<rdir>{direction}))?"
        + r")(?!\w)(?!\s+عشر)"
    )
    starters = {word[:3] for word in (*_DAY_BEFORE, *_DAY_PARTS, *_WEEKDAYS)}
    trigger = rf"(?=\d|{_alternation(starters)})"
    return re.compile(f"{trigger}(?:(?:{named})|(?:{numeric})|(?:{relative}))")


def find_dates(text: str, reference: date | None) -> tuple[FoundDate, ...]:
    """Every date ``text`` mentions, in order, resolved against ``reference``."""
    if reference is not None and reference.year not in _YEARS:
        reference = None  # counting days back or forth from year 1 or 9999 would overflow
    folded = _fold(text)
    found: list[FoundDate] = []
    for match in _pattern().finditer(folded):
        cue = _cue(folded, match)
        if cue == "future" and match["nday"] is not None and match["nyear"] is None and match["nwhen"] is None:
            result: FoundDate | None = _resolve_named(match, text, reference, _NEXT[0])  # a planned date is ahead
        else:
            result = _resolve(match, text, reference)
        if result is not None:
            found.append(replace(result, role=cue) if cue else result)
    return tuple(found)


def _cue(folded: str, match: re.Match[str]) -> str:
    """ "deadline" or "future" when the words just before the date (or its «المقبل») say so, else ""."""
    if (match["nwhen"] or "") in _NEXT or (match["rdir"] or "") in _NEXT:
        return "future"
    before = folded[max(0, match.start() - _CUE_WINDOW) : match.start()]
    clause = re.split(r"[.،,؛:!?؟]", before)[-1].split()[-_FUTURE_REACH:]
    adjacent = True  # a deadline word stands right before the date (fillers aside)
    for word in reversed(clause):
        bare = word[1:] if word[:1] in "وفب" and len(word) > 3 else word
        if adjacent and (word in _DEADLINE_CUES or bare in _DEADLINE_CUES):
            return "deadline"
        if word in _FUTURE_CUES or bare in _FUTURE_CUES:
            return "future"
        adjacent = adjacent and word in _FILLERS
    return ""


def opening_day(sentence: str) -> FoundDate | None:
    """The day a dateline or an opening sentence states: a full written date tied to «اليوم»
    (that day), «أمس» (the day after it) or, in a dateline («الرباط، الأربعاء 26 يونيو 2019 -»),
    to a weekday. A named weekday must match the written date. Yearless dates give no day.
    The result's ``iso`` is the article's day, its ``note`` says how it was read."""
    folded = _fold(sentence)
    for match in _pattern().finditer(folded):
        if match["nday"] is None and match["dsep"] is None and match["isep"] is None:
            continue
        written = _resolve(match, sentence, None)
        if written is None or written.iso is None or written.kind != "explicit":
            continue
        when = date.fromisoformat(written.iso[:10])
        rel = _squash(match["nrel"] or match["drel"] or "")
        weekday = match["nwd"] or match["dwd"]
        if weekday is not None and _weekday_mismatch(weekday, when):
            continue
        if rel in _OPENING_OFFSET:
            day = when + timedelta(days=_OPENING_OFFSET[rel])
            note = f"«{rel}» before {when.isoformat()}" if rel != "اليوم" else "«اليوم» with its date"
        elif weekday is not None and _in_dateline(folded, match):
            day, note = when, "dateline: weekday with its date"
        else:
            continue
        return FoundDate(day.isoformat(), written.evidence, True, "explicit", note)
    return None


def _in_dateline(folded: str, match: re.Match[str]) -> bool:
    return bool(_DATELINE_BEFORE.match(folded[: match.start()]) and _DATELINE_AFTER.match(folded[match.end() :]))


def parse_timestamp(line: str) -> FoundDate | None:
    """The date of a line that is only a date/time stamp, else None.

    «29/11/2023 | 20:54», «الخميس 2 مارس 2023 - 10:15», «20:54 - 29/11/2023».
    Only a stamp that writes its year counts: a publication date is never guessed.
    """
    return _stamp(line)[0]


def publication_line(line: str) -> FoundDate | None:
    """The date of a labelled publication line: «تاريخ النشر: 1st, February 2024 GMT», "date 2025-10-31"."""
    found, labelled = _stamp(line)
    return found if labelled else None


def _stamp(line: str) -> tuple[FoundDate | None, bool]:
    """(the date of a stamp line, whether a publication label introduced it)."""
    stripped = line.strip().strip("\u200e\u200f\u061c").strip()
    folded = _fold(stripped)
    labelled = False
    latin = _LATIN_LABELS.match(folded)
    if latin and folded[latin.end() :].strip():
        stripped, folded, labelled = stripped[latin.end() :], folded[latin.end() :], True
    for label in _STAMP_LABELS:
        if not labelled and folded.startswith(label):
            rest = folded[len(label) :].lstrip(" :")
            stripped, folded, labelled = stripped[len(stripped) - len(rest) :], rest, True
            break
    zone = _TIME_ZONE.search(folded)
    if zone and zone.start() > 0:
        stripped, folded = stripped[: zone.start()], folded[: zone.start()]
    latin_date = _latin_stamp(stripped)
    if latin_date is not None:
        return latin_date, labelled
    return _arabic_stamp(stripped, folded), labelled


def _latin_stamp(text: str) -> FoundDate | None:
    """«1st, February 2024», "February 1, 2024 10:15", "Wednesday, 26 June 2019"."""
    match = _LATIN_DATE.fullmatch(text.strip())
    if match is None:
        return None
    month = _latin_months().get((match["mon"] or match["mon2"]).lower())
    weekday = (match["wd"] or "").lower()
    if month is None or (weekday and weekday not in _EN_WEEKDAYS):
        return None
    day = _day_in(int(match["year"]), month, int(match["day"] or match["day2"]))
    if day is None or int(match["year"]) not in _YEARS:
        return None
    if weekday and _EN_WEEKDAYS[weekday] != day.weekday():
        return None  # a stamp that contradicts itself dates nothing
    iso = day.isoformat()
    if match["hh"] is not None:
        clock = f"{int(match['hh']):02d}:{match['mm']}"
        iso = f"{iso}T{clock}" if _valid_time(clock) else iso
    return FoundDate(iso, text.strip(), True, "explicit")


@lru_cache(maxsize=1)
def _latin_months() -> dict[str, int]:
    """English month names, wide and abbreviated ("february", "feb", "sept"), from Babel."""
    locale = Locale.parse("en")
    names = {"sept": 9}
    for width in ("wide", "abbreviated"):
        for number, name in locale.months["format"][width].items():
            names[name.lower()] = number
    return names


def _arabic_stamp(stripped: str, folded: str) -> FoundDate | None:
    leading = _LEADING_TIME.match(folded)
    time_text = None
    if leading:
        time_text = f"{int(leading['hh']):02d}:{leading['mm']}"
        folded_rest, original_rest = folded[leading.end() :], stripped[leading.end() :]
    else:
        folded_rest, original_rest = folded, stripped
    match = _pattern().fullmatch(folded_rest)
    if match is None:
        return None
    result = _resolve(match, original_rest, None)
    if result is None or result.iso is None or result.kind != "explicit":
        return None
    if time_text:
        if "T" in result.iso or not _valid_time(time_text):
            return None
        return FoundDate(f"{result.iso}T{time_text}", stripped, result.certain, "explicit", result.note)
    return result


@lru_cache(maxsize=65_536)
def format_day(iso: str, language: str) -> str:
    """A human date: «الأربعاء، 29 نونبر 2023», "Wednesday 29 November 2023".

    A time in ``iso`` is appended ("20:54"); any other language gets Babel's long
    format for that locale; an ``iso`` that is not a date comes back unchanged.
    An unknown language code raises ValueError.
    """
    try:
        moment = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    day = moment.date()
    has_time = "T" in iso or " " in iso.strip()
    if language == "ar":
        text = _fold_digits(format_date(day, "EEEE، d MMMM y", locale="ar_MA"))
        return f"{text}، {moment:%H:%M}" if has_time else text
    if language == "en":
        text = format_date(day, "EEEE d MMMM y", locale="en")
        return f"{text}, {moment:%H:%M}" if has_time else text
    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError) as error:
        raise ValueError(f"unknown language code {language!r} for format_day") from error
    text = format_date(day, "long", locale=locale)
    return f"{text} {moment:%H:%M}" if has_time else text


def _fold_digits(text: str) -> str:
    return "".join(str(int(c)) if c.isdigit() and not c.isascii() else c for c in text)


def _resolve(match: re.Match[str], text: str, reference: date | None) -> FoundDate | None:
    if match["nday"] is not None:
        return _resolve_named(match, text, reference)
    if match["dsep"] is not None or match["isep"] is not None:
        return _resolve_numeric(match, text, reference)
    return _resolve_relative(match, text[match.start() : match.end()], reference)


def _resolve_named(match: re.Match[str], text: str, reference: date | None, when: str | None = None) -> FoundDate:
    months = _months()
    day = int(match["nday"])
    month = months[_squash(match["nmon"])]
    notes: list[str] = []
    certain = True
    if match["nmon2"] is not None and months[_squash(match["nmon2"])] != month:
        certain = False
        notes.append(f"the two month names disagree ({match['nmon']} / {match['nmon2']})")
    end = match.end()
    year = int(match["nyear"]) if match["nyear"] is not None else None
    if year is not None and year not in _YEARS:
        year = None
        end = match.start("nyearsep")
    clock = _clock(match, "n") if year is not None else None
    if year is not None and clock is None and match["ntime"] is not None:
        end = match.start("ntime")
    evidence = text[match.start() : end]
    return _settle(
        evidence, day, month, year, clock, match["nrel"], match["nwd"], reference, certain, notes,
        match["nwhen"] or when,
    )


def _resolve_numeric(match: re.Match[str], text: str, reference: date | None) -> FoundDate:
    if match["dsep"] is not None:
        day, month, year = int(match["dday"]), int(match["dmon"]), int(match["dyear"])
    else:
        day, month, year = int(match["iday"]), int(match["imon"]), int(match["iyear"])
    notes: list[str] = []
    certain = True
    if match["dsep"] is not None and month > 12 and day <= 12:
        day, month = month, day
        certain = False
        notes.append("read as month/day: day/month is impossible")
    clock = _clock(match, "d")
    end = match.start("dtime") if clock is None and match["dtime"] is not None else match.end()
    evidence = text[match.start() : end]
    return _settle(
        evidence, day, month, year, clock, match["drel"], match["dwd"], reference, certain, notes
    )


def _settle(
    evidence: str,
    day: int,
    month: int,
    year: int | None,
    clock: str | None,
    rel: str | None,
    weekday: str | None,
    reference: date | None,
    certain: bool,
    notes: list[str],
    when: str | None = None,
) -> FoundDate:
    kind = "explicit" if year is not None else "relative"
    if year is None:
        if reference is None:
            return FoundDate(None, evidence, False, kind, "no reference date to resolve the year")
        resolved = _yearless(day, month, reference, when)
        if resolved is None:
            return FoundDate(None, evidence, False, kind, f"no such day: {day}/{month} ({when or 'latest'})")
        gap = (reference - resolved).days
        if when is None and gap > _YEARLESS_CERTAIN_DAYS:
            certain = False
            upcoming = _earliest_after(day, month, reference)
            coming = f" (the coming one is {upcoming.isoformat()})" if upcoming else ""
            notes.append(f"year inferred from the reference date, {gap} days before it; may be upcoming{coming}")
    else:
        try:
            resolved = date(year, month, day)
        except ValueError:
            return FoundDate(None, evidence, False, kind, f"no such day: {day}/{month}/{year}")
    rel_key = _squash(rel) if rel else None
    if rel_key in _DAY_BEFORE:
        if reference is None:
            certain = False
            notes.append(f"no reference date to check «{rel}»")
        elif reference - timedelta(days=_DAY_BEFORE[rel_key]) != resolved:
            certain = False
            notes.append(f"«{rel}» does not match {resolved.isoformat()} with reference {reference.isoformat()}")
    if weekday is not None:
        mismatch = _weekday_mismatch(weekday, resolved)
        if mismatch:
            certain = False
            notes.append(mismatch)
    iso = resolved.isoformat() + (f"T{clock}" if clock else "")
    return FoundDate(iso, evidence, certain, kind, "; ".join(notes))


def _resolve_relative(match: re.Match[str], evidence: str, reference: date | None) -> FoundDate | None:
    if match["rback"] is not None and match["rbwd"] is None and _squash(match["rback"]) == "اليوم":
        return None
    if reference is None:
        return FoundDate(None, evidence, False, "relative", "no reference date")
    if match["rback"] is not None:
        resolved = reference - timedelta(days=_DAY_BEFORE[_squash(match["rback"])])
        if match["rbwd"] is None:
            return FoundDate(resolved.isoformat(), evidence, True, "relative")
        mismatch = _weekday_mismatch(match["rbwd"], resolved)
        return FoundDate(resolved.isoformat(), evidence, not mismatch, "relative", mismatch)
    target = _WEEKDAYS[_squash(match["rwd"])]
    direction = match["rdir"]
    if direction in _PAST:
        resolved = reference - timedelta(days=(reference.weekday() - target - 1) % 7 + 1)
        return FoundDate(resolved.isoformat(), evidence, True, "relative")
    if direction in _NEXT:
        resolved = reference + timedelta(days=(target - reference.weekday() - 1) % 7 + 1)
        return FoundDate(resolved.isoformat(), evidence, True, "relative")
    resolved = reference - timedelta(days=(reference.weekday() - target) % 7)
    note = f"weekday alone: taken as the latest {_WEEKDAY_EN[target]} on or before the reference"
    return FoundDate(resolved.isoformat(), evidence, False, "relative", note)


def _yearless(day: int, month: int, reference: date, when: str | None) -> date | None:
    """A day and month resolved against the reference, as «الحالي» / «المقبل» / «الماضي» say."""
    if when in _CURRENT:
        return _day_in(reference.year, month, day)
    if when in _NEXT:
        return _earliest_after(day, month, reference)
    if when in _PAST:  # «30 نونبر الماضي» said on 30 November is a year ago: on the day itself one says «اليوم»
        return _latest_on_or_before(day, month, reference - timedelta(days=1))
    return _latest_on_or_before(day, month, reference)


def _latest_on_or_before(day: int, month: int, reference: date) -> date | None:
    for year in range(reference.year, reference.year - 5, -1):
        candidate = _day_in(year, month, day)
        if candidate is not None and candidate <= reference:
            return candidate
    return None


def _earliest_after(day: int, month: int, reference: date) -> date | None:
    for year in range(reference.year, reference.year + 5):
        candidate = _day_in(year, month, day)
        if candidate is not None and candidate > reference:
            return candidate
    return None


def _day_in(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday_mismatch(weekday: str, resolved: date) -> str:
    named = _WEEKDAYS[_squash(weekday)]
    if named == resolved.weekday():
        return ""
    return (
        f"weekday does not match: the text says {_WEEKDAY_EN[named]}, "
        f"{resolved.isoformat()} is a {_WEEKDAY_EN[resolved.weekday()]}"
    )


def _clock(match: re.Match[str], prefix: str) -> str | None:
    hours, minutes = match[f"{prefix}hh"], match[f"{prefix}mm"]
    if hours is None:
        return None
    text = f"{int(hours):02d}:{minutes}"
    return text if _valid_time(text) else None


def _valid_time(text: str) -> bool:
    hours, minutes = text.split(":")
    return int(hours) < 24 and int(minutes) < 60


def _squash(words: str) -> str:
    return " ".join(words.split())

"""UI strings and locale-aware formatting for each site language.

Template strings are English msgids translated through Babel catalogs in
``generator/locales/<lang>/LC_MESSAGES/messages.po``; catalogs are compiled in
memory when first used, so editing a ``.po`` file needs no extra step.
"""

from __future__ import annotations

import gettext
import io
from datetime import date
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from markupsafe import Markup, escape

LOCALES = Path(__file__).parent / "locales"
SOURCE_LANGUAGE = "en"
CONTENT_LANGUAGES = ("ar", "en")


@lru_cache(maxsize=None)
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog for ``language`` (the English msgids themselves for English)."""
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    po_path = LOCALES / language / "LC_MESSAGES" / "messages.po"
    if not po_path.exists():
        raise FileNotFoundError(f"{po_path}: no message catalog for language {language!r}")
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@lru_cache(maxsize=4096)
def format_number(value: int, language: str) -> str:
    return format_decimal(value, locale=babel_locale(language))


def _counted_nouns(catalog: gettext.NullTranslations) -> dict[str, Callable[[int], str]]:
    """Every noun the pages count, each with its plural forms in ``catalog``.

    The calls are written out so that pybabel extracts each pair. A count is a phrase
    of its own («3 قصص», «قصتان»), in the form a phrase standing alone takes: templates
    put counts where they stand alone («قصتان · 3 مقالات»), never after a preposition,
    whose case would change the Arabic dual (مقالان → مقالين).
    """
    # TRANSLATORS: Arabic has six forms in Babel's order: [0] zero 0, [1] one 1, [2] two 2, [3] few 3-10, [4] other 100-102, [5] many 11-99.
    return {
        "article": lambda n: catalog.ngettext("%(num)s article", "%(num)s articles", n),
        "story": lambda n: catalog.ngettext("%(num)s story", "%(num)s stories", n),
        "report": lambda n: catalog.ngettext("%(num)s report", "%(num)s reports", n),
        "topic": lambda n: catalog.ngettext("%(num)s topic", "%(num)s topics", n),
        "outlet": lambda n: catalog.ngettext("%(num)s outlet", "%(num)s outlets", n),
    }


@lru_cache(maxsize=None)
def _nouns(language: str) -> dict[str, Callable[[int], str]]:
    return _counted_nouns(translations(language))


COUNTED_NOUNS = tuple(_counted_nouns(gettext.NullTranslations()))


def count(number: int, noun: str, language: str) -> str:
    """``number`` of ``noun`` as one phrase with the language's plural rules: «قصة واحدة», «قصتان»,
    «3 قصص», «11 قصة», «100 قصة»; "1 story", "2 stories". ``noun`` is one of COUNTED_NOUNS.
    Its spaces are no-break spaces: a line never ends between a number and its noun."""
    forms = _nouns(language).get(noun)
    if forms is None:
        raise KeyError(f"count: {noun!r} is not a counted noun ({', '.join(COUNTED_NOUNS)})")
    return (forms(number) % {"num": format_number(number, language)}).replace(" ", "\u00a0")


def format_day(iso: str | None, language: str) -> str:
    if not iso:
        return ""
    from .dates import format_day as human_day

    return human_day(iso, language)


def period_title(key: str, start: str, end: str, language: str) -> str:
    """A digest period as readers name it: «الأسبوع 48 من 2023 (…)», "Month November 2023 (…)", or
    the day; the same on the site's digest pages and in the PDFs."""
    gettext = translations(language).gettext
    first, last = format_day(start, language), format_day(end, language)
    if start == end:
        return first
    span = f"{first} – {last}"
    if "-W" in key:
        year, week = key.split("-W")
        return gettext("Week %(week)s of %(year)s (%(span)s)") % {"week": int(week), "year": year, "span": span}
    month = format_date(date.fromisoformat(start), "MMMM y", locale=babel_locale(language))
    return gettext("Month %(month)s (%(span)s)") % {"month": month, "span": span}


def content_language(language: str) -> str:
    """The language to take names from in the bilingual content files (topics, entities, outlets).

    Those files carry Arabic and English; any other site language shows the English
    names, as its untranslated UI strings fall back to the English msgids.
    """
    return language if language in CONTENT_LANGUAGES else SOURCE_LANGUAGE


def isolate(text: object) -> Markup:
    """``<bdi>text</bdi>``: a date, number or name keeps its own direction inside text of the other."""
    return Markup(f"<bdi>{escape(text)}</bdi>")


def babel_locale(language: str) -> str:
    return {"ar": "ar_MA"}.get(language, language)

"""UI strings and locale-aware formatting for each site language.

Template strings are English msgids translated through Babel catalogs in
``generator/locales/<lang>/LC_MESSAGES/messages.po``; catalogs are compiled in
memory when first used, so editing a ``.po`` file needs no extra step.
"""

from __future__ import annotations

import gettext
import io
from functools import lru_cache
from pathlib import Path

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
    return format_decimal(value, locale=_babel_locale(language))


def format_day(iso: str | None, language: str) -> str:
    if not iso:
        return ""
    from .dates import format_day as human_day

    return human_day(iso, language)


def content_language(language: str) -> str:
    """The language to take names from in the bilingual content files (topics, entities, outlets).

    Those files carry Arabic and English; any other site language shows the English
    names, as its untranslated UI strings fall back to the English msgids.
    """
    return language if language in CONTENT_LANGUAGES else SOURCE_LANGUAGE


def isolate(text: object) -> Markup:
    """``<bdi>text</bdi>``: a date, number or name keeps its own direction inside text of the other."""
    return Markup(f"<bdi>{escape(text)}</bdi>")


def _babel_locale(language: str) -> str:
    return {"ar": "ar_MA"}.get(language, language)

"""The small helpers of generator/i18n.py a reader sees on every page: numbers in the language's
digits grouping, the day's long form, which language names are taken in, direction isolation.
Cases as (label, input, expected); the expected strings are written by hand."""

from __future__ import annotations

import pytest

from generator import i18n

NBSP = "\u00a0"

# label, number, noun, language, expected
COUNTS = [
    ("ar-thousands-grouped-with-dots", 1000, "article", "ar", f"1.000{NBSP}مقال"),
    ("ar-millions", 1234567, "story", "ar", f"1.234.567{NBSP}قصة"),
    ("en-thousands-grouped-with-commas", 1000, "article", "en", f"1,000{NBSP}articles"),
]


@pytest.mark.parametrize(("number", "noun", "language", "expected"), [c[1:] for c in COUNTS],
                         ids=[c[0] for c in COUNTS])
def test_a_large_count_groups_its_digits_as_the_language_does(number, noun, language, expected):
    assert i18n.count(number, noun, language) == expected


def test_an_unknown_noun_names_the_counted_nouns():
    with pytest.raises(KeyError) as error:
        i18n.count(2, "page", "en")
    assert error.value.args[0] == "count: 'page' is not a counted noun (article, story, report, topic, outlet)"


# label, ISO day, language, expected
DAYS = [
    ("ar-moroccan-month-with-weekday", "2025-11-03", "ar", "الاثنين، 3 نونبر 2025"),
    ("en-weekday-day-month-year", "2025-11-03", "en", "Monday 3 November 2025"),
    ("no-day-is-empty", "", "ar", ""),
    ("none-is-empty", None, "en", ""),
]


@pytest.mark.parametrize(("iso", "language", "expected"), [c[1:] for c in DAYS], ids=[c[0] for c in DAYS])
def test_format_day(iso, language, expected):
    assert i18n.format_day(iso, language) == expected


# label, site language, the language names are taken in (content files carry Arabic and English)
CONTENT = [("arabic", "ar", "ar"), ("english", "en", "en"), ("french-falls-back-to-english", "fr", "en")]


@pytest.mark.parametrize(("language", "expected"), [c[1:] for c in CONTENT], ids=[c[0] for c in CONTENT])
def test_content_language(language, expected):
    assert i18n.content_language(language) == expected


# label, site language, Babel locale (Arabic dates and numbers as Morocco writes them)
LOCALES = [("arabic-is-moroccan", "ar", "ar_MA"), ("english-as-is", "en", "en"), ("french-as-is", "fr", "fr")]


@pytest.mark.parametrize(("language", "expected"), [c[1:] for c in LOCALES], ids=[c[0] for c in LOCALES])
def test_babel_locale(language, expected):
    assert i18n.babel_locale(language) == expected


def test_isolate_wraps_escaped_text_in_bdi():
    assert i18n.isolate("3 <b>") == "<bdi>3 &lt;b&gt;</bdi>"

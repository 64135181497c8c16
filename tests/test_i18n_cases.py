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


# label, period key, first day, last day, language, the title readers see (site digests and PDFs)
PERIODS = [
    ("week in arabic", "2023-W48", "2023-11-27", "2023-12-03", "ar",
     "الأسبوع 48 من 2023 (الاثنين، 27 نونبر 2023 – الأحد، 3 دجنبر 2023)"),
    ("week in english", "2023-W48", "2023-11-27", "2023-12-03", "en",
     "Week 48 of 2023 (Monday 27 November 2023 – Sunday 3 December 2023)"),
    # the week's number without its leading zero
    ("first week", "2024-W01", "2024-01-01", "2024-01-07", "en",
     "Week 1 of 2024 (Monday 1 January 2024 – Sunday 7 January 2024)"),
    # a month by its Moroccan name (نونبر), then its span
    ("month in arabic", "2023-11", "2023-11-01", "2023-11-30", "ar",
     "شهر نونبر 2023 (الأربعاء، 1 نونبر 2023 – الخميس، 30 نونبر 2023)"),
    ("month in english", "2023-11", "2023-11-01", "2023-11-30", "en",
     "Month November 2023 (Wednesday 1 November 2023 – Thursday 30 November 2023)"),
    # a period of one day is that day
    ("one day", "2023-11-29", "2023-11-29", "2023-11-29", "en", "Wednesday 29 November 2023"),
    ("one day in arabic", "2023-11-29", "2023-11-29", "2023-11-29", "ar", "الأربعاء، 29 نونبر 2023"),
]


@pytest.mark.parametrize(("key", "start", "end", "language", "expected"), [c[1:] for c in PERIODS],
                         ids=[c[0] for c in PERIODS])
def test_period_title(key, start, end, language, expected):
    assert i18n.period_title(key, start, end, language) == expected


def test_a_month_is_named_by_its_calendar_year():
    # 1 January 2021 falls in ISO week 53 of 2020: the month's year is still 2021
    assert i18n.period_title("2021-01", "2021-01-01", "2021-01-31", "en").startswith("Month January 2021 (")

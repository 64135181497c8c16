"""Metadata read from an article: outlet, byline, dateline, publication date, reference day, dates."""

from __future__ import annotations

from datetime import date

import pytest

from generator.analyze import Enricher
from generator.clean import clean
from generator.config import load_config
from generator.describe import (Reference, byline_of, dateline_of, dates_of, outlet_of, published_of,
                                reference_of)
from generator.models import Hints, RawArticle, Source

from .conftest import REPO

CONFIG = load_config(REPO)
OUTLETS = CONFIG.outlets
PARAGRAPH = ("أجرى وزير الشؤون الخارجية ناصر بوريطة، أمس الأربعاء بالرباط، مباحثات مع وكيل الأمين العام للأمم "
             "المتحدة لعمليات السلام جون بيير لاكروا، تمحورت حول تعزيز التعاون بين المغرب والأمم المتحدة.")
BODY = "\n".join([PARAGRAPH] * 3)


def raw(text: str, hints: Hints | None = None, file_date: date | None = None) -> RawArticle:
    return RawArticle(Source("a.txt", "text"), text, "utf-8", hints or Hints(), file_date)


OUTLET_CASES = [
    ("site-name line", f"هومبريس\n{BODY}", Hints(), "hoummpress"),
    ("slogan line", f"24 ساعة | الخبر .. بحياد ومهنية!\n{BODY}", Hints(), "24saa"),
    ("copyright footer", f"{BODY}\nجميع الحقوق محفوظة لجريدة 24 ساعة الإخبارية © 2025", Hints(), "24saa"),
    ("cue inside the body does not count", f"{PARAGRAPH} وقالت هسبريس إن اللقاء مهم.\n{BODY}", Hints(), None),
    ("a teaser headline starting elsewhere", f"حصيلة 24 ساعة من الحوادث\n{BODY}", Hints(), None),
    ("two outlets named: none", f"هسبريس\nفرانس 24\n{BODY}", Hints(), None),
    ("no cue", BODY, Hints(), None),
    ("sidecar id", BODY, Hints(outlet="hespress", origin="sidecar"), "hespress"),
    ("sidecar name", BODY, Hints(outlet="Sky News Arabia", origin="sidecar"), "sky-news-arabia"),
    ("sidecar unknown outlet is kept as stated", BODY, Hints(outlet="جريدة الصباح", origin="sidecar"),
     "جريدة الصباح"),
    ("sidecar wins over a cue", f"هومبريس\n{BODY}", Hints(outlet="hespress", origin="sidecar"), "hespress"),
    ("html site name matched", BODY, Hints(outlet="Hespress", origin="html"), "hespress"),
    ("html unknown site name is not an outlet", BODY, Hints(outlet="موقع ما", origin="html"), None),
    ("url host", BODY, Hints(url="https://www.hespress.com/politique/1.html", origin="jsonl"), "hespress"),
    ("url host and path", BODY, Hints(url="https://www.bbc.com/arabic/articles/x", origin="feed"), "bbc-arabic"),
    ("same host, other path", BODY, Hints(url="https://www.bbc.com/news/world", origin="feed"), None),
]


@pytest.mark.parametrize("text,hints,expected", [c[1:] for c in OUTLET_CASES], ids=[c[0] for c in OUTLET_CASES])
def test_outlet(text, hints, expected):
    assert outlet_of(clean(raw(text, hints)), OUTLETS).value == expected


BYLINE_CASES = [
    ("name//city", f"الحافظ ملعين//العيون\n{BODY}", "الحافظ ملعين", "العيون"),
    ("بقلم", f"بقلم: محمد الأمين\n{BODY}", "محمد الأمين", None),
    ("city-agency line", f"الرباط-متابعة\n{BODY}", None, "الرباط"),
    ("city (agency) - lead", f"العيون (و م ع) - {BODY}", None, "العيون"),
    ("city – lead", f"الرباط – {BODY}", None, "الرباط"),
    ("no dash, no dateline", BODY, None, None),
]


@pytest.mark.parametrize("text,byline,dateline", [c[1:] for c in BYLINE_CASES], ids=[c[0] for c in BYLINE_CASES])
def test_byline_and_dateline(text, byline, dateline):
    cleaned = clean(raw(text))
    assert (byline_of(cleaned).value, dateline_of(cleaned).value) == (byline, dateline)


def test_author_hint_wins():
    cleaned = clean(raw(f"الحافظ ملعين//العيون\n{BODY}", Hints(author="Jane Doe", origin="html")))
    assert byline_of(cleaned).value == "Jane Doe"


HEADLINE = "بوريطة يتباحث مع وكيل الأمين العام للأمم المتحدة لعمليات السلام"


@pytest.mark.parametrize("header,expected", [
    (f"تيزر أول عن موضوع آخر تماما\n19/05/2025 | 21:15\n{HEADLINE}\n29/11/2023 | 20:54\nشارك", "2023-11-29T20:54"),
    (f"{HEADLINE}\nالخميس 2 مارس 2023", "2023-03-02"),
    (f"{HEADLINE}\nنشر في ٢٩/١١/٢٠٢٣", "2023-11-29"),
    ("تيزر عن موضوع آخر تماما هنا\n19/05/2025 | 21:15\n" + "\n".join(f"• قسم {i}" for i in range(8))
     + f"\n{HEADLINE}", None),
])
def test_publication_stamp_beside_the_headline_only(header, expected):
    cleaned = clean(raw(f"{header}\n{BODY}"))
    assert published_of(cleaned, HEADLINE).value == expected


def test_published_hint_wins():
    cleaned = clean(raw(f"{HEADLINE}\n29/11/2023 | 20:54\n{BODY}", Hints(published="2023-11-30", origin="sidecar")))
    assert published_of(cleaned, HEADLINE).value == "2023-11-30"


@pytest.mark.parametrize("hints,published,file_day,expected", [
    (Hints(reference_date=date(2023, 11, 30), published="2023-11-01", origin="sidecar"), "2023-11-01",
     date(2026, 1, 1), Reference(date(2023, 11, 30), "sidecar: reference_date")),
    (Hints(published="2023-11-29T20:54", origin="feed"), "2023-11-29T20:54", date(2026, 1, 1),
     Reference(date(2023, 11, 29), "publication date")),
    (Hints(), None, date(2026, 1, 1), Reference(date(2026, 1, 1), "file modification day (not trusted)", False)),
    (Hints(), None, None, Reference(None, "none")),
])
def test_reference_day_order(hints, published, file_day, expected):
    assert reference_of(raw(BODY, hints, file_day), published) == expected


def test_without_a_reference_relative_dates_stay_unresolved_and_say_so():
    (found,) = dates_of("التقى الوزير أمس الأربعاء بالرباط", Reference(None, "none"))
    assert found.iso is None and not found.certain and "no reference date" in found.note


def test_the_weekday_check_flags_a_mismatch():
    (found,) = dates_of("التقى الوزير أمس الخميس", Reference(date(2023, 11, 30), "sidecar: reference_date"))
    assert found.iso == "2023-11-29" and not found.certain and "weekday does not match" in found.note


def test_enricher_fills_the_article():
    text = f"هومبريس\nالحافظ ملعين//العيون\n{HEADLINE}\n30/11/2023 | 20:54\n{BODY}"
    article = Enricher.from_config(CONFIG).enrich(raw(text, file_date=date(2026, 1, 1)), "a").article
    assert (article.outlet, article.byline, article.dateline, article.published) == (
        "hoummpress", "الحافظ ملعين", "العيون", "2023-11-30T20:54")
    assert article.reference_date == "2023-11-30" and article.reference_source == "publication date"
    assert article.dates[0].iso == "2023-11-29" and article.dates[0].certain
    assert article.day == "2023-11-30"

"""The article's day (generator/day.py): each form that states it, the order of trust, the roles of
the dates an article only mentions, and the seeds."""

from __future__ import annotations

from datetime import date

import pytest

from generator.analyze import Enricher
from generator.clean import clean
from generator.config import load_config
from generator.dates import find_dates, opening_day, publication_line
from generator.day import day_of, with_roles
from generator.describe import published_of, title_of
from generator.models import Hints, RawArticle, Source

from .conftest import REPO

CONFIG = load_config(REPO)
HEADLINE = "بوريطة يتباحث مع وكيل الأمين العام للأمم المتحدة لعمليات السلام بالرباط"
PARAGRAPH = ("وتمحورت المباحثات حول تعزيز التعاون بين المغرب والأمم المتحدة في مجال عمليات حفظ السلام، "
             "وفق ما أفاد به بلاغ لوزارة الشؤون الخارجية.")
REST = "\n".join([PARAGRAPH] * 3)


def enrich(text: str, hints: Hints | None = None, file_date: date | None = None):
    raw = RawArticle(Source("a.txt", "text"), text, "utf-8", hints or Hints(), file_date)
    return Enricher.from_config(CONFIG).enrich(raw, "a").article


# label, opening sentence, day (None: no day), comment
OPENINGS = [
    ("today with weekday and date", "أعلن وزير الخارجية اليوم الاربعاء 26 يونيو 2019 أن المغرب", "2019-06-26",
     "«اليوم» ties the written date to the article's day"),
    ("today, hamza on the weekday", "قال الوزير اليوم الأربعاء 16 أكتوبر 2024 إن", "2024-10-16", ""),
    ("yesterday with weekday and date", "أجرى الوزير أمس الأربعاء 16 أكتوبر 2024 مباحثات", "2024-10-17",
     "«أمس» makes the day the one after the written date"),
    ("day before yesterday", "وافق مجلس الوزراء أمس الأول 21 يوليو 2015 على", "2015-07-23", ""),
    ("numeric date after today", "أعلنت الوزارة اليوم الخميس 02/03/2023 أن", "2023-03-02", ""),
    ("dateline with weekday", "الرباط، الأربعاء 26 يونيو 2019 (ومع) - قال وزير", "2019-06-26",
     "a dateline: city, weekday and date, then a dash"),
    ("dateline, two-word city", "الدار البيضاء، الخميس 2 مارس 2023 - أعلنت", "2023-03-02", ""),
    # negative cases: a mentioned date is never the day
    ("weekday does not match", "اليوم الخميس 26 يونيو 2019 أعلن", None, "26 June 2019 was a Wednesday"),
    ("weekday and date inside the sentence", "عقد المجلس الأربعاء 26 يونيو 2019 اجتماعا", None,
     "an event date, not tied to the article's day"),
    ("today without a year", "قال الوزير اليوم الأربعاء 29 نونبر إن", None, "no year written: no day"),
    ("founding date", "تأسست الجبهة في 20 مايو 1973 بهدف إقامة دولة", None, "history"),
    ("mandate end", "يمدد عمل البعثة إلى غاية 31 أكتوبر 2025", None, "deadline"),
    ("future session", "من المقرر أن يجتمع المجلس في 5 دجنبر 2018 بجنيف", None, "future"),
    ("weekday alone", "قضت المحكمة الثلاثاء باستثناء المياه", None, "a weekday names no date"),
]


@pytest.mark.parametrize(("sentence", "day"), [c[1:3] for c in OPENINGS], ids=[c[0] for c in OPENINGS])
def test_opening_day(sentence, day):
    found = opening_day(sentence)
    assert (found.iso if found else None) == day
    if found:
        assert found.evidence in sentence and found.certain


# label, line, day (None: not a publication line)
PUBLICATION_LINES = [
    ("arabic label, english date, GMT", "تاريخ النشر: 1st, February 2024 GMT", "2024-02-01"),
    ("english label, iso date", " date 2025-10-31", "2025-10-31"),
    ("published, month first, time", "Published: February 1, 2024 10:15 GMT", "2024-02-01T10:15"),
    ("english weekday that matches", "Date: Wednesday, 26 June 2019", "2019-06-26"),
    ("arabic label, numeric", "نشر في: 29/11/2023", "2023-11-29"),
    ("arabic label, time zone words", "تاريخ النشر: الخميس 2 مارس 2023 - 10:15 بتوقيت غرينتش", "2023-03-02T10:15"),
    # negative cases
    ("english weekday that contradicts", "Posted on Thursday, 26 June 2019", None),
    ("unlabelled stamp", "29/11/2023 | 20:54", None),
    ("label without a date", "date", None),
    ("a sentence", "تاريخ النشر مهم في كل خبر 2023", None),
]


@pytest.mark.parametrize(("line", "day"), [c[1:] for c in PUBLICATION_LINES], ids=[c[0] for c in PUBLICATION_LINES])
def test_publication_line(line, day):
    found = publication_line(line)
    assert (found.iso if found else None) == day


# label, text, hints, file day, (day, day_source)
ARTICLES = [
    ("sidecar published wins", f"{HEADLINE}\n29/11/2023 | 20:54\n{REST}",
     Hints(published="2023-11-30T08:00", origin="sidecar"), None, ("2023-11-30", "sidecar")),
    ("sidecar reference date", f"{HEADLINE}\n{REST}", Hints(reference_date=date(2023, 11, 30), origin="sidecar"),
     None, ("2023-11-30", "sidecar")),
    ("page metadata", f"{HEADLINE}\n{REST}", Hints(published="2024-10-16", origin="html"), None,
     ("2024-10-16", "metadata")),
    ("stamp beside the headline", f"{HEADLINE}\n29/11/2023 | 20:54\n{REST}", Hints(), None,
     ("2023-11-29", "publication line")),
    ("labelled line after the body", f"{HEADLINE}\n{REST}\nتاريخ النشر: 1st, February 2024 GMT", Hints(), None,
     ("2024-02-01", "publication line")),
    ("opening sentence", f"{HEADLINE}\nأعلن الوزير اليوم الأربعاء 16 أكتوبر 2024 أن {PARAGRAPH}\n{REST}", Hints(),
     None, ("2024-10-16", "opening sentence")),
    # negative cases
    ("labelled lines that disagree (a list of other articles)",
     f"{HEADLINE}\n{REST}\nنشر في: 19/05/2025\nنشر في: 20/05/2025", Hints(), None, (None, "")),
    ("the file's modification day is never a day", f"{HEADLINE}\n{REST}", Hints(), date(2026, 1, 1), (None, "")),
    ("a founding date in the text", f"{HEADLINE}\nتأسست الجبهة في 20 مايو 1973 بهدف إقامة دولة.\n{REST}", Hints(),
     None, (None, "")),
    ("a mandate end in the text", f"{HEADLINE}\nويمدد القرار عمل البعثة إلى غاية 31 أكتوبر 2025.\n{REST}", Hints(),
     None, (None, "")),
]


@pytest.mark.parametrize(("text", "hints", "file_day", "expected"), [c[1:] for c in ARTICLES],
                         ids=[c[0] for c in ARTICLES])
def test_day_of(text, hints, file_day, expected):
    cleaned = clean(RawArticle(Source("a.txt", "text"), text, "utf-8", hints, file_day))
    found = day_of(cleaned, published_of(cleaned, title_of(cleaned)))
    assert (found.value, found.source) == expected
    assert bool(found.evidence) == bool(found.value)


# label, text, day, roles in order
ROLES = [
    ("history, event and future against the day",
     "تأسست في 20 مايو 1973، ثم التقى الوفد أمس الأربعاء 29 نونبر 2023، وسيعود في 5 دجنبر 2023.", "2023-11-30",
     ["history", "event", "future"]),
    ("deadline words", "يمدد عمل البعثة إلى غاية 31 أكتوبر 2025 وتنتهي بحلول 30 أبريل 2024", "2023-11-30",
     ["deadline", "deadline"]),
    ("planned date without a day", "ومن المقرر أن يصوت مجلس الأمن على الخطة في 28 يونيو 2018", None, ["future"]),
    ("coming date without a day", "في 5 دجنبر المقبل", None, ["future"]),
    ("written date nothing places", "تأسست الجبهة في 20 مايو 1973", None, ["mention"]),
]


@pytest.mark.parametrize(("text", "day", "roles"), [c[1:] for c in ROLES], ids=[c[0] for c in ROLES])
def test_roles(text, day, roles):
    reference = date.fromisoformat(day) if day else date(2018, 5, 1)
    assert [f.role for f in with_roles(find_dates(text, reference), day)] == roles


def test_a_planned_yearless_date_is_the_coming_one():
    (found,) = find_dates("ومن المقرر أن يصوت مجلس الأمن على أحدث خطة في 28 يونيو عندما", date(2018, 6, 1))
    assert (found.iso, found.role, found.certain) == ("2018-06-28", "future", True)


def test_the_day_counts_relative_dates():
    article = enrich(f"{HEADLINE}\nتاريخ النشر: 1st, February 2024 GMT\nالتقى الوزير أمس بالرباط الوفد. {PARAGRAPH}\n{REST}")
    assert article.day == "2024-02-01" and article.reference_date == "2024-02-01"
    assert [(f.iso, f.role) for f in article.dates] == [("2024-01-31", "event")]


def test_an_undated_article_keeps_its_dates_but_no_day():
    article = enrich(f"{HEADLINE}\nأعلن الوزير مساء الخميس في 20 مايو 1973 عن تأسيس الجبهة.\n{REST}",
                     file_date=date(2026, 1, 1))
    assert (article.day, article.day_source, article.day_evidence) == (None, "", "")
    assert "1973-05-20" in [f.iso for f in article.dates]


def test_an_article_built_with_its_publication_date_has_that_day():
    article = enrich(f"{HEADLINE}\n{REST}", Hints(published="2023-11-29T20:54", origin="feed"))
    assert (article.day, article.day_source, article.published) == ("2023-11-29", "metadata", "2023-11-29T20:54")

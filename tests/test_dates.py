"""generator.dates: data-driven cases, negative cases, seeds and a corpus check."""

from __future__ import annotations

import csv
import datetime as dt
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from generator.dates import find_dates, format_day, parse_timestamp
from generator.models import FoundDate

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "content" / "articles"
CORPUS = ROOT.parent / "shared" / "corpus"

NOV30 = dt.date(2023, 11, 30)  # a Thursday

MAGHREBI = ("يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر")
EGYPTIAN = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")
MASHRIQI = (
    "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
    "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
)  # fmt: skip

MONTH_CASES = [
    pytest.param(f"اجتماع في 14 {name} 2023 بالرباط", f"2023-{number:02d}-14", f"14 {name} 2023", id=f"{family}-{number}")
    for family, names in (("maghrebi", MAGHREBI), ("egyptian", EGYPTIAN), ("mashriqi", MASHRIQI))
    for number, name in enumerate(names, start=1)
] + [
    pytest.param("في 3 ابريل 2022 أعلن", "2022-04-03", "3 ابريل 2022", id="april-without-hamza"),
    pytest.param("في 3 إبريل 2022 أعلن", "2022-04-03", "3 إبريل 2022", id="april-with-hamza-below"),
    pytest.param("في 16 اكتوبر 1995", "1995-10-16", "16 اكتوبر 1995", id="october-without-hamza"),
]


@pytest.mark.parametrize(("text", "iso", "evidence"), MONTH_CASES)
def test_every_month_name_form(text, iso, evidence):
    assert find_dates(text, None) == (FoundDate(iso, evidence, True, "explicit"),)


# label, text, reference, expected (iso, evidence, certain, kind), a word the note must contain
CASES = [
    ("numeric with time", "29/11/2023 | 20:54", None, ("2023-11-29T20:54", "29/11/2023 | 20:54", True, "explicit"), ""),
    ("numeric day first", "صدر في 29/11/2023 عن", None, ("2023-11-29", "29/11/2023", True, "explicit"), ""),
    ("iso", "بتاريخ 2023-11-29.", None, ("2023-11-29", "2023-11-29", True, "explicit"), ""),
    ("eastern digits", "في ٢٩/١١/٢٠٢٣ قال", None, ("2023-11-29", "٢٩/١١/٢٠٢٣", True, "explicit"), ""),
    ("persian digits", "في ۲۹/۱۱/۲۰۲۳ قال", None, ("2023-11-29", "۲۹/۱۱/۲۰۲۳", True, "explicit"), ""),
    ("eastern digits named month", "يوم ٢ مارس ٢٠٢٣", None, ("2023-03-02", "يوم ٢ مارس ٢٠٢٣", True, "explicit"), ""),
    ("weekday day month year", "الخميس 2 مارس 2023", None, ("2023-03-02", "الخميس 2 مارس 2023", True, "explicit"), ""),
    ("day month year", "في 2 مارس 2023 وصل", None, ("2023-03-02", "2 مارس 2023", True, "explicit"), ""),
    ("maghrebi month", "29 نونبر 2023", None, ("2023-11-29", "29 نونبر 2023", True, "explicit"), ""),
    ("named date with time", "الخميس 2 مارس 2023 - 10:15", None, ("2023-03-02T10:15", "الخميس 2 مارس 2023 - 10:15", True, "explicit"), ""),
    ("impossible time left out", "29/11/2023 25:99", None, ("2023-11-29", "29/11/2023", True, "explicit"), ""),
    ("two names, slash", "في 21 كانون الأول/ديسمبر 2016 باستثناء", None, ("2016-12-21", "21 كانون الأول/ديسمبر 2016", True, "explicit"), ""),
    ("two names, spaced slash", "في 20 مايو/ أيار 1973 بهدف", None, ("1973-05-20", "20 مايو/ أيار 1973", True, "explicit"), ""),
    ("two names, space", "بحلول 30 يونيو حزيران 2019.", None, ("2019-06-30", "30 يونيو حزيران 2019", True, "explicit"), ""),
    ("two names disagree", "في 3 مارس/أبريل 2020", None, ("2020-03-03", "3 مارس/أبريل 2020", False, "explicit"), "disagree"),
    ("year word", "في 9 يوليوز عام 2016", None, ("2016-07-09", "9 يوليوز عام 2016", True, "explicit"), ""),
    ("month/day only way", "في 11/29/2023", None, ("2023-11-29", "11/29/2023", False, "explicit"), "month/day"),
    ("no such day", "في 31 نونبر 2023", None, (None, "31 نونبر 2023", False, "explicit"), "no such day"),
    ("yearless, this year", "في 28 أكتوبر، الذي", NOV30, ("2023-10-28", "28 أكتوبر", True, "relative"), ""),
    ("yearless, proclitic", "وفي 30 أكتوبر أكد", NOV30, ("2023-10-30", "30 أكتوبر", True, "relative"), ""),
    ("yearless, last year", "في 5 دجنبر", NOV30, ("2022-12-05", "5 دجنبر", False, "relative"), "upcoming"),
    ("yearless, no reference", "في 5 نونبر، على", None, (None, "5 نونبر", False, "relative"), "no reference"),
    ("yearless, current month", "بحلول 30 نيسان/أبريل الحالي", dt.date(2018, 4, 28), ("2018-04-30", "30 نيسان/أبريل الحالي", True, "relative"), ""),
    ("yearless, coming", "في 5 دجنبر المقبل", NOV30, ("2023-12-05", "5 دجنبر المقبل", True, "relative"), ""),
    ("yearless, comma then count", "في 5 نونبر، 2000 شخص", NOV30, ("2023-11-05", "5 نونبر", True, "relative"), ""),
    ("yearless, bad year", "في 5 نونبر 1724 جنديا", NOV30, ("2023-11-05", "5 نونبر", True, "relative"), ""),
    ("yesterday with day", "بوريطة أمس الأربعاء 29 نونبر بالرباط", NOV30, ("2023-11-29", "أمس الأربعاء 29 نونبر", True, "relative"), ""),
    ("yesterday with day, no reference", "أمس الأربعاء 29 نونبر", None, (None, "أمس الأربعاء 29 نونبر", False, "relative"), "no reference date"),
    ("yesterday", "التقى أوبراين أمس مع", NOV30, ("2023-11-29", "أمس", True, "relative"), ""),
    ("yesterday, article", "وقال بالأمس إن", NOV30, ("2023-11-29", "الأمس", True, "relative"), ""),
    ("day before yesterday", "اجتماعه الأسبوعي أمس الأول برئاسة", NOV30, ("2023-11-28", "أمس الأول", True, "relative"), ""),
    ("yesterday weekday", "بوريطة، أمس الأربعاء بالرباط", NOV30, ("2023-11-29", "أمس الأربعاء", True, "relative"), ""),
    ("yesterday, no reference", "أمس الأربعاء", None, (None, "أمس الأربعاء", False, "relative"), "no reference date"),
    ("today weekday", "اليوم الأربعاء بالرباط", dt.date(2023, 11, 29), ("2023-11-29", "اليوم الأربعاء", True, "relative"), ""),
    ("today, bracketed weekday", "اليوم (الخميس)، من", dt.date(2015, 7, 23), ("2015-07-23", "اليوم (الخميس)", True, "relative"), ""),
    ("last tuesday", "لقاء مهما يوم الثلاثاء الماضي بمقر", NOV30, ("2023-11-28", "يوم الثلاثاء الماضي", True, "relative"), ""),
    ("last tuesday, on a tuesday", "يوم الثلاثاء الماضي", dt.date(2023, 11, 28), ("2023-11-21", "يوم الثلاثاء الماضي", True, "relative"), ""),
    ("next saturday", "لغاية يوم السبت المقبل فيما", dt.date(2018, 4, 12), ("2018-04-14", "يوم السبت المقبل", True, "relative"), ""),
    ("evening weekday", "غوتيريش مساء الخميس مبعوثه", dt.date(2023, 12, 1), ("2023-11-30", "مساء الخميس", False, "relative"), "weekday alone"),
    ("weekday on its day", "مساء الخميس", NOV30, ("2023-11-30", "مساء الخميس", False, "relative"), "weekday alone"),
    ("yawm weekday, conjunction", "ويوم الاثنين ، دعا", NOV30, ("2023-11-27", "يوم الاثنين", False, "relative"), "weekday alone"),
    ("bare weekday", "قضت المحكمة، الثلاثاء، باستثناء", NOV30, ("2023-11-28", "الثلاثاء", False, "relative"), "weekday alone"),
    ("weekday, no reference", "يوم الثلاثاء الماضي", None, (None, "يوم الثلاثاء الماضي", False, "relative"), "no reference date"),
    ("weekday with yearless date", "يوم السبت 20 اكتوبر", dt.date(2018, 10, 21), ("2018-10-20", "يوم السبت 20 اكتوبر", True, "relative"), ""),
    ("monday 15 january, mashriqi/egyptian", "اعتبارا من الاثنين 15 كانون الثاني/يناير.", dt.date(2018, 1, 16), ("2018-01-15", "الاثنين 15 كانون الثاني/يناير", True, "relative"), ""),
]

WEEKDAY_MISMATCHES = [
    ("wrong weekday, full date", "الخميس 29 نونبر 2023", None, ("2023-11-29", "الخميس 29 نونبر 2023", False, "explicit")),
    ("wrong weekday, numeric", "الجمعة 29/11/2023", None, ("2023-11-29", "الجمعة 29/11/2023", False, "explicit")),
    ("wrong weekday, yesterday", "أمس الخميس", NOV30, ("2023-11-29", "أمس الخميس", False, "relative")),
    ("wrong weekday, today", "اليوم الأربعاء", NOV30, ("2023-11-30", "اليوم الأربعاء", False, "relative")),
    ("yesterday is not that day", "أمس الأربعاء 29 نونبر", dt.date(2023, 12, 5), ("2023-11-29", "أمس الأربعاء 29 نونبر", False, "relative")),
]

NEGATIVES = [
    ("bare year after sana", "مبادرات الأمين العام منذ سنة 2017، لاسيما"),
    ("bare year after aam", "اتفاق وقف إطلاق النار الموقع عام 1991، حيث"),
    ("ordinal", "خلال الدورة الـ79 للجمعية العامة"),
    ("ordinal anniversary", "التي تحتفل بذكراها الـ75، تحتاج"),
    ("count", "وتنشر المملكة حاليا 1724 من القبعات الزرق"),
    ("resolution number", "قرار مجلس الأمن رقم 2703، وأشار"),
    ("outlet name", "24 ساعة | الخبر .. بحياد ومهنية!"),
    ("score", "تعادله مع نظيره 2 - 2 في الجولة"),
    ("last week", "وفي الأسبوع الماضي كان رئيس البعثة"),
    ("last year", "بمقدار 600 مليون دولار العام الماضي"),
    ("month of last year", "في أكتوبر من العام الماضي ، تحدث قرار"),
    ("month and year", "الذي عين مبعوثا في أغسطس 2017 كان"),
    ("two month names and year", "منذ بداية النزاع في ديسمبر (كانون الاول) 2013"),
    ("today meaning nowadays", "التحديات التي تواجهها اليوم عمليات حفظ السلام"),
    ("eleven", "الأحد عشر لاعبا"),
    ("reading time", "مدة القراءة: 2'"),
    ("copyright", "2024 © جميع الحقوق محفوظة"),
    ("no digits of a date", "الأمم المتحدة 1.5 مليار دولار"),
]

TIMESTAMPS = [
    ("numeric stamp", "29/11/2023 | 20:54", FoundDate("2023-11-29T20:54", "29/11/2023 | 20:54", True, "explicit")),
    ("indented stamp", "    20/05/2025 | 00:59  ", FoundDate("2025-05-20T00:59", "20/05/2025 | 00:59", True, "explicit")),
    ("named stamp", "الخميس 2 مارس 2023 - 10:15", FoundDate("2023-03-02T10:15", "الخميس 2 مارس 2023 - 10:15", True, "explicit")),
    ("time first", "20:54 - 29/11/2023", FoundDate("2023-11-29T20:54", "20:54 - 29/11/2023", True, "explicit")),
    ("labelled", "نشر في: 29/11/2023", FoundDate("2023-11-29", "29/11/2023", True, "explicit")),
    ("date only", "29 نونبر 2023", FoundDate("2023-11-29", "29 نونبر 2023", True, "explicit")),
    ("yearless", "29 نونبر", None),
    ("relative", "أمس الأربعاء", None),
    ("sentence", "بوريطة يتباحث مع وكيل الأمين العام 29/11/2023", None),
    ("two stamps", "29/11/2023 | 20:54 29/11/2023", None),
    ("empty", "", None),
]

FORMATS = [
    ("arabic", "2023-11-29", "ar", "الأربعاء، 29 نونبر 2023"),
    ("arabic with time", "2023-11-29T20:54", "ar", "الأربعاء، 29 نونبر 2023، 20:54"),
    ("english", "2023-11-29", "en", "Wednesday 29 November 2023"),
    ("english with time", "2023-11-29T20:54", "en", "Wednesday 29 November 2023, 20:54"),
    ("french long", "2023-11-29", "fr", "29 novembre 2023"),
    ("spanish long with time", "2023-03-02T10:15", "es", "2 de marzo de 2023 10:15"),
    ("invalid iso", "2023-13-45", "ar", "2023-13-45"),
    ("not a date", "unknown", "en", "unknown"),
]


@pytest.mark.parametrize(("text", "reference", "expected", "note_word"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_find_dates(text, reference, expected, note_word):
    (found,) = find_dates(text, reference)
    assert (found.iso, found.evidence, found.certain, found.kind) == expected
    assert found.evidence in text
    assert note_word in found.note
    assert bool(found.note) != found.certain


@pytest.mark.parametrize(("text", "reference", "expected"), [c[1:] for c in WEEKDAY_MISMATCHES], ids=[c[0] for c in WEEKDAY_MISMATCHES])
def test_weekday_mismatch_is_uncertain_and_keeps_the_written_day(text, reference, expected):
    (found,) = find_dates(text, reference)
    assert (found.iso, found.evidence, found.certain, found.kind) == expected
    assert "does not match" in found.note


@pytest.mark.parametrize("text", [c[1] for c in NEGATIVES], ids=[c[0] for c in NEGATIVES])
@pytest.mark.parametrize("reference", [None, NOV30], ids=["no-reference", "reference"])
def test_no_date(text, reference):
    assert find_dates(text, reference) == ()


def test_several_dates_in_order():
    text = "قرارا في 21 كانون الأول/ديسمبر 2016، ثم أمس الأربعاء، وفي 29/11/2023 | 20:54."
    found = find_dates(text, NOV30)
    assert [f.iso for f in found] == ["2016-12-21", "2023-11-29", "2023-11-29T20:54"]


@pytest.mark.parametrize(("line", "expected"), [c[1:] for c in TIMESTAMPS], ids=[c[0] for c in TIMESTAMPS])
def test_parse_timestamp(line, expected):
    assert parse_timestamp(line) == expected


@pytest.mark.parametrize(("iso", "language", "expected"), [c[1:] for c in FORMATS], ids=[c[0] for c in FORMATS])
def test_format_day(iso, language, expected):
    assert format_day(iso, language) == expected


def test_format_day_rejects_an_unknown_language():
    with pytest.raises(ValueError, match="unknown language code 'zz'"):
        format_day("2023-11-29", "zz")


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _brief(found: tuple[FoundDate, ...]) -> list[tuple[str | None, str, bool]]:
    return [(f.iso, f.evidence, f.certain) for f in found]


def test_seed_000_yesterday_and_autumn_dates():
    assert _brief(find_dates(_seed("000"), NOV30)) == [
        ("2023-11-29", "أمس الأربعاء 29 نونبر", True),
        ("2023-10-28", "28 أكتوبر", True),
        ("2023-11-05", "5 نونبر", True),
        ("2023-10-30", "30 أكتوبر", True),
        ("2023-11-07", "7 نونبر", True),
    ]


def test_seed_001_yesterday():
    assert _brief(find_dates(_seed("001"), NOV30)) == [("2023-11-29", "أمس الأربعاء", True)]


def test_seed_002_stamps_and_today():
    found = find_dates(_seed("002"), dt.date(2023, 11, 29))
    assert ("2023-11-29T20:54", "29/11/2023 | 20:54", True) in _brief(found)
    assert ("2023-11-29", "اليوم الأربعاء", True) in _brief(found)
    assert all(f.kind == "explicit" for f in found if "/" in f.evidence)


def test_seed_003_last_tuesday():
    assert _brief(find_dates(_seed("003"), NOV30)) == [("2023-11-28", "يوم الثلاثاء الماضي", True)]


def test_seed_004_weekdays_alone_are_uncertain_and_a_month_is_no_date():
    assert _brief(find_dates(_seed("004"), dt.date(2023, 3, 24))) == [
        ("2023-03-23", "مساء الخميس", False),
        ("2023-03-20", "يوم الاثنين", False),
    ]


def test_seed_without_reference_resolves_nothing_relative():
    for found in find_dates(_seed("000"), None):
        assert found.iso is None and not found.certain and "no reference" in found.note


def _corpus_references() -> dict[str, dt.date]:
    references = {}
    with (CORPUS / "provenance.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            try:
                references[row["file"]] = parsedate_to_datetime(row["date"]).date()
            except (TypeError, ValueError):
                references[row["file"]] = dt.datetime.fromisoformat(row["date"]).date()
    return references


def test_corpus_dates_are_sane():
    if not (CORPUS / "articles").is_dir():
        pytest.skip("development corpus ../shared/corpus/articles is absent")
    references = _corpus_references() if (CORPUS / "provenance.tsv").is_file() else {}
    resolved = 0
    for path in sorted((CORPUS / "articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for reference in (references.get(path.name), None):
            for found in find_dates(text, reference):
                assert found.evidence in text
                if found.iso is None:
                    continue
                day = dt.date.fromisoformat(found.iso[:10])
                if found.kind == "relative":
                    assert 1990 <= day.year <= 2030, (path.name, found)
                else:  # a written year: history (e.g. 1973) is allowed, but it must be in the text
                    assert str(day.year) in found.evidence.translate(_WESTERN), (path.name, found)
                resolved += 1
    assert resolved >= 150  # 157 when measured on the 75-article corpus


_WESTERN = str.maketrans({chr(0x0660 + d): str(d) for d in range(10)})

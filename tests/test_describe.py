"""Metadata read from an article: title, outlet, byline, dateline, publication date, reference day, dates."""

from __future__ import annotations

from datetime import date

import pytest

from generator.analyze import Enricher
from generator.clean import clean
from generator.config import load_config
from generator.describe import (Reference, byline_of, dateline_of, dates_of, outlet_of, published_of,
                                reference_of, titled)
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
    ("outlet–author line", f"أخبارنا المغربية - عبد الإله بوسحابة\n{BODY}", Hints(), "akhbarona"),
    ("author–outlet line", f"عبد الإله بوسحابة | أخبارنا المغربية\n{BODY}", Hints(), "akhbarona"),
    ("outlet and a filing note", f"هسبريس - متابعة\n{BODY}", Hints(), "hespress"),
    ("a cue with a dot, and a place", f"برلمان.كوم - الرباط\n{BODY}", Hints(), "barlamane"),
    ("cue inside the body does not count", f"{PARAGRAPH} وقالت هسبريس إن اللقاء مهم.\n{BODY}", Hints(), None),
    ("a teaser headline starting elsewhere", f"حصيلة 24 ساعة من الحوادث\n{BODY}", Hints(), None),
    ("two outlets named: none", f"هسبريس\nفرانس 24\n{BODY}", Hints(), None),
    ("no cue", BODY, Hints(), None),
    # A dateline credits a wire, not the site that ran the story.
    ("dateline agency is not the outlet", f"دبي، الإمارات العربية المتحدة (CNN) – {BODY}", Hints(), None),
    ("dateline line with a wire is not the outlet", f"الرباط - (ماب)\n{BODY}", Hints(), None),
    ("wire credit after the body is not the outlet", f"{BODY}\n(و م ع)", Hints(), None),
    # Cues are never a bare city, region or common word.
    ("a city that names a paper too", f"الرياض\n{BODY}", Hints(), None),
    ("a region in a menu", f"• الشرق الأوسط\nالشرق الأوسط\n{BODY}", Hints(), None),
    ("sidecar id", BODY, Hints(outlet="hespress", origin="sidecar"), "hespress"),
    ("sidecar name", BODY, Hints(outlet="Sky News Arabia", origin="sidecar"), "sky-news-arabia"),
    ("sidecar unknown outlet is kept as stated", BODY, Hints(outlet="صحيفة النجم الساطع", origin="sidecar"),
     "صحيفة النجم الساطع"),
    ("sidecar wins over a cue", f"هومبريس\n{BODY}", Hints(outlet="hespress", origin="sidecar"), "hespress"),
    ("html site name matched", BODY, Hints(outlet="Hespress", origin="html"), "hespress"),
    ("html unknown site name is not an outlet", BODY, Hints(outlet="موقع ما", origin="html"), None),
    ("url host", BODY, Hints(url="https://www.hespress.com/politique/1.html", origin="jsonl"), "hespress"),
    ("url host and path", BODY, Hints(url="https://www.bbc.com/arabic/articles/x", origin="feed"), "bbc-arabic"),
    ("url on the outlet's other domain", BODY, Hints(url="http://www.bbc.co.uk/arabic/middleeast-1", origin="feed"),
     "bbc-arabic"),
    ("same host, other path", BODY, Hints(url="https://www.bbc.com/news/world", origin="feed"), None),
    ("url subdomain", BODY, Hints(url="https://arabic.rt.com/middle_east/1/", origin="feed"), "rt-arabic"),
]


@pytest.mark.parametrize("text,hints,expected", [c[1:] for c in OUTLET_CASES], ids=[c[0] for c in OUTLET_CASES])
def test_outlet(text, hints, expected):
    assert outlet_of(clean(raw(text, hints)), OUTLETS).value == expected


BYLINE_CASES = [
    ("name//city", f"الحافظ ملعين//العيون\n{BODY}", "الحافظ ملعين", "العيون"),
    ("بقلم:", f"بقلم: محمد الأمين\n{BODY}", "محمد الأمين", None),
    ("بقلم: name - place", f"بقلم: محمد الأمين - الرباط\n{BODY}", "محمد الأمين", None),
    ("بقلم without a colon", f"بقلم محمد الأمين\n{BODY}", "محمد الأمين", None),
    ("كتب: needs its colon", f"كتب: محمد الأمين\n{BODY}", "محمد الأمين", None),
    ("كتب without a colon is a sentence", f"كتب الوزير في تدوينة\n{BODY}", None, None),
    ("name - correspondent", f"محمد الأمين - مراسل الجريدة بالعيون\n{BODY}", "محمد الأمين", None),
    ("outlet–author line", f"أخبارنا المغربية - عبد الإله بوسحابة\n{BODY}", "عبد الإله بوسحابة", None),
    ("outlet–author with a tatweel dash", f"أخبارنا المغربية ــ عبد الإله بوسحابة\n{BODY}", "عبد الإله بوسحابة", None),
    ("unknown outlet–author: which side is the name is not known", f"موقع ما - عبد الإله بوسحابة\n{BODY}", None, None),
    ("place - name: neither", f"الرباط - محمد الأمين\n{BODY}", None, None),
    ("city-agency line", f"الرباط-متابعة\n{BODY}", None, "الرباط"),
    ("city (agency) - lead", f"العيون (و م ع) - {BODY}", None, "العيون"),
    ("city – lead", f"الرباط – {BODY}", None, "الرباط"),
    ("no dash, no dateline", BODY, None, None),
]


@pytest.mark.parametrize("text,byline,dateline", [c[1:] for c in BYLINE_CASES], ids=[c[0] for c in BYLINE_CASES])
def test_byline_and_dateline(text, byline, dateline):
    cleaned = clean(raw(text))
    assert (byline_of(cleaned, OUTLETS).value, dateline_of(cleaned, OUTLETS).value) == (byline, dateline)


def test_outlet_author_line_gives_both():
    byline = byline_of(clean(raw(f"أخبارنا المغربية - عبد الإله بوسحابة\n{BODY}")), OUTLETS)
    assert (byline.value, byline.outlet) == ("عبد الإله بوسحابة", "akhbarona")


def test_author_hint_wins():
    cleaned = clean(raw(f"الحافظ ملعين//العيون\n{BODY}", Hints(author="Jane Doe", origin="html")))
    assert byline_of(cleaned).value == "Jane Doe"


# A dateline is a place, with its country, a date and the wire it credits; without a wire in
# parentheses the place must be a known one.
DATELINE_CASES = [
    ("place, country (wire) –", f"دبي، الإمارات العربية المتحدة (CNN) – {BODY}", "دبي، الإمارات العربية المتحدة",
     "CNN"),
    ("place, country (wire)— without spaces", f"دبي، الإمارات العربية المتحدة (CNN)— {BODY}",
     "دبي، الإمارات العربية المتحدة", "CNN"),
    ("place (wire) on its own line", f"نيويورك (ECS)\n{BODY}", "نيويورك", "ECS"),
    ("place and colon on its own line", f"بوجدور:\n{BODY}", "بوجدور", None),
    ("place and colon opening the paragraph", f"بوجدور: {BODY}", "بوجدور", None),
    ("place - (wire)", f"الرباط - (ماب)\n{BODY}", "الرباط", "ماب"),
    ("place - wire", f"الجزائر - واج\n{BODY}", "الجزائر", "واج"),
    ("place, date (wire) -", f"الرباط في 12 ماي 2024 (و م ع) - {BODY}", "الرباط", "و م ع"),
    ("unknown place with a wire in parentheses", f"تيفاريتي (و م ع) - {BODY}", "تيفاريتي", "و م ع"),
    ("after a standfirst", f"{PARAGRAPH}\nالرباط – {BODY}", "الرباط", None),
    ("outlet – place line", f"برلمان.كوم - الرباط\n{BODY}", "الرباط", None),
    # Not datelines.
    ("a flag word before a dash", f"عاجل – {BODY}", None, None),
    ("a note before a colon", f"ملاحظة: {BODY}", None, None),
    ("a speaker before a colon", f"بوريطة: {BODY}", None, None),
    ("unknown place without a wire", f"تيفاريتي – {BODY}", None, None),
    ("a parenthesis that is no wire", f"الأمم المتحدة (المينورسو) - {BODY}", None, None),
    ("an outlet–author line", f"أخبارنا المغربية - عبد الإله بوسحابة\n{BODY}", None, None),
    ("a known outlet and a filing note", f"هسبريس - متابعة\n{BODY}", None, None),
    ("a known outlet before a dash", f"هسبريس – {BODY}", None, None),
    ("a place in a headline", f"الجزائر: دعمنا للبوليساريو لا يعني المشاركة في المفاوضات\n{BODY}", None, None),
]


@pytest.mark.parametrize("text,place,agency", [c[1:] for c in DATELINE_CASES], ids=[c[0] for c in DATELINE_CASES])
def test_dateline(text, place, agency):
    dateline = dateline_of(clean(raw(text)), OUTLETS)
    assert (dateline.value, dateline.agency) == (place, agency)


# Titles: the printed headline, else one derived from the first sentence and marked so; the body
# keeps every paragraph either way.
HEADLINE = "بوريطة يتباحث مع وكيل الأمين العام للأمم المتحدة لعمليات السلام"
STANDFIRST = "نفى حزب الله اللبناني، الثلاثاء، ما وصفها بمزاعم المغرب حول دعم الجبهة"
TEASERS = "تيزر أول عن موضوع آخر تماما هنا\n19/05/2025 | 21:15\nتيزر ثان عن موضوع آخر أيضا\n19/05/2025 | 21:32"
LEAD = ("استقبل الأمين العام للأمم المتحدة أنطونيو غوتيريش مساء الخميس مبعوثه الشخصي للصحراء الغربية ، ستافان "
        "دي ميستورا ، لمناقشة نتائج المشاورات غير الرسمية التي عقدها في وقت سابق من هذا الأسبوع.")
LEAD_CLAUSE = "استقبل الأمين العام للأمم المتحدة أنطونيو غوتيريش مساء الخميس مبعوثه الشخصي للصحراء الغربية"
DERIVED = "أجرى وزير الشؤون الخارجية ناصر بوريطة"  # PARAGRAPH's first clause is too short: its first words

TITLE_CASES = [
    ("sidecar title", BODY, Hints(title="عنوان من الملف الجانبي", origin="sidecar"), "عنوان من الملف الجانبي",
     "hint"),
    ("headline above the body", f"{HEADLINE}\n\n{BODY}", Hints(), HEADLINE, "headline"),
    ("a standfirst with commas below the headline", f"{HEADLINE}\n\n{STANDFIRST}\n\n{BODY}", Hints(), HEADLINE,
     "headline"),
    ("a repeated line wins over teasers",
     f"{TEASERS}\nأنت تقرأ الآن: {HEADLINE}\nشارك\n{HEADLINE}\nقسم آخر من الصفحة هنا\n{BODY}", Hints(), HEADLINE,
     "headline"),
    ("byline and dateline lines below the headline", f"{HEADLINE}\nالحافظ ملعين//العيون\nالرباط-متابعة\n{BODY}",
     Hints(), HEADLINE, "headline"),
    # Negative cases: none of these lines is a headline.
    ("a broken sentence above the body", f"وتشير المبادرة الصحراوية في رسالتها إلى أن\n{BODY}", Hints(), DERIVED,
     "derived"),
    ("a sentence carrying on an earlier one", f"وتشير المبادرة الصحراوية في رسالتها\n{BODY}", Hints(), DERIVED,
     "derived"),
    ("a publication stamp below the headline", f"{HEADLINE}\nالجمعة 31 أكتوبر 2025 - 22:10\n{BODY}", Hints(), HEADLINE,
     "headline"),
    ("a stamp without its year", f"{HEADLINE}\nالجمعة 31 أكتوبر - 22:10\n{BODY}", Hints(), HEADLINE, "headline"),
    ("a bulleted sentence above the body", f"● 0 أصوات ضد القرار.\n{BODY}", Hints(), DERIVED, "derived"),
    ("an outlet–author line", f"أخبارنا المغربية - عبد الإله بوسحابة\n{BODY}", Hints(), DERIVED, "derived"),
    ("an unknown outlet–author line", f"جريدة ما - عبد الإله بوسحابة\n{BODY}", Hints(), DERIVED, "derived"),
    ("a short sentence inside the body", f"{PARAGRAPH}\nوقتل ثلاثة مهاجمين كان أحدهم يرتدي سترة ناسفة.\n{BODY}",
     Hints(), DERIVED, "derived"),
    ("derived: the first clause, without the dateline", f"الرباط – {LEAD}\n{BODY}", Hints(), LEAD_CLAUSE, "derived"),
]


@pytest.mark.parametrize("text,hints,expected,source", [c[1:] for c in TITLE_CASES], ids=[c[0] for c in TITLE_CASES])
def test_title(text, hints, expected, source):
    title = titled(clean(raw(text, hints)), OUTLETS)
    assert (title.text.rstrip("…"), title.source) == (expected, source)


BODY_KEEPING_CASES = [
    ("short sentence between paragraphs", f"{PARAGRAPH}\nوقتل ثلاثة مهاجمين كان أحدهم يرتدي سترة ناسفة.\n{BODY}",
     "وقتل ثلاثة مهاجمين كان أحدهم يرتدي سترة ناسفة."),
    ("bulleted vote count in the body", f"{PARAGRAPH}\n● 12 صوتا لصالح القرار.\n● 0 أصوات ضد القرار.\n{BODY}",
     "● 0 أصوات ضد القرار."),
    ("the paragraph a derived title comes from", f"الرباط – {LEAD}\n{BODY}", f"الرباط – {LEAD}"),
]


@pytest.mark.parametrize("text,paragraph", [c[1:] for c in BODY_KEEPING_CASES], ids=[c[0] for c in BODY_KEEPING_CASES])
def test_the_body_keeps_every_paragraph(text, paragraph):
    article = Enricher.from_config(CONFIG).enrich(raw(text), "a").article
    assert paragraph in article.body and article.title_source == "derived"


def test_a_derived_title_never_ends_on_a_particle():
    words = ("أعلن المجلس أمس في الرباط أن الوفد سيزور المنطقة لعقد لقاءات مع كل من في المخيمات وغيرها "
             "من المناطق المجاورة للحدود.")
    title = titled(clean(raw(f"{words}\n{BODY}")), OUTLETS)
    assert title.source == "derived" and title.text.endswith("…")
    assert title.text.rstrip("…").split()[-1] not in ("من", "مع", "في", "أن")


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
     date(2026, 1, 1), Reference(date(2023, 11, 30), "sidecar: reference_date", given=True)),
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

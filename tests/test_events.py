"""Event distinctions: reports that share words but cannot tell one event (generator/events.py)."""

import pytest

from generator.events import EventSignature, distinct, event_weekday, headline_frame, reports_denial


@pytest.mark.parametrize("headline, frame, why", [
    ("لاكروا يصل إلى الرباط في زيارة رسمية", "arrival", "subject then verb"),
    ("يصل المبعوث الأممي إلى تندوف اليوم", "arrival", "verb first"),
    ("دي ميستورا يغادر الرباط بعد مشاورات", "departure", "departure verb"),
    ("المبعوث الأممي يختتم زيارته إلى المنطقة", "departure", "concluding a visit is leaving"),
    ("مجلس الأمن: ووصل الوفد إلى نيويورك", "arrival", "after a «Speaker:» prefix, with و attached"),
    ("الأمين العام يؤكد دعمه لحل سياسي", None, "no movement verb"),
    ("حل الدولتين على طاولة المفاوضات", None, "«حل» is the noun 'solution', never read as arrival"),
    ("المغرب يقطع علاقاته مع إيران بعد أن وصلت الأسلحة", None, "a verb past the headline's first words is background"),
])
def test_headline_frame(headline, frame, why):
    assert headline_frame(headline) == frame, why


@pytest.mark.parametrize("headline, denial, why", [
    ("حزب الله ينفي تدريب البوليساريو", True, "subject then verb of denial"),
    ("الصحراء الغربية: حزب الله يرد على اتهامات المغرب وينفي دعمه للبوليساريو", True,
     "a coordinated verb of denial later in the headline («وينفي»)"),
    ("خارجية إيران تنفي دعم البوليساريو.. وتؤكد: أهم أركان سياستنا", True, "feminine subject"),
    ("نفي إيراني لدعم البوليساريو", True, "the noun of the act: «نفى» and «نفي» fold alike"),
    ("المغرب يقطع علاقاته الدبلوماسية مع إيران على خلفية دعم حزب الله", False, "the claim itself"),
    ("الجامعة العربية تتضامن مع قطع المغرب للعلاقات مع إيران", False, "a reaction, but not a denial"),
    ("وزير المنفى يعود إلى بلاده", False, "«المنفى» (exile) shares letters, not the word"),
])
def test_reports_denial(headline, denial, why):
    assert reports_denial(headline) is denial, why


@pytest.mark.parametrize("paragraphs, weekday, why", [
    (["أعلنت وزارة الدفاع الجزائرية، الأربعاء، مقتل 257 شخصا."], "الاربعاء", "verb, subject, day"),
    (["حذر المسؤول الأممي أمس الخميس من نتائج الحرب."], "الخميس", "«أمس» names the event's day too"),
    (["نقلت الوكالة عن مصدر قوله إن الموقف لا يعني المشاركة. وكان الوزير المغربي قد نقل رسالة الأربعاء.",
      "نقلت الوكالة عن المصدر الجمعة توضيحات."], "الجمعه",
     "a «وكان ... قد» sentence is background: the answer's day is Friday, not the letter's Wednesday"),
    (["أرجأت الولايات المتحدة تصويتا كان مقررا الأربعاء في مجلس الأمن."], None, "a planned day is not the event's"),
    (["يجتمع المجلس الخميس المقبل لبحث التمديد."], None, "a coming day is not the event's"),
    (["تتواصل المشاورات منذ الاثنين في جنيف."], None, "the start of a span"),
    (["محكمة العدل الأوروبية تقول إن الاتفاق لا يشمل الإقليم.", "قضت المحكمة الثلاثاء بأن الاتفاق صالح."],
     "الثلاثاء", "the day may come in the first body paragraph"),
    (["قالت الوزارة إن الاتفاق صالح."], None, "no day named"),
])
def test_event_weekday(paragraphs, weekday, why):
    assert event_weekday(paragraphs) == weekday, why


def sig(frame=None, resolutions=(), years=(), denial=False, weekday=None):
    return EventSignature(frame=frame, resolutions=frozenset(resolutions), years=frozenset(years),
                          denial=denial, weekday=weekday)


@pytest.mark.parametrize("a, b, expected, why", [
    (sig("arrival"), sig("departure"), True, "arrival and departure are two events"),
    (sig("arrival"), sig("arrival"), False, "two reports of one arrival"),
    (sig("arrival"), sig(None), False, "a headline without a frame says nothing against"),
    (sig(resolutions={"resolution-2703"}), sig(resolutions={"resolution-2756"}), True,
     "this year's renewal is not last year's"),
    (sig(resolutions={"resolution-2703", "resolution-2654"}), sig(resolutions={"resolution-2703"}), False,
     "one report also recalls the previous resolution"),
    (sig(resolutions={"resolution-2703"}), sig(), False, "a report that cites no number is not against"),
    (sig(years={"2024"}), sig(years={"2025"}), True, "different years in the headlines"),
    (sig(years={"2024"}), sig(years={"2024", "2025"}), False, "a shared year"),
    (sig(denial=True), sig(), True, "a denial and the claim it denies are two events"),
    (sig(denial=True), sig(denial=True), False, "two reports of one denial"),
    (sig(weekday="الثلاثاء"), sig(weekday="الاربعاء"), True, "a Tuesday event and a Wednesday event"),
    (sig(weekday="الثلاثاء"), sig(weekday="الثلاثاء"), False, "one day"),
    (sig(weekday="الثلاثاء"), sig(), False, "a report that names no day is not against"),
])
def test_distinct(a, b, expected, why):
    assert distinct(a, b) is expected and distinct(b, a) is expected, why

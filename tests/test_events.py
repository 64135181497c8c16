"""Event distinctions: reports that share words but cannot tell one event (generator/events.py)."""

import pytest

from generator.events import EventSignature, distinct, headline_frame


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


def sig(frame=None, resolutions=(), years=()):
    return EventSignature(frame=frame, resolutions=frozenset(resolutions), years=frozenset(years))


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
])
def test_distinct(a, b, expected, why):
    assert distinct(a, b) is expected and distinct(b, a) is expected, why

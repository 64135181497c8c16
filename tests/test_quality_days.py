"""The day gate (tests/quality/days.py): the days Marsad reads from text alone are right."""

from __future__ import annotations

from .quality import days


def test_no_day_comes_from_a_date_the_text_only_mentions(corpus):
    labels = days.gold()
    for name, (day, source, evidence) in days.days_from_text().items():
        if day:
            assert day in (labels[name]["stated_day"], labels[name]["provenance_day"]), (name, day, source, evidence)
            assert source in ("publication line", "opening sentence") and evidence, (name, source)

"""Every cleaning rule has its case: the table of tests/cases/clean.yml (label, lines, the rule that
must claim each line, comment; negative cases too), and a check that removing any one line rule
from LINE_RULES changes the verdict of at least one case."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from generator import clean, dates
from generator.models import RawArticle, Source

REPO = Path(__file__).resolve().parent.parent
CLEAN_CASES = yaml.safe_load((REPO / "tests" / "cases" / "clean.yml").read_text(encoding="utf-8"))

# Four paragraphs of reporting with none of the rules' phrases: the body the case lines sit in.
PARAGRAPHS = (
    "وأفادت مصادر مطلعة بأن الاجتماع الذي عقد صباح اليوم في العاصمة تناول عددا من الملفات المرتبطة "
    "بالوضع في المنطقة، ومن المنتظر أن يصدر بيان رسمي في وقت لاحق من هذا الأسبوع حسب المصادر نفسها.",
    "وأضافت المصادر أن الوفدين اتفقا على مواصلة المشاورات خلال الأسابيع المقبلة، وعلى عقد لقاء ثان "
    "قبل نهاية الشهر الجاري لبحث النقاط العالقة التي لم يحسم فيها الطرفان بعد.",
    "وكان المبعوث الشخصي قد أجرى سلسلة من اللقاءات مع المسؤولين في عدد من العواصم المعنية، في إطار "
    "جهوده الرامية إلى إعادة إطلاق العملية السياسية المتوقفة منذ عدة سنوات.",
    "ويرتقب أن يقدم الأمين العام تقريره السنوي إلى المجلس في الخريف المقبل، وهو التقرير الذي "
    "يتضمن عادة تقييما للوضع الميداني وتوصيات بشأن مستقبل العملية السياسية.",
)


def _lines(case: dict) -> list[str]:
    return case["lines"] if "lines" in case else [case["line"]]


def _article(case: dict) -> tuple[str, list[int]]:
    """The case's lines among the paragraphs, and the line number of each case line."""
    lines = _lines(case)
    where = case.get("where", "between")
    before, after = {
        "between": (PARAGRAPHS[:2], PARAGRAPHS[2:]),
        "before": ((), PARAGRAPHS),
        "after": (PARAGRAPHS, ()),
        "alone": ((), ()),
    }[where]
    text = "\n".join([*before, *lines, *after])
    first = len(before) + 1
    return text, list(range(first, first + len(lines)))


def _verdicts(case: dict) -> list:
    text, numbers = _article(case)
    raw = RawArticle(Source(f"{case['label']}.txt", "text"), text, "utf-8")
    by_line = {verdict.line_no: verdict for verdict in clean.clean(raw).verdicts}
    return [by_line[no] for no in numbers]


def _rules(case: dict) -> list[str]:
    return [verdict.rule for verdict in _verdicts(case)]


# What each rule makes of a line: kept as the article's text (body), kept apart above it (header),
# a stamp, or dropped (boilerplate). Lines with no paragraph around them are all kept.
LABEL_OF_RULE = {
    **{rule.__name__: "boilerplate" for rule in clean.LINE_RULES},
    "timestamp": "timestamp",
    "read_also_marker": "boilerplate",
    "related_headline": "boilerplate",
    "after_body": "boilerplate",
    "before_body": "header",
    "headline_before_body": "header",
    "short_line_in_body": "header",
    "no_paragraph_found": "body",
    "paragraph": "body",
}


def _marks(case: dict) -> list:
    return [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []


@pytest.mark.parametrize("case", [pytest.param(c, id=c["label"], marks=_marks(c)) for c in CLEAN_CASES])
def test_clean_case(case):
    if "words" in case:
        assert [len(line.split()) for line in _lines(case)] == [case["words"]], "the case's word count is wrong"
    verdicts = _verdicts(case)
    assert [verdict.rule for verdict in verdicts] == case["rules"], case["comment"]
    assert [verdict.label for verdict in verdicts] == [LABEL_OF_RULE[rule] for rule in case["rules"]], case["comment"]


def test_the_case_table_is_well_formed():
    labels = [case["label"] for case in CLEAN_CASES]
    assert len(labels) == len(set(labels)), "duplicate labels"
    for case in CLEAN_CASES:
        assert case.get("comment"), f"{case['label']}: no comment"
        assert len(case["rules"]) == len(_lines(case)), f"{case['label']}: one rule per line"


def test_every_line_rule_has_a_positive_case():
    claimed = {rule for case in CLEAN_CASES if "xfail" not in case for rule in case["rules"]}
    named = {rule.__name__ for rule in clean.LINE_RULES}
    assert not named - claimed, f"line rules with no case: {sorted(named - claimed)}"


@pytest.mark.parametrize("rule", [rule.__name__ for rule in clean.LINE_RULES])
def test_removing_a_line_rule_changes_a_case(rule, monkeypatch):
    monkeypatch.setattr(clean, "LINE_RULES", tuple(r for r in clean.LINE_RULES if r.__name__ != rule))
    changed = [case["label"] for case in CLEAN_CASES if "xfail" not in case and _rules(case) != case["rules"]]
    assert changed, f"no case notices that {rule} was removed"


# ------------------------------------------------------------------------------ date forms
DATE_CASES = yaml.safe_load((REPO / "tests" / "cases" / "dates.yml").read_text(encoding="utf-8"))


def _date_marks(case: dict) -> list:
    return [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []


@pytest.mark.parametrize("case", [pytest.param(c, id=c["label"], marks=_date_marks(c)) for c in DATE_CASES])
def test_date_form(case):
    if case.get("find") in ("publication_line", "parse_timestamp"):
        found = getattr(dates, case["find"])(case["text"])
        if case.get("found", True):
            assert found is not None and found.iso == case["iso"], case["comment"]
            assert found.kind == "explicit", "a stamp is read only when it writes its year"
            if "certain" in case:
                assert found.certain is case["certain"], case["comment"]
            if "note" in case:
                assert found.note == case["note"], case["comment"]
        else:
            assert found is None, case["comment"]
        return
    reference = date.fromisoformat(case["reference"]) if case.get("reference") else None
    found = dates.find_dates(case["text"], reference)
    if not case.get("found", True):
        assert found == (), case["comment"]
        return
    assert found, f"no date found: {case['comment']}"
    first = found[0]
    assert (first.iso, first.evidence, first.role) == (case["iso"], case["evidence"], case.get("role", "")), case["comment"]
    if "certain" in case:
        assert first.certain is case["certain"], case["comment"]
    if "kind" in case:
        assert first.kind == case["kind"], case["comment"]
    if "note" in case:
        assert first.note == case["note"], case["comment"]


def test_the_date_table_is_well_formed():
    labels = [case["label"] for case in DATE_CASES]
    assert len(labels) == len(set(labels)), "duplicate labels"
    assert all(case.get("comment") for case in DATE_CASES)

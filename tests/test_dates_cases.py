"""The article's day from its opening sentence or dateline (``dates.opening_day``): the cases of
tests/cases/opening_day.yml, each with the day, the words quoted as evidence and the note."""

from __future__ import annotations

import pytest
import yaml

from generator.dates import opening_day

from .conftest import REPO

CASES = yaml.safe_load((REPO / "tests" / "cases" / "opening_day.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_opening_day_case(case):
    found = opening_day(case["sentence"])
    if case["day"] is None:
        assert found is None, f"{case['label']}: read {found} ({case['comment']})"
        return
    assert found is not None, f"{case['label']}: no day ({case['comment']})"
    assert (found.iso, found.evidence, found.note) == (case["day"], case["evidence"], case["note"]), case["comment"]
    assert found.certain and found.kind == "explicit"

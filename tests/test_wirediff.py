"""Wire-copy diff (generator/wirediff.py): changes in substance found, spelling noise hidden."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.models import Article, Source
from generator.wirediff import diff_texts, wire_diffs, words

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "wirediff.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_case(case):
    changes, _ = diff_texts([case["original"]], [case["copy"]])
    assert [[c.kind, c.before, c.after] for c in changes] == case["changes"], case["comment"]


def test_noise_is_counted_not_shown():
    changes, spelling = diff_texts(["والتعاون منذ استقلالها تنفيذا"], ["و التعاون منذ إستقلالها تنفيذاً"])
    assert changes == ()
    assert spelling == 3


def test_change_names_its_paragraph_and_context():
    changes, _ = diff_texts(["الفقرة الأولى.", "أجرى الوزير اليوم مباحثات"],
                            ["الفقرة الأولى.", "أجرى الوزير أمس مباحثات"])
    (change,) = changes
    assert (change.paragraph, change.context) == (1, "أجرى الوزير")


def test_lone_conjunction_at_paragraph_end_is_kept():
    assert [w.key for w in words(["قال و"])] == ["قال", "و"]


def _article(article_id: str, body: tuple[str, ...], duplicate_of: str | None = None) -> Article:
    return Article(id=article_id, source=Source(f"{article_id}.txt", "text"), title=article_id, lead="",
                   body=body, content_hash=article_id, duplicate_of=duplicate_of)


def test_one_diff_per_copy_against_its_canonical():
    canonical = _article("a", ("أجرى الوزير اليوم مباحثات",))
    copies = [_article("b", ("أجرى الوزير أمس مباحثات",), "a"), _article("c", ("أجرى الوزير اليوم مباحثات",), "a")]
    diffs = wire_diffs([canonical, *copies])
    assert [(d.copy, d.original, len(d.changes)) for d in diffs] == [("b", "a", 1), ("c", "a", 0)]


SEED_CHANGES = [  # the seeds' 002 (24saa, earliest) → 001 (Hoummpress), read side by side
    ["replaced", "اليوم", "أمس"],
    ["added", "", "السيد"],
    ["replaced", "للملك", "لصاحب الجلالة الملك"],
    ["added", "", "السيد"],
    ["added", "", "السيد"],
]


def test_seed_pair_in_the_analysis_json():
    """The gate of the issue: on the seeds' 001/002 pair the changes above and none of the noise
    («و التعاون» / «والتعاون», «إستقلالها» / «استقلالها», «تنفيذاً» / «تنفيذا»)."""
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(root), "analyze"],
                         capture_output=True, text=True, check=True).stdout
    diffs = json.loads(out)["wire_diffs"]
    (seed,) = [d for d in diffs if d["copy"].startswith("001-")]
    assert seed["original"].startswith("002-")
    assert [[c["kind"], c["before"], c["after"]] for c in seed["changes"]] == SEED_CHANGES
    assert seed["spelling"] > 0


def test_a_long_addition_is_named_not_reprinted():
    added = " ".join(["كلمة"] * 5000)
    (change,) = diff_texts(["نص قصير"], ["نص قصير", added])[0]
    assert change.kind == "added" and change.after.endswith(" …") and len(change.after) < 400

"""Cleaning the seeds: golden bodies checked exactly, and the boilerplate of seed 002 named line by line.

Regenerate the golden files with `python tests/regen_golden.py` and review the diff.
"""

from pathlib import Path

import pytest

from generator.clean import clean
from generator.read import read_articles

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden" / "clean"
SEEDS = {Path(raw.source.path).stem: raw for raw in read_articles([REPO / "content" / "articles"]).articles}


@pytest.mark.parametrize("stem", sorted(SEEDS))
def test_seed_body_matches_golden(stem):
    expected = (GOLDEN / f"{stem}.txt").read_text(encoding="utf-8").strip().split("\n\n")
    assert list(clean(SEEDS[stem]).paragraphs) == expected


SEED_002_BOILERPLATE = [
    ("cookie notice", "باستخدام هذا الموقع، فإنك توافق على سياسة الخصوصية"),
    ("menu entry", "تربية وتعليم"),
    ("teaser headline", "صحيفة موريتانية: نواكشوط تنأى بنفسها"),
    ("teaser timestamp", "19/05/2025 | 21:15"),
    ("read also headline", "بنعبد الله يدعو لتعميق الحوار"),
    ("read also headline", "الشركة الفرنسية “أوسويغو” تعزز حضورها"),
    ("tags", "الكلمات المفتاحية"),
    ("newsletter", "اشترك في النشرة الإخبارية"),
    ("newsletter", "من خلال الاشتراك، فإنك توافق"),
    ("latest news", "الأبواب المفتوحة للأمن الوطني"),
    ("login", "إسم المستخدم أو البريد الإلكتروني"),
    ("login", "هل نسيت كلمة المرور"),
    ("footer", "جميع الحقوق محفوظة لجريدة 24 ساعة"),
]


@pytest.mark.parametrize("label,fragment", SEED_002_BOILERPLATE, ids=[f"{c[0]}: {c[1][:20]}" for c in SEED_002_BOILERPLATE])
def test_seed_002_boilerplate_is_dropped(label, fragment):
    body = "\n".join(clean(SEEDS["002_e0df584a8c6800d2"]).paragraphs)
    assert fragment not in body


def test_seed_002_share_buttons_are_dropped():
    assert "شارك" not in clean(SEEDS["002_e0df584a8c6800d2"]).paragraphs


def test_every_dropped_line_names_its_rule():
    verdicts = clean(SEEDS["002_e0df584a8c6800d2"]).verdicts
    dropped = [v for v in verdicts if v.label != "body"]
    assert dropped and all(v.rule for v in dropped)
    assert {"menu_bullet", "read_also_marker", "related_headline", "newsletter", "login_block"} <= {v.rule for v in dropped}


def test_clean_text_is_unchanged_when_there_is_no_boilerplate():
    from generator.models import RawArticle, Source

    text = "\n".join(["هذه فقرة أولى طويلة بما يكفي لتبدو نصا صحفيا عاديا، وفيها فاصلة ونقطة في آخرها."] * 3)
    raw = RawArticle(Source("x.txt", "text"), text, "utf-8")
    assert len(clean(raw).paragraphs) == 3

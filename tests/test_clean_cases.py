"""`clean.tidy_text` and `clean.strip_invisible`, case by case (ftfy style: label, input, expected,
comment). `tidy_text` makes one line of a title or label (generator/safety.py); no cleaning test
reached it, so mutmut found every change to it unnoticed. Each case is checked in its own test."""

from __future__ import annotations

import unicodedata

import pytest

from generator import clean

# (label, text, expected, comment)
TIDY_CASES = [
    ("spaces-folded", "الصحراء   الغربية", "الصحراء الغربية",
     "a run of spaces becomes one space"),
    ("line-breaks-and-tabs-folded", "بيان\nوزارة\tالخارجية\r\n", "بيان وزارة الخارجية",
     "a title scraped over several lines is one line: breaks and tabs are spaces"),
    ("ends-trimmed", "  دي ميستورا  ", "دي ميستورا",
     "spaces at either end are dropped"),
    ("one-word-unchanged", "البوليساريو", "البوليساريو",
     "negative — nothing to tidy in a single word"),
    ("nfc-alef-madda", "\u0627\u0653خر الأخبار", "\u0622خر الأخبار",
     "alef + combining madda (decomposed, as some editors save it) is composed to «آ» (NFC)"),
    ("nfc-latin-accent", "Mistura e\u0301tait", "Mistura \u00e9tait",
     "a Latin letter + combining acute is composed to «é» (NFC)"),
    ("bidi-override-removed", "\u202bمجلس الأمن\u202c", "مجلس الأمن",
     "right-to-left embedding and its pop (copied from a web page) are invisible formatting"),
    ("zero-width-removed", "الأمم\u200b المتحدة\u200f", "الأمم المتحدة",
     "zero-width space and right-to-left mark are dropped; the space between the words stays one"),
    ("zero-width-inside-word", "الرب\u200cاط", "الرباط",
     "a zero-width non-joiner inside a word is dropped: the word reads whole"),
    ("control-removed", "تقرير\x00 الأمين\x07 العام", "تقرير الأمين العام",
     "control characters (NUL, BEL) are dropped"),
    ("soft-hyphen-removed", "Polisa\u00adrio", "Polisario",
     "a soft hyphen is invisible formatting"),
    ("only-invisible", "\u200b\u200f \u202a", "",
     "negative — a title of invisible characters only is empty"),
]

# (label, text, expected, comment): strip_invisible keeps what tidy_text folds.
STRIP_CASES = [
    ("line-breaks-kept", "سطر أول\u200b\nسطر ثان", "سطر أول\nسطر ثان",
     "the cleaner splits lines after this: line breaks stay"),
    ("spaces-kept", "  كلمتان  ", "  كلمتان  ",
     "negative — spaces are not invisible formatting"),
    ("arabic-letter-mark-removed", "\u061cالعيون", "العيون",
     "the Arabic letter mark (U+061C) is a bidi control"),
]


@pytest.mark.parametrize(("text", "expected", "comment"), [pytest.param(*case[1:], id=case[0]) for case in TIDY_CASES])
def test_tidy_text(text, expected, comment):
    assert clean.tidy_text(text) == expected, comment


@pytest.mark.parametrize(("text", "expected", "comment"), [pytest.param(*case[1:], id=case[0]) for case in STRIP_CASES])
def test_strip_invisible(text, expected, comment):
    assert clean.strip_invisible(text) == expected, comment


def test_the_nfc_cases_are_decomposed():
    """The NFC cases mean something only if their input is not already composed."""
    for label, text, expected, _ in TIDY_CASES:
        if label.startswith("nfc-"):
            assert unicodedata.normalize("NFC", text) != text, label
            assert unicodedata.is_normalized("NFC", expected), label


def test_the_tables_are_well_formed():
    labels = [case[0] for case in (*TIDY_CASES, *STRIP_CASES)]
    assert len(labels) == len(set(labels)), "duplicate labels"
    assert all(case[3] for case in (*TIDY_CASES, *STRIP_CASES)), "a case with no comment"


def test_clean_and_fold_gives_the_matching_form_of_each_kept_paragraph():
    """Later stages match terms on the folded paragraphs clean_and_fold returns: one for each body
    paragraph, its arabic.normalize form, none for a dropped line."""
    from generator.arabic import normalize
    from generator.models import RawArticle, Source

    text = "\n".join([
        "تسجيل الدخول",
        "أعلنت الأمم المتحدة أن مبعوثها الشخصي سيزور المنطقة الأسبوع المقبل في جولة تشمل عدة عواصم.",
        "وقال المتحدث إن الزيارة تأتي في إطار الجهود الرامية إلى إعادة إطلاق العملية السياسية.",
        "جميع الحقوق محفوظة © 2023",
    ])
    raw = RawArticle(Source("fold.txt", "text"), text, "utf-8")
    cleaned, folded = clean.clean_and_fold(raw)
    assert cleaned.raw is raw, "the clean article keeps its source and text for the later stages"
    assert len(cleaned.paragraphs) == 2
    assert folded == tuple(normalize(paragraph) for paragraph in cleaned.paragraphs)

"""Normalisation and proclitic-aware term matching: data-driven cases, negatives included."""

import pytest

from generator.arabic import TermMatcher, normalize, tokens

NORMALIZE_CASES = [
    ("hamza on alef", "الأمم", "الامم"),
    ("hamza under alef", "إفريقيا", "افريقيا"),
    ("madda", "آخر", "اخر"),
    ("alef maqsura", "مستوى", "مستوي"),
    ("ta marbuta", "المتحدة", "المتحده"),
    ("tatweel", "الســـلام", "السلام"),
    ("diacritics", "يُشار", "يشار"),
    ("eastern digits", "٢٠٢٣", "2023"),
    ("latin lower-cased", "MINURSO", "minurso"),
]


@pytest.mark.parametrize("label,text,expected", NORMALIZE_CASES, ids=[c[0] for c in NORMALIZE_CASES])
def test_normalize(label, text, expected):
    assert normalize(text) == expected


MATCH_CASES = [
    ("plain", "الأمم المتحدة", "قالت الأمم المتحدة اليوم", True),
    ("waw + lam-lam", "الأمم المتحدة", "وللأمم المتحدة دور", True),
    ("ba + article", "الرباط", "اجتماع بالرباط", True),
    ("article dropped", "المينورسو", "بعثة مينورسو", True),
    ("no hamza in text", "الأمم المتحدة", "الامم المتحده", True),
    ("latin case", "MINURSO", "the Minurso mission", True),
    ("hyphenated latin", "Jean-Pierre Lacroix", "jean pierre lacroix said", True),
    ("negative: other word", "السلام", "الإسلام دين", False),
    ("negative: phrase order", "حفظ السلام", "السلام حفظ", False),
    ("negative: partial phrase", "جان بيير لاكروا", "جان بيير", False),
]


@pytest.mark.parametrize("label,term,text,found", MATCH_CASES, ids=[c[0] for c in MATCH_CASES])
def test_term_matcher(label, term, text, found):
    assert (TermMatcher([term]).terms_in(text) == [term]) is found


def test_tokens_split_punctuation_and_keep_order():
    assert tokens("بوريطة، لاكروا.") == ["بوريطه", "لاكروا"]

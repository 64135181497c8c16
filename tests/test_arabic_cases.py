"""generator/arabic.py at its edges (cases found by `make mutation`): diacritics in a long text,
a lone underscore, the article on short words, and where a match starts and how long it is."""

from __future__ import annotations

import pytest

from generator.arabic import Match, TermMatcher, normalize, strip_article, tokens, words_of

# label, text, normalised; the long texts take the other path of normalize (≥ 24 characters)
NORMALIZED = [
    ("short-with-vowels", "مَرْحَبًا", "مرحبا"),
    ("long-with-vowels", "مَرْحَبًا بِكُمْ فِي الرِّبَاطِ اليَوْمَ", "مرحبا بكم في الرباط اليوم"),
    ("long-with-tatweel", "المــــينورسو تراقب وقف إطلاق النار", "المينورسو تراقب وقف اطلاق النار"),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in NORMALIZED], ids=[c[0] for c in NORMALIZED])
def test_normalize_drops_the_marks_of_short_and_long_texts(text, expected):
    assert normalize(text) == expected


# label, folded text, tokens
WORDS = [
    ("lone-underscore", "قال _ ثم", ["قال", "ثم"]),
    ("underscore-in-a-word-stays", "قال a_b ثم", ["قال", "a_b", "ثم"]),
    ("punctuation-splits", "قال:الرباط،اليوم", ["قال", "الرباط", "اليوم"]),
]


@pytest.mark.parametrize(("folded", "expected"), [c[1:] for c in WORDS], ids=[c[0] for c in WORDS])
def test_words_of(folded, expected):
    assert words_of(folded) == expected


# label, token, bare form: the article goes only when two letters stay
ARTICLE = [
    ("four-letters", "الحق", "حق"),
    ("three-letters-kept", "الي", "الي"),
    ("article-alone-kept", "ال", "ال"),
    ("long", "المينورسو", "مينورسو"),
    ("no-article", "مينورسو", "مينورسو"),
]


@pytest.mark.parametrize(("token", "expected"), [c[1:] for c in ARTICLE], ids=[c[0] for c in ARTICLE])
def test_strip_article(token, expected):
    assert strip_article(token) == expected


def test_a_match_says_where_it_starts_and_how_many_tokens_it_spans():
    matcher = TermMatcher(["المينورسو", "الأمم المتحدة"])
    text = "قالت بعثة المينورسو إن الأمم المتحدة"
    expected = [Match("المينورسو", 2, 1), Match("الأمم المتحدة", 4, 2)]
    assert matcher.find(text) == expected
    assert matcher.find(tokens(text)) == expected, "normalised tokens given as a list are matched as they are"
    assert matcher.terms_in(text) == ["المينورسو", "الأمم المتحدة"]

"""arabic.Tokens: a text's words with where each stands in the text as written.

Entities, quotes and candidates link what they find back to the article's words (the paragraph
anchors, the quoted span), so every offset must point at the word as written, diacritics and
tatweel included. Each property is what ``Tokens`` promises in its docstrings, checked on texts
that exercise it: marks inside and between words, a lone underscore, Latin letters, digits,
a text without any mark (no offset map).
"""

import pytest

from generator.arabic import TermMatcher, Tokens, blanked, normalize, offset_map

TEXTS = [
    # label, text
    ("plain", "التقى بوريطة أمس بالرباط جان بيير لاكروا"),
    ("diacritics", "التَّقى وزيرُ الخارجيةِ ناصرُ بوريطة أمسِ بالرباطِ جانَ بيير لاكروا"),
    ("tatweel and shadda", "أكّد المسـؤول الأمـمي دعمَ بعثة المينورسو في الصحراء"),
    ("marks at the start", "ٌبعثة المينورسو تراقب وقف إطلاق النار"),
    ("underscore between words", "مجلس _ الأمن يصوت على القرار 2703 بشأن بعثة المينورسو"),
    ("latin and digits", "MINURSO و Lacroix في 2023 بالرباط"),
    ("one word", "المينورسو"),
]
TERMS = ["بعثة المينورسو", "جان بيير لاكروا", "الرباط", "مجلس الأمن", "المينورسو", "Lacroix"]


def word_bounds(tokens: Tokens) -> list[int]:
    """Offsets that fall between words: each word's start and end, the text's ends."""
    return sorted({0, len(tokens.text), *tokens.starts, *tokens.ends})


@pytest.mark.parametrize("text", [t for _, t in TEXTS], ids=[label for label, _ in TEXTS])
def test_each_word_points_at_itself_as_written(text):
    tokens = Tokens(text)
    assert tokens.words and len(tokens.words) == len(tokens.starts) == len(tokens.ends) == len(tokens)
    for word, start, end in zip(tokens.words, tokens.starts, tokens.ends):
        assert 0 <= start < end <= len(text)
        assert normalize(text[start:end]).strip() == word  # the written word, marks and all
    assert tokens.starts == sorted(tokens.starts)
    assert Tokens(text, normalize(text)).words == tokens.words  # a known fold gives the same tokens


@pytest.mark.parametrize("text", [t for _, t in TEXTS], ids=[label for label, _ in TEXTS])
def test_a_view_is_the_tokens_of_its_part(text):
    whole = Tokens(text)
    bounds = word_bounds(whole)
    for start in bounds:
        for end in bounds:
            if end < start:
                continue
            part, fresh = whole.view(start, end), Tokens(text[start:end])
            assert (part.text, part.words, part.starts, part.ends) == (fresh.text, fresh.words, fresh.starts,
                                                                       fresh.ends), (start, end)
            assert len(part) == len(fresh)
    assert whole.view(bounds[1]).words == Tokens(text[bounds[1]:]).words  # to the end of the text


@pytest.mark.parametrize("text", [t for _, t in TEXTS], ids=[label for label, _ in TEXTS])
def test_a_view_of_a_view_is_the_tokens_of_its_part(text):
    whole = Tokens(text)
    bounds = word_bounds(whole)
    outer = whole.view(bounds[1], bounds[-1])
    inner_bounds = word_bounds(outer)
    for start in inner_bounds:
        for end in (e for e in inner_bounds if e >= start):
            assert outer.view(start, end).words == Tokens(outer.text[start:end]).words


@pytest.mark.parametrize("text", [t for _, t in TEXTS], ids=[label for label, _ in TEXTS])
def test_matches_in_a_view_are_those_of_its_part(text):
    matcher = TermMatcher(TERMS)
    whole = Tokens(text)
    bounds = word_bounds(whole)
    assert whole.matched(matcher) == matcher.matches(whole.words)
    assert whole.matched(matcher) == whole.matched(matcher)  # remembered, the same
    for start in bounds:
        for end in (e for e in bounds if e >= start):
            view = whole.view(start, end)
            expected = matcher.matches(Tokens(text[start:end]).words)
            assert view.matched(matcher) == expected, (start, end)
            assert view.matched(matcher) == expected  # asked again: remembered


def test_a_view_made_before_the_whole_text_was_matched_finds_the_same():
    matcher = TermMatcher(TERMS)
    text = dict(TEXTS)["diacritics"]
    whole = Tokens(text)
    views = [whole.view(s, e) for s in word_bounds(whole) for e in word_bounds(whole) if e >= s]
    found = [view.matched(matcher) for view in reversed(views)]  # the shortest part asked first
    assert found == [matcher.matches(Tokens(v.text).words) for v in reversed(views)]


@pytest.mark.parametrize("text", [t for _, t in TEXTS], ids=[label for label, _ in TEXTS])
def test_blanked_spans_give_the_tokens_of_the_blanked_text(text):
    whole = Tokens(text)
    n = len(whole)
    span_sets = [[(whole.starts[i], whole.ends[i])] for i in range(n)]
    if n >= 3:
        span_sets += [[(whole.starts[0], whole.ends[1])], [(whole.starts[n - 1], whole.ends[n - 1]),
                                                            (whole.starts[0], whole.ends[0])],
                      [(whole.starts[1], whole.ends[n - 2])]]
    for spans in span_sets:
        part, fresh = whole.blanked(spans), Tokens(blanked(text, spans))
        assert part.text == fresh.text == blanked(text, spans)
        assert (part.words, part.starts, part.ends) == (fresh.words, fresh.starts, fresh.ends), spans
        assert part.matched(TermMatcher(TERMS)) == TermMatcher(TERMS).matches(fresh.words)
    assert whole.blanked([]) is whole


def test_blanked_replaces_each_span_by_as_many_spaces():
    assert blanked("abcdef", [(1, 3)]) == "a  def"
    assert blanked("abcdef", [(0, 1), (4, 6)]) == " bcd  "
    assert blanked("abc", []) == "abc"


@pytest.mark.parametrize("text, folded_offsets", [
    # text, (offset in the folded text, offset in the text as written)
    ("بَعثة", [(0, 0), (1, 2), (2, 3), (4, 5)]),  # the fatha after ب (offset 1) is skipped
    ("أمسِ بالرباط", [(2, 2), (3, 4), (4, 5)]),  # the kasra ending the first word (offset 3) is skipped
    ("بعثة", [(0, 0), (4, 4)]),  # nothing folded away: offsets are the same
])
def test_offsets_in_the_folded_text_map_to_the_written_text(text, folded_offsets):
    tokens = Tokens(text)
    for folded, raw in folded_offsets:
        assert tokens.raw(folded) == raw
    part = tokens.view(0)
    for folded, raw in folded_offsets:
        assert part.raw(folded) == raw  # a view computes its own map when first asked
    assert part.folded == normalize(text)


def test_offset_map_is_none_when_nothing_is_folded_away():
    assert offset_map("بعثة المينورسو", normalize("بعثة المينورسو")) is None
    text = "التَّقى"
    mapped = offset_map(text, normalize(text))
    assert mapped is not None and len(mapped) == len(normalize(text)) + 1
    assert [text[i] for i in mapped[:-1]] == ["ا", "ل", "ت", "ق", "ى"]
    assert mapped[-1] == len(text)


def test_a_lone_underscore_is_no_word():
    # «_» stands between words in some scraped texts (a blank left by a template), «a_b» is one word
    assert Tokens("مجلس _ الأمن a_b").words == ["مجلس", "الامن", "a_b"]


def test_offsets_stay_in_the_text_when_lower_casing_changes_its_length():
    # «İ» lower-cases to two characters: offsets are then approximate, never outside the text
    text = "İİ بَعثة"
    tokens = Tokens(text)
    assert tokens.words == ["i", "i", "بعثه"]
    assert all(0 <= start < end <= len(text) for start, end in zip(tokens.starts, tokens.ends))
    assert tokens.ends[-1] == len(text) and tokens.raw(len(tokens.folded)) == len(text)


def test_blanked_tokens_fold_their_own_text():
    whole = Tokens(dict(TEXTS)["diacritics"])
    part = whole.blanked([(whole.starts[0], whole.ends[0])])
    assert part.folded == normalize(part.text)
    assert part.raw(len(part.folded)) == len(part.text)

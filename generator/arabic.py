"""Arabic text: normalisation, tokens with their offsets, and term matching.

Matching is done on a normalised form: diacritics and tatweel removed, the
alef/hamza family folded, alef maqsura → ya, ta marbuta → ha, the letters of
Persian, Urdu and Maghrebi spelling that stand for Arabic ones folded (gaf and
Moroccan gaf → kaf, pe → ba, ve → fa, Persian ya → ya), Eastern Arabic digits →
Western, Latin lower-cased. A text token also matches with its
proclitics removed (و ف ب ل ك, then the article ال, and «لل» = ل + ال), so the
term «الأمم المتحدة» finds «وللأمم المتحدة» and «بالأمم المتحدة».

``Tokens`` holds a text's tokens with their offsets in the text, so the stages that
read one article (entities, candidates, quotes, topics) fold, split and match it once.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress

DIACRITICS = re.compile(  # the marks folding removes (vowels, shadda, tatweel …)
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
CHAR_FOLD = str.maketrans(  # one character for one: offsets survive it
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "ی": "ي",  # Persian ya
        "ې": "ي",  # Pashto/Uyghur ya
        "ک": "ك",  # Persian kaf
        "ڪ": "ك",  # swash kaf
        "گ": "ك",  # gaf: /g/ in names («گوتيريش»), written ك in Morocco and Algeria («أكادير»)
        "ڭ": "ك",  # Moroccan gaf («الكركرات» is also written «الڭركرات»)
        "پ": "ب",  # pe: Arabic writes /p/ with ب («جان پيير» = «جان بيير»)
        "ڤ": "ف",  # ve: Arabic writes /v/ with ف
        "ڥ": "ف",  # Maghrebi ve
        "ھ": "ه",  # heh doachashmee, an Urdu heh
        "ۀ": "ه",  # heh with yeh above (Persian ezafe)
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)
_TOKEN = re.compile(r"[\w]+", re.UNICODE)
_SPLIT = re.compile(r"(\w+)")
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")
_MIN_STEM = 2


_FOLD_PAIRS = tuple((chr(code), folded) for code, folded in CHAR_FOLD.items())


_NORMALIZE = {**CHAR_FOLD, **{ord(ch): None for ch in (
    *map(chr, range(0x0610, 0x061B)), *map(chr, range(0x064B, 0x0660)), "\u0670", *map(chr, range(0x06D6, 0x06EE)),
    "\u0640")}}  # DIACRITICS and CHAR_FOLD as one table
SHORT = 24  # characters; str.translate wins below this, str.replace of the few present characters above


def normalize(text: str) -> str:
    """The matching form of ``text`` (see module docstring)."""
    if len(text) < SHORT:
        return text.translate(_NORMALIZE).lower()
    return fold_chars(DIACRITICS.sub("", text)).lower()


def fold_chars(text: str) -> str:
    """``text.translate(CHAR_FOLD)``."""
    if len(text) < SHORT:
        return text.translate(CHAR_FOLD)
    for char, folded in _FOLD_PAIRS:
        if char in text:
            text = text.replace(char, folded)
    return text


def tokens(text: str) -> list[str]:
    """Normalised word tokens of ``text``, in order."""
    return words_of(normalize(text))


def words_of(folded: str) -> list[str]:
    """The word tokens (``\\w+`` runs other than «_») of a normalised text, in order.

    A space-separated piece that is all letters and digits is one token (``str.isalnum``
    is the test ``\\w`` makes, less «_»); only pieces with punctuation go through the pattern.
    """
    found: list[str] = []
    for piece in folded.split():
        if piece.isalnum():
            found.append(piece)
        else:
            found.extend(t for t in _TOKEN.findall(piece) if t != "_")
    return found


def strip_article(token: str) -> str:
    """«المينورسو» → «مينورسو»; leaves short words alone."""
    if token.startswith("ال") and len(token) - 2 >= _MIN_STEM:
        return token[2:]
    return token


@lru_cache(maxsize=300_000)
def bare_forms(token: str) -> frozenset[str]:
    """Every form ``token`` may have under its proclitics, article removed.

    «وللأمم» → {وللامم, للامم, امم, ...}; the forms are candidates: a term
    matches when its own bare form is among them.
    """
    forms = {token}
    frontier = [token]
    for prefixes in (_CONJUNCTIONS, _PREPOSITIONS):
        grown = []
        for form in frontier:
            for prefix in prefixes:
                if form.startswith(prefix) and len(form) - len(prefix) >= _MIN_STEM:
                    grown.append(form[len(prefix) :])
        forms.update(grown)
        frontier += grown
    for form in list(forms):
        if form.startswith("ل") and form[1:].startswith("ل") and len(form) - 1 >= _MIN_STEM + 1:
            forms.add("ال" + form[2:])  # «للأمم» = ل + الأمم
    forms.update(strip_article(f) for f in list(forms))
    return frozenset(forms)


def term_key(term: str) -> tuple[str, ...]:
    """The bare token sequence a term is matched by."""
    return tuple(strip_article(t) for t in tokens(term))


@dataclass(frozen=True)
class Match:
    term: str  # the term as written in the configuration
    start: int  # token index in the text
    length: int  # in tokens


_STARTING_LIMIT = 500_000  # distinct tokens whose starting terms a matcher remembers


class TermMatcher:
    """Finds many terms (single words or phrases) in a text in one pass.

    Indexing terms by their first bare token keeps the cost linear in the text
    length, whatever the number of terms; the terms each distinct token can
    start are looked up once and remembered.
    """

    def __init__(self, terms: Iterable[str]):
        self._by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for term in terms:
            key = term_key(term)
            if key:
                self._by_first.setdefault(key[0], []).append((term, key[1:]))
        self._starting: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}

    def find(self, text_or_tokens: str | list[str]) -> list[Match]:
        toks = tokens(text_or_tokens) if isinstance(text_or_tokens, str) else text_or_tokens
        return [Match(term, start, length) for term, start, length in self.matches(toks)]

    def starting(self, token: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(term, its remaining bare tokens) for every term ``token`` may begin."""
        found = self._starting.get(token)
        if found is None:
            # sorted: set order varies with PYTHONHASHSEED
            found = tuple(pair for form in sorted(bare_forms(token)) for pair in self._by_first.get(form, ()))
            if len(self._starting) >= _STARTING_LIMIT:
                self._starting.clear()
            self._starting[token] = found
        return found

    def matches(self, words: list[str]) -> list[tuple[str, int, int]]:
        """(term, first token, length in tokens) for every term found in ``words``, in text order."""
        try:
            starting = list(map(self._starting.__getitem__, words))
        except KeyError:  # some tokens seen for the first time
            starting = list(map(self._starting.get, words))
            for missing in [i for i, pairs in enumerate(starting) if pairs is None]:
                starting[missing] = self.starting(words[missing])
        found = []
        n = len(words)
        for i in compress(range(n), starting):  # the few tokens that start some term
            for term, rest in starting[i]:
                if not rest:
                    found.append((term, i, 1))
                elif i + len(rest) < n and _rest_matches(words, i + 1, rest):
                    found.append((term, i, 1 + len(rest)))
        return found

    def terms_in(self, text_or_tokens: str | list[str]) -> list[str]:
        """The distinct terms found, in configuration order of first appearance."""
        seen: dict[str, None] = {}
        for match in self.find(text_or_tokens):
            seen.setdefault(match.term, None)
        return list(seen)


def _rest_matches(words: list[str], start: int, rest: tuple[str, ...]) -> bool:
    for k, part in enumerate(rest):
        if part not in bare_forms(words[start + k]):
            return False
    return True


class Tokens:
    """A text's normalised tokens (as ``tokens``) with their character offsets in the text.

    ``view`` gives the tokens of a part of the text without folding or splitting it
    again, and what a matcher found is remembered, so the stages that read one
    article (entities, candidates, quotes) tokenise and match it once.
    """

    __slots__ = ("text", "words", "starts", "ends", "_folded", "_raw_of", "_found", "_whole", "_first")

    def __init__(self, text: str, folded: str | None = None):
        """``folded``: ``normalize(text)``, when already known."""
        self.text = text
        self._folded = folded = normalize(text) if folded is None else folded
        pieces = _SPLIT.split(folded)
        bounds = list(accumulate(map(len, pieces)))
        words, starts, ends = pieces[1::2], bounds[0:-1:2], bounds[1::2]
        if "_" in words:
            keep = [i for i, w in enumerate(words) if w != "_"]
            words, starts, ends = [words[i] for i in keep], [starts[i] for i in keep], [ends[i] for i in keep]
        self._raw_of = offset_map(text, folded)
        if self._raw_of is not None:
            starts = [self._raw_of[i] for i in starts]
            ends = [self._raw_of[i] for i in ends]
        self.words: list[str] = words
        self.starts: list[int] = starts
        self.ends: list[int] = ends
        self._found: dict = {}  # per matcher: what it found; per (matcher, "starts"): where
        self._whole: Tokens | None = None
        self._first = 0

    def __len__(self) -> int:
        return len(self.words)

    @property
    def folded(self) -> str:
        if self._folded is None:
            self._folded = normalize(self.text)
            self._raw_of = offset_map(self.text, self._folded)
        return self._folded

    def raw(self, folded_offset: int) -> int:
        """The offset in ``text`` of an offset in ``folded``."""
        self.folded  # noqa: B018 - a view computes its fold and offset map when first asked
        return folded_offset if self._raw_of is None else self._raw_of[folded_offset]

    def view(self, start: int, end: int | None = None) -> Tokens:
        """The tokens of ``text[start:end]``, as ``Tokens(text[start:end])`` gives them when
        ``start`` and ``end`` fall between words (as sentence ends and token offsets do)."""
        end = len(self.text) if end is None else end
        first, last = self.token_range(start, end)
        part = Tokens.__new__(Tokens)
        part.text = self.text[start:end]
        part.words = self.words[first:last]
        part.starts = [s - start for s in self.starts[first:last]] if start else self.starts[first:last]
        part.ends = [e - start for e in self.ends[first:last]] if start else self.ends[first:last]
        part._folded = part._raw_of = None
        part._found = {}
        part._whole, part._first = (self._whole or self), self._first + first
        return part

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """The positions ``first, last`` of the tokens of ``text[start:end]`` in ``words``."""
        first = bisect_left(self.starts, start)
        return first, max(first, bisect_right(self.ends, end))

    def blanked(self, spans: list[tuple[int, int]]) -> Tokens:
        """The tokens of ``text`` with each (start, end) span blanked out, as ``Tokens`` of that
        text gives them when the spans begin and end between words; words on either side of a
        span become neighbours."""
        if not spans:
            return self
        kept: list[tuple[int, int]] = []  # runs of words outside the spans
        first = 0
        for a, b in sorted(spans):
            inside = bisect_left(self.starts, a, first)
            kept.append((first, inside))
            first = max(inside, bisect_right(self.ends, b, inside))
        kept.append((first, len(self.words)))
        part = Tokens.__new__(Tokens)
        part.text = blanked(self.text, spans)
        part.words = [w for i, j in kept for w in self.words[i:j]]
        part.starts = [x for i, j in kept for x in self.starts[i:j]]
        part.ends = [x for i, j in kept for x in self.ends[i:j]]
        part._folded = part._raw_of = None
        part._found = {}
        part._whole, part._first = None, 0
        return part

    def matched(self, matcher: TermMatcher) -> list[tuple[str, int, int]]:
        """``matcher.matches(self.words)``, computed once for a text and all its views."""
        found = self._found.get(matcher)
        if found is None:
            if self._whole is None:
                found = matcher.matches(self.words)
            else:
                low, high = self._first, self._first + len(self.words)
                every = self._whole.matched(matcher)
                starts = self._whole._match_starts(matcher)
                found = [(term, start - low, length) for term, start, length
                         in every[bisect_left(starts, low):bisect_left(starts, high)] if start + length <= high]
            self._found[matcher] = found
        return found

    def _match_starts(self, matcher: TermMatcher) -> list[int]:
        """The first token of each of ``matched(matcher)``, in order (matches come in text order)."""
        key = (matcher, "starts")
        starts = self._found.get(key)
        if starts is None:
            starts = self._found[key] = [start for _, start, _ in self.matched(matcher)]
        return starts


def blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each (start, end) span replaced by as many spaces."""
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text


def offset_map(text: str, folded: str) -> list[int] | None:
    """Offsets in ``text`` of each offset in ``normalize(text)``; None when they are the same.

    Folding removes marks and keeps every other character one for one; when
    some character changes length in lower-casing, offsets are approximate.
    """
    if len(folded) == len(text):
        return None
    raw_of: list[int] = []
    previous = 0
    for mark in DIACRITICS.finditer(text):
        raw_of.extend(range(previous, mark.start()))
        previous = mark.end()
    raw_of.extend(range(previous, len(text) + 1))
    if len(raw_of) != len(folded) + 1:
        return [min(i, len(text)) for i in range(len(folded) + 1)]
    return raw_of

"""Arabic text normalisation and term matching.

Matching is done on a normalised form: diacritics and tatweel removed, the
alef/hamza family folded, alef maqsura → ya, ta marbuta → ha, Eastern Arabic
digits → Western, Latin lower-cased. A text token also matches with its
proclitics removed (و ف ب ل ك, then the article ال, and «لل» = ل + ال), so the
term «الأمم المتحدة» finds «وللأمم المتحدة» and «بالأمم المتحدة».
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Iterable
from dataclasses import dataclass

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
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
        "ک": "ك",  # Persian kaf
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)
_TOKEN = re.compile(r"[\w]+", re.UNICODE)
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")
_MIN_STEM = 2


_FOLD_PAIRS = tuple((chr(code), folded) for code, folded in CHAR_FOLD.items())


def normalize(text: str) -> str:
    """The matching form of ``text`` (see module docstring)."""
    text = _DIACRITICS.sub("", text)
    for char, folded in _FOLD_PAIRS:  # str.replace of the few present chars beats str.translate
        if char in text:
            text = text.replace(char, folded)
    return text.lower()


def tokens(text: str) -> list[str]:
    """Normalised word tokens of ``text``, in order."""
    return [t for t in _TOKEN.findall(normalize(text)) if t != "_"]


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


class TermMatcher:
    """Finds many terms (single words or phrases) in a text in one pass.

    Indexing terms by their first bare token keeps the cost linear in the text
    length, whatever the number of terms.
    """

    def __init__(self, terms: Iterable[str]):
        self._by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for term in terms:
            key = term_key(term)
            if key:
                self._by_first.setdefault(key[0], []).append((term, key[1:]))
        self._first_keys = frozenset(self._by_first)

    def find(self, text_or_tokens: str | list[str]) -> list[Match]:
        toks = tokens(text_or_tokens) if isinstance(text_or_tokens, str) else text_or_tokens
        forms = [bare_forms(t) for t in toks]
        firsts = self._first_keys
        found: list[Match] = []
        for i, token_forms in enumerate(forms):
            if firsts.isdisjoint(token_forms):
                continue
            for form in sorted(token_forms & firsts):  # set order varies with PYTHONHASHSEED
                for term, rest in self._by_first[form]:
                    if _rest_matches(forms, i + 1, rest):
                        found.append(Match(term, i, 1 + len(rest)))
        return found

    def terms_in(self, text_or_tokens: str | list[str]) -> list[str]:
        """The distinct terms found, in configuration order of first appearance."""
        seen: dict[str, None] = {}
        for match in self.find(text_or_tokens):
            seen.setdefault(match.term, None)
        return list(seen)


def _rest_matches(forms: list[frozenset[str]], start: int, rest: tuple[str, ...]) -> bool:
    if start + len(rest) > len(forms):
        return False
    return all(part in forms[start + k] for k, part in enumerate(rest))

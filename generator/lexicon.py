"""The lexicon: groups of competing terms for one thing, and which of them each article uses.

For the Western Sahara, words carry the politics: the same territory is «الصحراء الغربية» (the UN's
name), «الصحراء المغربية» (Morocco's) or «الأقاليم الجنوبية» (Morocco's administrative name). A
group lists the terms an outlet chooses between; each term has its spellings and an English gloss.
``content/lexicon.yml`` is read with the other configuration files (``config.load_config`` calls
``load_lexicon``) and validated the same way: every problem names its file, line and key.

Matching uses the normalised forms of ``arabic.py`` (hamza, ة/ه, ى/ي, diacritics, proclitics:
«لصاحب الجلالة» finds «صاحب الجلالة»). Within a group, the leftmost and then longest spelling
wins, and the words it covers are not counted again: «جبهة البوليساريو الانفصالية» is one use of
the separatist wording, not also one of the plain name, and «جلالة الملك محمد السادس» is one
use of the honorific. A group with ``context`` words is counted only in a text naming one of them
(«جلالة الملك» means Morocco's king only in a text about Morocco).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .arabic import TermMatcher, bare_forms, term_key, tokens
from .config import Bilingual, doc, spelling_problems
from .models import Wording

if TYPE_CHECKING:
    from .config import _Files
    from .models import Article

LEXICON_FILE = "content/lexicon.yml"  # relative to the project root; optional


# --------------------------------------------------------------------- schema


@dataclass(frozen=True, kw_only=True)
class LexiconTerm:
    id: str = doc("Stable identifier within its group (lowercase letters, digits, hyphens).")
    term: str = doc("The term as outlets write it (Arabic).")
    variants: tuple[str, ...] = doc("Other spellings and longer forms of the same choice.", ())
    gloss: str = doc("What the term means and who uses it, in English.")


@dataclass(frozen=True, kw_only=True)
class TermGroup:
    id: str = doc("Stable identifier used in URLs (lowercase letters, digits, hyphens).")
    label: Bilingual = doc("What the terms name, in each language.")
    terms: tuple[LexiconTerm, ...] = doc("The competing terms (at least two).")
    context: tuple[str, ...] = doc("If given, the group is counted only in a text naming one of these "
                                   "words (the country a title belongs to).", ())


@dataclass(frozen=True)
class Lexicon:
    groups: tuple[TermGroup, ...] = doc("Groups of competing terms, in display order.", ())


def load_lexicon(root: Path, files: _Files) -> tuple[TermGroup, ...]:
    """The groups of ``root/content/lexicon.yml`` (none when the file is absent); problems go to ``files``."""
    path = root / LEXICON_FILE
    lexicon = files.load(Lexicon, path, optional=True, empty_ok=True)
    groups = tuple(g for g in (lexicon.groups if lexicon else None) or () if g is not None)
    problems: list[str] = []
    check_lexicon(groups, path, problems)
    files.add(problems)
    return groups


def check_lexicon(groups: Sequence[TermGroup], path: Path, problems: list[str]) -> None:
    from .config import _check_ids

    _check_ids(tuple(groups), path, "groups", problems)
    for i, group in enumerate(groups):
        terms = tuple(t for t in group.terms or () if t is not None)
        _check_ids(terms, path, f"groups[{i}].terms", problems)
        if group.terms is not None and len(terms) < 2:
            problems.append(f"{path}: groups[{i}].terms: a group needs at least two competing terms")
        problems += spelling_problems(path, (
            (f"groups[{i}].{where}", spelling)
            for j, term in enumerate(group.terms or ()) if term is not None
            for where, spelling in ((f"terms[{j}].term", term.term),
                                    *((f"terms[{j}].variants[{k}]", v) for k, v in enumerate(term.variants or ())))))
        for j, word in enumerate(group.context or ()):
            if word is not None and not term_key(word):
                problems.append(f"{path}: groups[{i}].context[{j}]: {word!r} has no word to match")


# --------------------------------------------------------------------- matching


@dataclass(frozen=True)
class TermUse:
    """How often one text uses one term of a group, and where (paragraph indexes; -1 is the headline)."""

    group: str
    term: str
    count: int
    paragraphs: tuple[int, ...]


class LexiconMatcher:
    """Finds the terms of every group in a text, each group on its own (see module docstring)."""

    def __init__(self, groups: Iterable[TermGroup]):
        self.groups = tuple(groups)
        self._matchers: list[tuple[TermGroup, TermMatcher, dict[str, str], tuple[tuple[str, ...], ...]]] = []
        for group in self.groups:
            term_of = {spelling: term.id for term in group.terms for spelling in (term.term, *term.variants)}
            context = tuple(key for key in map(term_key, group.context) if key)
            self._matchers.append((group, TermMatcher(term_of), term_of, context))

    def uses(self, paragraphs: Sequence[str]) -> list[TermUse]:
        """The terms used in ``paragraphs`` (the first one being the headline, index -1), group order."""
        words = [tokens(p) for p in paragraphs]
        found: list[TermUse] = []
        for group, matcher, term_of, context in self._matchers:
            if context and not any(_names(w, key) for w in words for key in context):
                continue
            counts: dict[str, int] = {}
            where: dict[str, list[int]] = {}
            for index, paragraph in enumerate(words):
                for spelling in leftmost_longest(matcher.matches(paragraph)):
                    term = term_of[spelling]
                    counts[term] = counts.get(term, 0) + 1
                    if index - 1 not in where.setdefault(term, []):
                        where[term].append(index - 1)
            for term in group.terms:
                if term.id in counts:
                    found.append(TermUse(group.id, term.id, counts[term.id], tuple(where[term.id])))
        return found

    def article_uses(self, article: Article) -> list[TermUse]:
        return self.uses([article.title, *article.body])


def leftmost_longest(matches: Sequence[tuple[str, int, int]]) -> list[str]:
    """The spellings of ``matches`` (spelling, first token, length) that do not overlap an earlier or,
    starting at the same token, a longer one."""
    kept: list[str] = []
    end = 0
    for spelling, start, length in sorted(matches, key=lambda m: (m[1], -m[2])):
        if start >= end:
            kept.append(spelling)
            end = start + length
    return kept


def _names(words: list[str], key: tuple[str, ...]) -> bool:
    n = len(key)
    return any(all(part in bare_forms(words[i + k]) for k, part in enumerate(key)) for i in range(len(words) - n + 1))


def wording_of(articles: Sequence[Article], uses: Mapping[str, Sequence[TermUse]]) -> tuple[Wording, ...]:
    """Every article's term uses (``LexiconMatcher.article_uses``, found with the article's other
    facts and cached with them), articles in the order given."""
    return tuple(Wording(article.id, use.group, use.term, use.count, use.paragraphs)
                 for article in articles for use in uses.get(article.id, ()))

"""Wire-copy diff: what each copy of a wire text changed in substance against the earliest copy.

Outlets republish agency copy and edit it: a day word («أمس» → «اليوم»), a title
(«لصاحب الجلالة الملك» → «للملك»), an honorific («السيد») dropped. They also change spelling
that says nothing: «و التعاون» / «والتعاون» (و written apart), «إستقلالها» / «استقلالها»
(hamza forms), «تنفيذاً» / «تنفيذا» (tanween), ة/ه, ى/ي, punctuation, Eastern or Western digits.

Each text becomes a list of words, each with its surface (as written) and its key (``normalize``:
diacritics and tanween removed, hamza forms folded, ة → ه, ى → ي, digits Western; a lone «و» joined
to the word after it; punctuation is not a word). rapidfuzz's Indel distance (the longest common
subsequence of keys) aligns them; a change is a run of keys that differ, shown with the words as
written. Words whose keys match but whose surfaces
differ are counted as spelling noise and not shown. Pure: articles in, records out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from rapidfuzz.distance import Indel

from .arabic import normalize
from .models import Article, WireChange, WireDiff

# A word: letters and digits with the marks and tatweel that may sit inside it.
_WORD = re.compile(r"[^\W_](?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640])*")
_CONJUNCTION = "و"
CONTEXT_WORDS = 3
SHOWN_WORDS = 30  # a change longer than this (a paragraph added) keeps its first words and «…»
SHOWN_CHARACTERS = 300


class Word(NamedTuple):
    surface: str  # as written («و التعاون» for a conjunction written apart)
    key: str  # what is compared
    paragraph: int


def words(paragraphs: Sequence[str]) -> list[Word]:
    """The words of ``paragraphs``, in order, with their comparison keys (see module docstring)."""
    found: list[Word] = []
    for index, paragraph in enumerate(paragraphs):
        pending: str | None = None  # a lone «و», waiting for its word
        for match in _WORD.finditer(paragraph):
            surface = match.group()
            key = _key(surface)
            if not key:
                continue
            if pending is not None:
                surface, key, pending = f"{pending} {surface}", _CONJUNCTION + key, None
            elif key == _CONJUNCTION:
                pending = surface
                continue
            found.append(Word(surface, key, index))
        if pending is not None:
            found.append(Word(pending, _CONJUNCTION, index))
    return found


def _key(surface: str) -> str:
    return "".join(ch for ch in normalize(surface) if ch.isalnum())


def diff_texts(original: Sequence[str], copy: Sequence[str]) -> tuple[tuple[WireChange, ...], int]:
    """(the changes from ``original`` to ``copy`` (paragraphs), the number of words that differ in
    spelling only)."""
    before, after = words(original), words(copy)
    changes: list[WireChange] = []
    spelling = 0
    for equal, i1, i2, j1, j2 in _runs(Indel.opcodes([w.key for w in before], [w.key for w in after])):
        if equal:
            spelling += sum(b.surface != a.surface for b, a in zip(before[i1:i2], after[j1:j2]))
            continue
        kind = "replaced" if i1 < i2 and j1 < j2 else "added" if j1 < j2 else "removed"
        paragraph = after[j1].paragraph if j1 < j2 else (after[j1 - 1].paragraph if j1 else 0)
        context = _shown([w for w in after[max(0, j1 - CONTEXT_WORDS):j1] if w.paragraph == paragraph])
        changes.append(WireChange(kind=kind, before=_shown(before[i1:i2]), after=_shown(after[j1:j2]),
                                  context=context, paragraph=paragraph))
    return tuple(changes), spelling


def _runs(opcodes) -> list[tuple[bool, int, int, int, int]]:
    """(equal?, i1, i2, j1, j2) runs: an insertion next to a deletion is one replacement, as a reader
    sees it («أمس» → «اليوم»), not two changes."""
    runs: list[tuple[bool, int, int, int, int]] = []
    for op in opcodes:
        equal = op.tag == "equal"
        if runs and not equal and not runs[-1][0]:
            runs[-1] = (False, runs[-1][1], op.src_end, runs[-1][3], op.dest_end)
        else:
            runs.append((equal, op.src_start, op.src_end, op.dest_start, op.dest_end))
    return runs


def _shown(run: Sequence[Word]) -> str:
    """The words of ``run`` as written, bounded: a long addition is named, not reprinted."""
    text = " ".join(w.surface for w in run[:SHOWN_WORDS])
    if len(text) > SHOWN_CHARACTERS:
        text = text[:SHOWN_CHARACTERS]
    return text + " …" if len(run) > SHOWN_WORDS or len(text) == SHOWN_CHARACTERS else text


def diff_copy(original: Article, copy: Article) -> WireDiff:
    changes, spelling = diff_texts(original.body, copy.body)
    return WireDiff(copy=copy.id, original=original.id, changes=changes, spelling=spelling)


def wire_diffs(articles: Sequence[Article]) -> tuple[WireDiff, ...]:
    """One diff per wire copy (``Article.duplicate_of`` set by dedupe.py), copies in id order."""
    by_id = {a.id: a for a in articles}
    return tuple(diff_copy(by_id[a.duplicate_of], a) for a in sorted(articles, key=lambda a: a.id)
                 if a.duplicate_of and a.duplicate_of in by_id)

"""The fast paths of the analysis give what the plain ones give.

Workers read and enrich files and send compact records; text is tokenised once and
read through views; grouping stages take precomputed fingerprints and term counts.
Each test runs the shortcut and the straightforward computation on real text and
asserts they agree exactly.
"""

from __future__ import annotations

import random
import re

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize as l2_normalize

from generator import analyze as analysis
from generator import arabic, clean, stories
from generator.arabic import Tokens
from generator.config import DedupeSettings, load_config
from generator.dedupe import find_wire_copies, fingerprints
from generator.models import Article
from generator.read import article_files, read_file

from .conftest import CORPUS, REPO
from .test_stories import corpus_articles, seed_articles

SEEDS = REPO / "content" / "articles"


def texts() -> list[str]:
    paths = sorted(SEEDS.glob("*.txt")) + sorted((CORPUS / "articles").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def articles() -> list[Article]:
    found = seed_articles()
    if CORPUS.is_dir():
        found += corpus_articles()[0]
    return found


def test_pooled_analysis_equals_the_serial_one(corpus, monkeypatch):
    config = load_config(REPO)
    serial = analysis.analyze(config, [corpus / "articles"])
    monkeypatch.setattr(analysis, "PARALLEL_FROM", 1)
    monkeypatch.setattr(analysis, "CHUNK_FILES", 7)
    monkeypatch.setattr(analysis, "worker_count", lambda: 2)
    pooled = analysis.analyze(config, [corpus / "articles"])
    assert pooled == serial


def test_story_vectors_equal_scikit_learns():
    docs = sorted(articles(), key=lambda a: a.id)
    table = stories.TermTable()
    for article in docs:
        table.add(stories.article_terms(article))
    vectors = stories._Vectors.fit(docs, table, np.arange(len(docs)))
    vectorizer = TfidfVectorizer(analyzer=stories.terms, sublinear_tf=True, dtype=np.float32)
    body = vectorizer.fit_transform([stories._text(a) for a in docs])
    head = l2_normalize(vectorizer.transform([f"{a.title}\n{a.lead}" for a in docs]))
    full = l2_normalize((1 - stories.HEAD_WEIGHT) * body + stories.HEAD_WEIGHT * head).tocsr()
    sentences = l2_normalize(vectorizer.transform(list(vectors.sentences))).tocsr()
    for ours, theirs in ((vectors.full, full), (vectors.sentence_vectors, sentences)):
        assert ours.dtype == theirs.dtype
        assert np.array_equal(ours.indptr, theirs.indptr)
        assert np.array_equal(ours.indices, theirs.indices)
        assert np.array_equal(ours.data, theirs.data)  # bit for bit, entry order included


def test_term_counts_from_tokens_equal_those_from_text():
    for article in articles():
        tokens = Tokens(stories._text(article)).words
        assert stories.article_terms(article, tokens) == stories.article_terms(article)


def test_precomputed_fingerprints_find_the_same_copies():
    found = articles()
    prints = fingerprints([arabic.tokens("\n".join(a.body)) for a in found], DedupeSettings())
    single = [fingerprints([arabic.tokens("\n".join(a.body))], DedupeSettings())[0] for a in found]
    assert prints == single
    assert find_wire_copies(found, DedupeSettings(), prints) == find_wire_copies(found, DedupeSettings())


def cuts(text: str) -> list[tuple[int, int]]:
    """Substrings that begin and end between words (at spaces, line breaks and punctuation)."""
    places = [0, *(m.start() for m in re.finditer(r"[\s.،,؟!:«»]", text)), len(text)]
    rng = random.Random(len(text))
    return [tuple(sorted(rng.sample(places, 2))) for _ in range(20) if len(places) > 1]


def test_views_equal_the_tokens_of_the_substring():
    for text in texts():
        whole = Tokens(text)
        for start, end in cuts(text):
            view, alone = whole.view(start, end), Tokens(text[start:end])
            assert (view.text, view.words, view.starts, view.ends) == (alone.text, alone.words, alone.starts,
                                                                       alone.ends)


def test_blanked_tokens_equal_the_tokens_of_the_blanked_text():
    for text in texts():
        quotes = [(m.start(), m.end()) for m in re.finditer(r"«[^«»\n]*»|\"[^\"\n]*\"", text)]
        ours, theirs = Tokens(text).blanked(quotes), Tokens(clean_blanked(text, quotes))
        assert (ours.text, ours.words, ours.starts, ours.ends) == (theirs.text, theirs.words, theirs.starts,
                                                                   theirs.ends)


def clean_blanked(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def test_folded_paragraphs_are_the_normalised_paragraphs():
    config = load_config(REPO)
    for path, shown in article_files([SEEDS, CORPUS / "articles"] if CORPUS.is_dir() else [SEEDS]):
        for raw in read_file((path, shown, config.settings.max_file_bytes)).articles:
            cleaned, folded = clean.clean_and_fold(raw)
            assert folded == tuple(arabic.normalize(p) for p in cleaned.paragraphs)
            assert cleaned == clean.clean(raw)


LINE_ENDS = [("full stop", "انتهى الاجتماع.", True), ("question mark", "هل انتهى؟", True),
             ("closing quote after stop", "قال: «انتهى.»", True), ("colon then spaces", "وأضاف:   ", True),
             ("no mark", "انتهى الاجتماع", False), ("mark then word", "انتهى. ثم", False),
             ("space inside closers", "انتهى. »", False), ("closers only", "»»", False)]


@pytest.mark.parametrize("label,text,ends", LINE_ENDS, ids=[c[0] for c in LINE_ENDS])
def test_ends_sentence(label, text, ends):
    assert clean.ends_sentence(text) is ends


def test_normalising_pieces_equals_normalising_the_whole():
    """Short pieces take str.translate, long ones str.replace; the cleaner's per-line forms are joined."""
    for text in texts():
        for line in text.split("\n"):
            words = line.split(" ")
            assert arabic.normalize(line) == " ".join(map(arabic.normalize, words))
        assert arabic.normalize(text) == "\n".join(map(arabic.normalize, text.split("\n")))

"""Wire copies: exact and near duplicates, canonical choice, determinism, and the signature math."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from datasketch import MinHash

from generator.config import DedupeSettings
from generator.dedupe import MINHASH_SEED, _shingle_hashes, _token_ids, find_wire_copies, fingerprints
from generator.arabic import tokens
from tests.test_stories import article, corpus_articles, seed_articles


def test_seed_wire_copies_found_and_nothing_else():
    copies = find_wire_copies(seed_articles(), DedupeSettings())
    assert copies == {"001": "002"}  # same day; 002 keeps the longer body (its «read also» lines)


@pytest.mark.parametrize("copy, canonical", [
    ("048", "047"),  # byte-identical France 24 article filed in two sections
    ("066", "065"),  # the AFP story on O'Brien in South Sudan, republished with small edits
    ("067", "065"),
    ("070", "068"),  # the Reuters story on the Timbuktu mausoleums
])
def test_corpus_wire_copies(copy, canonical):
    articles, _ = corpus_articles()
    assert find_wire_copies(articles, DedupeSettings()).get(copy) == canonical


def test_corpus_rewrites_are_not_copies():
    articles, groups = corpus_articles()
    copies = find_wire_copies(articles, DedupeSettings())
    assert all(groups[copy] and groups[copy] == groups[canonical] for copy, canonical in copies.items())
    for rewrite in ("013", "014", "015", "017", "019", "044", "029"):  # same event, other words
        assert rewrite not in copies


def test_canonical_is_earliest_then_longest_then_smallest_id():
    body = ["قال المتحدث باسم الأمم المتحدة إن بعثة المينورسو تواصل مراقبة وقف إطلاق النار في المنطقة العازلة "
            "وإن الأمين العام يدعو الأطراف إلى ضبط النفس والعودة إلى طاولة المفاوضات دون شروط مسبقة"]
    late = article("a", "t", body, "2023-11-30")
    early = article("z", "t", body, "2023-11-29")
    longer = article("m", "t", body + ["وأضاف أن مجلس الأمن سيناقش التقرير الشهر المقبل في جلسة مغلقة"], "2023-11-29")
    undated = article("b", "t", body, None)
    assert find_wire_copies([late, early, undated], DedupeSettings()) == {"a": "z", "b": "z"}
    assert find_wire_copies([early, longer], DedupeSettings()) == {"z": "m"}
    twin = dataclasses.replace(early, id="y")
    assert find_wire_copies([early, twin], DedupeSettings()) == {"z": "y"}


def test_empty_and_unrelated_bodies_are_not_copies():
    empty = [article("a", "t", [], None), article("b", "t", [], None)]
    assert find_wire_copies(empty, DedupeSettings()) == {}
    assert find_wire_copies(seed_articles()[3:], DedupeSettings()) == {}


def test_output_is_deterministic_and_order_free():
    articles, _ = corpus_articles()
    first = find_wire_copies(articles, DedupeSettings())
    assert find_wire_copies(list(reversed(articles)), DedupeSettings()) == first


def test_signatures_equal_datasketch_update_batch():
    settings = DedupeSettings()
    toks = tokens("\n".join(seed_articles()[0].body))
    shingles = _shingle_hashes(_token_ids(toks, {}), settings.shingle_size)
    reference = MinHash(num_perm=settings.num_perm, seed=MINHASH_SEED, hashfunc=int)
    reference.update_batch(shingles.tolist())
    (made,) = fingerprints([toks], settings)
    assert np.array_equal(np.frombuffer(made.signature, dtype=np.uint32), reference.hashvalues)

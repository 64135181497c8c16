"""Wire copies: the same text published more than once.

Two rules link articles:

- ``exact``: the normalised bodies are identical (same hash of their tokens);
- ``near``: the bodies share at least ``threshold`` of their word shingles,
  Jaccard similarity estimated with MinHash and candidates found with
  MinHash LSH banding, so that no pair is compared unless some band of
  their signatures is identical.

Linked articles form one group (scipy's connected components); its canonical
article is the earliest published, then the longest body, then the smallest id,
and every other member maps to it.

Each article's ``Fingerprint`` (the digest of its tokens and its MinHash
signature, datasketch's affine32 scheme, fixed seed) is made where the article is
analysed, in a worker process; here the signatures are only banded. Three pieces
are our own code, each kept because bench/bench_dedupe_readable.py shows it buys
at least 20 % of the stage, fingerprints plus grouping (figures in
docs/benchmarks.md, "Wire copies: our code or the library"): the shingle hashes
(numpy over token crc32s, 47-53 %, instead of MinHash's sha1 of each shingle's
bytes), the signature (one numpy step giving ``MinHash.update_batch``'s values,
20-24 %) and the banding (numpy sorting, 49-61 %, instead of a ``MinHashLSH``
insert and query per article; the band layout is the one ``MinHashLSH``
chooses). Groups are scipy's: a union-find of our own bought 2-4 %.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .arabic import tokens
from .config import DedupeSettings
from .models import Article

MINHASH_SEED = 1  # fixed: signatures, and so the output, are the same on every run
TOKEN_ID_LIMIT = 1_000_000  # distinct tokens whose hash is remembered
SMALL_BUCKET = 8  # buckets up to this size give every pair; larger ones a star and a chain
PAIRS_PER_STEP = 16_384  # candidate pairs compared per numpy step (bounds memory)
_U64 = np.uint64
_PAIR_SHIFT = 32  # a candidate pair is coded as (low << 32) | high
_SHINGLE_MIX = _U64(0x9E3779B97F4A7C15)
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


@dataclass(frozen=True)
class Fingerprint:
    """What wire-copy detection reads of one article, computed where the article is analysed."""

    digest: bytes  # sha1 of the body's normalised tokens; b"" when the body has none
    signature: bytes  # MinHash of the body's word shingles: num_perm uint32 values, native byte order


def fingerprints(token_lists: Sequence[Sequence[str]], settings: DedupeSettings) -> list[Fingerprint]:
    """The fingerprint of each body, given as its normalised tokens (``arabic.tokens``)."""
    found = []
    for toks in token_lists:
        shingles = _shingle_hashes(_token_ids(toks, _TOKEN_IDS), settings.shingle_size)
        digest = hashlib.sha1(" ".join(toks).encode("utf-8")).digest() if toks else b""
        found.append(Fingerprint(digest, _signature(shingles, settings.num_perm).tobytes()))
    return found


def _signature(shingles: np.ndarray, num_perm: int) -> np.ndarray:
    """The hash values ``MinHash(hashfunc=int).update_batch(shingles)`` gives (affine32 scheme: the
    minimum over the shingles of a·fmix32(h) + b for each permutation), in one numpy step (a test
    checks they are equal)."""
    perm_a, perm_b = _permutations(num_perm)
    if len(shingles) == 0:
        return np.full(num_perm, np.uint32(0xFFFFFFFF), dtype=np.uint32)  # MinHash's empty values
    permuted = perm_a[:, None] * _fmix32(shingles)[None, :]  # uint32 arrays wrap around silently
    permuted += perm_b[:, None]
    return permuted.min(axis=1)


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    template = MinHash(num_perm=num_perm, seed=MINHASH_SEED, scheme="affine32")
    perm_a, perm_b = (p.astype(np.uint32) for p in template.permutations)
    return perm_a, perm_b


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser, which MinHash applies to each hash before permuting it."""
    s1, m1, s2, m2, s3 = _FMIX32
    with np.errstate(over="ignore"):
        hv = hv ^ (hv >> s1)
        hv = hv * m1
        hv = hv ^ (hv >> s2)
        hv = hv * m2
        return hv ^ (hv >> s3)


def find_wire_copies(articles: Sequence[Article], settings: DedupeSettings,
                     prints: Sequence[Fingerprint] | None = None) -> dict[str, str]:
    """Map each duplicate article id to the id of its canonical copy.

    Articles that are nobody's copy, and canonical articles, are absent. ``prints``
    (one per article, from ``fingerprints``) spare reading the bodies again.
    """
    if prints is None:
        prints = fingerprints([tokens("\n".join(a.body)) for a in articles], settings)
    by_id = {a.id: (a, p) for a, p in zip(articles, prints)}
    ids = sorted(by_id)
    links: list[tuple[int, int]] = []
    first_with: dict[bytes, int] = {}
    for row, aid in enumerate(ids):
        digest = by_id[aid][1].digest
        if digest in first_with:
            links.append((first_with[digest], row))
        elif digest:
            first_with[digest] = row
    distinct = list(first_with.values())  # one row per body
    if len(distinct) > 1:
        sigs = np.frombuffer(b"".join(by_id[ids[row]][1].signature for row in distinct), dtype=np.uint32)
        near = _near_pairs(sigs.reshape(len(distinct), settings.num_perm), settings)
        links += [(distinct[a], distinct[b]) for a, b in near]
    return _canonical_map([by_id[aid][0] for aid in ids], links)


def canonical_key(article: Article) -> tuple[str, int, str]:
    """Sort key of the canonical copy: earliest published, longest body, smallest id."""
    return (article.published or "\uffff", -sum(len(p) for p in article.body), article.id)


def _token_ids(toks: Sequence[str], cache: dict[str, int]) -> np.ndarray:
    try:
        return np.fromiter(map(cache.__getitem__, toks), dtype=_U64, count=len(toks))
    except KeyError:
        if len(cache) > TOKEN_ID_LIMIT:
            cache.clear()
        for token in toks:  # only the tokens not seen before are hashed
            if token not in cache:
                cache[token] = zlib.crc32(token.encode("utf-8"))
        return np.fromiter(map(cache.__getitem__, toks), dtype=_U64, count=len(toks))


_TOKEN_IDS: dict[str, int] = {}  # crc32 of each token seen, kept between articles


def _shingle_hashes(token_ids: np.ndarray, size: int) -> np.ndarray:
    """32-bit hashes of the runs of ``size`` consecutive tokens (the whole text if shorter), a
    repeated run repeated: the signature is a minimum over them, which repeats do not change."""
    if len(token_ids) == 0:
        return np.zeros(0, dtype=np.uint32)
    width = min(size, len(token_ids))
    count = len(token_ids) - width + 1
    combined = token_ids[:count] + _U64(1)  # array arithmetic on uint64 wraps around silently
    for offset in range(1, width):
        combined *= _SHINGLE_MIX
        combined += token_ids[offset:offset + count]
        combined += _U64(1)
    return ((combined >> _U64(32)) ^ combined).astype(np.uint32)


def _near_pairs(sigs: np.ndarray, settings: DedupeSettings) -> list[tuple[int, int]]:
    """Row pairs of ``sigs`` (one signature per distinct body) whose estimated shingle Jaccard is at
    least the threshold."""
    first, second = _candidate_pairs(sigs, _bands(settings.threshold, settings.num_perm))
    similar = _estimated_jaccard(sigs, first, second) >= settings.threshold
    return list(zip(first[similar].tolist(), second[similar].tolist()))


def _candidate_pairs(sigs: np.ndarray, bands: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs whose signatures agree on every value of at least one band, each once."""
    found: list[np.ndarray] = []
    for start, end in bands:
        key = np.zeros(len(sigs), dtype=_U64)
        with np.errstate(over="ignore"):
            for column in range(start, end):
                key = key * _SHINGLE_MIX + sigs[:, column].astype(_U64)
        order = np.argsort(key, kind="stable")
        starts = np.flatnonzero(np.concatenate(([True], np.diff(key[order]) != 0, [True])))
        sizes = np.diff(starts)
        pairs_of_two = starts[:-1][sizes == 2]
        found.append(_pair_codes(order[pairs_of_two], order[pairs_of_two + 1]))
        larger = sizes > 2
        for begin, size in zip(starts[:-1][larger].tolist(), sizes[larger].tolist()):
            found.append(_bucket_pairs(np.sort(order[begin:begin + size])))
    codes = np.unique(np.concatenate(found))  # each band added an array, maybe empty
    return codes >> _PAIR_SHIFT, codes & ((1 << _PAIR_SHIFT) - 1)


def _bucket_pairs(bucket: np.ndarray) -> np.ndarray:
    """Pair codes of one bucket: all its pairs, or a star and a chain when it is large."""
    if len(bucket) <= SMALL_BUCKET:
        low, high = _pairs_of(len(bucket))
        return _pair_codes(bucket[low], bucket[high])
    star = _pair_codes(np.repeat(bucket[0], len(bucket) - 1), bucket[1:])
    chain = _pair_codes(bucket[1:-1], bucket[2:])
    return np.concatenate((star, chain))


@lru_cache(maxsize=SMALL_BUCKET + 1)
def _pairs_of(size: int) -> tuple[np.ndarray, np.ndarray]:
    return np.triu_indices(size, 1)


@lru_cache(maxsize=4)
def _bands(threshold: float, num_perm: int) -> list[tuple[int, int]]:
    """The band layout ``MinHashLSH`` chooses (found by numerical integration: worth keeping)."""
    return MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges


def _pair_codes(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    low, high = np.minimum(first, second).astype(np.int64), np.maximum(first, second).astype(np.int64)
    return (low << _PAIR_SHIFT) | high


def _estimated_jaccard(sigs: np.ndarray, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    estimates = np.empty(len(first))
    for start in range(0, len(first), PAIRS_PER_STEP):
        a, b = first[start:start + PAIRS_PER_STEP], second[start:start + PAIRS_PER_STEP]
        estimates[start:start + PAIRS_PER_STEP] = (sigs[a] == sigs[b]).mean(axis=1)
    return estimates


def _canonical_map(articles: list[Article], links: list[tuple[int, int]]) -> dict[str, str]:
    first, second = (np.array(side, dtype=np.int64) for side in zip(*links)) if links else ((), ())
    graph = coo_matrix((np.ones(len(first)), (first, second)), shape=(len(articles), len(articles)))
    _, group_of = connected_components(graph, directed=False)
    members: dict[int, list[Article]] = {}
    for article, group in zip(articles, group_of.tolist()):
        members.setdefault(group, []).append(article)
    copies: dict[str, str] = {}
    for group in members.values():
        canonical = min(group, key=canonical_key)
        copies.update({a.id: canonical.id for a in group if a is not canonical})
    return dict(sorted(copies.items()))

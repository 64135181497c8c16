"""Wire copies: the same text published more than once.

Two rules link articles:

- ``exact``: the normalised bodies are identical (same hash of their tokens);
- ``near``: the bodies share at least ``threshold`` of their word shingles,
  Jaccard similarity estimated with MinHash and candidates found with
  MinHash LSH banding, so that no pair is compared unless some band of
  their signatures is identical.

Linked articles form one group (union-find); its canonical article is the
earliest published, then the longest body, then the smallest id, and every
other member maps to it.

Speed: each article's ``Fingerprint`` (the digest of its tokens and its
signature, datasketch's ``MinHash``, affine32 scheme, fixed seed, computed with
numpy: the same hash values as ``MinHash.update_batch``, a test checks this) is
made where the article is analysed, in a worker process; here the signatures
are only banded. The band layout is the one ``MinHashLSH`` chooses for the
threshold and ``num_perm``, and the buckets are grouped by sorting instead of
one dict insert per band and article. Every step is linear in the corpus (plus
the candidate pairs).
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from .arabic import tokens
from .config import DedupeSettings
from .models import Article

MINHASH_SEED = 1  # fixed: signatures, and so the output, are the same on every run
SIGNATURE_CHUNK = 1 << 16  # shingles hashed per numpy step (bounds memory to ~num_perm * 256 KB)
TOKEN_ID_LIMIT = 1_000_000  # distinct tokens whose hash is remembered
SMALL_BUCKET = 8  # buckets up to this size give every pair; larger ones a star and a chain
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
    digests = [hashlib.sha1(" ".join(toks).encode("utf-8")).digest() if toks else b"" for toks in token_lists]
    shingles = [_shingle_hashes(_token_ids(toks, _TOKEN_IDS), settings.shingle_size) for toks in token_lists]
    sigs = [_signature(shingles[0], settings)] if len(shingles) == 1 else _sign(shingles, settings)
    return [Fingerprint(digest, sig.tobytes()) for digest, sig in zip(digests, sigs)]


def _signature(shingles: np.ndarray, settings: DedupeSettings) -> np.ndarray:
    """One row of ``_sign``, without the bookkeeping of many rows."""
    perm_a, perm_b = _permutations(settings.num_perm)
    if len(shingles) == 0:
        return np.full(settings.num_perm, np.uint32(0xFFFFFFFF), dtype=np.uint32)
    permuted = perm_a[:, None] * _fmix32(shingles)[None, :]  # uint32 arrays wrap around silently
    permuted += perm_b[:, None]
    return permuted.min(axis=1)


def find_wire_copies(articles: Sequence[Article], settings: DedupeSettings,
                     prints: Sequence[Fingerprint] | None = None) -> dict[str, str]:
    """Map each duplicate article id to the id of its canonical copy.

    Articles that are nobody's copy, and canonical articles, are absent. ``prints``
    (one per article, from ``fingerprints``) spare reading the bodies again.
    """
    if prints is None:
        prints = fingerprints([tokens("\n".join(a.body)) for a in articles], settings)
    position = {a.id: i for i, a in enumerate(articles)}
    by_id = {aid: articles[i] for aid, i in position.items()}
    ids = sorted(by_id)
    groups = _UnionFind(len(ids))
    first_with: dict[bytes, int] = {}
    rows: list[int] = []
    for index, aid in enumerate(ids):
        digest = prints[position[aid]].digest
        if not digest:
            continue
        if digest in first_with:
            groups.union(first_with[digest], index)
            continue
        first_with[digest] = index
        rows.append(position[aid])
    if len(rows) > 1:
        sigs = np.frombuffer(b"".join(prints[i].signature for i in rows), dtype=np.uint32)
        _link_near(list(first_with.values()), sigs.reshape(len(rows), settings.num_perm), settings, groups)
    return _canonical_map(groups, ids, by_id)


def canonical_key(article: Article) -> tuple[str, int, str]:
    """Sort key of the canonical copy: earliest published, longest body, smallest id."""
    return (article.published or "\uffff", -sum(len(p) for p in article.body), article.id)


def signatures(token_lists: Sequence[Sequence[str]], settings: DedupeSettings) -> np.ndarray:
    """MinHash signature of each token list's word shingles, one row per list (uint32)."""
    token_hash: dict[str, int] = {}
    return _sign([_shingle_hashes(_token_ids(toks, token_hash), settings.shingle_size) for toks in token_lists],
                 settings)


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    template = MinHash(num_perm=num_perm, seed=MINHASH_SEED, scheme="affine32")
    perm_a, perm_b = (p.astype(np.uint32) for p in template.permutations)
    return perm_a, perm_b


def _sign(shingles: list[np.ndarray], settings: DedupeSettings) -> np.ndarray:
    """Signatures of shingle hash sets, computed a bounded number of shingles at a time."""
    perm_a, perm_b = _permutations(settings.num_perm)
    result = np.full((len(shingles), settings.num_perm), np.uint32(0xFFFFFFFF), dtype=np.uint32)
    start = 0
    while start < len(shingles):
        stop, size = start, 0
        while stop < len(shingles) and (size == 0 or size + len(shingles[stop]) <= SIGNATURE_CHUNK):
            size += len(shingles[stop])
            stop += 1
        _sign_chunk(shingles[start:stop], perm_a, perm_b, result[start:stop])
        start = stop
    return result


def lean_minhash(signature: np.ndarray) -> LeanMinHash:
    """A row of ``signatures`` as a datasketch LeanMinHash (for callers that want the object)."""
    return LeanMinHash(seed=MINHASH_SEED, hashvalues=signature, scheme="affine32")


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


def _sign_chunk(shingles: list[np.ndarray], perm_a: np.ndarray, perm_b: np.ndarray, out: np.ndarray) -> None:
    """Min over each article's shingles of a·fmix32(h) + b, as MinHash.update_batch computes it."""
    lengths = np.array([len(s) for s in shingles])
    filled = np.flatnonzero(lengths)
    if len(filled) == 0:
        return
    hv = _fmix32(np.concatenate([shingles[i] for i in filled]))
    with np.errstate(over="ignore"):
        permuted = perm_a[:, None] * hv[None, :] + perm_b[:, None]
    offsets = np.concatenate(([0], np.cumsum(lengths[filled])[:-1]))
    out[filled] = np.minimum.reduceat(permuted, offsets, axis=1).T


def _fmix32(hv: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX32
    with np.errstate(over="ignore"):
        hv = hv ^ (hv >> s1)
        hv = hv * m1
        hv = hv ^ (hv >> s2)
        hv = hv * m2
        return hv ^ (hv >> s3)


def _link_near(indices: list[int], sigs: np.ndarray, settings: DedupeSettings, groups: _UnionFind) -> None:
    """Union articles (one per distinct body, ``sigs`` its signatures) whose estimated shingle Jaccard
    is at least the threshold."""
    bands = _bands(settings.threshold, settings.num_perm)
    first, second = _candidate_pairs(sigs, bands)
    similar = _estimated_jaccard(sigs, first, second) >= settings.threshold
    for a, b in zip(first[similar].tolist(), second[similar].tolist()):
        groups.union(indices[a], indices[b])


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
    if not found:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    codes = np.unique(np.concatenate(found))
    return codes >> _PAIR_SHIFT, codes & ((1 << _PAIR_SHIFT) - 1)


def _bucket_pairs(bucket: np.ndarray) -> np.ndarray:
    """Pairs of one bucket encoded as low * n + high: all of them, or a star and a chain when large."""
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
    step = max(1, SIGNATURE_CHUNK // 4)
    for start in range(0, len(first), step):
        a, b = first[start:start + step], second[start:start + step]
        estimates[start:start + step] = (sigs[a] == sigs[b]).mean(axis=1)
    return estimates


def _canonical_map(groups: _UnionFind, ids: list[str], by_id: dict[str, Article]) -> dict[str, str]:
    members: dict[int, list[str]] = {}
    for index, aid in enumerate(ids):
        members.setdefault(groups.find(index), []).append(aid)
    copies: dict[str, str] = {}
    for group in members.values():
        if len(group) > 1:
            canonical = min(group, key=lambda aid: canonical_key(by_id[aid]))
            copies.update({aid: canonical for aid in group if aid != canonical})
    return dict(sorted(copies.items()))


class _UnionFind:
    def __init__(self, size: int):
        self._parent = list(range(size))

    def find(self, item: int) -> int:
        root = item
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[item] != root:
            self._parent[item], item = root, self._parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._parent[max(ra, rb)] = min(ra, rb)

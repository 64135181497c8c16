"""Stories: reports of the same event, whoever wrote them and however worded.

Wire copies (``dedupe``) ride with their canonical article; only canonical
articles are compared. Their similarity is the cosine of sublinear TF-IDF
vectors of light-stemmed words (title and lead counted again, since they say
what the event is), plus ``entity_bonus`` per shared gazetteer entity that is
not in most articles anyway.

Rules, each a function below:

- ``candidates``: only pairs that share distinctive words are scored. Each
  article keeps its ``CANDIDATE_TERMS`` heaviest terms; the pairs come from
  sparse products of those short vectors, block by block along the
  timeline (within ``max_gap_days``), so the cost grows with the articles
  of a time window, not with the square of the corpus. Most articles read
  from text alone have no known day, and have no timeline to block on: an
  undated article meets the articles (dated or not) that sort next to it
  in ``UNDATED_ORDERINGS`` orderings of the corpus, each by MinHash values of
  the sets of heaviest terms (articles that share heavy terms sort side by
  side; the more they share, the more orderings put them together), and
  those with which it shares a distinctive heavy term (one heavy in at
  most ``DISTINCTIVE_ROWS`` articles: a name, a place, a figure of one
  event), and keeps the ``UNDATED_NEIGHBOURS`` closest of those. So each
  undated article is scored against a bounded number of others, however
  many articles share its subject.
- ``events``: a pair whose reports cannot tell one event (arrival and
  departure, another resolution number, another year in the headline, a
  denial and the claim it denies, another weekday for the event; see
  ``events.py``) scores 0, however alike its words.
- ``average linkage``: stories are merged while the average similarity of
  all their cross pairs (unscored pairs count as 0) stays at least
  ``similarity``, and never when the merged story would span more than
  ``max_gap_days``. Average linkage, unlike connected components, does not
  chain a string of reactions (A reacts to B, B to C) into one story. It runs in
  each component of the graph of pairs at or above ``similarity`` on its own
  (no story reaches across two), so its heaps stay as small as the stories.

A story's id is ``s-`` + the id of its earliest article (by day, then id):
it does not change when later reports join.

Where the work is done: what the vectors count of each article (``Terms``: its terms, with the
keys that tell its quotes and figures apart) is computed where the article is analysed, in a worker
process, and folded into a ``TermTable`` of integer ids; scikit-learn's ``TfidfVectorizer`` reads
the table's parts, without any text read again. (Count matrices built by hand with numpy saved 15%
of the grouping stage at 1k articles and 11% at 10k, ``bench/bench_readable.py``: under the 20%
that would pay for re-implementing the library; docs/benchmarks.md.)
"""

from __future__ import annotations

import hashlib
import heapq
from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np
import scipy.sparse as sp
from rapidfuzz.distance import Indel
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize as l2_normalize

from . import events
from .arabic import tokens
from .config import StorySettings
from .describe import sentences
from .models import Article, KeyFigure, Passage, Quote, Story

HEAD_WEIGHT = 0.4  # share of the vector given to title + lead (measured: 0.0-0.5, best 0.3-0.4)
CANDIDATE_TERMS = 30  # heaviest terms per article used to find candidate pairs
CANDIDATE_FLOOR = 0.05  # dot product of those short vectors below which a pair is not scored
EDGE_FLOOR = 0.5  # scored pairs below this share of `similarity` are dropped (count as 0)
COMMON_ENTITY_SHARE = 0.15  # entities in more than this share of articles earn no bonus
COMMON_ENTITY_MIN = 8  # ... provided they are in at least this many articles
MAX_SHARED_ENTITIES = 3  # the bonus counts at most this many shared entities
ROW_BLOCK = 1000  # articles per sparse product block
UNDATED_NEIGHBOURS = 30  # an article without a day is scored against its closest articles only
DISTINCTIVE_ROWS = 16  # a term among the heaviest of at most this many articles is distinctive
UNDATED_ORDERINGS = 16  # orderings of the corpus in which an undated article looks for those
UNDATED_WINDOW = 2  # ... among the articles this close to it in each ordering
ORDERING_KEYS = 3  # MinHash values (of the heaviest terms) each ordering sorts by
ORDERING_SEED = 19  # fixed: the orderings, and so the stories, are the same on every run
PAIR_BLOCK = 5000  # candidate pairs scored per step (bounds memory)
SUMMARY_SENTENCES = 3
REDUNDANT_SENTENCE = 0.6  # a lead sentence this similar to a chosen one adds nothing
_UNKNOWN = "\uffff"
_CONJUNCTIONS = ("و", "ف")
_PREFIXES = ("بال", "وال", "لل", "ال", "ب", "ل", "ك")


def cluster_stories(articles: Sequence[Article], duplicates: dict[str, str], settings: StorySettings,
                    table: TermTable | None = None) -> tuple[tuple[Story, ...], dict[str, str]]:
    """Group articles into stories; return the stories and article id → story id.

    Every article is in exactly one story; a wire copy is in its canonical's.
    ``table`` holds each article's ``Terms`` (in the order of ``articles``), when
    they were counted where the articles were analysed.
    """
    if table is None:
        table = TermTable()
        for article in articles:
            table.add(article_terms(article))
    row_of = {a.id: i for i, a in enumerate(articles)}
    by_id = {a.id: a for a in articles}
    canon = sorted(aid for aid in by_id if duplicates.get(aid) not in by_id)
    is_canon = set(canon)
    copies: dict[str, list[str]] = {}
    for aid in sorted(by_id):
        if aid not in is_canon:
            copies.setdefault(_root(aid, duplicates, by_id), []).append(aid)
    docs = [by_id[aid] for aid in canon]
    if not docs:
        return (), {}
    vectors = _Vectors.fit(docs, table, np.array([row_of[aid] for aid in canon], dtype=np.int64))
    days = [_ordinal(a.day) for a in docs]
    entities = _distinctive_entities(docs)
    first, second = candidates(vectors.pruned, days, settings.max_gap_days)
    floor = settings.similarity * EDGE_FLOOR
    scores = _scores(vectors.full, entities, first, second, settings.entity_bonus, floor)
    scores[_distinct_events(docs, first, second)] = 0.0
    keep = scores >= floor
    groups = average_linkage(len(docs), first[keep], second[keep], scores[keep], days,
                             settings.similarity, settings.max_gap_days)
    stories = []
    for members in groups:
        member_docs = [docs[i] for i in members]
        member_copies = [by_id[c] for i in members for c in copies.get(canon[i], ())]
        stories.append(_story(members, member_docs, member_copies, vectors, lambda a: table.item_keys(row_of[a.id])))
    stories.sort(key=lambda s: (s.first_day or _UNKNOWN, s.id))
    mapping = {aid: story.id for story in stories for aid in story.article_ids}
    return tuple(stories), dict(sorted(mapping.items()))


# ------------------------------------------------------------------- vectors


def terms(text: str) -> list[str]:
    """Light-stemmed words: a conjunction, then a preposition or the article, removed when a stem of 3+ remains."""
    return stems(tokens(text))


def stems(words: Sequence[str]) -> list[str]:
    """``terms`` of a text given as its ``arabic.tokens``."""
    return list(filter(None, map(_cached_stem, words)))


def _stem(token: str) -> str:
    """The token's stem, or "" for a stem of one letter (not a term)."""
    stem = token
    if len(stem) > 4 and stem[0] in _CONJUNCTIONS:
        stem = stem[1:]
    for prefix in _PREFIXES:
        if stem.startswith(prefix) and len(stem) - len(prefix) >= 3:
            stem = stem[len(prefix):]
            break
    return stem if len(stem) > 1 else ""


_cached_stem = lru_cache(maxsize=1_000_000)(_stem)  # a corpus repeats its words


@dataclass(frozen=True)
class Terms:
    """What the story stage reads of an article besides the record itself: the distinct terms of
    its text (title and body), of its head (title and lead) and of each lead sentence, each part
    in order of first use, with their counts; and the key of each of its quotes and figures."""

    words: tuple[str, ...]
    counts: tuple[int, ...]
    ends: tuple[int, ...]  # where each part ends in ``words``: text, head, then each lead sentence
    keys: tuple[int, ...] = ()  # ``item_key`` of each quote, then of each figure


def article_terms(article: Article, text_tokens: Sequence[str] | None = None) -> Terms:
    """The article's ``Terms``; ``text_tokens`` are the ``arabic.tokens`` of its title and body, when known."""
    text = stems(text_tokens) if text_tokens is not None else terms(_text(article))
    lead = [terms(sentence) for sentence in lead_sentences(article.lead)]  # the lead's words, sentence by sentence
    parts = [text, terms(article.title) + [term for sentence in lead for term in sentence], *lead]
    words: list[str] = []
    counts: list[int] = []
    ends: list[int] = []
    for part in parts:
        counted = Counter(part)
        words += counted
        counts += counted.values()
        ends.append(len(words))
    keys = tuple(item_key(item) for item in (*article.quotes, *article.figures))
    return Terms(tuple(words), tuple(counts), tuple(ends), keys)


MAX_COUNT = 65_535  # occurrences of one term in one part counted at most (kept in two bytes)


class TermTable:
    """Many articles' ``Terms``, their words as integer ids, one row per article in the order added."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self._words = array("i")
        self._counts = array("H")
        self._ends = array("q", [0])  # part k is _words[_ends[k]:_ends[k + 1]]
        self._first_part = array("q", [0])  # the parts of row r are _first_part[r] .. _first_part[r + 1] - 1
        self._keys = array("q")
        self._first_key = array("q", [0])  # the item keys of row r are _keys[_first_key[r]:_first_key[r + 1]]

    def __len__(self) -> int:
        return len(self._first_part) - 1

    def add(self, terms: Terms) -> None:
        ids = self.ids
        found = list(map(ids.get, terms.words))
        if None in found:
            new = dict.fromkeys([word for word in terms.words if word not in ids])
            ids.update(zip(new, range(len(ids), len(ids) + len(new))))
            found = list(map(ids.__getitem__, terms.words))
        self._words.extend(found)
        counts = terms.counts
        if counts and max(counts) > MAX_COUNT:
            counts = [min(count, MAX_COUNT) for count in counts]
        self._counts.extend(counts)
        base = self._ends[-1]
        self._ends.extend([base + end for end in terms.ends])
        self._first_part.append(len(self._ends) - 1)
        self._keys.extend(terms.keys)
        self._first_key.append(len(self._keys))

    def item_keys(self, row: int) -> tuple[int, ...]:
        """The keys of row ``row``'s quotes, then of its figures."""
        return tuple(self._keys[self._first_key[row]:self._first_key[row + 1]])

    def parts(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(text part, head part, first sentence part, end of the sentence parts) of each row."""
        first = np.frombuffer(self._first_part, dtype=np.int64)
        return first[rows], first[rows] + 1, first[rows] + 2, first[rows + 1]

    def analyzer(self) -> Callable[[int], list[str]]:
        """A scikit-learn ``analyzer`` whose documents are part numbers: the terms of the part, each as
        many times as it occurs."""
        names = list(self.ids)
        words, counts, ends = self._words, self._counts, self._ends

        def part_terms(part: int) -> list[str]:
            start, stop = ends[part], ends[part + 1]
            return [names[word] for word, count in zip(words[start:stop], counts[start:stop]) for _ in range(count)]
        return part_terms


@dataclass(frozen=True)
class _Vectors:
    full: sp.csr_matrix  # L2-normalised, one row per canonical article
    pruned: sp.csr_matrix  # the same rows with only their heaviest terms
    sentences: tuple[str, ...]  # every lead sentence of every canonical article
    sentence_owner: np.ndarray  # the article (row of `full`) each sentence comes from
    sentence_start: np.ndarray  # first sentence of each article (len = articles + 1)
    sentence_vectors: sp.csr_matrix  # L2-normalised, one row per sentence

    @classmethod
    def fit(cls, docs: Sequence[Article], table: TermTable, rows: np.ndarray) -> _Vectors:
        """Sublinear TF-IDF vectors of the docs (``rows`` of ``table``): scikit-learn's ``TfidfVectorizer`` fitted
        on their texts (title and body), applied to their heads (title and lead) and lead sentences."""
        text, head_part, sentence_from, sentence_to = table.parts(rows)
        vectorizer = TfidfVectorizer(analyzer=table.analyzer(), sublinear_tf=True, dtype=np.float32)
        body = vectorizer.fit_transform(text.tolist())
        head = l2_normalize(vectorizer.transform(head_part.tolist()), copy=False)
        body.data *= 1 - HEAD_WEIGHT  # in place: (1 - w) * body + w * head, one matrix at a time
        head.data *= HEAD_WEIGHT
        full = body + head
        del body, head
        full = l2_normalize(full, copy=False).tocsr()
        per_doc = [lead_sentences(a.lead) for a in docs]
        sentences = tuple(s for group in per_doc for s in group)
        owner = np.repeat(np.arange(len(docs)), [len(g) for g in per_doc])
        start = np.concatenate(([0], np.cumsum([len(g) for g in per_doc]))).astype(np.int64)
        sentence_parts = [part for a, b in zip(sentence_from.tolist(), sentence_to.tolist()) for part in range(a, b)]
        if len(sentence_parts) != len(sentences):
            raise ValueError("the term table does not match the articles' lead sentences")
        sentence_vectors = l2_normalize(vectorizer.transform(sentence_parts), copy=False).tocsr() if sentences \
            else sp.csr_matrix((0, full.shape[1]), dtype=np.float32)
        return cls(full, _top_terms(full, CANDIDATE_TERMS), sentences, owner, start, sentence_vectors)


def lead_sentences(lead: str) -> list[str]:
    return sentences(lead)


def _text(article: Article) -> str:
    return "\n".join((article.title, *article.body))


def _top_terms(matrix: sp.csr_matrix, count: int) -> sp.csr_matrix:
    """Keep each row's ``count`` largest entries (ties: lowest column)."""
    rows, cols, vals = [], [], []
    for r in range(matrix.shape[0]):
        start, end = matrix.indptr[r], matrix.indptr[r + 1]
        data, index = matrix.data[start:end], matrix.indices[start:end]
        if end - start > count:
            top = np.lexsort((index, -data))[:count]
            data, index = data[top], index[top]
        rows.append(np.full(len(data), r, dtype=np.int64))
        cols.append(index)
        vals.append(data)
    return sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                         shape=matrix.shape, dtype=np.float32)


# ---------------------------------------------------------------- candidates


def candidates(pruned: sp.csr_matrix, days: Sequence[int | None], max_gap: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of rows sharing heavy terms: dated rows no more than ``max_gap`` days apart, and each
    undated row with its ``UNDATED_NEIGHBOURS`` closest rows among those it meets (``undated_pairs_to_score``)."""
    day = np.array([-1 if d is None else d for d in days], dtype=np.int64)
    order = np.flatnonzero(day >= 0)
    order = order[np.argsort(day[order], kind="stable")]
    position = np.full(len(days), -1, dtype=np.int64)
    position[order] = np.arange(len(order))
    found: list[tuple[np.ndarray, np.ndarray]] = []
    for start in range(0, len(order), ROW_BLOCK):
        rows = order[start:start + ROW_BLOCK]
        stop = np.searchsorted(day[order], day[rows[-1]] + max_gap, side="right")
        a, b, _ = _shared_terms(pruned, rows, order[start:stop])
        keep = (position[b] > position[a]) & (np.abs(day[a] - day[b]) <= max_gap)
        found.append((a[keep], b[keep]))
    if (day < 0).any():
        found.append(_undated_candidates(pruned, day < 0))
    return _unique_pairs(*_joined(found), len(days))


def _undated_candidates(pruned: sp.csr_matrix, undated: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each undated row (``undated``: a mask) with its ``UNDATED_NEIGHBOURS`` closest rows (dot product of
    the heaviest terms) among those it shares a distinctive term with and its neighbours in the orderings."""
    a, b = undated_pairs_to_score(pruned, undated)
    value = _row_dots(pruned, a, b)
    keep = value >= CANDIDATE_FLOOR
    a, b, value = a[keep], b[keep], value[keep]
    from_a, from_b = undated[a], undated[b]  # a pair counts among the neighbours of each undated end
    row = np.concatenate((a[from_a], b[from_b]))
    other = np.concatenate((b[from_a], a[from_b]))
    value = np.concatenate((value[from_a], value[from_b]))
    crowded = np.bincount(row, minlength=len(undated))[row] > UNDATED_NEIGHBOURS  # most rows keep all theirs
    best = np.flatnonzero(crowded)[np.lexsort((-value[crowded], row[crowded]))]  # stable: ties in pair order
    rank = np.arange(len(best)) - np.searchsorted(row[best], row[best], side="left")
    chosen = np.concatenate((np.flatnonzero(~crowded), best[rank < UNDATED_NEIGHBOURS]))
    return row[chosen], other[chosen]


def undated_pairs_to_score(pruned: sp.csr_matrix, undated: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (i < j, one of them undated) whose heaviest terms are compared: those sharing a distinctive
    term and the neighbours in the orderings. In all at most ``UNDATED_ORDERINGS * UNDATED_WINDOW +
    CANDIDATE_TERMS * DISTINCTIVE_ROWS`` times the rows, however alike the rows are."""
    shared, near = _sharing_distinctive_terms(pruned, undated), _neighbours_in_orderings(pruned)
    a, b = _unique_pairs(np.concatenate((shared[0], near[0])), np.concatenate((shared[1], near[1])), len(undated))
    keep = (undated[a] | undated[b]) & (a != b)
    return a[keep], b[keep]


def _sharing_distinctive_terms(pruned: sp.csr_matrix, undated: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of an undated row and a row with which it shares a distinctive term: one among the heaviest
    terms of at most ``DISTINCTIVE_ROWS`` rows (a name, a place or a figure of one event; a term
    heavy in more rows names a subject). Each row is in at most ``CANDIDATE_TERMS * DISTINCTIVE_ROWS`` pairs."""
    rows_with = np.bincount(pruned.indices, minlength=pruned.shape[1])
    marks = pruned.copy()
    marks.data = (rows_with[marks.indices] <= DISTINCTIVE_ROWS).astype(np.float32)
    marks.eliminate_zeros()
    marks_t = marks.T.tocsr()
    rows = np.flatnonzero(undated)
    found: list[tuple[np.ndarray, np.ndarray]] = []
    for start in range(0, len(rows), ROW_BLOCK):
        block = rows[start:start + ROW_BLOCK]
        product = (marks[block] @ marks_t).tocoo()
        found.append((block[product.row], product.col.astype(np.int64)))
    return _joined(found)


def _neighbours_in_orderings(pruned: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of rows at most ``UNDATED_WINDOW`` apart in some ordering and sharing its first key (a heavy term).

    An ordering sorts the rows by ``ORDERING_KEYS`` MinHash values of their sets of heaviest terms: two rows
    whose sets have Jaccard similarity J share each value with probability J, so rows that share
    many heavy terms sort side by side. Rows without terms are in no pair."""
    rows = np.flatnonzero(np.diff(pruned.indptr) > 0)
    starts = pruned.indptr[rows]
    random = np.random.default_rng(ORDERING_SEED)
    found: list[tuple[np.ndarray, np.ndarray]] = []
    for _ in range(UNDATED_ORDERINGS):
        keys = [np.minimum.reduceat(random.permutation(pruned.shape[1])[pruned.indices], starts)
                for _ in range(ORDERING_KEYS)]
        order = np.lexsort((rows, *reversed(keys)))
        first, ordered = keys[0][order], rows[order]
        for step in range(1, UNDATED_WINDOW + 1):
            same = first[:-step] == first[step:]
            found.append((ordered[:-step][same], ordered[step:][same]))
    return _joined(found)


def _joined(pairs: Sequence[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """The pairs found block by block, as one (first, second) of arrays; empty when none was found."""
    if not pairs:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate([a for a, _ in pairs]), np.concatenate([b for _, b in pairs])


def _unique_pairs(a: np.ndarray, b: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct pairs (i <= j) among (a, b), sorted."""
    codes = np.unique(np.minimum(a, b) * n + np.maximum(a, b))
    return codes // n, codes % n


def _row_dots(matrix: sp.csr_matrix, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The dot product of rows a[k] and b[k] of ``matrix``, for each k."""
    dots = np.zeros(len(a), dtype=np.float64)
    for start in range(0, len(a), PAIR_BLOCK):
        x, y = a[start:start + PAIR_BLOCK], b[start:start + PAIR_BLOCK]
        dots[start:start + PAIR_BLOCK] = np.asarray(matrix[x].multiply(matrix[y]).sum(axis=1)).ravel()
    return dots


def _shared_terms(pruned: sp.csr_matrix, rows: np.ndarray, cols: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    product = (pruned[rows] @ pruned[cols].T).tocoo()
    keep = product.data >= CANDIDATE_FLOOR
    return rows[product.row[keep]], cols[product.col[keep]], product.data[keep]


# -------------------------------------------------------------------- scores


def _distinct_events(docs: Sequence[Article], first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """A mask of the pairs whose reports cannot tell one event (``events.distinct``: arrival and
    departure, another resolution, another year, a denial and its claim, another weekday), however
    alike their words."""
    kinds: dict[events.EventSignature, int] = {}  # few: most reports share a signature with many others
    kind = np.array([kinds.setdefault(events.signature(doc), len(kinds)) for doc in docs], dtype=np.int64)
    signatures = list(kinds)
    codes = kind[first] * len(kinds) + kind[second]
    met = np.unique(codes)  # each pair of signatures is judged once, however many pairs of reports have it
    verdicts = np.array([events.distinct(signatures[code // len(kinds)], signatures[code % len(kinds)])
                         for code in met.tolist()], dtype=bool)
    return verdicts[np.searchsorted(met, codes)]


def _distinctive_entities(docs: Sequence[Article]) -> list[frozenset[str]]:
    """Each article's entity ids, without those most articles mention (e.g. the UN itself)."""
    per_doc = [frozenset(m.entity for m in a.entities) for a in docs]
    frequency = Counter(e for ents in per_doc for e in ents)
    common = {e for e, n in frequency.items() if n >= COMMON_ENTITY_MIN and n > COMMON_ENTITY_SHARE * len(docs)}
    return [ents - common for ents in per_doc]


def _scores(full: sp.csr_matrix, entities: list[frozenset[str]], first: np.ndarray, second: np.ndarray,
            bonus: float, floor: float) -> np.ndarray:
    """Cosine of each candidate pair, plus the entity bonus where it can lift the pair to ``floor``."""
    scores = _row_dots(full.sorted_indices(), first, second)  # sorted rows: scipy multiplies them without dense rows
    reachable = np.flatnonzero(scores + bonus * MAX_SHARED_ENTITIES >= floor) if bonus else []
    for k in reachable.tolist() if len(reachable) else ():
        i, j = first[k], second[k]
        if entities[i] and entities[j]:
            scores[k] += bonus * min(len(entities[i] & entities[j]), MAX_SHARED_ENTITIES)
    return scores


# ------------------------------------------------------------------- linkage


def average_linkage(n: int, first: np.ndarray, second: np.ndarray, scores: np.ndarray,
                    days: Sequence[int | None], threshold: float, max_gap: int) -> list[list[int]]:
    """Clusters of 0..n-1 by sparse average linkage with a time-span limit; each sorted, listed by first member.

    Two clusters whose every cross pair is below the threshold never merge (their average is below
    it too), so no cluster reaches across two components of the graph of pairs at or above it: the
    linkage runs in each component on its own, with a heap of that component's pairs only. Its
    clusters are those of ``_link`` on the whole graph (a test compares them)."""
    strong = scores >= threshold
    count, component = connected_components(sp.coo_matrix((np.ones(strong.sum()), (first[strong], second[strong])),
                                                           shape=(n, n)), directed=False)
    inside = component[first] == component[second]  # the pairs between components count in no average
    by_component = np.argsort(component[first[inside]], kind="stable")  # stable: each node's links in pair order
    first, second, scores = first[inside][by_component], second[inside][by_component], scores[inside][by_component]
    nodes = np.argsort(component, kind="stable")  # each component's nodes, ascending
    node_bounds = np.searchsorted(component[nodes], np.arange(count + 1))
    pair_bounds = np.searchsorted(component[first], np.arange(count + 1))
    groups: list[list[int]] = []
    for c in range(count):
        members = nodes[node_bounds[c]:node_bounds[c + 1]]
        if len(members) == 1:
            groups.append(members.tolist())
            continue
        pairs = slice(pair_bounds[c], pair_bounds[c + 1])
        linked = _link(len(members), np.searchsorted(members, first[pairs]), np.searchsorted(members, second[pairs]),
                       scores[pairs], [days[i] for i in members.tolist()], threshold, max_gap)
        groups += [members[group].tolist() for group in linked]
    return sorted(groups)


def _link(n: int, first: np.ndarray, second: np.ndarray, scores: np.ndarray,
          days: Sequence[int | None], threshold: float, max_gap: int) -> list[list[int]]:
    """``average_linkage`` with one heap for all the pairs given."""
    links: list[dict[int, float]] = [{} for _ in range(n)]
    for i, j, s in zip(first.tolist(), second.tolist(), scores.tolist()):
        links[i][j] = links[j][i] = s
    size = [1] * n
    lo = list(days)
    hi = list(days)
    members: list[list[int] | None] = [[i] for i in range(n)]
    # the heap holds only pairs at or above the threshold: a pair below it is not merged while its average
    # stays so, and a merge that changes the average pushes the pair again
    heap = [(-s, min(i, j), max(i, j)) for i, j, s in zip(first.tolist(), second.tolist(), scores.tolist())
            if s >= threshold]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if members[a] is None or members[b] is None or b not in links[a]:
            continue
        average = links[a][b] / (size[a] * size[b])
        if average < -negative - 1e-12:
            if average >= threshold:
                heapq.heappush(heap, (-average, a, b))
            continue
        if _span(lo, hi, a, b) > max_gap:
            continue
        keep, gone = (a, b) if (size[a], -a) >= (size[b], -b) else (b, a)
        size[keep] += size[gone]
        lo[keep] = _min_day(lo[keep], lo[gone])
        hi[keep] = _max_day(hi[keep], hi[gone])
        members[keep].extend(members[gone])
        members[gone] = None
        del links[keep][gone]
        for c, s in links[gone].items():
            if c == keep:
                continue
            total = links[keep].get(c, 0.0) + s
            links[keep][c] = links[c][keep] = total
            del links[c][gone]
            if total >= threshold * size[keep] * size[c]:
                heapq.heappush(heap, (-total / (size[keep] * size[c]), min(keep, c), max(keep, c)))
        links[gone] = {}
    groups = [sorted(m) for m in members if m is not None]
    return sorted(groups)


def _span(lo: list[int | None], hi: list[int | None], a: int, b: int) -> int:
    low = _min_day(lo[a], lo[b])
    high = _max_day(hi[a], hi[b])
    return 0 if low is None or high is None else high - low


def _min_day(x: int | None, y: int | None) -> int | None:
    return y if x is None else x if y is None else min(x, y)


def _max_day(x: int | None, y: int | None) -> int | None:
    return y if x is None else x if y is None else max(x, y)


def _ordinal(day: str | None) -> int | None:
    try:
        return date.fromisoformat(day[:10]).toordinal() if day else None
    except ValueError:
        return None


def _root(aid: str, duplicates: dict[str, str], by_id: dict[str, Article]) -> str:
    seen = {aid}
    while duplicates.get(aid) in by_id and duplicates[aid] not in seen:
        aid = duplicates[aid]
        seen.add(aid)
    return aid


# --------------------------------------------------------------------- story


def _story(members: list[int], docs: list[Article], copies: list[Article], vectors: _Vectors,
           item_keys: Callable[[Article], tuple[int, ...]]) -> Story:
    if len(docs) == 1 and not copies:
        return _lone_story(docs[0], item_keys(docs[0]))
    central = _centrality(_dense_rows(vectors.full, np.array(members))) if len(members) > 1 else np.ones(1)
    by_centrality = sorted(range(len(docs)), key=lambda k: (-central[k], docs[k].id))
    everyone = docs + copies
    days = {a.id: a.day for a in everyone}
    known_days = sorted(day for day in days.values() if day)
    earliest = min(docs, key=lambda a: (days[a.id] or _UNKNOWN, a.id))
    reports = _newest_first(docs, days) + _newest_first(copies, days)
    quotes: list[Quote] = []
    figures: list[KeyFigure] = []
    quote_keys: list[int] = []
    figure_keys: list[int] = []
    carriers: list[str] = []
    figure_carriers: list[str] = []
    for article in reports:
        keys = item_keys(article)
        quotes += article.quotes
        quote_keys += keys[:len(article.quotes)]
        carriers += [article.id] * len(article.quotes)
        figures += article.figures
        figure_keys += keys[len(article.quotes):]
        figure_carriers += [article.id] * len(article.figures)
    summary, owners = _summary(members, docs, vectors)
    return Story(
        id=f"s-{earliest.id}",
        title=docs[by_centrality[0]].title,
        article_ids=tuple(a.id for a in reports),
        first_day=known_days[0] if known_days else None,
        last_day=known_days[-1] if known_days else None,
        summary=summary,
        summary_passages=lead_passages(summary, owners),
        topics=_by_frequency(t for a in everyone for t in dict.fromkeys(a.topic_ids)),
        entities=_by_frequency(e for a in everyone for e in dict.fromkeys(m.entity for m in a.entities)),
        **_figures_with_passages(figures, figure_keys, figure_carriers),
        **_quotes_with_reports(quotes, quote_keys, carriers),
    )


def _lone_story(article: Article, item_keys: tuple[int, ...]) -> Story:
    """``_story`` of a single report: what the general case gives, without its bookkeeping."""
    day = article.day
    return Story(
        id=f"s-{article.id}",
        title=article.title,
        article_ids=(article.id,),
        first_day=day,
        last_day=day,
        summary=(article.lead,) if article.lead else (),
        summary_passages=lead_passages((article.lead,), [article]) if article.lead else (),
        topics=tuple(sorted(set(article.topic_ids))),
        entities=tuple(sorted({m.entity for m in article.entities})),
        **_figures_with_passages(article.figures, item_keys[len(article.quotes):], [article.id] * len(article.figures)),
        **_quotes_with_reports(article.quotes, item_keys[:len(article.quotes)], [article.id] * len(article.quotes)),
    )


def _dense_rows(matrix: sp.csr_matrix, rows: np.ndarray) -> np.ndarray:
    """The given rows as a dense array over the columns they use (not the whole vocabulary)."""
    block = matrix[rows]
    columns, compact = np.unique(block.indices, return_inverse=True)
    return sp.csr_matrix((block.data, compact, block.indptr), shape=(len(rows), len(columns))).toarray().astype(np.float64)


def _centrality(rows: np.ndarray) -> np.ndarray:
    """Mean cosine of each (L2-normalised) row to the others, via their sum."""
    if len(rows) == 1:
        return np.ones(1)
    return (rows @ rows.sum(axis=0) - (rows * rows).sum(axis=1)) / (len(rows) - 1)


def _summary(members: list[int], docs: list[Article], vectors: _Vectors
             ) -> tuple[tuple[str, ...], list[Article]]:
    """The most central lead sentences across reports, without repeats, and the report of each; a
    lone report's lead."""
    if len(docs) == 1:
        return ((docs[0].lead,), [docs[0]]) if docs[0].lead else ((), [])
    rows = np.concatenate([np.arange(vectors.sentence_start[m], vectors.sentence_start[m + 1]) for m in members])
    if len(rows) == 0:
        return (), []
    matrix = _dense_rows(vectors.sentence_vectors, rows)
    owner = np.searchsorted(members, vectors.sentence_owner[rows])
    sentences = [vectors.sentences[r] for r in rows.tolist()]
    lead_sums = np.zeros((len(docs), matrix.shape[1]))
    np.add.at(lead_sums, owner, matrix)
    others = lead_sums.sum(axis=0)[None, :] - lead_sums[owner]
    central = (matrix * others).sum(axis=1) / (len(docs) - 1)
    chosen: list[int] = []
    for k in sorted(range(len(sentences)), key=lambda k: (-central[k], sentences[k])):
        if len(chosen) == SUMMARY_SENTENCES:
            break
        if all(_sentence_similarity(matrix, k, c) < REDUNDANT_SENTENCE for c in chosen):
            chosen.append(k)
    return tuple(sentences[k] for k in chosen), [docs[int(owner[k])] for k in chosen]


def lead_passages(summary: Sequence[str], owners: Sequence[Article]) -> tuple[Passage, ...]:
    """Where each lead sentence stands: the lead is cut from the first paragraph (``describe.lead_of``);
    a sentence that paragraph does not hold (a lead given another way) has no passage, and then
    no sentence has one (the two tuples stay aligned or empty)."""
    passages = []
    for sentence, article in zip(summary, owners):
        words = " ".join(sentence.removesuffix("…").split())
        if not article.body or not words or words not in " ".join(article.body[0].split()):
            return ()
        passages.append(Passage(article.id, 0))
    return tuple(passages)


def _figures_with_passages(figures: Sequence[KeyFigure], keys: Sequence[int], carriers: Sequence[str]
                           ) -> dict[str, tuple]:
    """``_unique`` figures, with the report and paragraph of each kept one."""
    kept: dict[int, tuple[KeyFigure, str]] = {}
    for figure, key, carrier in zip(figures, keys, carriers):
        kept.setdefault(key, (figure, carrier))
    if len(figures) < 2:  # as _unique: one figure is kept whatever its key
        kept = {0: (figures[0], carriers[0])} if figures else {}
    return {"figures": tuple(f for f, _ in kept.values()),
            "figure_passages": tuple(Passage(c, f.paragraph) if f.paragraph is not None else None
                                     for f, c in kept.values())}


def _sentence_similarity(matrix: np.ndarray, a: int, b: int) -> float:
    return float(matrix[a] @ matrix[b])


def _newest_first(articles: list[Article], days: dict[str, str | None]) -> list[Article]:
    if len(articles) < 2:
        return articles
    ordered = sorted(articles, key=lambda a: a.id)
    return sorted(ordered, key=lambda a: a.published or days[a.id] or "", reverse=True)


def _by_frequency(items) -> tuple[str, ...]:
    counts = Counter(items)
    if len(counts) < 2 or max(counts.values()) == 1:
        return tuple(sorted(counts))  # all as frequent: in alphabetical order
    return tuple(sorted(counts, key=lambda x: (-counts[x], x)))


NEAR_COPY = 0.9  # quotes whose letters agree this much (Indel similarity: shared letters in order ÷ both lengths)
# are one quote edited by a copy desk


def _quotes_with_reports(quotes: Sequence[Quote], keys: Sequence[int], carriers: Sequence[str]) -> dict[str, tuple]:
    """The story's quotes, once each (wire copies repeat them, sometimes with a word added or dropped:
    «أمر أساسي» / «أساسي»), with the reports that carry each. Of the copies of one quote, the first
    whose speaker is known is kept."""
    chosen: dict[int, Quote] = {}
    letters: dict[int, str] = {}
    reports: dict[int, dict[str, None]] = {}
    for quote, key, carrier in zip(quotes, keys, carriers):
        if key not in chosen:
            own = "".join(tokens(quote.text))  # as item_key: spacing and punctuation aside
            key = next((k for k, seen in letters.items()
                        if Indel.normalized_similarity(own, seen, score_cutoff=NEAR_COPY)), key)
            letters.setdefault(key, own)
        if key not in chosen or chosen[key].speaker is None and quote.speaker is not None:
            chosen[key] = quote
        reports.setdefault(key, {})[carrier] = None
    return {"quotes": tuple(chosen.values()), "quote_reports": tuple(tuple(ids) for ids in reports.values())}


def item_key(item: Quote | KeyFigure) -> int:
    """Quotes (figures) with the same words, normalised, have the same key: a 64-bit digest. A
    quote's words are joined without spaces, so copies that differ in spacing («و دعمه», «ودعمه») or
    punctuation share a key."""
    if isinstance(item, Quote):
        words = "".join(tokens(item.text))
    else:
        words = " ".join(tokens(f"{item.value}\x00{item.context}"))
    return int.from_bytes(hashlib.blake2b(words.encode("utf-8"), digest_size=8).digest(), "little", signed=True)

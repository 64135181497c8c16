"""The story-grouping stage with scikit-learn's TfidfVectorizer and with the hand-made count matrices it replaced.

    .venv/bin/python bench/bench_readable.py [SIZES...] [--before REV]   (default: 1000 10000, REV a1954bd)

Issue 17: a re-implementation of library code stays only where it buys at least 20% of its
stage. The stage here is what grouping costs per article: the terms of each article
(``article_terms``, computed in the analysis workers; timed here serially, as CPU they spend),
their fold into the ``TermTable`` (main process), and ``cluster_stories``. Two versions of
``generator/stories.py`` are timed on the same synthetic articles (``bench_stories.synthetic``,
wire copies found first, untimed):

- ``library``: the working tree's (``TfidfVectorizer`` with an analyzer that reads a part of the
  term table; ``np.unique``; scipy's row indexing and a compact ``csr_matrix`` for a story's dense rows;
  ``functools.lru_cache`` for the stems);
- ``by hand``: REV's (``_fitted_counts`` / ``_counts``: the count matrices built with numpy as
  ``CountVectorizer`` would, then ``TfidfTransformer``; ``_sorted_unique``, numpy 2.4's
  ``np.unique`` by sorting; ``_dense_rows`` by index arithmetic; a dict of stems);
- ``texts``: for memory, the vectors alone fitted the plainest way, ``TfidfVectorizer(analyzer=terms)`` on
  the texts in this process (what the workers' terms avoid).

Each size runs in its own process, the two versions step by step in turn (the shared machine's
load drifts over minutes), each step's least CPU time of ``REPEATS``; the memory the grouping
allocates is traced (``tracemalloc``) per version. The stories of the two versions are compared
(a digest of the article → story mapping, ids, titles and summaries). The small pieces are timed
both ways on the same calls: a story's dense rows, and the distinct pair codes.
"""

from __future__ import annotations

import hashlib
import importlib.util
import multiprocessing
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

REPEATS = 3  # each step timed this many times; the least is shown
BEFORE = "a1954bd"  # the last commit with the hand-made count matrices


def _module(version: str, before: str):
    if version != "by hand":
        from generator import stories
        return stories
    source = subprocess.run(["git", "-C", str(REPO), "show", f"{before}:generator/stories.py"],
                            check=True, capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp()) / "stories_before.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("generator._stories_before", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _fit_on_texts(stories, articles) -> None:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    vectorizer = TfidfVectorizer(analyzer=stories.terms, sublinear_tf=True, dtype=np.float32)
    vectorizer.fit_transform([stories._text(a) for a in articles])
    vectorizer.transform([f"{a.title}\n{a.lead}" for a in articles])
    vectorizer.transform([s for a in articles for s in stories.lead_sentences(a.lead)])


def _fold(stories, counted):
    table = stories.TermTable()
    for terms in counted:
        table.add(terms)
    return table


def _timed(times: list[float], function):
    """``function``, adding the CPU time of each call to ``times``."""
    def timed(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            times.append(time.process_time() - start)
    return timed


def _digest(found, mapping) -> str:
    return hashlib.sha256(repr((sorted(mapping.items()), [(s.id, s.summary, s.title) for s in found]))
                          .encode()).hexdigest()[:12]


def run(size: int, before: str, queue) -> None:
    """Both versions in one process, step by step in turn (the machine is shared: its load drifts over
    minutes), each step's least time of ``REPEATS``."""
    import numpy as np
    from bench_stories import synthetic
    from generator.config import DedupeSettings, StorySettings
    from generator.dedupe import find_wire_copies

    versions = {"library": _module("library", before), "by hand": _module("by hand", before)}
    new, old = versions["library"], versions["by hand"]
    articles = synthetic(size)
    duplicates = find_wire_copies(articles, DedupeSettings())
    base = _peak_mb()
    times = {name: {step: [] for step in ("terms", "fold", "vectors", "cluster")} for name in versions}
    pieces = {"dense rows": ([], []), "unique": ([], [])}  # (library, by hand), on the same calls
    dense_new, unique_old = new._dense_rows, old._sorted_unique

    def both_dense(matrix, rows):
        old_rows = _timed(pieces["dense rows"][1], old._dense_rows)(matrix, rows)
        new_rows = _timed(pieces["dense rows"][0], dense_new)(matrix, rows)
        assert np.array_equal(old_rows, new_rows)
        return new_rows

    def both_unique(values):
        _timed(pieces["unique"][0], np.unique)(values)
        return _timed(pieces["unique"][1], unique_old)(values)
    new._dense_rows, old._sorted_unique = both_dense, both_unique
    found, tables = {}, {}
    for _ in range(REPEATS):
        for name, stories in versions.items():
            step = times[name]
            counted = _timed(step["terms"], lambda: [stories.article_terms(a) for a in articles])()
            table = tables[name] = _timed(step["fold"], _fold)(stories, counted)
            fit = stories._Vectors.fit
            stories._Vectors.fit = _timed(step["vectors"], fit)
            found[name] = _timed(step["cluster"], stories.cluster_stories)(articles, duplicates, StorySettings(), table)
            stories._Vectors.fit = fit
    new._dense_rows, old._sorted_unique = dense_new, unique_old
    # each piece was run both ways inside one version's clustering: count only that version's way
    per_run = {name: (sum(a) / REPEATS, sum(b) / REPEATS, len(a) // REPEATS) for name, (a, b) in pieces.items()}
    dense_library, dense_by_hand, _ = per_run["dense rows"]
    unique_library, unique_by_hand, _ = per_run["unique"]
    times["library"]["cluster"] = [t - dense_by_hand for t in times["library"]["cluster"]]
    times["by hand"]["cluster"] = [t - unique_library for t in times["by hand"]["cluster"]]
    rows = []
    for name, stories in versions.items():
        tracemalloc.start()  # again, for the memory the grouping allocates (numpy's arrays included)
        stories.cluster_stories(articles, duplicates, StorySettings(), tables[name])
        traced = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        least = {step: min(values) for step, values in times[name].items()}
        rows.append((name, least, traced, len(found[name][0]), _digest(*found[name])))
    texts: list[float] = []
    for _ in range(REPEATS):
        _timed(texts, _fit_on_texts)(new, articles)
    tracemalloc.start()
    _fit_on_texts(new, articles)
    texts_traced = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    queue.put((size, rows, (min(texts), texts_traced), per_run, base, _peak_mb()))


def main(sizes: list[int], before: str) -> None:
    print(f"CPU seconds, least of {REPEATS} runs of each step, the two versions in turn in one process; the stage ="
          f" terms (workers) + fold + cluster_stories (its vectors' fit shown apart); 'by hand' = {before}")
    print(f"{'articles':>8} {'version':>9} {'terms':>7} {'fold':>6} {'vectors':>8} {'cluster':>8} {'stage':>7} "
          f"{'traced MB':>9} {'stories':>8} {'digest':>13}")
    context = multiprocessing.get_context("spawn")
    for size in sizes:
        queue = context.Queue()
        process = context.Process(target=run, args=(size, before, queue))
        process.start()
        n, rows, (texts_s, texts_mb), pieces, base, peak = queue.get()
        process.join()
        stage = {}
        for name, least, traced, count, digest in rows:
            stage[name] = least["terms"] + least["fold"] + least["cluster"]
            print(f"{n:8d} {name:>9} {least['terms']:7.2f} {least['fold']:6.2f} {least['vectors']:8.2f} "
                  f"{least['cluster']:8.2f} {stage[name]:7.2f} {traced:9.0f} {count:8d} {digest:>13}", flush=True)
        print(f"{n:8d} {'texts':>9} {'':>7} {'':>6} {texts_s:8.2f} {'':>8} {'':>7} {texts_mb:9.0f}   "
              f"(TfidfVectorizer(analyzer=terms) on the texts, in the main process)")
        library = stage["library"]
        print(f"{n:8d} the hand-made code saves {1 - stage['by hand'] / library:.1%} of the library version's stage "
              f"(rss {base:.0f} MB before the stage, {peak:.0f} MB peak); by piece:")
        vectors = [least["vectors"] for _, least, *_ in rows]
        terms = [least["terms"] + least["fold"] for _, least, *_ in rows]
        print(f"{n:8d}   vectors {vectors[0]:.2f} s / {vectors[1]:.2f} s: {(vectors[0] - vectors[1]) / library:.1%}; "
              f"terms and fold {terms[0]:.2f} s / {terms[1]:.2f} s: {(terms[0] - terms[1]) / library:.1%}")
        for name, (library_s, by_hand_s, calls) in pieces.items():
            print(f"{n:8d}   {name} {library_s:.3f} s / {by_hand_s:.3f} s in {calls} calls: "
                  f"{(library_s - by_hand_s) / library:.1%}", flush=True)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    rev = BEFORE
    if "--before" in arguments:
        k = arguments.index("--before")
        rev = arguments[k + 1]
        del arguments[k:k + 2]
    main([int(a) for a in arguments] or [1000, 10000], rev)

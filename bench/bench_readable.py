"""The story-grouping stage with scikit-learn's TfidfVectorizer and with the hand-made count matrices it replaced.

    .venv/bin/python bench/bench_readable.py [SIZES...] [--before REV]   (default: 1000 10000, REV a1954bd)

Issue 17: a re-implementation of library code stays only where it buys at least 20% of its
stage. The stage here is what grouping costs per article: the terms of each article
(``article_terms``, computed in the analysis workers; timed here serially, as CPU they spend),
their fold into the ``TermTable`` (main process), and ``cluster_stories``. Two versions of
``generator/stories.py`` are timed on the same synthetic articles (``bench_stories.synthetic``,
wire copies found first, untimed):

- ``library``: the working tree's (``TfidfVectorizer`` with an analyzer that reads a part of the
  term table; ``np.unique``; scipy's row and column indexing for a story's dense rows;
  ``functools.lru_cache`` for the stems);
- ``by hand``: REV's (``_fitted_counts`` / ``_counts``: the count matrices built with numpy as
  ``CountVectorizer`` would, then ``TfidfTransformer``; ``_sorted_unique``, numpy 2.4's
  ``np.unique`` by sorting; ``_dense_rows`` by index arithmetic; a dict of stems);
- ``texts``: for memory, the vectors alone fitted the plainest way, ``TfidfVectorizer(analyzer=terms)`` on
  the texts in this process (what the workers' terms avoid).

Each size and version runs in its own process, so the peak resident memory is its own; the
stories of the two versions are compared (a digest of the article → story mapping).
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


def run(size: int, version: str, before: str, queue) -> None:
    from bench_stories import synthetic
    from generator.config import DedupeSettings, StorySettings
    from generator.dedupe import find_wire_copies

    stories = _module(version, before)
    articles = synthetic(size)
    duplicates = find_wire_copies(articles, DedupeSettings())
    base = _peak_mb()
    if version == "texts":
        start = time.process_time()
        _fit_on_texts(stories, articles)
        elapsed = time.process_time() - start
        tracemalloc.start()  # again, for the memory it allocates (numpy's arrays included)
        _fit_on_texts(stories, articles)
        queue.put((size, version, elapsed, 0.0, 0.0, 0.0, base, _peak_mb(), tracemalloc.get_traced_memory()[1] / 2**20,
                   (0, "")))
        return
    start = time.process_time()
    counted = [stories.article_terms(a) for a in articles]
    terms_s = time.process_time() - start
    start = time.process_time()
    table = stories.TermTable()
    for terms in counted:
        table.add(terms)
    fold_s = time.process_time() - start
    del counted
    fit = stories._Vectors.fit
    fit_s = [0.0]

    def timed_fit(*args):
        began = time.process_time()
        try:
            return fit(*args)
        finally:
            fit_s[0] += time.process_time() - began
    stories._Vectors.fit = timed_fit
    start = time.process_time()
    found, mapping = stories.cluster_stories(articles, duplicates, StorySettings(), table)
    cluster_s = time.process_time() - start
    digest = hashlib.sha256(repr((sorted(mapping.items()), [(s.id, s.summary, s.title) for s in found]))
                            .encode()).hexdigest()[:12]
    stories._Vectors.fit = fit
    tracemalloc.start()  # again, for the memory the grouping allocates (numpy's arrays included)
    stories.cluster_stories(articles, duplicates, StorySettings(), table)
    traced = tracemalloc.get_traced_memory()[1] / 2**20
    queue.put((size, version, terms_s, fold_s, fit_s[0], cluster_s, base, _peak_mb(), traced, (len(found), digest)))


def main(sizes: list[int], before: str) -> None:
    print(f"CPU seconds; the stage = terms (workers) + fold + cluster_stories (its vectors' fit shown apart); "
          f"'by hand' = {before}")
    print(f"{'articles':>8} {'version':>9} {'terms':>7} {'fold':>6} {'vectors':>8} {'cluster':>8} {'stage':>7} "
          f"{'rss base MB':>11} {'peak MB':>8} {'traced MB':>9} {'stories':>8} {'digest':>13}")
    context = multiprocessing.get_context("spawn")
    for size in sizes:
        stage = {}
        for version in ("library", "by hand", "texts"):
            queue = context.Queue()
            process = context.Process(target=run, args=(size, version, before, queue))
            process.start()
            n, _, terms_s, fold_s, fit_s, cluster_s, base, peak, traced, found = queue.get()
            process.join()
            if version == "texts":
                print(f"{n:8d} {version:>9} {'':>7} {'':>6} {terms_s:8.2f} {'':>8} {'':>7} {base:11.0f} {peak:8.0f} {traced:9.0f}",
                      flush=True)
                continue
            stage[version] = terms_s + fold_s + cluster_s
            print(f"{n:8d} {version:>9} {terms_s:7.2f} {fold_s:6.2f} {fit_s:8.2f} {cluster_s:8.2f} "
                  f"{stage[version]:7.2f} {base:11.0f} {peak:8.0f} {traced:9.0f} {found[0]:8d} {found[1]:>13}", flush=True)
        print(f"{size:8d} the hand-made code saves {1 - stage['by hand'] / stage['library']:.1%} of the stage",
              flush=True)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    rev = BEFORE
    if "--before" in arguments:
        k = arguments.index("--before")
        rev = arguments[k + 1]
        del arguments[k:k + 2]
    main([int(a) for a in arguments] or [1000, 10000], rev)

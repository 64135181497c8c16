"""Running a stage over many items: worker processes and chunks of work.

Each stage keeps its own job function and decides when work is big enough to spread
(``analyze.PARALLEL_FROM``, ``render.PARALLEL_FROM_PAGES``); what they share is here.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor

MAX_WORKERS = 8


def worker_count() -> int:
    """The processes worth starting: the cores this process may run on, at most ``MAX_WORKERS``."""
    return min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1,
               MAX_WORKERS)


def chunks(items: Sequence, size: int) -> Iterable[Sequence]:
    """``items`` in consecutive slices of ``size`` (the last one shorter), one task each."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


# The work and its items reach forked workers by inheritance, not by pickling.
_FORKED: tuple[Callable[[Sequence], list], Sequence, int] | None = None


def _forked_share(index: int) -> list:
    assert _FORKED is not None
    work, items, workers = _FORKED
    return work(items[index::workers])


def forked_round_robin(work: Callable[[Sequence], list], items: Sequence, workers: int) -> list:
    """``work(items)`` on ``workers`` forked processes: items dealt round-robin (big and small ones
    alternate), each result put back at its item's place. Only the results are pickled."""
    global _FORKED
    _FORKED = (work, items, workers)
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            shares = list(pool.map(_forked_share, range(workers)))
    finally:
        _FORKED = None
    results: list = [None] * len(items)
    for index, share_results in enumerate(shares):
        results[index::workers] = share_results
    return results

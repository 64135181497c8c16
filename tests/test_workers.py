"""The shared worker helpers: what a stage gets back is what it would compute alone."""

import multiprocessing

import pytest

from generator.workers import chunks, forked_round_robin


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork on this platform")
def test_forked_round_robin_gives_each_result_at_its_items_place():
    items = [f"page-{n}" * (n % 7 + 1) for n in range(23)]  # sizes vary, as pages do
    suffix = object()  # not picklable inside a lambda: the work must reach the workers by fork
    work = lambda share: [(item, len(item), id(suffix) > 0) for item in share]  # noqa: E731
    assert forked_round_robin(work, items, 3) == work(items)


def test_chunks_cover_every_item_once_in_order():
    assert list(chunks(list(range(7)), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(chunks([], 3)) == []

"""Throughput of entity finding (and candidates, quotes, figures) on the seeds and the corpus.

Run: python bench/bench_entities.py [N]   (N texts, default 5000, built by repeating the inputs)

The per-token caches warm up on the first pass, as they do in a build over many
articles; the figure printed is the steady state over all N texts.
"""

from __future__ import annotations

import sys
import time
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.arabic import Tokens  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.entities import EntityFinder, find_candidates  # noqa: E402
from generator.quotes import find_figures, find_quotes  # noqa: E402

from bench_dates import load_texts  # noqa: E402 - the same seeds and corpus texts


def rate(label: str, texts: list[str], work) -> None:
    start = time.perf_counter()
    for text in texts:
        work(text)
    elapsed = time.perf_counter() - start
    print(f"{label:<34} {len(texts) / elapsed:>9,.0f} articles/s  ({elapsed:.2f} s for {len(texts)})")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    inputs = load_texts()
    texts = list(islice(cycle(inputs), count))
    finder = EntityFinder(load_config(ROOT).entities)
    print(f"{len(inputs)} distinct texts, {sum(map(len, inputs)) // len(inputs)} characters on average, "
          f"{len(finder.entities)} gazetteer entities")
    for text in inputs:
        finder.find(text)
    rate("EntityFinder.find", texts, finder.find)

    def everything(text: str) -> None:
        toks = Tokens(text)
        finder.find(toks)
        find_candidates(toks, finder)
        paragraphs = [line for line in text.split("\n") if line.strip()]
        find_quotes(paragraphs, finder)
        find_figures(paragraphs)

    rate("find + candidates + quotes + figures", texts, everything)


if __name__ == "__main__":
    main()

"""Throughput of generator.dates.find_dates on the seeds and the development corpus.

Run: python bench/bench_dates.py [N]   (N texts, default 5000, built by repeating the inputs)
"""

from __future__ import annotations

import sys
import time
from datetime import date
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.dates import find_dates  # noqa: E402

SOURCES = (ROOT / "content" / "articles", ROOT.parent / "shared" / "corpus" / "articles")
REFERENCE = date(2023, 11, 30)


def load_texts() -> list[str]:
    texts = []
    for folder in SOURCES:
        if folder.is_dir():
            texts += [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]
    return texts


def main() -> None:
    wanted = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    inputs = load_texts()
    if not inputs:
        sys.exit("no input texts found")
    texts = list(islice(cycle(inputs), wanted))
    find_dates(texts[0], REFERENCE)
    started = time.perf_counter()
    found = sum(len(find_dates(text, REFERENCE)) for text in texts)
    elapsed = time.perf_counter() - started
    chars = sum(map(len, texts))
    print(f"inputs: {len(inputs)} distinct texts, repeated to {len(texts)} ({chars / 1e6:.1f} M chars)")
    print(f"dates found: {found} in {elapsed:.2f} s")
    print(f"texts per second: {len(texts) / elapsed:,.0f}")
    print(f"dates found per second: {found / elapsed:,.0f}")


if __name__ == "__main__":
    main()

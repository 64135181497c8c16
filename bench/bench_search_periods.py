"""Search by period: bytes of a first query with one bundle per year, per month, or none.

    python bench/bench_search_periods.py PROJECT_DIR     # a project built by bench_update.py or run.py

The project's built site is copied once per way of splitting, its pagefind/ folder indexed again
(generator/search.py, the analysis read back from the project's cache) and the first query
measured in headless Chromium (bench_search.first_query: what a reader's browser fetches).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SPLITS = {"none": 0, "year": 4, "month": 7}  # characters of the ISO day that name a period


def main() -> None:
    from bench_search import first_query

    from generator import search
    from generator.analyze import analyze
    from generator.cache import AnalysisCache
    from generator.config import load_config

    project = Path(sys.argv[1])
    config = load_config(project)
    analysis = analyze(config, cache=AnalysisCache.open(config))
    print("| split | bundles | index time | first query ar | first query en |\n| --- | --- | --- | --- | --- |")
    for name, length in SPLITS.items():
        with tempfile.TemporaryDirectory(prefix=f"periods-{name}-", dir=ROOT / "bench-out") as scratch:
            site = Path(scratch) / "site"
            shutil.copytree(project / "site", site, ignore=shutil.ignore_patterns("pagefind"))
            search._period = lambda day, length=length: day[:length] if length else ""
            periods = search.archive_periods(analysis) if length else {}
            started = time.perf_counter()
            search.index_search(site, editions=config.settings.languages[1:], periods=periods)
            seconds = time.perf_counter() - started
            bundles = 1 + len(set(periods.values()))
            figures = first_query(site)
            cells = [f"{r['bytes'] / 1000:,.0f} KB in {r['files']} files ({r['results']} results)"
                     for r in figures.values()]
            print(f"| {name} | {bundles} | {seconds:.0f} s | {' | '.join(cells)} |", flush=True)


if __name__ == "__main__":
    main()

"""Where the analysis spends its time and memory: each per-article stage, and the main process's share.

    /tmp/probe-venv/bin/python bench/bench_analysis.py [CORPUS] [--files N] [--stages-only]

CORPUS is a folder of articles (default: bench-out/corpus-10000, made by ``bench/run.py``).

First, the per-article stages that worker processes run (reading, cleaning, description,
dates, tokens, topics, entities, quotes, figures, candidates, wire fingerprint, story
terms): CPU microseconds per file, in one process, caches warm, the best of three passes
over N files. Then the whole analysis of CORPUS: wall and CPU seconds (main process and
workers), how many cores were busy, the main process's phases (the grouping stages run
there, after the workers), and the peak resident memory of the largest process.

Timings on a shared machine vary by a quarter from run to run; compare runs made in a row.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator import analyze as analysis  # noqa: E402
from generator.arabic import Tokens, normalize  # noqa: E402
from generator.clean import clean_and_fold  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.dedupe import fingerprints  # noqa: E402
from generator.describe import (byline_of, dateline_of, dates_of, lead_of, outlet_of, published_of,  # noqa: E402
                                reference_of, title_of)
from generator.entities import find_candidates  # noqa: E402
from generator.models import Article  # noqa: E402
from generator.quotes import find_figures, find_quotes  # noqa: E402
from generator.read import article_files, read_file  # noqa: E402
from generator.stories import article_terms  # noqa: E402

PASSES = 3


def stage_costs(corpus: Path, files: int) -> dict[str, float]:
    """CPU microseconds per file of each per-article stage (best of PASSES passes)."""
    config = load_config(REPO)
    enricher = analysis.Enricher.from_config(config)
    jobs = [(path, shown, config.settings.max_file_bytes) for path, shown in article_files([corpus])[:files]]
    spent: dict[str, float] = defaultdict(float)

    def timed(stage: str, work):
        started = time.process_time()
        result = work()
        spent[stage] += time.process_time() - started
        return result

    def one_file(job) -> None:
        read = timed("read", lambda: read_file(job))
        for raw in read.articles:
            cleaned, folded = timed("clean", lambda: clean_and_fold(raw))
            title, lead, published = timed("describe", lambda: describe(cleaned, enricher))
            body_text = "\n".join(cleaned.paragraphs)
            reference = reference_of(raw, published)
            dates = timed("dates", lambda: dates_of(body_text, reference))
            text = timed("tokens", lambda: Tokens(f"{title}\n{body_text}", "\n".join((normalize(title), *folded))))
            body = text.view(len(title) + 1)
            topics = timed("topics", lambda: enricher.classifier.classify(text.words))
            entities = timed("entities", lambda: enricher.finder.find(text))
            quotes = timed("quotes", lambda: find_quotes(cleaned.paragraphs, enricher.finder, body))
            figures = timed("figures", lambda: find_figures(cleaned.paragraphs))
            timed("candidates", lambda: find_candidates(body, enricher.finder))
            timed("fingerprint", lambda: fingerprints([body.words], enricher.dedupe))
            article = Article(id="a", source=raw.source, title=title, lead=lead, body=cleaned.paragraphs,
                              content_hash=raw.content_hash, dates=dates, topics=topics, entities=entities,
                              quotes=quotes, figures=figures)
            timed("story terms", lambda: article_terms(article, text.words))

    for job in jobs:  # caches warm, as in a worker after its first files
        one_file(job)
    best: dict[str, float] = {}
    for _ in range(PASSES):
        spent.clear()
        for job in jobs:
            one_file(job)
        best = {stage: min(best.get(stage, seconds), seconds) for stage, seconds in spent.items()}
    return {stage: seconds / len(jobs) * 1e6 for stage, seconds in best.items()}


def describe(cleaned, enricher) -> tuple[str, str, str | None]:
    title = title_of(cleaned)
    outlet_of(cleaned, enricher.outlets)
    byline_of(cleaned)
    dateline_of(cleaned)
    return title, lead_of(cleaned.paragraphs), published_of(cleaned, title).value


def whole_run(corpus: Path) -> list[tuple[str, float, float]]:
    """(phase, wall seconds, main-process CPU seconds) of one analysis, phases in order."""
    config = load_config(REPO)
    marks: list[tuple[str, float, float]] = [("start", time.perf_counter(), _own_cpu())]
    reported: set[str] = set()

    def progress(stage: str, done: int, total: int) -> None:
        if stage not in reported and (stage != "analyse" or done == total):
            reported.add(stage)
            marks.append((stage, time.perf_counter(), _own_cpu()))

    analysis.analyze(config, [corpus], progress=progress)
    marks.append(("end", time.perf_counter(), _own_cpu()))
    return [(name, wall - marks[i][1], cpu - marks[i][2]) for i, (name, wall, cpu) in enumerate(marks[1:])]


def _own_cpu() -> float:
    times = os.times()
    return times.user + times.system


def _children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


PHASE_NAMES = {"analyse": "read and enrich (workers)", "wire copies": "wire copies", "stories": "stories",
               "end": "records, sorting", "analyse: unchanged articles from the cache": "cache"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=REPO / "bench-out" / "corpus-10000")
    parser.add_argument("--files", type=int, default=500, help="files for the per-stage figures")
    parser.add_argument("--stages-only", action="store_true")
    args = parser.parse_args()

    costs = stage_costs(args.corpus, args.files)
    print(f"per-article stages, one process, warm ({args.files} files of {args.corpus.name}):")
    for stage, micros in costs.items():
        print(f"  {stage:<14} {micros:7.0f} µs")
    print(f"  {'total':<14} {sum(costs.values()):7.0f} µs")
    if args.stages_only:
        return

    started, own, children = time.perf_counter(), _own_cpu(), _children_cpu()
    phases = whole_run(args.corpus)
    wall = time.perf_counter() - started
    own, children = _own_cpu() - own, _children_cpu() - children
    count = sum(1 for _ in args.corpus.glob("*.txt"))
    print(f"\nwhole analysis of {args.corpus.name}: {wall:.1f} s, {count / wall:,.0f} articles/s; CPU "
          f"{own + children:.1f} s ({(own + children) / count * 1000:.2f} ms per article: main process "
          f"{own:.1f} s, workers {children:.1f} s), {(own + children) / wall:.2f} cores busy")
    for name, seconds, cpu in phases:
        print(f"  {PHASE_NAMES.get(name, name):<28} {seconds:6.2f} s  (main process CPU {cpu:5.2f} s)")
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    print(f"peak resident memory of the largest process: {peak / 1024:,.0f} MiB")


if __name__ == "__main__":
    main()

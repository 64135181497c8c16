"""Throughput and memory of wire-copy detection and story clustering, and their quality on the corpus.

    /tmp/probe-venv/bin/python bench/bench_stories.py [SIZES...]   (default: 1000 10000 100000)

Synthetic corpora are built from the labelled corpus and the seeds: each
report takes a source article's paragraphs (a random 60-100 % of them,
shuffled) plus one paragraph of another article, and replaces 30 % of its
words with words drawn from the whole corpus (so that two reports of one
source read alike but are not copies); about 30 % of reports are
wire copies of an earlier one with small edits (a paragraph dropped, a word
changed, a boilerplate line added), published the same day or the next.
Dates cover ``size / PER_DAY`` days; 2 % are unknown. Each size runs in its
own process so that the peak resident memory (``ru_maxrss``) is its own.
"""

from __future__ import annotations

import multiprocessing
import random
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.config import DedupeSettings, StorySettings  # noqa: E402
from generator.dedupe import find_wire_copies  # noqa: E402
from generator.models import Article  # noqa: E402
from generator.stories import cluster_stories  # noqa: E402
from tests.test_stories import article, corpus_articles, pairwise, seed_articles, with_entities  # noqa: E402

REWORDED = 0.3  # share of words replaced in each report
PER_DAY = 150  # reports per day in the synthetic feed
COPY_SHARE = 0.3
UNDATED_SHARE = 0.02
BOILERPLATE = ("اقرأ أيضا على موقعنا", "تابعونا على شبكات التواصل الاجتماعي", "جميع الحقوق محفوظة")
START = date(2023, 1, 1)


def synthetic(size: int, seed: int = 0) -> list[Article]:
    rng = random.Random(seed)
    sources = [a for a in corpus_articles()[0] + seed_articles() if len(a.body) >= 2]
    vocabulary = sorted({w for a in sources for p in a.body for w in p.split()})
    days = max(1, size // PER_DAY)
    made: list[Article] = []
    for n in range(size):
        if made and rng.random() < COPY_SHARE:
            made.append(_wire_copy(rng.choice(made[-PER_DAY * 3:]), f"x{n:06d}", rng))
            continue
        source, other = rng.choice(sources), rng.choice(sources)
        body = rng.sample(list(source.body), max(1, round(len(source.body) * rng.uniform(0.6, 1.0))))
        body.insert(rng.randrange(len(body) + 1), rng.choice(other.body))
        body = [" ".join(rng.choice(vocabulary) if rng.random() < REWORDED else w for w in p.split()) for p in body]
        day = None if rng.random() < UNDATED_SHARE else (START + timedelta(days=rng.randrange(days))).isoformat()
        made.append(article(f"r{n:06d}", source.title, body, day))
    return made


def _wire_copy(original: Article, aid: str, rng: random.Random) -> Article:
    body = list(original.body)
    if len(body) > 3:
        body.pop(rng.randrange(len(body)))
    k = rng.randrange(len(body))
    words = body[k].split()
    if len(words) > 3:
        words[rng.randrange(len(words))] = rng.choice(("الأممي", "الدولي", "المغربي", "أمس"))
        body[k] = " ".join(words)
    body.append(rng.choice(BOILERPLATE))
    day = original.published
    if day and rng.random() < 0.5:
        day = (date.fromisoformat(day) + timedelta(days=1)).isoformat()
    return article(aid, original.title, body, day)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(size: int, queue) -> None:
    articles = synthetic(size)
    base = _peak_mb()
    start, cpu = time.perf_counter(), time.process_time()
    duplicates = find_wire_copies(articles, DedupeSettings())
    dedupe_s, dedupe_cpu = time.perf_counter() - start, time.process_time() - cpu
    dedupe_peak = _peak_mb()
    start, cpu = time.perf_counter(), time.process_time()
    stories, _ = cluster_stories(articles, duplicates, StorySettings())
    stories_s, stories_cpu = time.perf_counter() - start, time.process_time() - cpu
    queue.put((size, dedupe_s, stories_s, dedupe_cpu, stories_cpu, base, dedupe_peak, _peak_mb(),
               len(duplicates), len(stories)))


def quality() -> None:
    articles, groups = corpus_articles()
    for label, arts in (("without entities", articles), ("with entities", with_entities(articles)[0])):
        duplicates = find_wire_copies(arts, DedupeSettings())
        _, mapping = cluster_stories(arts, duplicates, StorySettings())
        p, r, f = pairwise(mapping, groups)
        print(f"corpus pairwise {label:17s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({len(duplicates)} wire copies)", flush=True)


def main(sizes: list[int]) -> None:
    quality()
    print("throughput in articles per second of wall time (and of process CPU time, in brackets)")
    print(f"{'articles':>9} {'dedupe/s':>16} {'stories/s':>16} {'both/s':>14} "
          f"{'rss base MB':>11} {'after dedupe':>12} {'after stories':>13} {'copies':>7} {'stories':>8}")
    context = multiprocessing.get_context("spawn")
    for size in sizes:
        queue = context.Queue()
        process = context.Process(target=run, args=(size, queue))
        process.start()
        n, dedupe_s, stories_s, dedupe_cpu, stories_cpu, base, after_dedupe, after_stories, copies, stories = \
            queue.get()
        process.join()
        print(f"{n:9d} {n / dedupe_s:7.0f} ({n / dedupe_cpu:6.0f}) {n / stories_s:7.0f} ({n / stories_cpu:6.0f}) "
              f"{n / (dedupe_s + stories_s):6.0f} ({n / (dedupe_cpu + stories_cpu):5.0f}) "
              f"{base:11.0f} {after_dedupe:12.0f} {after_stories:13.0f} {copies:7d} {stories:8d}", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000, 100000])

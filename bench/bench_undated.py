"""Grouping of undated articles at scale: time, peak memory and quality of the story stage (issue 19).

    .venv/bin/python bench/bench_undated.py [SIZES...]   (default: 10000 50000 100000)

Most real articles arrive without a stated day, so the story stage cannot block them by date.
The corpus is the adversarial case: many short reports on one recurring subject (the
MINURSO, the Sahara, the Security Council), every one undated. Each event is one or two
paragraphs of the labelled corpus or the seeds plus what tells it from the others: four
made-up names and a figure. Its reports (one to six, half of the events have one) each reword
30 % of the event's words (drawn from the whole corpus's vocabulary), carry each of its names
with probability 0.7, and open with one of four headlines on the subject. So every report
shares vocabulary with thousands of others, and the events are known.

What is measured: ``cluster_stories`` alone, on prepared inputs: the articles, their wire copies
(``find_wire_copies``, untimed) and their ``Terms`` (a ``TermTable``, as the analysis workers
make them, untimed). Each size runs in a process of its own, so the peak resident memory
(``ru_maxrss``) is its own; it includes the corpus itself ("base"). The stage is timed as the
analysis runs it, with the cyclic collector on. "gc s" shows the CPU time of the full collections
that ran meanwhile: each visits every object alive, the corpus included (1.1 s of 22.9 s at 100k;
a pause around the stage, once in the build, bought less than 20% and was removed, issue 17). Quality is the pairwise
precision and recall of "same story" against the events. The run prints the ratio of the
grouping times, largest size ÷ smallest, in wall time and in the process's CPU time (on a shared
machine the wall time includes waiting for a core), against the target (≤ 12 for 100k ÷ 10k,
and < 2 GB).
"""

from __future__ import annotations

import gc
import heapq
import multiprocessing
import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.config import DedupeSettings, StorySettings  # noqa: E402
from generator.dedupe import find_wire_copies  # noqa: E402
from generator.models import Article  # noqa: E402
from generator import stories  # noqa: E402
from tests.test_stories import article, corpus_articles, seed_articles  # noqa: E402

HEADLINES = ("دورية جديدة لبعثة المينورسو في الصحراء", "بعثة الأمم المتحدة في الصحراء تواصل عملها",
             "مجلس الأمن يناقش تقرير المينورسو حول الصحراء", "المبعوث الشخصي يلتقي أطراف نزاع الصحراء")
REWORDED = 0.3  # share of an event's words replaced in each report
NAMES = 4  # made-up names per event
NAME_SHARE = 0.7  # chance that a report carries each of its event's names
REPORTS = (1, 1, 1, 2, 3, 4, 5, 6)  # reports per event, drawn uniformly (half the events have one)
TARGET_RATIO = 12.0
TARGET_MIB = 2048


def undated_corpus(size: int, seed: int = 0) -> tuple[list[Article], dict[str, int]]:
    """``size`` undated reports and the event of each (article id → event number)."""
    rng = random.Random(seed)
    pool = [p for a in corpus_articles()[0] + seed_articles() for p in a.body if len(p.split()) >= 12]
    vocabulary = sorted({w for p in pool for w in p.split()})
    made: list[Article] = []
    event_of: dict[str, int] = {}
    event = 0
    while len(made) < size:
        paragraphs = rng.sample(pool, rng.randint(1, 2))
        names = [rng.choice(vocabulary) + rng.choice(vocabulary) for _ in range(NAMES)]
        figure = str(rng.randrange(100, 100_000))
        for _ in range(min(rng.choice(REPORTS), size - len(made))):
            body = []
            for paragraph in paragraphs:
                words = [rng.choice(vocabulary) if rng.random() < REWORDED else w for w in paragraph.split()]
                for name in names + [figure]:
                    if rng.random() < NAME_SHARE:
                        words.insert(rng.randrange(len(words) + 1), name)
                body.append(" ".join(words))
            aid = f"u{len(made):06d}"
            made.append(article(aid, f"{rng.choice(HEADLINES)} {names[0]}", body, None))
            event_of[aid] = event
        event += 1
    return made, event_of


def pairwise(story_of: dict[str, str], event_of: dict[str, int]) -> tuple[float, float]:
    """Precision and recall of "same story" over all pairs, from counts (no pair is listed)."""
    def pairs(counts: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())
    both = pairs(Counter((story_of[a], event_of[a]) for a in event_of))
    said, true = pairs(Counter(story_of[a] for a in event_of)), pairs(Counter(event_of.values()))
    return both / said if said else 1.0, both / true if true else 1.0


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(size: int, queue) -> None:
    articles, event_of = undated_corpus(size)
    duplicates = find_wire_copies(articles, DedupeSettings())
    table = stories.TermTable()
    for a in articles:
        table.add(stories.article_terms(a))
    counted: dict[str, int] = {"pairs": 0, "linked": 0, "steps": 0, "component": 0}
    candidates, linkage, link = stories.candidates, stories.average_linkage, stories._link

    def counting_candidates(*args):  # the candidate pairs scored
        found = candidates(*args)
        counted["pairs"] += len(found[0])
        return found

    def counting_linkage(n, first, *args):  # the scored pairs the linkage reads
        counted["linked"] += len(first)
        return linkage(n, first, *args)

    def counting_link(n, *args):  # the largest component linked on its own
        counted["component"] = max(counted["component"], n)
        return link(n, *args)

    def counting_pop(heap):  # linkage steps: pairs taken off a heap
        counted["steps"] += 1
        return heapq.heappop(heap)

    stories.candidates, stories.average_linkage, stories._link = counting_candidates, counting_linkage, counting_link
    stories.heapq = SimpleNamespace(heapify=heapq.heapify, heappush=heapq.heappush, heappop=counting_pop)
    base = _peak_mib()
    collecting = {"seconds": 0.0, "full": 0, "since": 0.0}

    def collector(phase, info):  # CPU time in full (oldest generation) collections during the stage
        if info["generation"] != 2:
            return
        if phase == "start":
            collecting["since"] = time.process_time()
        else:
            collecting["seconds"] += time.process_time() - collecting["since"]
            collecting["full"] += 1
    gc.callbacks.append(collector)
    start, cpu = time.perf_counter(), time.process_time()
    found, story_of = stories.cluster_stories(articles, duplicates, StorySettings(), table)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    gc.callbacks.remove(collector)
    precision, recall = pairwise(story_of, event_of)
    queue.put({"size": size, "seconds": seconds, "cpu": cpu, "gc": collecting["seconds"], "full_gc": collecting["full"], "base_mib": base, "peak_mib": _peak_mib(),
               **counted, "stories": len(found), "joined": sum(len(s.article_ids) > 1 for s in found),
               "largest": max(len(s.article_ids) for s in found), "precision": precision, "recall": recall})


def measure(size: int) -> dict:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=run, args=(size, queue))
    process.start()
    figures = queue.get()
    process.join()
    return figures


def main(sizes: list[int]) -> list[dict]:
    print("story grouping of undated articles (cluster_stories on prepared articles and terms)")
    print(f"{'articles':>9} {'seconds':>8} {'cpu s':>7} {'gc s (n)':>9} {'pairs':>9} {'pairs/art':>9} {'base MiB':>8} "
          f"{'peak MiB':>8} {'linked':>9} {'steps':>8} {'comp.':>5} {'stories':>8} {'joined':>7} {'largest':>7} {'P':>6} {'R':>6}", flush=True)
    results = []
    for size in sizes:
        r = measure(size)
        results.append(r)
        print(f"{r['size']:9d} {r['seconds']:8.1f} {r['cpu']:7.1f} {r['gc']:5.2f} ({r['full_gc']}) {r['pairs']:9d} {r['pairs'] / r['size']:9.1f} "
              f"{r['base_mib']:8.0f} {r['peak_mib']:8.0f} {r['linked']:9d} {r['steps']:8d} {r['component']:5d} {r['stories']:8d} {r['joined']:7d} {r['largest']:7d} "
              f"{r['precision']:6.3f} {r['recall']:6.3f}", flush=True)
    if len(results) >= 2:
        small, large = results[0], results[-1]
        ratio = large["seconds"] / small["seconds"]
        cpu_ratio = large["cpu"] / small["cpu"]
        without_gc = (large["cpu"] - large["gc"]) / (small["cpu"] - small["gc"])
        peak = max(r["peak_mib"] for r in results)
        print(f"time {large['size']:,} ÷ {small['size']:,}: {ratio:.1f} wall, {cpu_ratio:.1f} CPU (size ratio "
              f"{large['size'] / small['size']:.0f}; target ≤ {TARGET_RATIO:.0f}: wall "
              f"{'met' if ratio <= TARGET_RATIO else 'missed'}, CPU {'met' if cpu_ratio <= TARGET_RATIO else 'missed'}); "
              f"largest peak {peak:,.0f} MiB (target < {TARGET_MIB:,}: {'met' if peak < TARGET_MIB else 'missed'}); "
              f"CPU without full collections {without_gc:.1f}")
    return results


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10000, 50000, 100000])

"""What each speed trick of the analysis buys (issue 17, "readable code first").

    python bench/bench_analysis_tricks.py [--size 10000] [--runs 2]

The analysis (``analyze.analyze``, no cache) of a synthetic corpus (bench/synth.py, cached in
bench-out/) is run with the code as it is, then with one trick at a time taken out (the cyclic
collector's pause was measured this way too, +3% CPU at 10k without it, and removed):

- ``records``: the records sent back by the workers pickled as dataclasses normally are, with
  a ``__dict__`` each (``analyze._by_fields`` not registered);

Each variant runs in a child process of its own, ``--runs`` times; the table gives the best CPU
time (the process and its workers), the wall time and the peak resident memory of the main
process. A trick stays only where it buys at least 20% of the stage's time, or memory the
analysis needs to stay under its 2 GB bound at 100k articles.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

VARIANTS = ("as is", "records")


def child(variant: str, corpus: Path) -> None:
    from generator import analyze
    from generator.config import load_config

    if variant == "records":
        analyze._SENT_RECORDS = ()
    config = load_config(ROOT)
    started = time.perf_counter()
    analysis = analyze.analyze(config, [corpus])
    wall = time.perf_counter() - started
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"wall": wall, "cpu": own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime,
                      "rss_mib": own.ru_maxrss / 1024, "articles": len(analysis.articles)}))


def measure(variant: str, corpus: Path) -> dict:
    run = subprocess.run([sys.executable, __file__, "--child", variant, str(corpus)], capture_output=True, text=True)
    if run.returncode:
        raise SystemExit(run.stderr[-3000:])
    return json.loads(run.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--child", nargs=2, metavar=("VARIANT", "CORPUS"))
    args = parser.parse_args()
    if args.child:
        return child(args.child[0], Path(args.child[1]))
    from synth import make_corpus

    corpus = ROOT / "bench-out" / f"corpus-{args.size}"
    if not corpus.is_dir():
        print(f"making {corpus} …", file=sys.stderr, flush=True)
        make_corpus(corpus, args.size)
    results = {}
    for run in range(args.runs):  # interleaved: a change in the machine's load touches every variant
        for variant in VARIANTS:
            found = measure(variant, corpus)
            print(f"run {run + 1}, {variant}: {found}", file=sys.stderr, flush=True)
            best = results.get(variant)
            results[variant] = found if best is None or found["cpu"] < best["cpu"] else best
    load = os.getloadavg()
    print(f"{args.size:,} articles, best of {args.runs}; load average {load[0]:.1f}\n")
    print("| variant | CPU s | vs as is | wall s | peak MiB (main) |\n| --- | --- | --- | --- | --- |")
    base = results["as is"]
    for variant in VARIANTS:
        r = results[variant]
        print(f"| {variant} | {r['cpu']:.1f} | {r['cpu'] / base['cpu'] - 1:+.0%} | {r['wall']:.1f} | {r['rss_mib']:.0f} |")


if __name__ == "__main__":
    main()

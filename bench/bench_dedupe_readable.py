"""Wire-copy detection, hand-rolled or by the library: what each re-implementation buys (issue 17).

    .venv/bin/python bench/bench_dedupe_readable.py [SIZES...] [--rev REV] [--passes N]

SIZES (default 1000 10000) are synthetic corpora of bench/synth.py, cached in
bench-out/corpus-N. The stage is what wire-copy detection costs a build: the
fingerprint of each article (made one article at a time, as in the analysis
workers) plus ``find_wire_copies`` over the corpus (in the main process).

Each piece is timed both ways in CPU seconds of this process (steadier than wall time on a
shared machine; the code is single-threaded), the best of N passes, the ways taking turns:

- fingerprint, hand-rolled: ``fingerprints`` of dedupe.py at REV (default a1954bd,
  the last commit before issue 17's review), numpy signing;
- fingerprint, MinHash: the same shingle hashes given to ``MinHash.update_batch``
  (``hashfunc=int``; a template copied per article, as ``MinHash.bulk`` does);
- fingerprint, all library: each shingle's words as bytes, hashed by MinHash's
  default ``sha1_hash32`` (no shingle hashing of our own);
- grouping, hand-rolled: ``find_wire_copies`` at REV (numpy banding, union-find);
- grouping, MinHashLSH + scipy: insert and query each distinct body in ``MinHashLSH``,
  ``LeanMinHash.jaccard`` on each candidate, scipy's ``connected_components``;
- fingerprint and grouping, now: dedupe.py of the working tree.

It also checks that the ways agree: identical signatures, identical wire groups.
The share printed for a piece is the time it saves as a share of the stage done
without it (the hand-rolled stage plus that saving); issue 17 keeps a re-implementation
only where that share is at least 20 %.
Timings on the shared machine vary by a quarter from run to run.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from generator import dedupe as now  # noqa: E402
from generator.arabic import tokens  # noqa: E402
from generator.config import DedupeSettings  # noqa: E402
from generator.models import Article  # noqa: E402
from tests.test_stories import article  # noqa: E402

HAND_ROLLED_REV = "a1954bd"


def corpus(count: int) -> list[Article]:
    from synth import make_corpus

    folder = REPO / "bench-out" / f"corpus-{count}"
    if not (folder / ".complete").exists():
        make_corpus(folder, count)
        (folder / ".complete").write_text("ok\n")
    articles = []
    for path in sorted(folder.glob("*.txt")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        sidecar = dict(line.split(": ", 1) for line in path.with_suffix(".yml").read_text().splitlines())
        articles.append(article(path.stem, lines[0], lines[1:], sidecar["published"].strip("'")))
    return articles


def module_at(rev: str):
    """generator/dedupe.py as it was at ``rev``, imported beside the working tree's."""
    source = subprocess.run(["git", "-C", str(REPO), "show", f"{rev}:generator/dedupe.py"],
                            check=True, capture_output=True, text=True).stdout
    spec = importlib.util.spec_from_loader(f"generator._dedupe_{rev}", loader=None)
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "generator"
    sys.modules[spec.name] = module
    exec(compile(source, f"{rev}:generator/dedupe.py", "exec"), module.__dict__)
    return module


# ------------------------------------------------------------------ the library ways


def fingerprint_minhash(old, toks: list[str], settings: DedupeSettings, template: MinHash) -> bytes:
    shingles = old._shingle_hashes(old._token_ids(toks, old._TOKEN_IDS), settings.shingle_size)
    minhash = template.copy()
    minhash.update_batch(shingles.tolist())
    return minhash.hashvalues.tobytes()


def fingerprint_all_library(toks: list[str], settings: DedupeSettings, template: MinHash) -> bytes:
    width = min(settings.shingle_size, len(toks))
    minhash = template.copy()
    minhash.update_batch([" ".join(toks[i:i + width]).encode("utf-8") for i in range(len(toks) - width + 1)])
    return minhash.hashvalues.tobytes()


def groups_minhashlsh(articles: list[Article], settings: DedupeSettings, prints: list) -> dict[str, str]:
    ids = sorted(range(len(articles)), key=lambda i: articles[i].id)
    edges: list[tuple[int, int]] = []
    first_with: dict[bytes, int] = {}
    index = MinHashLSH(threshold=settings.threshold, num_perm=settings.num_perm)
    sketches: dict[int, LeanMinHash] = {}
    for row, i in enumerate(ids):
        digest = prints[i].digest
        if not digest:
            continue
        if digest in first_with:
            edges.append((first_with[digest], row))
            continue
        first_with[digest] = row
        sketch = LeanMinHash(seed=now.MINHASH_SEED, scheme="affine32",
                             hashvalues=np.frombuffer(prints[i].signature, dtype=np.uint32))
        edges += [(other, row) for other in index.query(sketch)
                  if sketch.jaccard(sketches[other]) >= settings.threshold]
        index.insert(row, sketch)
        sketches[row] = sketch
    first, second = (np.array(side, dtype=np.int64) for side in zip(*edges)) if edges else ([], [])
    graph = coo_matrix((np.ones(len(first)), (first, second)), shape=(len(ids), len(ids)))
    _, labels = connected_components(graph, directed=False)
    members: dict[int, list[Article]] = {}
    for row, i in enumerate(ids):
        members.setdefault(int(labels[row]), []).append(articles[i])
    copies = {}
    for group in members.values():
        canonical = min(group, key=now.canonical_key)
        copies.update({a.id: canonical.id for a in group if a is not canonical})
    return dict(sorted(copies.items()))


# ------------------------------------------------------------------ timing


def measure(count: int, old, passes: int) -> None:
    settings = DedupeSettings()
    articles = corpus(count)
    bodies = [tokens("\n".join(a.body)) for a in articles]
    int_template = MinHash(num_perm=settings.num_perm, seed=now.MINHASH_SEED, hashfunc=int)
    bytes_template = MinHash(num_perm=settings.num_perm, seed=now.MINHASH_SEED)
    digests = [hashlib.sha1(" ".join(toks).encode("utf-8")).digest() if toks else b"" for toks in bodies]
    ways = {
        "fingerprint, hand-rolled": lambda: [old.fingerprints([toks], settings)[0] for toks in bodies],
        "fingerprint, MinHash": lambda: [fingerprint_minhash(old, toks, settings, int_template) for toks in bodies],
        "fingerprint, all library": lambda: [fingerprint_all_library(toks, settings, bytes_template)
                                             for toks in bodies],
        "fingerprint, now": lambda: [now.fingerprints([toks], settings)[0] for toks in bodies],
    }
    spent = {name: float("inf") for name in ways}
    made = {}
    for _ in range(passes):  # the ways take turns, so that a busy spell slows all of them
        for name, work in ways.items():
            started = time.process_time()
            made[name] = work()
            spent[name] = min(spent[name], time.process_time() - started)
    hand = made["fingerprint, hand-rolled"]
    all_library = [now.Fingerprint(d, s) for d, s in zip(digests, made["fingerprint, all library"])]
    grouping = {
        "grouping, hand-rolled": lambda: old.find_wire_copies(articles, settings, hand),
        "grouping, MinHashLSH + scipy": lambda: groups_minhashlsh(articles, settings, hand),
        "grouping, now": lambda: now.find_wire_copies(articles, settings, made["fingerprint, now"]),
    }
    spent.update({name: float("inf") for name in grouping})
    for _ in range(passes):
        for name, work in grouping.items():
            started = time.process_time()
            made[name] = work()
            spent[name] = min(spent[name], time.process_time() - started)

    stage = spent["fingerprint, hand-rolled"] + spent["grouping, hand-rolled"]
    print(f"\n{count:,} articles ({len(made['grouping, hand-rolled']):,} wire copies), "
          f"CPU seconds, best of {passes}:")
    for name, seconds in spent.items():
        print(f"  {name:30} {seconds:7.3f}")
    print(f"  {'stage, hand-rolled':30} {stage:7.3f}")
    print(f"  {'stage, now':30} {spent['fingerprint, now'] + spent['grouping, now']:7.3f}")
    library = spent["fingerprint, all library"] + spent["grouping, MinHashLSH + scipy"]
    print(f"  {'stage, all library':30} {library:7.3f}")
    for piece, saved in (
            ("numpy signing (vs MinHash.update_batch)",
             spent["fingerprint, MinHash"] - spent["fingerprint, hand-rolled"]),
            ("our shingle hashes (vs sha1 of shingle bytes)",
             spent["fingerprint, all library"] - spent["fingerprint, MinHash"]),
            ("numpy banding (vs MinHashLSH)", spent["grouping, MinHashLSH + scipy"] - spent["grouping, now"]),
            ("union-find (vs scipy connected_components)", spent["grouping, now"] - spent["grouping, hand-rolled"])):
        print(f"  {piece:46} saves {saved:+7.3f} s = {saved / (stage + saved):+6.1%} of the stage without it")
    same_sigs = ([p.signature for p in hand] == made["fingerprint, MinHash"]
                 == [p.signature for p in made["fingerprint, now"]])
    print(f"  identical signatures (hand-rolled, MinHash, now): {same_sigs}")
    same_groups = made["grouping, hand-rolled"] == made["grouping, MinHashLSH + scipy"] == made["grouping, now"]
    print(f"  identical wire groups (hand-rolled, MinHashLSH + scipy, now): {same_groups}")
    by_library = groups_minhashlsh(articles, settings, all_library)
    differ = set(by_library.items()) ^ set(made["grouping, hand-rolled"].items())
    print(f"  all-library signatures: {len(by_library):,} wire copies, {len(differ)} mappings differ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--rev", default=HAND_ROLLED_REV, help="commit whose dedupe.py is the hand-rolled way")
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    old = module_at(args.rev)
    for count in args.sizes:
        measure(count, old, args.passes)


if __name__ == "__main__":
    main()

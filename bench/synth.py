"""Synthetic corpora for the benchmarks, made from the seeds and the development corpus.

    python bench/synth.py OUT_DIR COUNT [--seed N]

Each original article takes a few paragraphs of two real articles, with about a
third of the words replaced by other words of the corpus (so originals are
distinct texts with real Arabic statistics), under a varied title, outlet and
date (a sidecar gives outlet, published date and reference date). About 30% are
wire copies: a recent article's text republished with small edits (a changed
word, a dropped paragraph) under another outlet.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "articles"
SEEDS = REPO / "content" / "articles"
OUTLETS = ["hespress", "alyaoum24", "le360", "hibapress", "alarabiya", "bbc-arabic", "skynews-arabia", "france24"]
WIRE_RATE = 0.3
EDITS = [("قال", "أكد"), ("اليوم", "أمس"), ("الأمم المتحدة", "المنظمة الأممية"), ("المغرب", "المملكة")]


def source_texts() -> list[tuple[str, list[str]]]:
    texts = []
    for path in sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt")):
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        paragraphs = [ln for ln in lines if len(ln.split()) >= 12]
        if len(paragraphs) >= 2:
            texts.append((lines[0], paragraphs))
    return texts


REWRITE_RATE = 0.35  # share of words replaced in an original, so originals are distinct texts


def make_corpus(out: Path, count: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    texts = source_texts()
    vocabulary = sorted({word for _, paragraphs in texts for p in paragraphs for word in p.split()})
    out.mkdir(parents=True, exist_ok=True)
    start = date(2023, 1, 1)
    made: list[tuple[str, list[str], date]] = []
    for n in range(count):
        if made and rng.random() < WIRE_RATE:
            title, paragraphs, day = rng.choice(made[-200:])
            title = f"{title} - {rng.choice(OUTLETS)}"
            paragraphs = wire_copy(paragraphs, rng)
            day = day + timedelta(days=rng.choice((0, 0, 1)))
        else:
            paragraphs = []
            for base_title, base in rng.sample(texts, 2):
                paragraphs += rng.sample(base, min(len(base), rng.randint(2, 4)))
            paragraphs = [rewritten(p, vocabulary, rng) for p in paragraphs]
            title = f"{rewritten(base_title, vocabulary, rng)} ({n})"
            day = start + timedelta(days=rng.randrange(0, 700))
            made.append((title, paragraphs, day))
        stem = f"{n:06d}"
        (out / f"{stem}.txt").write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        (out / f"{stem}.yml").write_text(
            f"outlet: {rng.choice(OUTLETS)}\npublished: '{day.isoformat()}'\nreference_date: '{day.isoformat()}'\n",
            encoding="utf-8")
    return out


def rewritten(text: str, vocabulary: list[str], rng: random.Random) -> str:
    return " ".join(rng.choice(vocabulary) if rng.random() < REWRITE_RATE else w for w in text.split())


def wire_copy(paragraphs: list[str], rng: random.Random) -> list[str]:
    copy = paragraphs[:]
    if len(copy) > 3 and rng.random() < 0.5:
        copy.pop(rng.randrange(len(copy)))
    old, new = rng.choice(EDITS)
    return [p.replace(old, new, 1) for p in copy]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    make_corpus(args.out, args.count, args.seed)
    print(f"wrote {args.count} articles to {args.out}")

"""Cleaning quality: character-level precision and recall of the text kept.

- seeds: the five scraped seed texts through Marsad's cleaner, against the reviewed golden bodies
  (tests/golden/clean); "no cleaning" is the raw text, for scale.
- html: realistic pages built from the seed paragraphs (tests/cleaning_quality.py: menus, teasers,
  related lists, share buttons, newsletter, footer; three layouts), through trafilatura alone and
  through Marsad's whole reading path (trafilatura, then the cleaner).
- corpus (when ../shared/corpus is present): the same pages built around the development corpus texts.

Run: python bench/bench_clean.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.clean import clean  # noqa: E402
from generator.models import RawArticle, Source  # noqa: E402
from generator.read import Unreadable, read_articles, read_html  # noqa: E402
from tests.cleaning_quality import (  # noqa: E402
    LAYOUTS, golden_paragraphs, html_samples, news_page, precision_recall,
)

CORPUS = ROOT.parent / "shared" / "corpus" / "articles"


def seeds() -> dict[str, tuple[float, float]]:
    raws = {Path(r.source.path).stem: r for r in read_articles([ROOT / "content" / "articles"]).articles}
    cleaned, untouched = [], []
    for stem, raw in sorted(raws.items()):
        gold = "\n".join(golden_paragraphs(stem))
        cleaned.append(("\n".join(clean(raw).paragraphs), gold))
        untouched.append((raw.text, gold))
    return {"seeds: no cleaning": precision_recall(untouched), "seeds: Marsad cleaner": precision_recall(cleaned)}


def pages(samples: list[tuple[str, str, list[str]]], label: str) -> dict[str, tuple[float, float]]:
    import trafilatura

    alone, whole = [], []
    failed = 0
    for _, page, gold_paragraphs in samples:
        gold = "\n".join(gold_paragraphs)
        extracted = trafilatura.extract(page, include_comments=False, include_tables=False) or ""
        alone.append((extracted, gold))
        try:
            item = read_html(page)
        except Unreadable:
            failed += 1
            whole.append(("", gold))
            continue
        raw = RawArticle(Source("page.html", "html"), item.text, "utf-8", item.hints)
        whole.append(("\n".join(clean(raw).paragraphs), gold))
    out = {f"{label}: trafilatura": precision_recall(alone), f"{label}: trafilatura + cleaner": precision_recall(whole)}
    if failed:
        print(f"  ({label}: {failed} pages gave no text)")
    return out


def corpus_samples() -> list[tuple[str, str, list[str]]]:
    if not CORPUS.is_dir():
        return []
    samples = []
    for i, path in enumerate(sorted(CORPUS.glob("*.txt"))):
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").split("\n") if ln.strip()]
        if len(lines) < 2:
            continue
        title, paragraphs = lines[0], lines[1:]
        samples.append((path.name, news_page(title, paragraphs, LAYOUTS[i % len(LAYOUTS)]), paragraphs))
    return samples


def main() -> None:
    started = time.perf_counter()
    figures = seeds()
    seed_pages = html_samples()
    figures.update(pages(seed_pages, f"html ({len(seed_pages)} seed pages)"))
    extra = corpus_samples()
    if extra:
        figures.update(pages(extra, f"html ({len(extra)} corpus pages)"))
    else:
        print("  (development corpus not found: corpus pages skipped)")
    width = max(len(k) for k in figures)
    print(f"{'set':<{width}}  precision  recall")
    for name, (precision, recall) in figures.items():
        print(f"{name:<{width}}  {precision:9.3f}  {recall:6.3f}")
    print(f"({time.perf_counter() - started:.1f}s)")


if __name__ == "__main__":
    main()

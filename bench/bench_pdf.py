"""Time and peak memory to render the digest PDF (Arabic edition) of N synthetic articles.

Run: python bench/bench_pdf.py [N ...]   (default: 100 1000)

Articles are built from the seeds' cleaned paragraphs, with varied titles, days,
outlets, quotes and key figures; there are no stories, so every article is its
own section (the largest document for N articles). Each size runs in a fresh
child process, whose CPU time and peak RSS are read with resource.getrusage
(CPU time is the steadier figure on a shared machine).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GENERATED = datetime(2023, 12, 1, tzinfo=timezone.utc)


def synthetic_analysis(count: int):
    from generator.clean import clean
    from generator.models import Analysis, Article, KeyFigure, Quote, Source, TopicMatch
    from generator.read import read_articles

    paragraphs = [p for raw in read_articles([ROOT / "content" / "articles"]).articles
                  for p in clean(raw).paragraphs if len(p) > 80]
    if not paragraphs:
        sys.exit("no seed paragraphs found in content/articles")
    outlets = ("hespress", "le360", "alyaoum24", None)
    articles = []
    for n in range(count):
        body = tuple(paragraphs[(n + k) % len(paragraphs)] for k in range(4))
        words = body[0].split()
        title = f"{' '.join(words[n % 5: n % 5 + 9])} ({n + 1})"
        day = (date(2023, 11, 30) - timedelta(days=n % 90)).isoformat() if n % 17 else None
        quotes = (Quote(" ".join(body[1].split()[:25]), None, "جان بيير لاكروا", ""),) if n % 3 == 0 else ()
        figures = (KeyFigure(str(100 + n), f"{100 + n} من القبعات الزرق"),) if n % 4 == 0 else ()
        articles.append(Article(
            id=f"b{n:05d}", source=Source(f"bench/{n:05d}.txt", "text"), title=title, lead=body[0][:300],
            body=body, content_hash=str(n), url=f"https://example.org/{n}" if n % 2 else None,
            outlet=outlets[n % len(outlets)], published=day, quotes=quotes, figures=figures,
            topics=(TopicMatch("peacekeeping", ("حفظ السلام",)),)))
    articles.sort(key=lambda a: a.published or "", reverse=True)
    return Analysis(articles=tuple(articles))


def child(count: int) -> None:
    import io
    import resource

    from pypdf import PdfReader

    from generator.config import load_config
    from generator.pdf import briefing_documents, render_html, render_pdf

    config = load_config(ROOT)
    analysis = synthetic_analysis(count)
    document = next(d for d in briefing_documents(config, analysis, GENERATED) if d.filename == "digest.ar.pdf")
    before = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = before.ru_utime + before.ru_stime
    started = time.perf_counter()
    html = render_html(document)
    html_seconds = time.perf_counter() - started
    pdf = render_pdf(html)
    seconds = time.perf_counter() - started
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"articles": count, "sections": len(document.sections), "pages": pages,
                      "bytes": len(pdf), "html_seconds": html_seconds, "seconds": seconds,
                      "cpu_seconds": usage.ru_utime + usage.ru_stime - cpu_before,
                      "peak_rss_mib": usage.ru_maxrss / 1024}))


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(int(sys.argv[2]))
        return
    sizes = [int(a) for a in sys.argv[1:]] or [100, 1000]
    print(f"{'articles':>8} {'sections':>8} {'pages':>6} {'PDF KiB':>8} {'HTML s':>7} {'wall s':>7} "
          f"{'CPU s':>7} {'CPU s/page':>10} {'peak RSS MiB':>12}")
    for size in sizes:
        out = subprocess.run([sys.executable, __file__, "--child", str(size)], check=True,
                             capture_output=True, text=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(f"{r['articles']:>8} {r['sections']:>8} {r['pages']:>6} {r['bytes'] / 1024:>8.0f} "
              f"{r['html_seconds']:>7.2f} {r['seconds']:>7.1f} {r['cpu_seconds']:>7.1f} "
              f"{r['cpu_seconds'] / r['pages']:>10.3f} "
              f"{r['peak_rss_mib']:>12.0f}", flush=True)


if __name__ == "__main__":
    main()

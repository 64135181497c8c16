"""The PDF stage of a build: a full build, then the rebuild after one new article, and an unchanged rebuild.

    python bench/bench_pdf.py [--articles 300] [--before COMMIT]
    python bench/bench_pdf.py --child N       # one digest PDF of N articles (used by bench/run.py)

A synthetic corpus of N articles (bench/synth.py, cached in bench-out/) is copied into a
fresh project. Its articles are analysed as the build does (with its cache), then
the PDF stage runs as the build runs it (``briefing_documents`` + ``write_pdfs`` into the
docs folder) and is timed three times: from nothing, after one new article (a wire copy
of the newest article, as bench/run.py adds it) and with nothing changed. Each line says
how many PDFs were rendered. ``--before COMMIT`` runs the same three steps with the
``generator/pdf.py`` and PDF templates of that commit (loaded from git into a temporary
folder), in another project copy, for a before/after table.

``--child N`` keeps the older measure bench/run.py reads: one Arabic digest holding N
synthetic articles of one week (time, pages, peak memory).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench-out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

GENERATED = datetime(2023, 12, 1, tzinfo=timezone.utc)


# ------------------------------------------------------------------ build, rebuild, unchanged


def load_pdf_module(commit: str | None):
    """``generator.pdf``, or the one of ``commit`` with its templates (a module of the package, so its
    relative imports resolve)."""
    if commit is None:
        from generator import pdf

        return pdf
    folder = Path(tempfile.mkdtemp(prefix="marsad-pdf-before-"))
    (folder / "templates" / "pdf").mkdir(parents=True)
    show = lambda path: subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:{path}"], check=True,
                                       capture_output=True).stdout
    (folder / "pdf.py").write_bytes(show("generator/pdf.py"))
    for name in ("briefing.html.j2", "briefing.css"):
        (folder / "templates" / "pdf" / name).write_bytes(show(f"generator/templates/pdf/{name}"))
    spec = importlib.util.spec_from_file_location("generator._pdf_before", folder / "pdf.py")
    module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fresh_project(count: int, name: str) -> Path:
    from run import corpus
    from tests.conftest import copy_project

    target = OUT / f"pdf-project-{count}-{name}"
    shutil.rmtree(target, ignore_errors=True)
    copy_project(target)
    articles = target / "content" / "articles"
    shutil.rmtree(articles)
    shutil.copytree(corpus(count), articles, ignore=shutil.ignore_patterns(".complete"))
    return target


def pdf_stage(pdf, root: Path) -> dict:
    """Analyse the articles as the build does (with its cache; not timed), then time the PDF stage
    as the build runs it: wall time and this process's CPU time (the steadier figure on a shared
    machine: WeasyPrint renders in this process)."""
    from generator.analyze import analyze
    from generator.cache import AnalysisCache
    from generator.config import load_config

    config = load_config(root)
    cache = AnalysisCache.open(config)
    analysis = analyze(config, cache=cache)
    cache.save()
    started, cpu = time.perf_counter(), time.process_time()
    documents = pdf.briefing_documents(config, analysis, GENERATED)
    report = pdf.write_pdfs(documents, config.docs_dir)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    pdfs = sorted(config.docs_dir.glob("*/pdf/*.pdf"))
    return {"seconds": seconds, "cpu_seconds": cpu_seconds, "documents": len(documents),
            "rendered": len(report.written), "copied": len(getattr(report, "copied", ())),
            "unchanged": report.unchanged, "pdf_pages": sum(_pages(p) for p in pdfs)}


def _pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def measure(count: int, commit: str | None) -> list[tuple[str, dict]]:
    from run import add_one_article

    pdf = load_pdf_module(commit)
    root = fresh_project(count, commit or "now")
    rows = [("full build", pdf_stage(pdf, root))]
    added = add_one_article(root)
    rows.append(("after one new article", pdf_stage(pdf, root)))
    rows.append(("nothing changed", pdf_stage(pdf, root)))
    print(f"  ({'commit ' + commit if commit else 'this tree'}; new article: {added})", flush=True)
    return rows


def print_rows(label: str, rows: list[tuple[str, dict]]) -> None:
    for step, r in rows:
        print(f"| {label} | {step} | {r['seconds']:.1f} s | {r['cpu_seconds']:.1f} s | "
              f"{r['rendered']} of {r['documents']}{' (+%d copied)' % r['copied'] if r['copied'] else ''} | "
              f"{r['pdf_pages']} |", flush=True)


# ------------------------------------------------------------------ one digest of N articles (bench/run.py)


def synthetic_analysis(count: int):
    """N articles of one ISO week (2023-W48) with varied titles, outlets, quotes and figures and no
    stories: every article is its own section of that week's digest (its largest case)."""
    from generator.clean import clean
    from generator.models import Analysis, Article, KeyFigure, Quote, Source, TopicMatch
    from generator.read import read_articles

    paragraphs = [p for raw in read_articles([ROOT / "content" / "articles"]).articles
                  for p in clean(raw).paragraphs if len(p) > 80]
    if not paragraphs:
        sys.exit("no seed paragraphs found in content/articles")
    outlets = ("hespress", "le360-ar", "alyaoum24", None)
    articles = []
    for n in range(count):
        body = tuple(paragraphs[(n + k) % len(paragraphs)] for k in range(4))
        words = body[0].split()
        title = f"{' '.join(words[n % 5: n % 5 + 9])} ({n + 1})"
        day = (date(2023, 12, 3) - timedelta(days=n % 7)).isoformat()
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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--before", metavar="COMMIT", help="also measure generator/pdf.py of this commit")
    args = parser.parse_args()
    print(f"PDF stage at {args.articles:,} synthetic articles", flush=True)
    results = [("before", measure(args.articles, args.before))] if args.before else []
    results.append(("after", measure(args.articles, None)))
    print("\n| code | build | PDF stage, wall | PDF stage, CPU | PDFs rendered | PDF pages |")
    print("| --- | --- | --- | --- | --- | --- |")
    for label, rows in results:
        print_rows(label, rows)


if __name__ == "__main__":
    main()

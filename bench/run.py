"""The benchmark suite (`make bench`): scale and speed of analysis, site, search, updates and PDFs.

    python bench/run.py [--out docs/benchmarks.md] [--sizes 1000,10000] [--analysis-sizes 1000,10000,100000]

Corpora come from bench/synth.py (cached in bench-out/). Every measurement runs in a
child process of its own (``run.py --child ...``); its peak memory is the largest
resident set of that child or of any process it waited for (MkDocs, Pagefind, analysis
workers): ``ru_maxrss`` of RUSAGE_SELF and RUSAGE_CHILDREN, so it is the peak of the
largest single process, not the sum over processes running at once.

The baseline, measured in the same run, is a plain mkdocs-material build of the same
generated Markdown (the Arabic edition only): a generated mkdocs.yml with no i18n, no
``nav`` key (Material's default navigation lists every page) and ``plugins: [search]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench-out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

BASELINE_SIZE = 1000
BASELINE_3000 = (196.0, 3.3e9)  # measured before (issue 8): 3,000 pages, seconds and output bytes
TARGETS = {"analysis_rate": 1000, "analysis_peak_mib": 2048, "page_ratio": 1.3, "site_10k_s": 180,
           "search_kib": 300, "update_share": 0.10}


# ------------------------------------------------------------------ children (one measurement each)


def _peak_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def child_analyze(corpus: Path) -> dict:
    from generator.analyze import analyze
    from generator.config import load_config

    config = load_config(ROOT)
    started = time.perf_counter()
    cpu = os.times()
    analysis = analyze(config, [corpus])
    seconds = time.perf_counter() - started
    after = os.times()
    used = (after.user + after.system + after.children_user + after.children_system
            - cpu.user - cpu.system - cpu.children_user - cpu.children_system)
    return {"articles": len(analysis.articles), "skipped": len(analysis.skipped), "stories": len(analysis.stories),
            "seconds": seconds, "cpu_seconds": used, "peak_mib": _peak_mib()}


def child_build(project: Path) -> dict:
    from generator.pipeline import build

    started = time.perf_counter()
    result = build(project)
    seconds = time.perf_counter() - started
    written = result.generated.written
    return {"seconds": seconds, "timings": result.timings, "articles": len(result.generated.analysis.articles),
            "pages_written": len(written.written), "pages_unchanged": written.unchanged,
            "pages_removed": len(written.removed), "html_pages": _count(project / "site", "*.html"),
            "site_bytes": _bytes(project / "site"), "peak_mib": _peak_mib()}


def child_baseline(folder: Path) -> dict:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(folder / "mkdocs.yml")],
                            capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"baseline mkdocs build failed:\n{result.stderr[-2000:]}")
    site = folder / "site"
    index = site / "search" / "search_index.json"
    data = index.read_bytes() if index.exists() else b""
    return {"seconds": seconds, "html_pages": _count(site, "*.html"), "site_bytes": _bytes(site),
            "search_bytes": len(data), "search_gzip_bytes": len(gzip.compress(data, mtime=0)),
            "peak_mib": _peak_mib()}


def child_search(site: Path) -> dict:
    from bench_search import first_query

    return {"languages": first_query(site), "peak_mib": _peak_mib()}


def _count(folder: Path, pattern: str) -> int:
    return sum(1 for _ in folder.rglob(pattern))


def _bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


CHILDREN = {"analyze": child_analyze, "build": child_build, "baseline": child_baseline, "search": child_search}


def measure(kind: str, path: Path) -> dict:
    """Run one measurement in a fresh child process; its last output line is the JSON result."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, __file__, "--child", kind, str(path)], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"{kind} {path} failed:\n{result.stderr[-3000:]}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures.setdefault("wall", time.perf_counter() - started)
    return figures


# ------------------------------------------------------------------ corpora and projects


def corpus(count: int) -> Path:
    from synth import make_corpus

    folder = OUT / f"corpus-{count}"
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        say(f"making a synthetic corpus of {count:,} articles in {folder}")
        make_corpus(folder, count)
        done.write_text("ok\n")
    return folder


def project(count: int) -> Path:
    """A fresh copy of the project (configuration, content, overrides) whose articles are the corpus."""
    from tests.conftest import copy_project

    target = OUT / f"project-{count}"
    shutil.rmtree(target, ignore_errors=True)
    copy_project(target)
    articles = target / "content" / "articles"
    shutil.rmtree(articles)
    shutil.copytree(corpus(count), articles, ignore=shutil.ignore_patterns(".complete"))
    # PDFs are measured on their own (digest PDF row); the site build is MkDocs + Pagefind.
    (target / "marsad.yml").write_text("pdf: false\n", encoding="utf-8")
    return target


def add_one_article(project_dir: Path) -> str:
    """A new article as a desk adds one: the newest story republished by another outlet on the same
    day (a wire copy, the most common arrival). Returns what was added, for the table."""
    import yaml

    articles = project_dir / "content" / "articles"
    newest = max(articles.glob("*.yml"), key=lambda p: (str(yaml.safe_load(p.read_text(encoding="utf-8"))
                                                                ["published"]), p.name))
    day = str(yaml.safe_load(newest.read_text(encoding="utf-8"))["published"])
    lines = newest.with_suffix(".txt").read_text(encoding="utf-8").splitlines()
    (articles / "new-article.txt").write_text(f"{lines[0]} - hespress\n" + "\n".join(lines[1:]) + "\n",
                                              encoding="utf-8")
    (articles / "new-article.yml").write_text(f"outlet: hespress\npublished: '{day}'\nreference_date: '{day}'\n",
                                              encoding="utf-8")
    return f"a wire copy of the newest article ({newest.stem}, {day}) from another outlet"


def baseline_folder(project_dir: Path) -> Path:
    folder = OUT / f"baseline-{project_dir.name}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    docs = project_dir / "build" / "docs" / "ar"
    (folder / "mkdocs.yml").write_text(
        f"site_name: baseline\ndocs_dir: {json.dumps(str(docs))}\nsite_dir: site\n"
        "theme:\n  name: material\n  language: ar\nplugins:\n  - search\n", encoding="utf-8")
    return folder


# ------------------------------------------------------------------ the table


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def mib(n: float) -> str:
    return f"{n:,.0f} MiB"


def secs(n: float) -> str:
    return f"{n:,.1f} s"


def verdict(ok: bool, why: str = "") -> str:
    return "met" if ok else f"**missed**{': ' + why if why else ''}"


def run(args) -> str:
    started = time.perf_counter()
    rows: list[tuple[str, str, str, str]] = []  # figure, Marsad, baseline, target
    notes: list[str] = []

    def flush() -> None:
        args.out.write_text(_table(rows, notes, time.perf_counter() - started, baseline), encoding="utf-8")

    baseline = None
    analysis: dict[int, dict] = {}
    for size in [s for s in args.analysis_sizes if s <= max(args.sizes, default=0)]:
        analysis[size] = _analysis(size)
    analysis_rows(rows, analysis)
    flush()
    _rest(args, rows, notes, analysis, flush, started)
    return _table(rows, notes, time.perf_counter() - started, None)


def _analysis(size: int) -> dict:
    folder = corpus(size)
    say(f"analysis of {size:,} articles")
    figures = measure("analyze", folder)
    say(f"  {figures}")
    return figures


def analysis_rows(rows: list, analysis: dict[int, dict]) -> None:
    for size, r in sorted(analysis.items()):
        rate = r["articles"] / r["seconds"]
        cores = r["cpu_seconds"] / r["seconds"]
        target = "≥ 1,000/s, linear" if size >= 10000 else ""
        if size >= 10000:
            target += f"; {verdict(rate >= TARGETS['analysis_rate'], _analysis_why(r))}"
        rows.append((f"analysis, {size:,} articles: throughput", f"{rate:,.0f} articles/s ({secs(r['seconds'])}, "
                     f"{cores:.1f} cores busy)", "n/a (no MkDocs stage)", target))
        rows.append((f"analysis, {size:,} articles: peak memory", mib(r["peak_mib"]), "n/a",
                     f"< 2 GB; {verdict(r['peak_mib'] < TARGETS['analysis_peak_mib'])}" if size >= 100000 else ""))
    sizes = sorted(analysis)
    if len(sizes) >= 2:
        small, large = analysis[sizes[0]], analysis[sizes[-1]]
        ratio = (large["cpu_seconds"] / large["articles"]) / (small["cpu_seconds"] / small["articles"])
        rows.append((f"analysis: CPU time per article at {sizes[-1]:,} ÷ at {sizes[0]:,}", f"{ratio:.2f}", "n/a",
                     "≈ 1 (linear)"))


def _rest(args, rows: list, notes: list, analysis: dict[int, dict], flush, started: float) -> None:
    builds: dict[int, dict] = {}
    projects: dict[int, Path] = {}
    for size in args.sizes:
        projects[size] = project(size)
        say(f"full site build (both editions), {size:,} articles")
        builds[size] = measure("build", projects[size])
        say(f"  {builds[size]}")
    baseline = None
    if BASELINE_SIZE in projects:
        say(f"baseline: plain mkdocs-material build of the Arabic pages of {BASELINE_SIZE:,} articles")
        baseline = measure("baseline", baseline_folder(projects[BASELINE_SIZE]))
        say(f"  {baseline}")
    for size, r in builds.items():
        base = baseline if size == BASELINE_SIZE else None
        t = r["timings"]
        detail = (f"{secs(r['seconds'])} (generate {t.get('generate', 0):.0f} s, MkDocs {t.get('mkdocs', 0):.0f} s, "
                  f"Pagefind {t.get('search', 0):.0f} s; {r['html_pages']:,} HTML pages)")
        base_text = (f"{secs(base['seconds'])} (one edition, {base['html_pages']:,} pages)" if base
                     else _not_attempted(baseline))
        target = ""
        if size >= 10000:
            target = f"< 3 min; {verdict(r['seconds'] < TARGETS['site_10k_s'], _site_why(r))}"
        rows.append((f"full site build, {size:,} articles: wall time", detail, base_text, target))
        rows.append((f"full site build, {size:,} articles: peak memory", mib(r["peak_mib"]),
                     mib(base["peak_mib"]) if base else "not attempted", ""))
        rows.append((f"site bytes per article, {size:,} articles",
                     f"{r['site_bytes'] / r['articles'] / 1024:,.0f} KiB (both editions, incl. search index)",
                     f"{base['site_bytes'] / r['articles'] / 1024:,.0f} KiB (one edition)" if base else "not attempted",
                     ""))
    if len(builds) >= 2:
        lo, hi = min(builds), max(builds)
        ratio = (builds[hi]["seconds"] / builds[hi]["html_pages"]) / (builds[lo]["seconds"] / builds[lo]["html_pages"])
        base_text = ("grows with the square of the page count: the default navigation is embedded in every "
                     f"page (issue 8: {BASELINE_3000[0]:.0f} s and {BASELINE_3000[1] / 1e9:.1f} GB at 3,000 pages)")
        rows.append((f"site build cost per page, {hi:,} ÷ {lo:,}", f"{ratio:.2f}", base_text,
                     f"≤ 1.3; {verdict(ratio <= TARGETS['page_ratio'])}"))

    flush_with = lambda: args.out.write_text(_table(rows, notes, time.perf_counter() - started, baseline),  # noqa: E731
                                             encoding="utf-8")
    flush_with()
    top = max(builds) if builds else None
    if top is not None:
        say(f"search: bytes of a first query at {top:,} articles (headless Chromium)")
        search = measure("search", projects[top] / "site")
        for prefix, r in search["languages"].items():
            kib = r["bytes"] / 1024
            rows.append((f"search, first query at {top:,} articles ({prefix or 'ar/'}, «{r['query']}»)",
                         f"{kib:,.0f} KiB ({r['bytes'] / 1000:,.0f} KB) transferred in {r['files']} files, "
                         f"{r['stored'] / 1024:,.0f} KiB as stored ({r['results']} results)",
                         (f"{baseline['search_gzip_bytes'] / 1024:,.0f} KiB transferred "
                          f"({baseline['search_bytes'] / 1024:,.0f} KiB stored) at {BASELINE_SIZE:,}: lunr loads "
                          "the whole index (10k not attempted)") if baseline else "not attempted",
                         f"≤ 300 KB; {verdict(r['bytes'] <= TARGETS['search_kib'] * 1000, _search_why(r))}"))

        say(f"incremental update: two articles added to {top:,}")
        from bench_update import add_news  # a wire copy of the newest article and an unrelated one

        added = add_news(projects[top])
        update = measure("build", projects[top])
        share = update["seconds"] / builds[top]["seconds"]
        total_pages = update["pages_written"] + update["pages_unchanged"]
        rows.append((f"update after adding two articles to {top:,} ({added})",
                     f"{secs(update['seconds'])} = {share:.0%} of the full build; {update['pages_written']:,} of "
                     f"{total_pages:,} Markdown pages rewritten",
                     f"{secs(baseline['seconds'])} (full rebuild at {BASELINE_SIZE:,}: MkDocs has no incremental build)"
                     if baseline else "full rebuild",
                     f"< 10% of a full build; {verdict(share < TARGETS['update_share'], _update_why(update))}"))

        flush_with()
    say("digest PDF (bench/bench_pdf.py)")
    pdf = _pdf(args.pdf_size)
    rows.append((f"digest PDF, {pdf['articles']:,} articles ({pdf['pages']} pages)",
                 f"{secs(pdf['seconds'])} ({pdf['peak_rss_mib']:,.0f} MiB peak)", "n/a (MkDocs makes no PDF)", ""))

    flush_with()
    for size in [s for s in args.analysis_sizes if s not in analysis]:
        analysis[size] = _analysis(size)
        rows[:] = [row for row in rows if not row[0].startswith("analysis")]
        analysis_rows(rows, analysis)
        flush_with()


def _analysis_why(r: dict) -> str:
    return f"{r['cpu_seconds'] / r['articles'] * 1000:.1f} ms of CPU per article on 2 cores"


def _site_why(r: dict) -> str:
    t = r["timings"]
    pages = max(1, r["html_pages"])
    return (f"MkDocs {t.get('mkdocs', 0):.0f} s ({t.get('mkdocs', 0) / pages * 1000:.1f} ms a page with one process "
            f"per edition side by side: Python-Markdown and Material's templates), Pagefind {t.get('search', 0):.0f} s "
            f"({t.get('search', 0) / pages * 1000:.1f} ms a page), generate {t.get('generate', 0):.0f} s")


def _update_why(r: dict) -> str:
    t = r["timings"]
    return (f"Pagefind {t.get('search', 0):.0f} s (it has no incremental index: every searchable page is indexed "
            f"again), generate {t.get('generate', 0):.0f} s (only the new article is analysed, but wire copies and "
            "stories are grouped again over the whole corpus, and every page is rendered again to be compared with "
            f"the page on disk), MkDocs {t.get('mkdocs', 0):.0f} s (a copy of the previous site, then `--dirty`, "
            f"which renders only the {r['pages_written']:,} changed pages but still sets up every file of both "
            "editions)")


def _search_why(r: dict) -> str:
    return ("Pagefind's own files come first (the UI, pagefind.js, its worker and the WebAssembly: about 127 KiB "
            "transferred), then the page metadata (a few bytes per indexed page) and the index chunks of the query's "
            "words, which grow with the number of pages")


def _not_attempted(baseline: dict | None) -> str:
    if not baseline:
        return "not attempted"
    per_page = baseline["seconds"] / max(1, baseline["html_pages"])
    # quadratic: ten times the pages costs about a hundred times the time
    return (f"not attempted: quadratic, ≈ {baseline['seconds'] * 100 / 60:,.0f} min extrapolated "
            f"({per_page * 1000:.0f} ms/page at 1k), over the 20-minute budget")


def _pdf(size: int) -> dict:
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "bench_pdf.py"), "--child", str(size)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _table(rows, notes, total: float, baseline) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Measured by `make bench` (`bench/run.py`) on {date.today().isoformat()}: {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, whole run {total / 60:.1f} min, load average at the end "
        f"{os.getloadavg()[0]:.1f} (other jobs shared the machine when above 2). Synthetic corpora from "
        "`bench/synth.py` (paragraphs of the seeds and the development corpus with a third of the words rewritten, varied "
        "titles, outlets and dates, about 30% wire copies). Peak memory is the largest single process (the generator, a worker, "
        "MkDocs or Pagefind). Search bytes are what a reader's browser fetches from `/pagefind/` on opening the "
        "search panel and typing one query, served as static hosts serve files (GitHub Pages, Netlify, nginx with "
        "`gzip on`: text files gzipped; Pagefind's index files come gzipped already); the bytes as stored are "
        "given too.",
        "",
        "Baseline, measured in the same run: a plain mkdocs-material build of the same generated Markdown "
        "(Arabic edition only), default navigation, built-in search (`plugins: [search]`), no i18n. Measured at "
        f"{BASELINE_SIZE:,} articles only: it grows quadratically (3,000 pages took {BASELINE_3000[0]:.0f} s and "
        f"{BASELINE_3000[1] / 1e9:.1f} GB of output), so 10k would take far over the time budget.",
        "",
        "| figure | Marsad | baseline | target |",
        "| --- | --- | --- | --- |",
        *(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows),
        "",
        *notes,
    ]
    return "\n".join(lines).rstrip() + "\n"


def main() -> None:
    if len(sys.argv) > 3 and sys.argv[1] == "--child":
        print(json.dumps(CHILDREN[sys.argv[2]](Path(sys.argv[3]))))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--sizes", default="1000,10000", help="site build sizes")
    parser.add_argument("--analysis-sizes", default="1000,10000,100000")
    parser.add_argument("--pdf-size", type=int, default=300)
    args = parser.parse_args()
    args.sizes = [int(s) for s in args.sizes.split(",") if s]
    args.analysis_sizes = [int(s) for s in args.analysis_sizes.split(",") if s]
    OUT.mkdir(exist_ok=True)
    table = run(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table, encoding="utf-8")
    print(table)
    print(f"written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()

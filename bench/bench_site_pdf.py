"""`make site` with and without PDFs (issue 14): a full `marsad build` from a clean project, twice.

    python bench/bench_site_pdf.py [--sizes 300,1200] [--profile N]

For each size N a synthetic corpus (bench/synth.py, cached in bench-out/ as bench/run.py makes
it) is copied into two fresh projects that differ only in marsad.yml: ``pdf: false`` and
``pdf: true`` (the default). Neither has a build/ or site/ folder, so both analyse every
article, render every page, run MkDocs and Pagefind; the second also renders the PDF
briefings. The code measured is a commit's (``--commit``, default HEAD), taken with ``git
archive`` into bench-out/src-<hash>/, so uncommitted edits in the work tree are not measured;
each build is ``python -m generator.cli --root PROJECT build`` in a child process importing
that snapshot. Printed per build: wall time, CPU time (user + sys of the child and everything
it waited for: analysis workers, MkDocs, Pagefind; RUSAGE_CHILDREN), the PDF stage's wall time
(from the time stamps of the build's own progress lines: "rendered N pages" to "PDF
briefings", which also holds writing the Markdown pages, a fraction of a second) and the ratio
with ÷ without PDFs. Each build's progress lines, time-stamped, are kept beside its project
(bench-out/site-pdf-N-on.log). On a shared machine CPU time is the fair figure; the load
average is printed before and after.

``--profile N`` (after a run at size N, which leaves its projects in bench-out/) profiles the
PDF stage of the ``pdf: true`` project with cProfile, every PDF rendered again, and sums the
time by where it is spent: WeasyPrint (layout, drawing), its helpers (Pango/cffi, tinycss2,
cssselect2, html5lib, fontTools), our code (generator/: documents, Jinja2 HTML), the rest.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench-out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def snapshot(commit: str) -> tuple[str, Path]:
    """The files of ``commit`` (``git archive``, so nobody's uncommitted edits are measured) in
    bench-out/src-<hash>/; the builds import ``generator`` from there (PYTHONPATH)."""
    full = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", commit], check=True,
                          capture_output=True, text=True).stdout.strip()
    folder = OUT / f"src-{full}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", full], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
        (folder / ".complete").write_text("ok\n")
    return full, folder


def fresh_project(source: Path, count: int, pdf: bool) -> Path:
    """A clean project (no build/, no site/) made of the snapshot's parts, as tests/conftest.py's
    copy_project makes one, whose articles are the synthetic corpus."""
    from run import corpus
    from tests.conftest import PROJECT_PARTS

    target = OUT / f"site-pdf-{count}-{'on' if pdf else 'off'}"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif (source / part).exists():
            shutil.copy2(source / part, target / part)
    shutil.rmtree(target / "content" / "articles")
    shutil.copytree(corpus(count), target / "content" / "articles", ignore=shutil.ignore_patterns(".complete"))
    (target / "marsad.yml").write_text(f"pdf: {'true' if pdf else 'false'}\n", encoding="utf-8")
    return target


def timed_build(source: Path, project: Path) -> dict:
    """`marsad build` (the snapshot's) in a child process: wall, CPU of the child and its
    descendants, PDF stage."""
    log = project.with_name(project.name + ".log")
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(source)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    stamped: list[tuple[float, str]] = []
    with subprocess.Popen([sys.executable, "-m", "generator.cli", "--root", str(project), "build"], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, env=env) as child:
        for line in child.stdout:
            stamped.append((time.perf_counter() - started, line.rstrip("\n")))
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    log.write_text("".join(f"{t:8.1f}s  {line}\n" for t, line in stamped)
                   + f"# exit {child.returncode}; {seconds:.1f} s wall, {cpu:.1f} s CPU (RUSAGE_CHILDREN)\n",
                   encoding="utf-8")
    if child.returncode != 0:
        sys.exit(f"marsad build {project} failed (exit {child.returncode}); see {log}")
    pdf_line = next((i for i, (_, line) in enumerate(stamped) if "PDF briefings:" in line), None)
    pages_line = next((i for i, (_, line) in enumerate(stamped) if " pages (" in line and "rendered" in line), None)
    pdf_seconds = stamped[pdf_line][0] - stamped[pages_line][0] if pdf_line and pages_line is not None else None
    return {"seconds": seconds, "cpu_seconds": cpu, "pdf_seconds": pdf_seconds,
            "pdf_summary": stamped[pdf_line][1].split("PDF briefings: ")[-1] if pdf_line else "", "log": log}


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def run(sizes: list[int], commit: str) -> None:
    commit, source = snapshot(commit)
    print(f"`marsad build` from a clean project, with and without PDFs; commit {commit}, "
          f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, load {load()}", flush=True)
    rows = []
    for count in sizes:
        figures = {}
        for pdf in (False, True):
            project = fresh_project(source, count, pdf)
            figures[pdf] = timed_build(source, project)
            f = figures[pdf]
            print(f"  {count:,} articles, pdf: {str(pdf).lower()}: {f['seconds']:.1f} s wall, "
                  f"{f['cpu_seconds']:.1f} s CPU; {f['pdf_summary'] or 'no PDFs'}; load {load()}", flush=True)
        rows.append((count, figures))
    print("\n| articles | without PDFs: wall / CPU | with PDFs: wall / CPU | PDF stage, wall | "
          "ratio with ÷ without: wall / CPU |")
    print("| --- | --- | --- | --- | --- |")
    for count, f in rows:
        off, on = f[False], f[True]
        print(f"| {count:,} | {off['seconds']:.1f} s / {off['cpu_seconds']:.1f} s | "
              f"{on['seconds']:.1f} s / {on['cpu_seconds']:.1f} s | {on['pdf_seconds'] or 0:.1f} s | "
              f"{on['seconds'] / off['seconds']:.2f} / {on['cpu_seconds'] / off['cpu_seconds']:.2f} |")
    print(f"\nload average at the end: {load()}; PDFs: "
          + "; ".join(f"{count:,}: {f[True]['pdf_summary']}" for count, f in rows))


# ------------------------------------------------------------------ where the PDF time goes

GROUPS = (("weasyprint", "WeasyPrint (layout, drawing, its CSS)"),
          ("pango|cffi|pydyf|tinycss2|cssselect2|html5lib|tinyhtml5|fontTools|PIL|_cffi|pyphen",
           "WeasyPrint's helpers (Pango via cffi, pydyf, tinycss2, cssselect2, HTML parser, fontTools)"),
          ("jinja2|markupsafe|babel", "Jinja2 / Babel (our HTML templates)"),
          ("generator", "our code (generator/: documents, HTML, fingerprints)"))


def profile(count: int, commit: str) -> None:
    import cProfile
    import pstats
    import re

    sys.path.insert(0, str(snapshot(commit)[1]))  # the measured commit's generator, not the work tree's

    from generator.analyze import analyze
    from generator.cache import AnalysisCache
    from generator.config import load_config
    from generator.pdf import briefing_documents, render_html, write_pdfs

    project = OUT / f"site-pdf-{count}-on"
    if not (project / "build").is_dir():
        sys.exit(f"{project} has not been built: run bench/bench_site_pdf.py --sizes {count} first")
    config = load_config(project)
    analysis = analyze(config, cache=AnalysisCache.open(config))
    for pdf in config.docs_dir.glob("*/pdf"):
        shutil.rmtree(pdf)  # every PDF rendered again
    profiler = cProfile.Profile()
    cpu, started = time.process_time(), time.perf_counter()
    profiler.enable()
    documents = briefing_documents(config, analysis)
    report = write_pdfs(documents, config.docs_dir)
    profiler.disable()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    stats = pstats.Stats(profiler)
    out = OUT / f"site-pdf-{count}.prof"
    stats.dump_stats(out)
    # Own time (tottime) of every function, summed by the package its file belongs to.
    patterns = [(re.compile(rf"[/\\]({p})[/\\._]", re.I), label) for p, label in GROUPS]
    sums: dict[str, float] = {}
    for (path, _, _), (_, _, tottime, _, _) in stats.stats.items():
        label = next((lbl for rx, lbl in patterns if rx.search(path)), "other (Python, C built-ins)")
        sums[label] = sums.get(label, 0.0) + tottime
    total = sum(sums.values())
    print(f"PDF stage of {count:,} articles under cProfile: {seconds:.1f} s wall, {cpu:.1f} s CPU, "
          f"{len(documents)} documents, {report.summary()}; profile in {out}")
    for label, value in sorted(sums.items(), key=lambda kv: -kv[1]):
        print(f"  {value:7.1f} s  {value / total:5.1%}  {label}")
    html_started = time.perf_counter()
    pages = sum(len(render_html(d)) for d in documents)
    print(f"  our HTML alone (render_html of the {len(documents)} documents, unprofiled): "
          f"{time.perf_counter() - html_started:.1f} s, {pages / 1e6:.1f} MB of HTML")
    print("\nTop 15 by cumulative time:")
    stats.sort_stats("cumulative").print_stats(15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,1200", help="article counts, comma-separated")
    parser.add_argument("--commit", default="HEAD", help="the commit measured (default HEAD)")
    parser.add_argument("--profile", type=int, metavar="N", help="profile the PDF stage of the size-N project")
    args = parser.parse_args()
    if args.profile:
        profile(args.profile, args.commit)
    else:
        run([int(n) for n in args.sizes.split(",")], args.commit)


if __name__ == "__main__":
    main()

"""The daily update against the full build (issue 17), end to end, PDFs included.

    python bench/bench_update.py [--size 1000] [--commit HEAD]

A fresh project of N synthetic articles (bench/synth.py, cached in bench-out/) is built in full
(``marsad build``: both editions, search, PDFs), then two articles arrive: a wire copy of the
newest article from another outlet, and a new article on an unrelated subject the same day.
The update is the next ``marsad build``. Each build runs in a child process of its own; the
table gives wall time, the stages' times, and how many Markdown pages were rendered and written
(rendered: fingerprints.py found one of their inputs changed). Prints the figures as Markdown.
The code and project files measured are those of ``--commit`` (``git archive``, bench_site_pdf.py's
snapshot): an edit to generator/ between the two builds would change every page's fingerprint.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if "--child" not in sys.argv:  # a child imports generator from the snapshot (PYTHONPATH), not the work tree
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))

UNRELATED = ("افتتاح معرض الكتاب في الدار البيضاء\n\n"
             "افتتح اليوم معرض الكتاب السنوي في الدار البيضاء بمشاركة مئات الناشرين من بلدان عربية وأوروبية، "
             "ويستمر المعرض عشرة أيام تعرض فيها آلاف العناوين الجديدة في الأدب والتاريخ والعلوم.\n\n"
             "وقال المنظمون إن دورة هذا العام تخصص جناحا لكتب الأطفال وتستضيف ندوات يومية مع كتاب ومترجمين.\n")


def child(project: Path) -> None:
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() not in (ROOT, ROOT / "bench")]
    from generator import fingerprints
    from generator.pipeline import build

    counts = {}
    real = fingerprints.render_changed

    def counting(config, analysis):
        rendering = real(config, analysis)
        counts.update(rendered=len([p for p in rendering.pages if p.path.endswith(".md")]), kept=len(rendering.kept))
        return rendering

    fingerprints.render_changed = counting
    started = time.perf_counter()
    result = build(project)
    written = result.generated.written
    print(json.dumps({"source": fingerprints.__file__, "seconds": time.perf_counter() - started, "timings": result.timings,
                      "articles": len(result.generated.analysis.articles), **counts,
                      "written": len(written.written), "unchanged": written.unchanged}))


def measure(source: Path, project: Path) -> dict:
    """The build's figures, with the CPU time of its process and everything it ran (workers, MkDocs,
    Pagefind): on a shared machine, CPU time says more than wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = subprocess.run([sys.executable, __file__, "--child", str(project)], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(source)})
    if run.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{run.stderr[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return {**json.loads(run.stdout.strip().splitlines()[-1]), "cpu": cpu}


def fresh_project(source: Path, size: int) -> Path:
    """The snapshot's project parts with the synthetic corpus as articles, PDFs on."""
    from bench_site_pdf import fresh_project as pdf_project

    target = ROOT / "bench-out" / f"update-project-{size}"
    shutil.rmtree(target, ignore_errors=True)
    os.replace(pdf_project(source, size, pdf=True), target)
    return target


def add_news(project: Path) -> str:
    from run import add_one_article

    added = add_one_article(project)
    day = (project / "content" / "articles" / "new-article.yml").read_text(encoding="utf-8").split("published: ")[1]
    articles = project / "content" / "articles"
    (articles / "new-unrelated.txt").write_text(UNRELATED, encoding="utf-8")
    (articles / "new-unrelated.yml").write_text(f"outlet: hespress\npublished: {day.splitlines()[0]}\n",
                                                encoding="utf-8")
    return f"{added}, and one unrelated article the same day"


def row(label: str, r: dict) -> str:
    t = r["timings"]
    return (f"| {label} | {r['seconds']:.1f} s | {r['cpu']:.1f} s | generate {t.get('generate', 0):.1f} s, MkDocs {t.get('mkdocs', 0):.1f} s,"
            f" Pagefind {t.get('search', 0):.1f} s | {r.get('rendered', '?')} rendered, {r.get('kept', '?')} kept;"
            f" {r['written']} written |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--commit", default="HEAD", help="the code measured (a snapshot of it)")
    parser.add_argument("--child", type=Path)
    args = parser.parse_args()
    if args.child:
        return child(args.child)
    from bench_site_pdf import snapshot

    commit, source = snapshot(args.commit)
    project = fresh_project(source, args.size)
    print(f"commit {commit}: full build of {args.size:,} articles …", file=sys.stderr, flush=True)
    full = measure(source, project)
    added = add_news(project)
    print(f"update: {added} …", file=sys.stderr, flush=True)
    update = measure(source, project)
    load = os.getloadavg()
    print(f"commit {commit}, {args.size:,} articles; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}; update: {added}\n")
    print("| build | wall | CPU | stages (wall) | Markdown pages |\n| --- | --- | --- | --- | --- |")
    print(row("full (PDFs included)", full))
    print(row("update after two new articles", update))
    print(f"\nupdate = {update['seconds'] / full['seconds']:.0%} of the full build in wall time,"
          f" {update['cpu'] / full['cpu']:.0%} in CPU time")


if __name__ == "__main__":
    main()

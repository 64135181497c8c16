"""The build, as one readable list of stages.

    config → analysis (read, clean, describe, classify, group) → pages → docs folder
           → MkDocs site in a temporary folder → search index → swapped into place

MkDocs is run as a command, not imported: the generator only writes Markdown,
so another renderer can take MkDocs' place.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .analyze import analyze
from .config import Config, load_config
from .models import Analysis
from .render import render_pages
from .search import SearchIndexError, index_search
from .write import WriteReport, copy_tree_atomically, write_site_sources

Say = Callable[[str], None]


class BuildError(Exception):
    """A build stage failed; the previous site is left as it was."""


@dataclass
class GenerateResult:
    config: Config
    analysis: Analysis
    written: WriteReport
    seconds: float = 0.0

    def summary(self) -> str:
        a = self.analysis
        return (f"{len(a.articles)} articles, {len(a.stories)} stories, {len(a.skipped)} skipped; "
                f"{len(self.written.written)} pages written, {self.written.unchanged} unchanged, "
                f"{len(self.written.removed)} removed ({self.seconds:.1f}s)")


@dataclass
class BuildResult:
    generated: GenerateResult
    site_dir: Path
    timings: dict[str, float] = field(default_factory=dict)


def generate(root: Path | str = ".", say: Say | None = None) -> GenerateResult:
    """Analyse the articles and write the Markdown pages of every language."""
    started = time.perf_counter()
    say = say or (lambda message: None)
    config = load_config(root)
    analysis = analyze(config, progress=_progress(say))
    pages = render_pages(config, analysis)
    say(f"rendered {len(pages)} pages")
    written = write_site_sources(pages, config.docs_dir, config.pages_dir, config.settings.languages)
    if config.settings.pdf:
        from .pdf import briefing_documents, write_pdfs

        say(f"PDF briefings: {write_pdfs(briefing_documents(config, analysis), config.docs_dir, say=say).summary()}")
    return GenerateResult(config, analysis, written, time.perf_counter() - started)


def build(root: Path | str = ".", say: Say | None = None, strict: bool = False) -> BuildResult:
    """Generate, render the site with MkDocs into a temporary folder, index it, swap it in."""
    say = say or (lambda message: None)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    generated = generate(root, say)
    timings["generate"] = time.perf_counter() - started
    config = generated.config
    if strict and generated.analysis.skipped:
        raise BuildError(f"--strict: {len(generated.analysis.skipped)} article file(s) skipped")
    site_dir = config.site_dir
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    try:
        step = time.perf_counter()
        say("rendering the site with MkDocs")
        run_mkdocs(config, staging)
        timings["mkdocs"] = time.perf_counter() - step
        step = time.perf_counter()
        say("indexing the site for search (Pagefind)")
        try:
            say(f"search index: {index_search(staging)}")
        except SearchIndexError as error:
            raise BuildError(str(error)) from error
        timings["search"] = time.perf_counter() - step
        copy_tree_atomically(staging, site_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    timings["total"] = time.perf_counter() - started
    return BuildResult(generated, site_dir, timings)


def run_mkdocs(config: Config, site_dir: Path) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config.root / "mkdocs.yml"),
               "-d", str(site_dir)]
    env = {**os.environ, "MARSAD_GENERATED": "1"}
    result = subprocess.run(command, cwd=config.root, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BuildError(f"mkdocs build failed:\n{result.stderr.strip() or result.stdout.strip()}")


def _progress(say: Say) -> Callable[[str, int, int], None]:
    def report(stage: str, done: int, total: int) -> None:
        if total >= 500 or done == total:
            say(f"{stage}: {done}/{total}")

    return report

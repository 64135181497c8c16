"""The build, as one readable list of stages.

    config → analysis (read, clean, describe, classify, group) → pages → docs folder
           → MkDocs site in a temporary folder → search index → swapped into place

MkDocs is run as a command, not imported: the generator only writes Markdown,
so another renderer can take MkDocs' place.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .analyze import analyze
from .cache import AnalysisCache
import jinja2
import jinja2.meta

from . import incremental, render
from .config import Config, ConfigError, load_config
from .models import Analysis
from .render import render_pages
from .search import SearchIndexError, index_search
from .write import WriteReport, copy_tree_atomically, recover_interrupted_swap, write_site_sources

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


def generate(root: Path | str = ".", say: Say | None = None, pdf: bool | None = None) -> GenerateResult:
    """Analyse the articles and write the Markdown pages (and, unless ``pdf`` is False, the PDFs)."""
    started = time.perf_counter()
    say = say or (lambda message: None)
    config = load_config(root)
    check_templates(config.settings.languages)
    cache = AnalysisCache.open(config)
    analysis = analyze(config, progress=_progress(say), cache=cache)
    try:
        pages = render_pages(config, analysis)
    except jinja2.TemplateNotFound as error:
        raise ConfigError([f"{render.TEMPLATES / error.name}: template not found"]) from None
    say(f"rendered {len(pages)} pages")
    written = write_site_sources(pages, config.docs_dir, config.pages_dir, config.settings.languages)
    cache.save()
    if config.settings.pdf if pdf is None else pdf:
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
        skipped = "".join(f"\n  {s.path}: {s.reason}" for s in generated.analysis.skipped)
        raise BuildError(f"--strict: {len(generated.analysis.skipped)} article file(s) skipped:{skipped}")
    site_dir = config.site_dir
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(config.docs_dir / ".marsad-build.lock", say):
        recover_interrupted_swap(site_dir, STAGING_PREFIX)
        _render_site(config, site_dir, timings, say, removed=generated.written.removed)
    timings["total"] = time.perf_counter() - started
    return BuildResult(generated, site_dir, timings)


STAGING_PREFIX = ".building-"


def _render_site(config: Config, site_dir: Path, timings: dict[str, float], say: Say,
                 removed: list[str] = ()) -> None:
    """MkDocs and Pagefind into a staging folder beside ``site_dir``, swapped in only when complete.

    When the previous site was rendered with the same theme and MkDocs configuration, the staging
    folder starts as a copy of it and MkDocs re-renders only the pages whose Markdown changed
    (``--dirty``: the writer leaves unchanged pages untouched, so their files stay older).
    """
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}{STAGING_PREFIX}", dir=site_dir.parent))
    signature = incremental.site_signature(config)
    dirty = site_dir.is_dir() and incremental.stored_signature(config) == signature
    try:
        step = time.perf_counter()
        if dirty:
            say("updating the site with MkDocs (only changed pages)")
            incremental.seed_from_previous(site_dir, staging, removed, config.settings.languages[0])
            incremental.touch_navigation_pages(config)
        else:
            say("rendering the site with MkDocs")
        run_mkdocs(config, staging, dirty=dirty)
        timings["mkdocs"] = time.perf_counter() - step
        step = time.perf_counter()
        say("indexing the site for search (Pagefind)")
        try:
            say(f"search index: {index_search(staging)}")
        except SearchIndexError as error:
            raise BuildError(str(error)) from error
        timings["search"] = time.perf_counter() - step
        incremental.store_signature(config, None)  # an interrupted swap forces the next build to be full
        copy_tree_atomically(staging, site_dir)
        incremental.store_signature(config, signature)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def _exclusive(lock_path: Path, say: Say) -> Iterator[None]:
    """One build at a time per project; the lock dies with its process, so a killed build never blocks."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say("waiting for another build of this project to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def check_templates(languages: tuple[str, ...]) -> None:
    """Every page template compiles and every template it imports exists, before anything is read or written."""
    env = render.make_environment(languages[0])
    problems = []
    for path in sorted(render.TEMPLATES.glob("*.j2")):
        try:
            env.get_template(path.name)
            source = path.read_text(encoding="utf-8")
            for name in jinja2.meta.find_referenced_templates(env.parse(source)):
                if name and not (render.TEMPLATES / name).is_file():
                    problems.append(f"{path}: imports {name}, which does not exist")
        except jinja2.TemplateSyntaxError as error:
            problems.append(f"{path}:{error.lineno}: template syntax error: {error.message}")
    if problems:
        raise ConfigError(problems)


def run_mkdocs(config: Config, site_dir: Path, dirty: bool = False) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config.root / "mkdocs.yml"),
               "-d", str(site_dir), *(["--dirty"] if dirty else [])]
    env = {**os.environ, "MARSAD_GENERATED": "1"}
    result = subprocess.run(command, cwd=config.root, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BuildError(f"mkdocs build failed:\n{result.stderr.strip() or result.stdout.strip()}")


def _progress(say: Say) -> Callable[[str, int, int], None]:
    def report(stage: str, done: int, total: int) -> None:
        if total >= 500 or done == total:
            say(f"{stage}: {done}/{total}")

    return report

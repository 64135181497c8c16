"""The build, as one readable list of stages.

    config → analysis (read, clean, describe, classify, group) → pages → docs folder
           → MkDocs site in a temporary folder (one MkDocs process per language, side by side)
           → search index → swapped into place

MkDocs is run as a command, not imported: the generator only writes Markdown,
so another renderer can take MkDocs' place.
"""

from __future__ import annotations

import fcntl
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .analyze import analyze
from .cache import AnalysisCache
import jinja2
import jinja2.meta

from . import checkpoints, fingerprints, incremental, render
from .config import Config, ConfigError, load_config
from .models import Analysis
from .search import SearchIndexError, archive_periods, index_search
from .write import WriteReport, copy_tree_atomically, move_tree, recover_interrupted_swap, write_site_sources

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
    say = say or (lambda message: None)
    config = load_config(root)
    with build_lock(config, say):
        return _generate(config, say, pdf)


def _generate(config: Config, say: Say, pdf: bool | None) -> GenerateResult:
    started = time.perf_counter()
    check_templates(config.settings.languages)
    cache = AnalysisCache.open(config)
    analysis = analyze(config, progress=_progress(say), cache=cache)
    checkpoints.reached("analysed")
    try:
        rendering = fingerprints.render_changed(config, analysis)  # only pages whose inputs changed
    except jinja2.TemplateNotFound as error:
        raise ConfigError([f"{render.TEMPLATES / error.name}: template not found"]) from None
    say(f"rendered {len(rendering.pages)} pages ({len(rendering.kept)} kept: their inputs did not change)")
    written = write_site_sources(rendering.pages, config.docs_dir, config.pages_dir, config.settings.languages,
                                 kept=rendering.kept)
    checkpoints.reached("pages-written")
    rendering.save()
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
    config = load_config(root)
    with build_lock(config, say):
        generated = _generate(config, say, None)
        timings["generate"] = time.perf_counter() - started
        if strict and generated.analysis.skipped:
            skipped = "".join(f"\n  {s.path}: {s.reason}" for s in generated.analysis.skipped)
            raise BuildError(f"--strict: {len(generated.analysis.skipped)} article file(s) skipped:{skipped}")
        site_dir = config.site_dir
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        recover_interrupted_swap(site_dir, STAGING_PREFIX)
        _render_site(config, site_dir, timings, say, removed=generated.written.removed,
                     periods=archive_periods(generated.analysis) if config.settings.search_archive == "year" else {})
    timings["total"] = time.perf_counter() - started
    return BuildResult(generated, site_dir, timings)


STAGING_PREFIX = ".building-"


def _render_site(config: Config, site_dir: Path, timings: dict[str, float], say: Say,
                 removed: list[str] = (), periods: dict[str, str] | None = None) -> None:
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
        checkpoints.reached("site-rendered")
        step = time.perf_counter()
        say("indexing the site for search (Pagefind)")
        try:
            indexed = index_search(staging, editions=config.settings.languages[1:], periods=periods,
                                   previous=site_dir / "pagefind" if site_dir.is_dir() else None)
            say(f"search index: {indexed}")
        except SearchIndexError as error:
            raise BuildError(str(error)) from error
        timings["search"] = time.perf_counter() - step
        checkpoints.reached("search-indexed")
        incremental.store_signature(config, None)  # an interrupted swap forces the next build to be full
        copy_tree_atomically(staging, site_dir)
        incremental.store_signature(config, signature)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


LOCK_NAME = ".marsad-build.lock"


@contextmanager
def build_lock(config: Config, say: Say) -> Iterator[None]:
    """One generate or build at a time per project, from the first page written to the site swapped in.

    The lock (an ``flock`` on a file in the docs folder) dies with its process, so a killed build
    never blocks the next; a second build waits and says so.
    """
    lock_path = config.docs_dir / LOCK_NAME
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
    """Render the site with one ``mkdocs build`` per language edition, all running at once.

    The first language builds into ``site_dir``, its root; every other language into a folder
    of its own beside it (holding its previous ``<code>/`` pages for ``--dirty``), merged into
    ``site_dir`` once every edition succeeded. MARSAD_EDITION tells the hook which language
    a process builds.
    """
    first, *others = config.settings.languages
    outputs = {first: site_dir}
    try:
        for code in others:
            outputs[code] = Path(tempfile.mkdtemp(prefix=f"{site_dir.name}-{code}-", dir=site_dir.parent))
            if (site_dir / code).is_dir():
                os.replace(site_dir / code, outputs[code] / code)
        _run_editions(config, outputs, dirty)
        for code in others:
            _merge_edition(outputs[code], site_dir)
    finally:
        for code in others:
            shutil.rmtree(outputs[code], ignore_errors=True)


_MKDOCS_ENV = {"MARSAD_GENERATED": "1", "NO_MKDOCS_2_WARNING": "1"}  # the generator has run; no banner in errors


def _run_editions(config: Config, outputs: dict[str, Path], dirty: bool) -> None:
    """Run the editions side by side; the first failure stops the others and names its edition."""
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config.root / "mkdocs.yml"),
               *(["--dirty"] if dirty else [])]
    processes = {code: subprocess.Popen([*command, "-d", str(folder)], cwd=config.root, text=True,
                                        env={**os.environ, **_MKDOCS_ENV, "MARSAD_EDITION": code},
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for code, folder in outputs.items()}
    stopped: set[str] = set()
    failures = []
    with ThreadPoolExecutor(len(processes)) as pool:
        waits = {pool.submit(process.communicate): code for code, process in processes.items()}
        try:
            for done in as_completed(waits):
                code = waits[done]
                stdout, stderr = done.result()
                if processes[code].returncode == 0 or code in stopped:
                    continue
                failures.append(f"mkdocs build of the {code!r} edition failed:\n{stderr.strip() or stdout.strip()}")
                stopped |= _stop(processes)
        finally:
            _stop(processes)
    if failures:
        raise BuildError("\n".join(failures))


def _stop(processes: dict[str, subprocess.Popen]) -> set[str]:
    running = {code for code, process in processes.items() if process.poll() is None}
    for code in running:
        processes[code].kill()
    return running


def _merge_edition(edition: Path, site_dir: Path) -> None:
    """Move an edition's files into the site; of the files every edition writes at the root (theme
    assets, the same in each) the later edition's stays, and sitemap.xml lists every edition. The
    root 404.html is the first language's: the hook writes the others' into their own folders."""
    _join_sitemaps(site_dir, edition)
    move_tree(edition, site_dir)


def _join_sitemaps(site_dir: Path, edition: Path) -> None:
    """Write into ``edition`` the sitemap (and its .gz) of the site's pages followed by the edition's."""
    site_map, edition_map = site_dir / "sitemap.xml", edition / "sitemap.xml"
    if not (site_map.is_file() and edition_map.is_file()):
        return
    first, later = site_map.read_text(encoding="utf-8"), edition_map.read_text(encoding="utf-8")
    end, opening = first.rfind("</urlset>"), later.find("<urlset")
    if end < 0 or opening < 0:
        return
    joined = first[:end] + later[later.index(">", opening) + 1:].lstrip("\n")
    edition_map.write_text(joined, encoding="utf-8")
    packed = edition_map.with_name("sitemap.xml.gz")
    if packed.is_file():
        with gzip.open(packed) as reader:
            reader.read()
            mtime = reader.mtime
        with packed.open("wb") as handle, gzip.GzipFile(fileobj=handle, filename=str(packed), mode="wb",
                                                        mtime=mtime) as writer:
            writer.write(joined.encode("utf-8"))


def _progress(say: Say) -> Callable[[str, int, int], None]:
    def report(stage: str, done: int, total: int) -> None:
        if total >= 500 or done == total:
            say(f"{stage}: {done}/{total}")

    return report

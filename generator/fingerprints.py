"""Render only what changed: each page remembers the inputs it read, and is rendered again only
when one of them changed.

A page's inputs are
  - what ``Renderer.specs`` hands its template (the spec's context: articles, stories, the pager…),
  - every record the template reads from the site graph while it renders, recorded as it reads
    (``recording``: ``graph.articles[id]``, ``graph.reports(story)``, ``graph.analysis.articles``,
    the outlet lens's ``lens.diffs[id]`` …), and
  - what every page reads: the templates, catalogs and generator code, the configuration files
    and settings, the language (``global_fingerprint``).
Each input is kept as a digest of its record's content (``Digester``: dataclass fields, lists,
dicts in order, sets sorted). A story's digest includes its reports, since a story's headline in
English is made from them. An input the recorder cannot name again in the next build (an
argument of an unknown kind) makes its page render every time: unknown beats wrong.

The next build recomputes the digests of the inputs a page read last time, from the new graph;
when the context and every input are the same and the page is still on disk as written, the page
is not rendered (``write_site_sources(kept=…)`` leaves it as it is). Fingerprints live in the
build cache (``build/cache/pages.pickle``), never in ``content/``.
``MARSAD_CHECK_FINGERPRINTS=1`` renders the skipped pages too and fails when one differs from the
page on disk: the tests run with it.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import hashlib
import os
import pickle
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import lens, render
from .cache import digest_files
from .config import Config
from .graph import SiteGraph
from .models import Analysis, Article, Page, Story
from .render import PageSpec, Renderer

FORMAT = 2
PACKAGE = Path(__file__).resolve().parent
CHECK_ENV = "MARSAD_CHECK_FINGERPRINTS"

Read = tuple  # ("value", root, path) | ("item" | "has", root, path, key) | ("call", root, path, args)


class Untrackable(Exception):
    """A read the next build could not repeat: its page is rendered every time."""


# --- digests of records ----------------------------------------------------------------------

class Digester:
    """Content digests of records, each object digested once per build."""

    def __init__(self, graph: SiteGraph):
        self.graph = graph
        self.memo: dict[int, tuple[object, str]] = {}

    def digest(self, obj) -> str:
        hit = self.memo.get(id(obj))
        if hit is not None and hit[0] is obj:
            return hit[1]
        h = hashlib.blake2b(digest_size=16)
        self._feed(h, obj)
        value = h.hexdigest()
        self.memo[id(obj)] = (obj, value)
        return value

    def _feed(self, h, obj) -> None:
        if obj is None or isinstance(obj, (bool, int, float)):
            h.update(f"{type(obj).__name__}:{obj!r};".encode())
        elif isinstance(obj, str):
            data = obj.encode("utf-8", "surrogatepass")
            h.update(b"s%d:" % len(data) + data)
        elif isinstance(obj, enum.Enum):
            h.update(f"enum:{type(obj).__name__}.{obj.name};".encode())
        elif isinstance(obj, (datetime.date, datetime.datetime)):
            h.update(f"date:{obj.isoformat()};".encode())
        elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            h.update(f"{type(obj).__qualname__}(".encode())
            for f in dataclasses.fields(obj):
                h.update(f"{f.name}=".encode() + self.digest(getattr(obj, f.name)).encode())
            if isinstance(obj, Story):  # its English headline is made from its reports
                h.update(b"reports=" + self.digest(tuple(self.graph.reports(obj))).encode())
            h.update(b")")
        elif isinstance(obj, (list, tuple)):
            h.update(b"[%d" % len(obj))
            for item in obj:
                h.update(self.digest(item).encode())
            h.update(b"]")
        elif isinstance(obj, dict):
            h.update(b"{%d" % len(obj))
            for key, value in obj.items():
                h.update(self.digest(key).encode() + b":" + self.digest(value).encode())
            h.update(b"}")
        elif isinstance(obj, (set, frozenset)):
            h.update(b"set" + "".join(sorted(self.digest(item) for item in obj)).encode())
        elif isinstance(obj, SiteGraph):
            h.update(b"graph")  # a template argument; what is read from it is recorded
        else:
            raise Untrackable(f"no digest for {type(obj).__qualname__}")


# --- recording what a template reads ---------------------------------------------------------
#
# While a process renders pages, its site graph's class is ``_RecordingGraph``: the same object
# (caches keyed on the graph, such as english.edition and lens.lens_of, still find it), whose
# attribute reads are noted in the current page's ``Reads``. The lens index it keeps is a
# recording view of itself for that time.

_DESCEND = (Analysis, lens.LensIndex)  # objects whose attributes are recorded one by one
_WHOLE = ("config",)  # part of the global fingerprint


class Reads:
    """What one page's template read: ("value", root, path) | ("item", root, path, key) |
    ("has", root, path, key) (``key in mapping``: its presence, not its record) |
    ("call", root, path, args)."""

    def __init__(self):
        self.reads: set[Read] = set()
        self.untrackable = False

    def note(self, read: Read) -> None:
        self.reads.add(read)

    def wrap(self, root: str, path: tuple, value):
        if isinstance(value, _DESCEND):
            return _Proxy(self, root, path, value)
        if isinstance(value, dict):
            return _DictProxy(self, root, path, value)
        if callable(value):
            def call(*args):
                self.note(("call", root, path, tuple(_arg_key(a) for a in args)))
                return value(*args)
            return call
        self.note(("value", root, path))
        return value


_CURRENT: Reads | None = None  # the page being rendered in this process


class _RecordingGraph(SiteGraph):
    """A SiteGraph's class while its pages render (never constructed)."""

    def __getattribute__(self, name):
        value = object.__getattribute__(self, name)
        if _CURRENT is None or name.startswith("_") or name in _WHOLE:
            return value
        return _CURRENT.wrap("graph", (name,), value)


@contextmanager
def recording(graph: SiteGraph):
    """Within: ``page_reads()`` gives a fresh ``Reads`` per page rendered from ``graph``."""
    index = lens.lens_of(graph)
    object.__setattr__(graph, "__class__", _RecordingGraph)
    graph.__dict__["_lens"] = _Proxy(None, "lens", (), index)
    try:
        yield
    finally:
        global _CURRENT
        _CURRENT = None
        object.__setattr__(graph, "__class__", SiteGraph)
        graph.__dict__["_lens"] = index


def _arg_key(value):
    if isinstance(value, SiteGraph):
        return ("graph",)
    if isinstance(value, Story):
        return ("story", value.id)
    if isinstance(value, Article):
        return ("article", value.id)
    if value is None or isinstance(value, (str, int, float, bool)):
        return ("v", value)
    if isinstance(value, tuple):
        return ("t", tuple(_arg_key(v) for v in value))
    try:  # a value computed from other reads (a list of tellings): kept as it is
        return ("obj", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except (pickle.PicklingError, TypeError, AttributeError) as error:
        raise Untrackable(f"argument of type {type(value).__qualname__}") from error


class _Proxy:
    """An object whose attribute reads are recorded (the analysis, the lens index). ``reads`` None:
    the page being rendered (``_CURRENT``)."""

    def __init__(self, reads: Reads | None, root: str, path: tuple, obj):
        self._reads, self._root, self._path, self._obj = reads, root, path, obj

    def __getattr__(self, name):
        value = getattr(self._obj, name)
        reads = self._reads or _CURRENT
        if reads is None or name.startswith("_"):
            return value
        return reads.wrap(self._root, (*self._path, name), value)


class _DictProxy:
    def __init__(self, reads: Reads, root: str, path: tuple, mapping: dict):
        self._reads, self._root, self._path, self._mapping = reads, root, path, mapping

    def _item(self, key, kind="item"):
        try:
            hash(key)
            _arg_key(key)
        except (TypeError, Untrackable):
            self._reads.untrackable = True
            return
        self._reads.note((kind, self._root, self._path, key))

    def __getitem__(self, key):
        self._item(key)
        return self._mapping[key]

    def get(self, key, default=None):
        self._item(key)
        return self._mapping.get(key, default)

    def __contains__(self, key):  # only whether the key is there: not what it holds
        self._item(key, "has")
        return key in self._mapping

    def _whole(self):
        self._reads.note(("value", self._root, self._path))
        return self._mapping

    def __iter__(self):
        return iter(self._whole())

    def __len__(self):
        return len(self._whole())

    def __bool__(self):
        return bool(self._whole())

    def keys(self):
        return self._whole().keys()

    def values(self):
        return self._whole().values()

    def items(self):
        return self._whole().items()


class Resolver:
    """The current digest of a read, in the graph of this build (each read computed once)."""

    def __init__(self, graph: SiteGraph, digester: Digester):
        self.graph = graph
        self.digester = digester
        self.roots = {"graph": graph, "lens": lens.lens_of(graph)}
        self.memo: dict[Read, str | None] = {}

    def digest(self, read: Read) -> str | None:
        if read not in self.memo:
            try:
                self.memo[read] = self.digester.digest(self._value(read))
            except (Untrackable, LookupError, AttributeError, TypeError, ValueError):
                self.memo[read] = None
        return self.memo[read]

    _MISSING = ("missing",)

    def _value(self, read: Read):
        kind, root, path = read[:3]
        obj = self.roots[root]
        for name in path:
            obj = getattr(obj, name)
        if kind == "value":
            return obj
        if kind == "item":
            return obj[read[3]] if read[3] in obj else self._MISSING
        if kind == "has":
            return read[3] in obj
        return obj(*(self._arg(key) for key in read[3]))

    def _arg(self, key):
        kind, value = key[0], key[1] if len(key) > 1 else None
        if kind == "graph":
            return self.graph
        if kind == "story":
            return self.graph.stories[value]
        if kind == "article":
            return self.graph.articles[value]
        if kind == "t":
            return tuple(self._arg(k) for k in value)
        if kind == "obj":
            return pickle.loads(value)
        return value


# --- what every page reads ---------------------------------------------------------------------

def global_fingerprint(config: Config) -> str:
    """Templates, catalogs and code of the generator, configuration files and settings."""
    from importlib.metadata import version

    digest = hashlib.sha256(f"format {FORMAT}; {config.settings!r}; {os.environ.get('SOURCE_DATE_EPOCH', '')}".encode())
    for name in ("jinja2", "babel", "markupsafe"):
        digest.update(f"{name}={version(name)};".encode())
    paths = sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    templates = render.TEMPLATES.resolve()  # the page templates in use (the package's, or a test's copy)
    if not templates.is_relative_to(PACKAGE):
        paths += sorted(p for p in templates.rglob("*") if p.is_file())
    content = config.root / "content"
    articles = config.articles_dir.resolve()
    if content.is_dir():
        paths += sorted(p for p in content.rglob("*") if p.is_file()
                        and not p.resolve().is_relative_to(articles)
                        and not p.resolve().is_relative_to(config.pages_dir.resolve()))
    paths.append(config.root / "marsad.yml")
    digest_files(digest, paths, {"generator": PACKAGE, "templates": templates, "project": config.root})
    return digest.hexdigest()


# --- the render stage with fingerprints --------------------------------------------------------

@dataclass
class PageInputs:
    context: str
    reads: dict[Read, str | None]


@dataclass
class Rendering:
    """The pages rendered this build, the paths kept as they are, and the fingerprints to store."""

    pages: list[Page]
    kept: set[str]  # "<language>/<path>" of pages not rendered: their inputs did not change
    path: Path
    fingerprint: str
    inputs: dict[str, PageInputs | None] = field(default_factory=dict)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump((self.fingerprint, self.inputs), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.path)


def store_path(config: Config) -> Path:
    return config.docs_dir.parent / "cache" / "pages.pickle"


def _load(path: Path, fingerprint: str) -> dict[str, PageInputs | None]:
    try:
        with path.open("rb") as handle:
            stored, inputs = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
        return {}
    return inputs if stored == fingerprint else {}


def render_changed(config: Config, analysis: Analysis) -> Rendering:
    """Render the pages whose inputs changed since the last build; the others are kept on disk."""
    from .write import _read_manifest

    graph = SiteGraph.build(config, analysis)
    fingerprint = global_fingerprint(config)
    path = store_path(config)
    previous = _load(path, fingerprint)
    on_disk = _read_manifest(config.docs_dir) if previous else {}
    digester = Digester(graph)
    resolver = Resolver(graph, digester)
    rendering = Rendering([], set(), path, fingerprint)
    jobs: list[tuple[str, PageSpec]] = []
    contexts: list[str | None] = []
    for language in config.settings.languages:
        for spec in Renderer(graph, language).specs():
            relative = f"{language}/{spec.path}"
            context = _context_digest(digester, language, spec)
            before = previous.get(relative)
            if (context is not None and before is not None and before.context == context and on_disk.get(relative)
                    and (config.docs_dir / relative).is_file()
                    and all(resolver.digest(read) == value for read, value in before.reads.items())):
                rendering.kept.add(relative)
                rendering.inputs[relative] = before
                continue
            jobs.append((language, spec))
            contexts.append(context)
    results = render.render_jobs(graph, jobs, _render_share)
    for (language, spec), context, (page, reads) in zip(jobs, contexts, results):
        rendering.pages.append(page)
        relative = f"{language}/{spec.path}"
        if context is None or reads is None:
            rendering.inputs[relative] = None
            continue
        digests = {read: resolver.digest(read) for read in reads}
        rendering.inputs[relative] = None if None in digests.values() else PageInputs(context, digests)
    rendering.pages += render.pages_outside_specs(graph, config.settings.languages)  # Atom feeds
    if os.environ.get(CHECK_ENV) and rendering.kept:
        _check_kept(config, graph, rendering.kept)
    return rendering


def _context_digest(digester: Digester, language: str, spec: PageSpec) -> str | None:
    try:
        return digester.digest((language, spec.path, spec.template, spec.context))
    except Untrackable:
        return None


def _render_share(graph: SiteGraph, jobs: Sequence[tuple[str, PageSpec]]) -> list[tuple[Page, frozenset | None]]:
    global _CURRENT
    renderers: dict[str, Renderer] = {}
    results = []
    with recording(graph):
        for language, spec in jobs:
            renderer = renderers.get(language) or renderers.setdefault(language, Renderer(graph, language))
            _CURRENT = reads = Reads()
            try:
                page = renderer.render(spec)
            except Untrackable:
                _CURRENT, reads.untrackable = None, True
                page = renderer.render(spec)
            _CURRENT = None
            results.append((page, None if reads.untrackable else frozenset(reads.reads)))
    return results


class StaleFingerprint(AssertionError):
    pass


def _check_kept(config: Config, graph: SiteGraph, kept: set[str]) -> None:
    """Render the kept pages too and compare them with the files on disk (tests, debugging)."""
    from .write import hand_written_pages

    kept = kept - set(hand_written_pages(config.pages_dir, config.settings.languages))
    jobs = [(language, spec) for language in config.settings.languages
            for spec in Renderer(graph, language).specs() if f"{language}/{spec.path}" in kept]
    stale = [f"{page.language}/{page.path}" for page in render._render_share(graph, jobs)
             if (config.docs_dir / page.language / page.path).read_text(encoding="utf-8") != page.text]
    if stale:
        raise StaleFingerprint(f"{len(stale)} page(s) kept whose inputs changed unseen: {', '.join(stale[:10])}")

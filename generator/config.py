"""Configuration: one declared, validated schema for every file a user edits.

``marsad.yml`` (settings), ``content/topics.yml``, ``content/outlets.yml`` and
``content/entities.yml`` are read here, and nowhere else. Each schema is a
frozen dataclass whose fields carry a ``doc``; unknown keys, wrong types and
missing keys are collected and reported together, each naming the file, the
line and the key, before anything is built.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml


def doc(text: str, default: Any = dataclasses.MISSING, *, range: tuple[float, float] | None = None,
        choices: tuple[str, ...] | None = None, **kwargs: Any) -> Any:
    """A dataclass field with its documentation (shown by ``marsad settings``) and, for a number, the
    ``range`` it must lie in (both ends included) or, for a text, the ``choices`` it must be one of."""
    metadata: dict[str, Any] = {"doc": text}
    if range is not None:
        metadata["range"] = range
    if choices is not None:
        metadata["choices"] = choices
    if default is dataclasses.MISSING and "default_factory" not in kwargs:
        return field(metadata=metadata, **kwargs)
    return field(default=default, metadata=metadata, **kwargs)


# --------------------------------------------------------------------- schemas


@dataclass(frozen=True)
class Bilingual:
    ar: str = doc("Arabic text.")
    en: str = doc("English text.")

    def get(self, language: str) -> str:
        return getattr(self, language, None) or self.ar


@dataclass(frozen=True)
class DedupeSettings:
    # MinHash LSH needs at least two bands: every threshold and num_perm in these ranges gives them.
    threshold: float = doc("Jaccard similarity of shingles above which two articles are wire copies.", 0.4,
                           range=(0.05, 0.9))
    num_perm: int = doc("MinHash permutations (more: slower, more exact).", 128, range=(32, 1024))
    shingle_size: int = doc("Words per shingle.", 4, range=(1, 12))


@dataclass(frozen=True)
class StorySettings:
    similarity: float = doc("TF-IDF cosine similarity above which two reports may be the same event.", 0.325,
                            range=(0.01, 1.0))
    max_gap_days: int = doc("Reports further apart than this many days are never the same story.", 4,
                            range=(0, 366))
    entity_bonus: float = doc("Added to the similarity per shared gazetteer entity (people, places).", 0.02,
                              range=(0.0, 0.5))


@dataclass(frozen=True)
class RankingSettings:
    """What puts a story at the head of the home and digest pages (``digest.Ranking``):
    score = reports × outlets × recency × topic weight."""

    top: int = doc("Stories shown in full at the head of the home and digest pages, the highest scores first.",
                   5, range=(1, 50))
    half_life_days: float = doc("Recency: a story's score halves for every this many days its latest report is "
                                "older than the period's latest report.", 3.0, range=(0.1, 3650))
    first_topic_weight: float = doc("Weight of the first topic of topics.yml (the mission's own); the topics "
                                    "after it step evenly down to `last_topic_weight`.", 2.0, range=(0.01, 100))
    last_topic_weight: float = doc("Weight of the last topic of topics.yml.", 1.0, range=(0.01, 100))
    no_topic_weight: float = doc("Weight of a story in no topic.", 0.5, range=(0.01, 100))


@dataclass(frozen=True)
class DigestSettings:
    period: str = doc("Digest period: day, week (ISO week) or month.", "week", choices=("day", "week", "month"))
    ranking: RankingSettings = doc("How the home and digest pages rank a period's stories: reports × distinct "
                                   "outlets × recency × topic weight.", default_factory=RankingSettings)


@dataclass(frozen=True)
class Feed:
    """One entry of ``feeds:``: where ``marsad fetch`` looks for new articles of one outlet."""

    url: str = doc("The feed's address (http or https): an RSS or Atom feed, or a news sitemap.")
    outlet: str = doc("The outlet's id in outlets.yml; every article fetched from the feed is credited to it.")


_OUTPUT_RULE = ("A folder of its own strictly inside the project: never content/, an input folder or file, "
                "the project folder, a folder above them, nor the other output folder.")


@dataclass(frozen=True)
class Settings:
    """``marsad.yml``: where things are and how the fuzzy stages are tuned."""

    site_name: Bilingual = doc("Site title in each language.",
                               default_factory=lambda: Bilingual(ar="مرصد", en="Marsad"))
    site_url: str = doc("Public URL of the site (optional; canonical links and sitemap.xml, "
                         "which is not written without it).", "")
    articles_dir: str = doc("Folder of raw articles (text, Markdown, HTML, feeds, JSON Lines).", "content/articles")
    topics_file: str = doc("Topic taxonomy.", "content/topics.yml")
    outlets_file: str = doc("Known outlets.", "content/outlets.yml")
    entities_file: str = doc("Entity gazetteer.", "content/entities.yml")
    pages_dir: str = doc("Hand-written pages, copied as they are (never overwritten).", "content/pages")
    docs_dir: str = doc("Where generated Markdown goes (git-ignored; MkDocs' docs_dir, which must be the "
                        "same). " + _OUTPUT_RULE, "build/docs")
    site_dir: str = doc("Where the built site goes (git-ignored; replaced whole by each build). " + _OUTPUT_RULE,
                        "site")
    languages: tuple[str, ...] = doc("Site languages; the first is the default, at the site root. Each is a "
                                     "two-letter code, listed once, with a catalog in generator/locales "
                                     "(English needs none).", ("ar", "en"))
    max_file_bytes: int = doc("Files larger than this are skipped.", 5_000_000, range=(1_000, 1_000_000_000))
    pdf: bool = doc("Build PDF briefings with the site.", True)
    search_archive: str = doc("How the search index is split. 'none': one Pagefind index per language (the "
                              "first query loads about 240 KB at 1,000 articles, 295 KB at 10,000). 'year': each "
                              "past year's article and story pages in an index of their own, merged in the search "
                              "panel, so an update re-indexes only the years whose pages changed; each extra index "
                              "adds about 100 KB to a query word's first search.", "none", choices=("none", "year"))
    dedupe: DedupeSettings = doc("Wire-copy detection.", default_factory=DedupeSettings)
    stories: StorySettings = doc("Same-event clustering.", default_factory=StorySettings)
    digest: DigestSettings = doc("Periodic digests.", default_factory=DigestSettings)
    feeds: tuple[Feed, ...] = doc("Feeds 'marsad fetch' reads, each with `url` and `outlet` (an id of "
                                  "outlets.yml); pages are saved under <articles_dir>/fetched/<outlet>/.", ())
    translate_command: str = doc("Optional machine translation for the English edition: a command that reads "
                                 "Arabic on its standard input and writes English on its standard output "
                                 "(e.g. a LibreTranslate client). Off (empty) by default: the English is then "
                                 "generated from the facts. A failure falls back to it with a warning.", "")
    translate_url: str = doc("Optional machine translation for the English edition through an HTTP API: the URL of a "
                             "LibreTranslate-compatible /translate endpoint (POST {q, source: ar, target: en}). "
                             "Used instead of translate_command when both are set. Off (empty) by default; a failure "
                             "falls back to the English generated from the facts, with a warning.", "")


@dataclass(frozen=True)
class Salience:
    """How much a topic's mentions weigh, by where they stand; an article is in the topic when the
    weights of its counted mentions add up to ``min_score``."""

    title: float = doc("Weight of a mention in the headline.", 3.0)
    lead: float = doc("Weight of a mention in the lead (the first one or two sentences).", 2.0)
    body: float = doc("Weight of a mention further down.", 1.0)
    cued: float = doc("Weight of a mention that follows one of the topic's `cues` within `cue_window` "
                      "words, when its place gives less.", 2.0)
    cue_window: int = doc("How many words before a mention a cue may stand.", 4)
    min_score: float = doc("The score that puts an article in the topic. With the other defaults: one "
                           "mention in the headline or the lead, one after a cue, or two further down; "
                           "a single passing mention in the body is not enough.", 2.0)


@dataclass(frozen=True, kw_only=True)
class Topic:
    id: str = doc("Stable identifier used in URLs (lowercase letters, digits, hyphens).")
    label: Bilingual = doc("Name shown in each language.")
    description: Bilingual = doc("One line on what the topic covers.",
                                 default_factory=lambda: Bilingual(ar="", en=""))
    terms: tuple[str, ...] = doc("Names of the topic (normalised Arabic or Latin); each occurrence is a mention.")
    describes: tuple[str, ...] = doc("Phrases that describe the topic's subject without naming it "
                                     "(«بعثة الأمم المتحدة لمراقبة الهدنة»); each is a mention, but only "
                                     "in an article where a `context` term appears.", ())
    context: tuple[str, ...] = doc("Terms that show a `describes` phrase is about this topic (its place, "
                                   "its parties).", ())
    not_within: tuple[str, ...] = doc("Larger names that contain a term without being about the topic: a "
                                      "department («إدارة عمليات السلام»), a person's title («المنسق مع "
                                      "المينورسو»). A term inside one is not counted.", ())
    cues: tuple[str, ...] = doc("Words that make the mention after them the subject of the sentence "
                                "(a mandate renewed: «تجديد», «تمديد»); see `salience.cued`.", ())
    requires: tuple[str, ...] = doc("If given, at least one of these must also appear.", ())
    excludes: tuple[str, ...] = doc("If these occur more often than the `requires` terms, the article is "
                                    "not in the topic (with no `requires`, once is enough).", ())
    salience: Salience = doc("Weights and threshold of the mentions.", default_factory=Salience)


@dataclass(frozen=True)
class Topics:
    topics: tuple[Topic, ...] = doc("The taxonomy, in display order.")


@dataclass(frozen=True)
class Outlet:
    id: str = doc("Stable identifier (lowercase letters, digits, hyphens).")
    name: Bilingual = doc("Outlet name in each language.")
    url: str = doc("Home page.", "")
    country: str = doc("ISO country code.", "")
    cues: tuple[str, ...] = doc("Lines or phrases that identify the outlet in scraped text "
                                "(site name lines, copyright footers).", ())


@dataclass(frozen=True)
class Outlets:
    outlets: tuple[Outlet, ...] = doc("Known outlets.", ())


ENTITY_TYPES = ("person", "organisation", "place", "resolution", "mission")


@dataclass(frozen=True)
class Entity:
    id: str = doc("Stable identifier (lowercase letters, digits, hyphens).")
    type: str = doc("What the entity is.", choices=ENTITY_TYPES)
    name: Bilingual = doc("Canonical name in each language.")
    variants: tuple[str, ...] = doc("Other spellings, Arabic or Latin.", ())
    role: Bilingual = doc("One line on who or what it is.", default_factory=lambda: Bilingual(ar="", en=""))
    symbol: str = doc("UN document symbol, for resolutions (S/RES/2703 (2023)).", "")
    ambiguous: tuple[str, ...] = doc(
        "Spellings of the name (the name or variants) that are also ordinary words or another place: "
        "«مالي» is also 'financial', «الصحراء الغربية» also Egypt's Western Desert. Such a spelling is "
        "linked only in context: written with a proclitic preposition («بمالي») or right after one of "
        "`context_before`, or in a text that names the entity another way or names one of `context`; "
        "never with the article when the spelling has none («الجانب المالي»), never in a paragraph "
        "holding one of `not_near`.", ())
    context: tuple[str, ...] = doc("Gazetteer ids or words whose presence in a text shows that an "
                                   "`ambiguous` spelling there means this entity.", ())
    context_before: tuple[str, ...] = doc("Words that, right before an `ambiguous` spelling, show it is this "
                                          "entity (a preposition or «جمهورية» before «مالي»).", ())
    not_near: tuple[str, ...] = doc("Words that, in the same paragraph, show an `ambiguous` spelling means "
                                    "something else (the oases of Egypt's Western Desert).", ())


@dataclass(frozen=True)
class Entities:
    entities: tuple[Entity, ...] = doc("The gazetteer.", ())


@dataclass(frozen=True)
class Sidecar:
    """``NAME.yml`` beside an article (or a Markdown file's front matter): what is known about it."""

    url: str | None = doc("Where the article was published.", None)
    outlet: str | None = doc("The outlet: an id from outlets.yml, or its name.", None)
    published: str | None = doc("Publication date or date and time, ISO (2023-11-29 or 2023-11-29T20:54).", None)
    title: str | None = doc("The headline, when the text does not print it.", None)
    title_en: str | None = doc("English headline, shown in the English edition.", None)
    summary_en: str | None = doc("English summary, shown in the English edition.", None)
    reference_date: str | None = doc("The day relative dates such as «أمس» count from (ISO date).", None)
    fetched_at: str | None = doc("When 'marsad fetch' downloaded the page (ISO date and time, UTC); kept "
                                 "for the record, not read by the build.", None)


@dataclass(frozen=True)
class Config:
    """Everything the build reads besides the articles, validated together."""

    root: Path
    settings: Settings
    topics: tuple[Topic, ...]
    outlets: tuple[Outlet, ...]
    entities: tuple[Entity, ...]
    lexicon: tuple = ()  # lexicon.TermGroup records of content/lexicon.yml (see generator/lexicon.py)

    def path(self, relative: str) -> Path:
        return (self.root / relative).resolve()

    @property
    def articles_dir(self) -> Path:
        return self.path(self.settings.articles_dir)

    @property
    def docs_dir(self) -> Path:
        return self.path(self.settings.docs_dir)

    @property
    def site_dir(self) -> Path:
        return self.path(self.settings.site_dir)

    @property
    def pages_dir(self) -> Path:
        return self.path(self.settings.pages_dir)

    def topic(self, topic_id: str) -> Topic:
        return next(t for t in self.topics if t.id == topic_id)


# ------------------------------------------------------------------ validation


class ConfigError(Exception):
    """One or more configuration problems, each with file, line and key."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line of every mapping key."""


class _Mapping(dict):
    lines: dict[str, int]


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _Mapping:
    mapping = _Mapping(loader.construct_mapping(node, deep=True))
    mapping.lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    mapping.lines["<self>"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class _Sequence(list):
    lines: list[int]


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> _Sequence:
    sequence = _Sequence(loader.construct_sequence(node, deep=True))
    sequence.lines = [item.start_mark.line + 1 for item in node.value]
    return sequence


class _ConfigLoader(_LineLoader):
    """_LineLoader that also remembers the line of every list item (``languages[1]``, ``topics[3]``)."""


_ConfigLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class _Unknown:
    """The value of a tag the check cannot evaluate (``!ENV``, ``!!python/name:``): never compared."""


class _MkDocsLoader(_ConfigLoader):
    """Reads mkdocs.yml, whose tags only MkDocs can evaluate, as plain YAML."""


_MkDocsLoader.add_multi_constructor("", lambda loader, suffix, node: _Unknown())


class _FastConfigLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """_ConfigLoader on libyaml (several times faster); a file it refuses is read again by
    _ConfigLoader, whose messages are the ones reported."""


_FastConfigLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_FastConfigLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class _FastMkDocsLoader(_FastConfigLoader):
    """_MkDocsLoader on libyaml."""


_FastMkDocsLoader.add_multi_constructor("", lambda loader, suffix, node: _Unknown())


def _load_config_yaml(path: Path, mkdocs: bool = False) -> tuple[Any, str]:
    """(parsed data, text) of a configuration file, read once."""
    loaders = (_FastMkDocsLoader, _MkDocsLoader) if mkdocs else (_FastConfigLoader, _ConfigLoader)
    text = _read_yaml_text(path)
    return _parse_yaml(text, path, loaders), text


_STEP = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def _line_at(data: Any, key_path: str) -> int | None:
    """The line of ``key_path`` (``topics[0].terms``) in parsed data, or of the nearest key above it."""
    line = data.lines.get("<self>") if isinstance(data, _Mapping) else None
    for index, key in _STEP.findall(key_path):
        if index and isinstance(data, _Sequence) and int(index) < len(data):
            line, data = data.lines[int(index)], data[int(index)]
        elif key and isinstance(data, _Mapping) and key in data.lines:
            line, data = data.lines[key], dict.get(data, key)
        else:
            break
    return line


_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _read_yaml_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError([f"{path}: file not found"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([f"{path}: cannot be read: {exc}"]) from None


def _parse_yaml(text: str, where: Path, loaders: tuple[type, ...], first_line: int = 1) -> Any:
    """Parse YAML with the first of ``loaders`` that accepts it (libyaml first, several times faster);
    a text every one refuses is a ConfigError with the last one's message and line (``first_line`` is
    the line of ``where`` the text starts on)."""
    for loader in loaders:
        try:
            return yaml.load(text, Loader=loader)  # noqa: S506 - SafeLoader subclasses
        except yaml.YAMLError as exc:
            if loader is loaders[-1]:
                mark = getattr(exc, "problem_mark", None)
                line = f":{mark.line + first_line}" if mark else ""
                problem = getattr(exc, "problem", None) or str(exc)
                raise ConfigError([f"{where}{line}: invalid YAML: {problem}"]) from None
    raise AssertionError("no YAML loader given")


@functools.cache
def _type_hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


class _Validator:
    def __init__(self, file: Path):
        self.file = file
        self.problems: list[str] = []

    def report(self, data: Any, key_path: str, message: str, key: str | None = None) -> None:
        line = None
        if isinstance(data, _Mapping):
            line = data.lines.get(key) if key is not None else None
            line = line or data.lines.get("<self>")
        where = f"{self.file}:{line}" if line else f"{self.file}"
        self.problems.append(f"{where}: {key_path}: {message}")

    def build(self, cls: type, data: Any, key_path: str) -> Any:
        if data is None:
            data = _Mapping()
            data.lines = {}
        if not isinstance(data, dict):
            self.report(data, key_path or "(top)", f"expected a mapping, got {_kind(data)}")
            return None
        hints = _type_hints(cls)
        fields = {f.name: f for f in dataclasses.fields(cls)}
        for key in data:
            if key not in fields:
                known = ", ".join(sorted(fields))
                self.report(data, _join(key_path, key), f"unknown key (known keys: {known})", key)
        values = {}
        limits = _limits(cls)
        for name, f in fields.items():
            sub_path = _join(key_path, name)
            if name in data:
                reported = len(self.problems)
                values[name] = self.convert(hints[name], data[name], sub_path, data, name)
                if name in limits and len(self.problems) == reported:
                    self.check_limit(limits[name], data[name], sub_path, data, name)
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                self.report(data, sub_path, "required key is missing")
                values[name] = None
        try:
            return cls(**values)
        except TypeError:
            return None

    def check_limit(self, limit: tuple[str, Any], value: Any, key_path: str, parent: Any, key: str) -> None:
        kind, allowed = limit
        if kind == "range" and not allowed[0] <= value <= allowed[1]:  # NaN is in no range
            self.report(parent, key_path, f"{value!r} is not between {allowed[0]} and {allowed[1]}", key)
        elif kind == "choices" and value not in allowed:
            self.report(parent, key_path, f"{value!r} is not {_or_list(allowed)}", key)

    def convert(self, hint: Any, value: Any, key_path: str, parent: Any, key: str) -> Any:
        shape, inner = _shape(hint)
        if shape == "record":
            return self.build(hint, value, key_path)
        if shape == "tuple":
            item_type = inner[0]
            if not isinstance(value, list):
                self.report(parent, key_path, f"expected a list, got {_kind(value)}", key)
                return ()
            return tuple(self.convert(item_type, v, f"{key_path}[{i}]", parent, key) for i, v in enumerate(value))
        if shape == "optional":
            return None if value is None else self.convert(inner[0], value, key_path, parent, key)
        expected = {str: str, int: int, float: (int, float), bool: bool}[hint]
        if isinstance(value, bool) and hint is not bool or not isinstance(value, expected):
            self.report(parent, key_path, f"expected {hint.__name__}, got {_kind(value)}", key)
            return hint()
        return float(value) if hint is float else value


@functools.cache
def _limits(cls: type) -> dict[str, tuple[str, Any]]:
    """{field: ("range", (low, high)) or ("choices", (...))} for the fields of ``cls`` that declare one."""
    limits = {}
    for f in dataclasses.fields(cls):
        for kind in ("range", "choices"):
            if kind in f.metadata:
                limits[f.name] = (kind, f.metadata[kind])
    return limits


def _or_list(items: tuple[Any, ...]) -> str:
    return f"{', '.join(map(str, items[:-1]))} or {items[-1]}" if len(items) > 1 else str(items[0])


@functools.cache
def _shape(hint: Any) -> tuple[str, list[Any]]:
    """("record" | "tuple" | "optional" | "scalar", the types inside) of a schema type hint: worked
    out once per hint, since every sidecar is checked against the same few."""
    origin = typing.get_origin(hint)
    if dataclasses.is_dataclass(hint):
        return "record", []
    if origin is tuple:
        return "tuple", list(typing.get_args(hint))
    if origin in (typing.Union, types.UnionType):
        return "optional", [a for a in typing.get_args(hint) if a is not type(None)]
    return "scalar", []


def _join(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return {str: "text", type(None): "nothing"}.get(type(value), type(value).__name__)


class _Files:
    """The configuration files read so far: their problems, parsed data (for lines) and first lines."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.data: dict[str, Any] = {}
        self.first_line: dict[str, int] = {}
        self.schema_keys: set[tuple[str, str]] = set()  # (file, key path) a type or shape problem named

    def load(self, cls: type, path: Path, optional: bool = False, empty_ok: bool = False) -> Any:
        """The file read into ``cls``; None (and its problems noted) when it cannot be."""
        if optional and not path.exists():
            return cls()
        try:
            data, text = _load_config_yaml(path)
        except ConfigError as exc:
            self.problems.extend(exc.problems)
            return None
        self.data[str(path)] = data
        self.first_line[str(path)] = _first_content_line(text)
        if data is None and not empty_ok:
            keys = ", ".join(f.name for f in dataclasses.fields(cls))
            self.problems.append(f"{path}: (top): the file is empty (expected a mapping with {keys})")
            return None
        validator = _Validator(path)
        built = validator.build(cls, data, "")
        for problem in validator.problems:
            self.schema_keys.add((str(path), _key_path(problem, path)))
        self.problems.extend(validator.problems)
        return built

    def reported(self, path: Path, key_path: str) -> bool:
        """Whether a type or shape problem was reported at ``key_path`` or above it."""
        return any((str(path), key) in self.schema_keys for key in _key_path_and_parents(key_path))

    def add(self, problems: list[str]) -> None:
        """Add problems written ``FILE: KEY: message``: the line of KEY is put in, and a problem at a key
        whose type or shape was already reported is dropped (it is about the placeholder)."""
        for problem in problems:
            path = next((p for p in self.data if problem.startswith(f"{p}: ")), None)
            if path is None:
                self.problems.append(problem)
                continue
            key_path = _key_path(problem, Path(path))
            if self.reported(Path(path), key_path):
                continue
            self.problems.append(self.with_line(problem, path, key_path))

    def with_line(self, problem: str, path: str, key_path: str) -> str:
        line = _line_at(self.data[path], key_path) or self.first_line.get(path, 1)
        return f"{path}:{line}{problem[len(path):]}"

    def all_problems(self) -> list[str]:
        """Every problem; a schema problem in a file read gets the line of its key path (a list item's
        own line, not its list's)."""
        placed = []
        for problem in self.problems:
            path = next((p for p in self.data if re.match(rf"{re.escape(p)}(:\d+)?: ", problem)), None)
            if path is None:
                placed.append(problem)
                continue
            key_path = _key_path(problem, Path(path))
            placed.append(self.with_line(f"{path}: {problem[len(path):].lstrip(':0123456789 ')}", path, key_path))
        return placed


def _key_path(problem: str, path: Path) -> str:
    rest = problem[len(str(path)):].lstrip(":0123456789").removeprefix(" ")
    return rest.split(": ", 1)[0]


def _key_path_and_parents(key_path: str) -> list[str]:
    paths = [key_path]
    while True:
        cut = max(key_path.rfind("."), key_path.rfind("["))
        if cut <= 0:
            return paths
        key_path = key_path[:cut]
        paths.append(key_path)


def _first_content_line(text: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped and not stripped.startswith(("#", "%", "---")):
            return number
    return 1


def _check_ids(items: tuple[Any, ...], path: Path, what: str, problems: list[str]) -> None:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item is None or item.id is None:
            continue
        if not _ID.match(item.id):
            problems.append(f"{path}: {what}[{i}].id: {item.id!r} must be lowercase letters, digits and hyphens")
        if item.id in seen:
            problems.append(f"{path}: {what}[{i}].id: duplicate id {item.id!r}")
        seen.add(item.id)


def spelling_problems(path: Path | str, spellings: Iterable[tuple[str, str | None]]) -> list[str]:
    """Each spelling (``where``, text) that has no word to match, or matches the same words as an
    earlier one of the same list."""
    from .arabic import term_key

    problems: list[str] = []
    seen: dict[tuple[str, ...], str] = {}
    for where, spelling in spellings:
        if spelling is None:
            continue
        key = term_key(spelling)
        if not key:
            problems.append(f"{path}: {where}: {spelling!r} has no word to match")
        elif key in seen:
            problems.append(f"{path}: {where}: {spelling!r} matches the same words as {seen[key]!r}")
        seen.setdefault(key, spelling)
    return problems


def _check_topics(topics: tuple[Topic, ...], path: Path, problems: list[str]) -> None:
    from .arabic import term_key

    groups = ("terms", "describes", "context", "not_within", "cues", "requires", "excludes")
    for i, topic in enumerate(topics):
        if topic is None:
            continue
        for group in groups:
            problems += spelling_problems(path, ((f"topics[{i}].{group}[{j}]", term)
                                                 for j, term in enumerate(getattr(topic, group) or ())))
        if topic.terms == ():
            problems.append(f"{path}: topics[{i}].terms: a topic needs at least one term")
        if topic.describes and not topic.context:
            problems.append(f"{path}: topics[{i}].describes: needs `context` terms to show what they describe")
        names = [term_key(t) for t in (*(topic.terms or ()), *(topic.describes or ())) if t is not None]
        for j, phrase in enumerate(topic.not_within or ()):
            if phrase is not None and not any(_contains(term_key(phrase), name) for name in names if name):
                problems.append(f"{path}: topics[{i}].not_within[{j}]: {phrase!r} contains none of the "
                                f"topic's terms")
        salience = topic.salience
        if salience is not None and not (salience.min_score > 0 and salience.cue_window >= 0):
            problems.append(f"{path}: topics[{i}].salience: min_score must be above 0 and cue_window not "
                            f"negative")


def _contains(phrase: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Whether the words of ``name`` stand in ``phrase`` (proclitics aside: «لعمليات» holds «عمليات»)."""
    from .arabic import bare_forms

    return any(all(part in bare_forms(phrase[k + n]) for n, part in enumerate(name))
               for k in range(len(phrase) - len(name) + 1))


def _check_entities(entities: tuple[Entity, ...], path: Path, problems: list[str]) -> None:
    from .arabic import term_key

    for i, entity in enumerate(entities):
        if entity is None:
            continue
        spellings = {term_key(t) for t in (entity.name.ar if entity.name else None,
                                           entity.name.en if entity.name else None, *(entity.variants or ()))
                     if t}
        for j, term in enumerate(entity.ambiguous or ()):
            if term is not None and term_key(term) not in spellings:
                problems.append(f"{path}: entities[{i}].ambiguous[{j}]: {term!r} is not the entity's name or "
                                f"one of its variants")
        for group in ("context", "context_before", "not_near"):
            words = getattr(entity, group) or ()
            if words and not entity.ambiguous:
                problems.append(f"{path}: entities[{i}].{group}: only used with `ambiguous` spellings")
            for j, word in enumerate(words):
                if word is not None and not term_key(word):
                    problems.append(f"{path}: entities[{i}].{group}[{j}]: {word!r} has no word to match")


def load_config(root: Path | str = ".", settings_file: str = "marsad.yml") -> Config:
    """Read and validate every configuration file under ``root`` (and mkdocs.yml's folders).

    Raises ConfigError listing every problem found, each with file, line and key. Nothing is
    written before this returns, so a problem here leaves every file as it was.
    """
    root = Path(root).resolve()
    files = _Files()
    settings_path = root / settings_file
    settings = files.load(Settings, settings_path, optional=True, empty_ok=True) or Settings()
    problems: list[str] = []
    _check_path_texts(settings, settings_path, files)
    _check_languages(settings, settings_path, problems)
    _check_site_url(settings, settings_path, problems)
    _check_folders(root, settings, settings_path, files, problems)
    _check_mkdocs(root, settings, settings_path, files, problems)
    files.add(problems)

    def content_file(cls: type, key: str, optional: bool) -> tuple[Any, Path]:
        path = root / getattr(settings, key)
        if files.reported(settings_path, key):
            return None, path
        explicit = isinstance(files.data.get(str(settings_path)), dict) and key in files.data[str(settings_path)]
        if explicit and not path.is_file():
            return None, path  # reported by _check_folders, with the line of the setting
        return files.load(cls, path, optional=optional and not explicit), path

    topics, topics_path = content_file(Topics, "topics_file", optional=False)
    outlets, outlets_path = content_file(Outlets, "outlets_file", optional=True)
    entities, entities_path = content_file(Entities, "entities_file", optional=True)

    topic_list = tuple(t for t in (topics.topics if topics else None) or () if t is not None)
    outlet_list = tuple(o for o in (outlets.outlets if outlets else None) or () if o is not None)
    entity_list = tuple(e for e in (entities.entities if entities else None) or () if e is not None)
    problems = []
    if topics is not None and topics.topics == ():
        problems.append(f"{topics_path}: topics: the list is empty (at least one topic is needed)")
    _check_ids(topic_list, topics_path, "topics", problems)
    _check_topics(topic_list, topics_path, problems)
    _check_ids(outlet_list, outlets_path, "outlets", problems)
    _check_ids(entity_list, entities_path, "entities", problems)
    _check_entities(entity_list, entities_path, problems)
    _check_feeds(settings, settings_path, outlet_list if outlets is not None else None, problems)
    files.add(problems)
    from .lexicon import load_lexicon  # the lexicon's schema and checks live in its own module
    lexicon = load_lexicon(root, files)
    if files.problems:
        raise ConfigError(files.all_problems())
    return Config(root=root, settings=settings, topics=topic_list, outlets=outlet_list, entities=entity_list,
                  lexicon=lexicon)


_LANGUAGE = re.compile(r"^[a-z]{2}$")


def _check_languages(settings: Settings, path: Path, problems: list[str]) -> None:
    """Each language a two-letter code, listed once, with a message catalog (English is the source)."""
    from .i18n import LOCALES, SOURCE_LANGUAGE

    if not settings.languages:
        problems.append(f"{path}: languages: the list is empty (at least one language is needed)")
    seen: set[str] = set()
    for i, code in enumerate(settings.languages or ()):
        if not isinstance(code, str):
            continue
        catalog = LOCALES / code / "LC_MESSAGES" / "messages.po"
        shown = f"generator/locales/{code}/LC_MESSAGES/messages.po"
        if not _LANGUAGE.match(code):
            problems.append(f"{path}: languages[{i}]: {code!r} is not a two-letter language code")
        elif code in seen:
            problems.append(f"{path}: languages[{i}]: {code!r} is listed twice")
        elif code != SOURCE_LANGUAGE and not catalog.is_file():
            problems.append(f"{path}: languages[{i}]: {code!r} has no message catalog ({shown} is missing; "
                            f"see the README's 'Add a language')")
        seen.add(code)


def _check_site_url(settings: Settings, path: Path, problems: list[str]) -> None:
    url = settings.site_url
    if url and not re.match(r"^https?://[^\s/?#]+[^\s]*$", url):
        problems.append(f"{path}: site_url: {url!r} is not an absolute http(s) URL")


_FEED_URL = re.compile(r"^https?://[^\s/?#@]+(?:[/?#]\S*)?$")
MAX_FEEDS = 1_000


def _check_feeds(settings: Settings, path: Path, outlets: tuple[Outlet, ...] | None, problems: list[str]) -> None:
    """Each feed an absolute http(s) URL listed once, crediting an outlet of outlets.yml (not checked
    when outlets.yml itself could not be read: its own problems are reported)."""
    feeds = settings.feeds if isinstance(settings.feeds, tuple) else ()
    if len(feeds) > MAX_FEEDS:
        problems.append(f"{path}: feeds: {len(feeds):,} feeds; at most {MAX_FEEDS:,}")
        return
    known = {o.id for o in outlets} if outlets is not None else None
    seen: dict[str, int] = {}
    for i, feed in enumerate(feeds):
        if feed is None:
            continue
        url, outlet = feed.url, feed.outlet
        if isinstance(url, str) and url:
            if len(url) > 2_000 or not _FEED_URL.match(url):
                problems.append(f"{path}: feeds[{i}].url: {url[:80]!r} is not an absolute http(s) URL")
            elif url in seen:
                problems.append(f"{path}: feeds[{i}].url: {url!r} is listed twice (also feeds[{seen[url]}])")
            seen.setdefault(url, i)
        elif isinstance(url, str):
            problems.append(f"{path}: feeds[{i}].url: empty (the feed's address is needed)")
        if isinstance(outlet, str) and known is not None and outlet not in known:
            hint = f"; known: {', '.join(sorted(known)[:8])}{' ...' if len(known) > 8 else ''}" if known else ""
            problems.append(f"{path}: feeds[{i}].outlet: {outlet[:80]!r} is not an outlet id of "
                            f"{settings.outlets_file}{hint}")


def _path_text_problem(value: str) -> str | None:
    """Why a text can name no file (a NUL or control character, a lone surrogate, too long), or None."""
    shown = repr(value[:80]) + ("..." if len(value) > 80 else "")
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        return f"{shown} holds a control character"
    try:
        encoded = value.encode("utf-8")
    except UnicodeEncodeError:
        return f"{shown} is not valid text (a lone surrogate)"
    if len(encoded) > 1024 or any(len(part) > 255 for part in encoded.split(b"/")):
        return f"{shown} is too long for a path"
    return None


def _check_path_texts(settings: Settings, path: Path, files: _Files) -> None:
    """Each path setting can name a file; one that cannot is reported here and left out of every
    later check (as a wrong type is)."""
    for key in (*OUTPUT_FOLDERS, *INPUT_SETTINGS):
        value = getattr(settings, key)
        problem = _path_text_problem(value) if isinstance(value, str) else None
        if problem and not files.reported(path, key):
            files.problems.append(f"{path}: {key}: {problem}")  # given its line by all_problems
            files.schema_keys.add((str(path), key))


OUTPUT_FOLDERS = ("docs_dir", "site_dir")
INPUT_SETTINGS = ("articles_dir", "pages_dir", "topics_file", "outlets_file", "entities_file")
PROJECT_INPUTS = ("content", "overrides", "generator", "tests", ".git", "mkdocs.yml")


def _inputs(root: Path, settings: Settings, settings_path: Path, files: _Files) -> list[tuple[str, Path]]:
    """(name, resolved path) of everything the build reads or a user keeps: never an output. A setting
    already reported as wrong, or naming the project folder itself (reported as such), is left out."""
    named = [(f"{name}/" if "." not in name else name, root / name) for name in PROJECT_INPUTS]
    named += [(f"{key} ({getattr(settings, key)})", root / getattr(settings, key)) for key in INPUT_SETTINGS
              if not files.reported(settings_path, key) and (root / getattr(settings, key)).resolve() != root]
    named.append((settings_path.name, settings_path))
    return [(name, path.resolve()) for name, path in named]


def _folder_problem(value: str, key: str, root: Path, inputs: list[tuple[str, Path]]) -> str | None:
    """Why ``value`` cannot be the output folder ``key``, or None. Symlinks and ``..`` are resolved first."""
    target = (root / value).resolve()
    if target == root:
        return f"{value!r} is the project folder itself"
    if not target.is_relative_to(root):
        return f"{value!r} is outside the project folder"
    for name, source in inputs:
        if target == source:
            return f"{value!r} is {name}, an input"
        if source.is_relative_to(target):
            return f"{value!r} contains {name}, an input"
        if target.is_relative_to(source):
            return f"{value!r} lies inside {name}, an input"
    if target.exists() and not target.is_dir():
        return f"{value!r} is a file, not a folder"
    if key == "site_dir" and _holds_other_files(target):
        return f"{value!r} is a folder that holds no built site (no pagefind/), and a build replaces it whole"
    return None


def _holds_other_files(folder: Path) -> bool:
    """An existing, non-empty folder that no build made (every built site has its pagefind/ index)."""
    try:
        return folder.is_dir() and any(folder.iterdir()) and not (folder / "pagefind").is_dir()
    except OSError:
        return False


def _check_folders(root: Path, settings: Settings, settings_path: Path, files: _Files,
                   problems: list[str]) -> None:
    """Output folders strictly inside the project, apart from every input and from each other;
    input folders and files named in marsad.yml exist."""
    inputs = _inputs(root, settings, settings_path, files)
    rule = "; output folders (docs_dir, site_dir) must be folders of their own inside the project"
    wrong = False
    for key in OUTPUT_FOLDERS:
        if files.reported(settings_path, key):
            wrong = True
            continue
        problem = _folder_problem(getattr(settings, key), key, root, inputs)
        wrong = wrong or problem is not None
        if problem:
            problems.append(f"{settings_path}: {key}: {problem}{rule}")
    if not wrong:
        docs, site = ((root / getattr(settings, key)).resolve() for key in OUTPUT_FOLDERS)
        if docs == site or docs.is_relative_to(site) or site.is_relative_to(docs):
            relation = "is" if docs == site else "contains" if docs.is_relative_to(site) else "lies inside"
            problems.append(f"{settings_path}: site_dir: {settings.site_dir!r} {relation} docs_dir "
                            f"({settings.docs_dir}){rule}")
    written = files.data.get(str(settings_path))
    for key in INPUT_SETTINGS:
        if isinstance(written, dict) and key in written and not files.reported(settings_path, key):
            path = root / getattr(settings, key)
            wanted = "a folder" if key.endswith("_dir") else "a file"
            if path.resolve() == root:
                problems.append(f"{settings_path}: {key}: {getattr(settings, key)!r} is the project folder itself; "
                                f"name {wanted} inside it")
            elif not path.exists():
                problems.append(f"{settings_path}: {key}: {getattr(settings, key)!r} does not exist")
            elif path.is_dir() != key.endswith("_dir"):
                problems.append(f"{settings_path}: {key}: {getattr(settings, key)!r} is not {wanted}")


def _check_mkdocs(root: Path, settings: Settings, settings_path: Path, files: _Files,
                  problems: list[str]) -> None:
    """mkdocs.yml parses, and its docs_dir and site_dir (MkDocs' defaults: docs, site) are marsad.yml's.

    Checked at the YAML level only: tags such as ``!!python/name:`` and ``!ENV`` are left unevaluated
    (and their values unchecked); MkDocs checks the rest when it runs.
    """
    path = root / "mkdocs.yml"
    if not path.is_file():
        return  # generate and analyze need none; `marsad build` reports MkDocs' own message
    try:
        data, text = _load_config_yaml(path, mkdocs=True)
    except ConfigError as exc:
        problems.extend(exc.problems)
        return
    files.data[str(path)] = data
    files.first_line[str(path)] = _first_content_line(text)
    if not isinstance(data, dict):
        problems.append(f"{path}: (top): expected a mapping, got {_kind(data)}")
        return
    inputs = _inputs(root, settings, settings_path, files)
    for key, default in (("docs_dir", "docs"), ("site_dir", "site")):
        value = data.get(key, default)
        if isinstance(value, _Unknown):
            continue
        if not isinstance(value, str):
            problems.append(f"{path}: {key}: expected text, got {_kind(value)}")
            continue
        problem = _path_text_problem(value) or _folder_problem(value, key, root, inputs)
        ours = getattr(settings, key)
        if problem:
            problems.append(f"{path}: {key}: {problem}")
        elif (not files.reported(settings_path, key) and _folder_problem(ours, key, root, inputs) is None
              and (root / value).resolve() != (root / ours).resolve()):
            stated = f"{value!r}" if key in data else f"not set (MkDocs' default {value!r})"
            problems.append(f"{path}: {key}: {stated} is not marsad.yml's {key} {ours!r}; both must name "
                            f"the same folder")


def _limit_text(metadata: Any) -> str:
    if "range" in metadata:
        return f" Range: {metadata['range'][0]:,} to {metadata['range'][1]:,}."
    if "choices" in metadata:
        return f" One of: {', '.join(metadata['choices'])}."
    return ""


def documented_fields(cls: type, prefix: str = "") -> list[tuple[str, str]]:
    """(key, doc) for every field of a schema, nested keys dotted; for docs and their test."""
    rows = []
    hints = _type_hints(cls)
    for f in dataclasses.fields(cls):
        key = _join(prefix, f.name)
        rows.append((key, f.metadata.get("doc", "") + _limit_text(f.metadata)))
        if dataclasses.is_dataclass(hints[f.name]) and hints[f.name] is not Bilingual:
            rows.extend(documented_fields(hints[f.name], key))
    return rows


# --------------------------------------------------------------- sidecars


class SidecarLoader(_LineLoader):
    """Reads dates as text, so a wrong one is reported with its line and key (not a crash)."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _LineLoader.yaml_implicit_resolvers.items()
    }


class _FastSidecarLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """SidecarLoader on libyaml: same resolvers and line-keeping mappings, several times faster."""

    yaml_implicit_resolvers = SidecarLoader.yaml_implicit_resolvers


_FastSidecarLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


# Limits on what a sidecar (or front matter, or a JSON Lines record) may hold, checked before it is
# parsed or used: a sidecar states a few short facts, so anything far beyond is refused with its reason.
MAX_SIDECAR_BYTES = 64 * 1024
MAX_SIDECAR_KEYS = 50  # the schema knows 8; a few misspelt ones are reported, thousands are not listed
MAX_SIDECAR_DEPTH = 8  # nested lists or mappings; every value the schema knows is a plain scalar
SIDECAR_TEXT_LIMITS = {"url": 2_000, "outlet": 200, "published": 40, "title": 500, "title_en": 500,
                       "summary_en": 5_000, "reference_date": 40, "fetched_at": 40}  # characters
EARLIEST_DAY, LATEST_DAY = date(1900, 1, 1), date(2100, 12, 31)  # the days dates are believed in (as dates.py)
LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # half of a UTF-16 pair: no file can store it
_TOP_LEVEL_KEY = re.compile(r"^[^\s#\-\[{][^\n]*?:(?:[ \t]|$)", re.M)
_NESTING_HINT = re.compile(r"[\[{]|^[ \t-]", re.M)  # without these, a YAML text nests nothing


def parse_sidecar(text: str, where: Path | str, first_line: int = 1) -> Sidecar:
    """Validate the YAML text of a sidecar (or of front matter starting on ``first_line`` of ``where``).

    Size, key count and nesting depth are checked before the YAML is built. libyaml parses first; a
    text it refuses is parsed again by the pure-Python loader, whose messages are the ones reported
    for every other YAML file.
    """
    where = where if isinstance(where, Path) else Path(where)
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_SIDECAR_BYTES:
        raise ConfigError([f"{where}: too large ({size:,} bytes; a sidecar holds at most {MAX_SIDECAR_BYTES:,})"])
    keys = len(_TOP_LEVEL_KEY.findall(text))
    if keys > MAX_SIDECAR_KEYS:
        raise ConfigError([_too_many_keys(where, keys)])
    depth = _yaml_depth(text) if _NESTING_HINT.search(text) else 0
    if depth > MAX_SIDECAR_DEPTH:
        raise ConfigError([f"{where}: nested more than {MAX_SIDECAR_DEPTH} levels deep (every sidecar value "
                           f"is a single text or date)"])
    try:
        data = _parse_yaml(text, where, (_FastSidecarLoader, SidecarLoader), first_line)
    except RecursionError:  # not reached within the depth limit; a last guard
        raise ConfigError([f"{where}: nested too deeply to read"]) from None
    return sidecar_from_data(data, where, first_line)


def _yaml_depth(text: str) -> int:
    """How deep the collections of a YAML text nest, from its parse events (no recursion, no objects
    built); stops counting past the limit. For a text both parsers refuse, the depth reached before
    the error: the loader then stops at the same error, no deeper, and reports it."""
    starts, ends = (yaml.SequenceStartEvent, yaml.MappingStartEvent), (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    for loader in (_FastSidecarLoader, SidecarLoader):  # libyaml refuses some texts PyYAML reads (\ud800)
        depth = deepest = 0
        try:
            for event in yaml.parse(text, Loader=loader):
                if isinstance(event, starts):
                    depth += 1
                    deepest = max(deepest, depth)
                    if deepest > MAX_SIDECAR_DEPTH:
                        return deepest
                elif isinstance(event, ends):
                    depth -= 1
            return deepest
        except yaml.YAMLError:
            continue
    return deepest  # both refuse it, no deeper than this: the loader reports the error


def _too_many_keys(where: Path, keys: int) -> str:
    return (f"{where}: {keys:,} keys; a sidecar has at most {MAX_SIDECAR_KEYS} (it knows "
            f"{', '.join(f.name for f in dataclasses.fields(Sidecar))})")


def sidecar_from_data(data: Any, where: Path | str, first_line: int = 1) -> Sidecar:
    """Validate sidecar keys given as a mapping (a sidecar, front matter or a JSON Lines record).

    ``first_line`` is the line of ``where`` the mapping starts on (front matter starts on line 2).
    Besides types: at most ``MAX_SIDECAR_KEYS`` keys, text values within ``SIDECAR_TEXT_LIMITS`` and
    without lone surrogates, dates between ``EARLIEST_DAY`` and ``LATEST_DAY``.
    """
    if isinstance(data, dict) and len(data) > MAX_SIDECAR_KEYS:
        raise ConfigError([_too_many_keys(where if isinstance(where, Path) else Path(where), len(data))])
    if isinstance(data, _Mapping) and first_line != 1:
        shifted = _Mapping(data)
        shifted.lines = {key: line + first_line - 1 for key, line in data.lines.items()}
        data = shifted
    if isinstance(data, dict):
        data = _with_iso_dates(data)
    validator = _Validator(where if isinstance(where, Path) else Path(where))
    sidecar = validator.build(Sidecar, data, "")
    if sidecar is not None:
        refused = _check_sidecar_texts(sidecar, data, validator)
        _check_sidecar_dates(sidecar, data, validator, refused)
    if validator.problems:
        raise ConfigError(validator.problems)
    return sidecar


def _with_iso_dates(data: dict) -> dict:
    """YAML reads 2023-11-30 as a date: give such values back as ISO text."""
    converted = _Mapping({k: (v.isoformat(timespec="minutes") if isinstance(v, datetime)
                              else v.isoformat() if isinstance(v, date) else v) for k, v in data.items()})
    converted.lines = getattr(data, "lines", {})
    return converted


def _check_sidecar_texts(sidecar: Sidecar, data: Any, validator: _Validator) -> set[str]:
    """Each text within its length limit and free of lone surrogates (half of a UTF-16 pair, which
    a JSON or YAML escape such as \\ud800 can give and no file can store); the keys refused."""
    refused = set()
    for key, limit in SIDECAR_TEXT_LIMITS.items():
        value = getattr(sidecar, key)
        if not isinstance(value, str):
            continue
        if len(value) > limit:
            validator.report(data, key, f"too long ({len(value):,} characters; at most {limit:,})", key)
            refused.add(key)
        elif LONE_SURROGATE.search(value):
            validator.report(data, key, "not valid text: a lone surrogate (an escape such as \\ud800 "
                                        "that is half a character)", key)
            refused.add(key)
    return refused


def is_accepted_day(iso: str) -> bool:
    """Whether the day of ``iso`` (a date, or a date and time) lies from EARLIEST_DAY to LATEST_DAY."""
    return EARLIEST_DAY.isoformat() <= iso[:10] <= LATEST_DAY.isoformat()


def _check_sidecar_dates(sidecar: Sidecar, data: Any, validator: _Validator, refused: set[str]) -> None:
    checks = (("published", datetime.fromisoformat, "an ISO date or date and time"),
              ("reference_date", date.fromisoformat, "an ISO date (YYYY-MM-DD)"))
    for key, parse, expected in checks:
        value = getattr(sidecar, key)
        if value is None or key in refused:
            continue
        try:
            day = parse(value).isoformat()
        except ValueError:
            validator.report(data, key, f"{value!r} is not {expected}", key)
            continue
        if not is_accepted_day(day):
            validator.report(data, key, f"{value!r} is outside the dates Marsad accepts "
                                        f"({EARLIEST_DAY} to {LATEST_DAY})", key)

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


def doc(text: str, default: Any = dataclasses.MISSING, **kwargs: Any) -> Any:
    """A dataclass field with its documentation (shown by ``marsad config --help``)."""
    if default is dataclasses.MISSING and "default_factory" not in kwargs:
        return field(metadata={"doc": text}, **kwargs)
    return field(default=default, metadata={"doc": text}, **kwargs)


# --------------------------------------------------------------------- schemas


@dataclass(frozen=True)
class Bilingual:
    ar: str = doc("Arabic text.")
    en: str = doc("English text.")

    def get(self, language: str) -> str:
        return getattr(self, language, None) or self.ar


@dataclass(frozen=True)
class DedupeSettings:
    threshold: float = doc("Jaccard similarity of shingles above which two articles are wire copies.", 0.4)
    num_perm: int = doc("MinHash permutations (more: slower, more exact).", 128)
    shingle_size: int = doc("Words per shingle.", 4)


@dataclass(frozen=True)
class StorySettings:
    similarity: float = doc("TF-IDF cosine similarity above which two reports may be the same event.", 0.325)
    max_gap_days: int = doc("Reports further apart than this many days are never the same story.", 4)
    entity_bonus: float = doc("Added to the similarity per shared gazetteer entity (people, places).", 0.02)


@dataclass(frozen=True)
class DigestSettings:
    period: str = doc("Digest period: day, week (ISO week) or month.", "week")


@dataclass(frozen=True)
class Settings:
    """``marsad.yml``: where things are and how the fuzzy stages are tuned."""

    site_name: Bilingual = doc("Site title in each language.",
                               default_factory=lambda: Bilingual(ar="مرصد", en="Marsad"))
    site_url: str = doc("Public URL of the site (optional; used for canonical links).", "")
    articles_dir: str = doc("Folder of raw articles (text, Markdown, HTML, feeds, JSON Lines).", "content/articles")
    topics_file: str = doc("Topic taxonomy.", "content/topics.yml")
    outlets_file: str = doc("Known outlets.", "content/outlets.yml")
    entities_file: str = doc("Entity gazetteer.", "content/entities.yml")
    pages_dir: str = doc("Hand-written pages, copied as they are (never overwritten).", "content/pages")
    docs_dir: str = doc("Where generated Markdown goes (git-ignored; MkDocs' docs_dir).", "build/docs")
    site_dir: str = doc("Where the built site goes (git-ignored).", "site")
    languages: tuple[str, ...] = doc("Site languages; the first is the default, at the site root.", ("ar", "en"))
    max_file_bytes: int = doc("Files larger than this are skipped.", 5_000_000)
    pdf: bool = doc("Build PDF briefings with the site.", True)
    dedupe: DedupeSettings = doc("Wire-copy detection.", default_factory=DedupeSettings)
    stories: StorySettings = doc("Same-event clustering.", default_factory=StorySettings)
    digest: DigestSettings = doc("Periodic digests.", default_factory=DigestSettings)


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
    type: str = doc(f"One of: {', '.join(ENTITY_TYPES)}.")
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


@dataclass(frozen=True)
class Config:
    """Everything the build reads besides the articles, validated together."""

    root: Path
    settings: Settings
    topics: tuple[Topic, ...]
    outlets: tuple[Outlet, ...]
    entities: tuple[Entity, ...]

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
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def load_yaml(path: Path, loader: type = _LineLoader) -> Any:
    """Parse a YAML file, turning syntax errors into a ConfigError with the line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError([f"{path}: file not found"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([f"{path}: cannot be read: {exc}"]) from None
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError([f"{path}{where}: invalid YAML: {problem}"]) from None


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
            self.report(data, key_path or "(top)", f"expected a mapping, got {type(data).__name__}")
            return None
        hints = _type_hints(cls)
        fields = {f.name: f for f in dataclasses.fields(cls)}
        for key in data:
            if key not in fields:
                known = ", ".join(sorted(fields))
                self.report(data, _join(key_path, key), f"unknown key (known keys: {known})", key)
        values = {}
        for name, f in fields.items():
            sub_path = _join(key_path, name)
            if name in data:
                values[name] = self.convert(hints[name], data[name], sub_path, data, name)
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                self.report(data, sub_path, "required key is missing")
                values[name] = None
        try:
            return cls(**values)
        except TypeError:
            return None

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
    return {dict: "a mapping", list: "a list", str: "text", type(None): "nothing"}.get(type(value), type(value).__name__)


def _load_file(cls: type, path: Path, problems: list[str], optional: bool = False) -> Any:
    if optional and not path.exists():
        return cls()
    try:
        data = load_yaml(path)
    except ConfigError as exc:
        problems.extend(exc.problems)
        return None
    validator = _Validator(path)
    built = validator.build(cls, data, "")
    problems.extend(validator.problems)
    return built


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


def _check_topics(topics: tuple[Topic, ...], path: Path, problems: list[str]) -> None:
    from .arabic import term_key

    groups = ("terms", "describes", "context", "not_within", "cues", "requires", "excludes")
    for i, topic in enumerate(topics):
        if topic is None:
            continue
        for group in groups:
            seen: dict[tuple[str, ...], str] = {}
            for j, term in enumerate(getattr(topic, group) or ()):
                if term is None:
                    continue
                key = term_key(term)
                if not key:
                    problems.append(f"{path}: topics[{i}].{group}[{j}]: {term!r} has no word to match")
                elif key in seen:
                    problems.append(f"{path}: topics[{i}].{group}[{j}]: {term!r} matches the same words as "
                                    f"{seen[key]!r}")
                seen.setdefault(key, term)
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
        if entity.type not in ENTITY_TYPES:
            problems.append(f"{path}: entities[{i}].type: {entity.type!r} is not one of {', '.join(ENTITY_TYPES)}")
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
    """Read and validate every configuration file under ``root``.

    Raises ConfigError listing every problem found, each with file, line and key.
    """
    root = Path(root).resolve()
    problems: list[str] = []
    settings_path = root / settings_file
    settings = _load_file(Settings, settings_path, problems, optional=True) or Settings()
    if settings.languages and any(lang not in ("ar", "en") and not re.match(r"^[a-z]{2}$", lang or "")
                                  for lang in settings.languages):
        problems.append(f"{settings_path}: languages: each must be a two-letter language code")
    if settings.digest and settings.digest.period not in ("day", "week", "month"):
        problems.append(f"{settings_path}: digest.period: {settings.digest.period!r} is not day, week or month")

    topics_path = root / settings.topics_file
    topics = _load_file(Topics, topics_path, problems)
    outlets_path = root / settings.outlets_file
    outlets = _load_file(Outlets, outlets_path, problems, optional=True)
    entities_path = root / settings.entities_file
    entities = _load_file(Entities, entities_path, problems, optional=True)

    topic_list = tuple(t for t in (topics.topics if topics else ()) if t is not None)
    outlet_list = tuple(o for o in (outlets.outlets if outlets else ()) if o is not None)
    entity_list = tuple(e for e in (entities.entities if entities else ()) if e is not None)
    _check_ids(topic_list, topics_path, "topics", problems)
    _check_topics(topic_list, topics_path, problems)
    _check_ids(outlet_list, outlets_path, "outlets", problems)
    _check_ids(entity_list, entities_path, "entities", problems)
    _check_entities(entity_list, entities_path, problems)
    if problems:
        raise ConfigError(problems)
    return Config(root=root, settings=settings, topics=topic_list, outlets=outlet_list, entities=entity_list)


def documented_fields(cls: type, prefix: str = "") -> list[tuple[str, str]]:
    """(key, doc) for every field of a schema, nested keys dotted; for docs and their test."""
    rows = []
    hints = _type_hints(cls)
    for f in dataclasses.fields(cls):
        key = _join(prefix, f.name)
        rows.append((key, f.metadata.get("doc", "")))
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
MAX_SIDECAR_KEYS = 50  # the schema knows 7; a few misspelt ones are reported, thousands are not listed
MAX_SIDECAR_DEPTH = 8  # nested lists or mappings; every value the schema knows is a plain scalar
SIDECAR_TEXT_LIMITS = {"url": 2_000, "outlet": 200, "published": 40, "title": 500, "title_en": 500,
                       "summary_en": 5_000, "reference_date": 40}  # characters
EARLIEST_DAY, LATEST_DAY = "1900-01-01", "2100-12-31"  # the days dates are believed in (as dates.py)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_TOP_LEVEL_KEY = re.compile(r"^[^\s#\-\[{][^\n]*?:(?:[ \t]|$)", re.M)
_NESTING_HINT = re.compile(r"[\[{]|^[ \t-]", re.M)  # without these, a YAML text nests nothing


def load_sidecar(path: Path) -> Sidecar:
    """Read and validate an article's sidecar ``NAME.yml``; ConfigError names file, line and key.

    The file is opened without blocking (a named pipe never stalls the build) and refused when it is
    not a regular file or larger than ``MAX_SIDECAR_BYTES``, before anything is parsed.
    """
    import os
    import stat

    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise ConfigError([f"{path}: file not found"]) from None
    except OSError as exc:
        raise ConfigError([f"{path}: cannot be read: {exc.strerror or exc}"]) from None
    with os.fdopen(handle, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError([f"{path}: not a regular file"])
        if info.st_size > MAX_SIDECAR_BYTES:
            raise ConfigError([f"{path}: too large ({info.st_size:,} bytes; a sidecar holds at most "
                               f"{MAX_SIDECAR_BYTES:,})"])
        data = file.read(MAX_SIDECAR_BYTES + 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError([f"{path}: cannot be read: not UTF-8 text (byte {exc.start:,})"]) from None
    return parse_sidecar(text, path)


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
    data = None
    for loader in (_FastSidecarLoader, SidecarLoader):
        try:
            data = yaml.load(text, Loader=loader)  # noqa: S506 - SafeLoader subclasses
            break
        except RecursionError:  # not reached within the depth limit; a last guard
            raise ConfigError([f"{where}: nested too deeply to read"]) from None
        except yaml.YAMLError as exc:
            if loader is SidecarLoader:
                mark = getattr(exc, "problem_mark", None)
                line = f":{mark.line + first_line}" if mark else ""
                problem = getattr(exc, "problem", None) or str(exc)
                raise ConfigError([f"{where}{line}: invalid YAML: {problem}"]) from None
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
    import datetime as _dt

    converted = _Mapping({k: (v.isoformat(timespec="minutes") if isinstance(v, _dt.datetime)
                              else v.isoformat() if isinstance(v, _dt.date) else v) for k, v in data.items()})
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
        elif _LONE_SURROGATE.search(value):
            validator.report(data, key, "not valid text: a lone surrogate (an escape such as \\ud800 "
                                        "that is half a character)", key)
            refused.add(key)
    return refused


def _check_sidecar_dates(sidecar: Sidecar, data: Any, validator: _Validator, refused: set[str]) -> None:
    import datetime as _dt

    checks = (("published", _dt.datetime.fromisoformat, "an ISO date or date and time"),
              ("reference_date", _dt.date.fromisoformat, "an ISO date (YYYY-MM-DD)"))
    for key, parse, expected in checks:
        value = getattr(sidecar, key)
        if value is None or key in refused:
            continue
        try:
            day = parse(value).isoformat()[:10]
        except ValueError:
            validator.report(data, key, f"{value!r} is not {expected}", key)
            continue
        if not EARLIEST_DAY <= day <= LATEST_DAY:
            validator.report(data, key, f"{value!r} is outside the dates Marsad accepts "
                                        f"({EARLIEST_DAY} to {LATEST_DAY})", key)

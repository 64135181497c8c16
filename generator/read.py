"""Read stage: files in the articles folder → ``RawArticle`` records.

Text (``.txt``), Markdown with YAML front matter, HTML pages (trafilatura),
RSS/Atom feeds (feedparser, one article per item) and JSON Lines exports (one
article per line). A sidecar ``NAME.yml`` beside ``NAME.EXT`` adds what the
user knows; it wins over anything the file says.

Anything that cannot be used becomes a ``Skipped`` record with its path and
the reason (empty, binary, truncated, undecodable, too large, a duplicate of
another file, an invalid sidecar, a bad JSON line); it never stops the build
and never affects another file.

Inputs are untrusted, so every one has limits, checked before it is parsed:

- a symbolic link (article or sidecar) is followed only to a regular file inside
  the articles folder; named pipes, sockets and devices are never opened;
- a file at most ``max_file_bytes``; a sidecar or front matter at most 64 KiB,
  50 keys and 8 levels of nesting, each value within its length (config.py);
- a JSON line nested at most ``MAX_JSON_DEPTH`` levels; an HTML page at most
  ``MAX_HTML_DEPTH`` (deeper, the parser would silently drop the rest);
- dates between 1900-01-01 and 2100-12-31: a sidecar, record, feed item or page
  stating another is refused with its reason; a file modification day outside
  is not used;
- a lone surrogate (``\\ud800``, ``&#xD800;``) in article text counts as a damaged
  character (one or two are dropped, more refuse the item); in a sidecar value
  it refuses the sidecar; in a feed's or page's own metadata it is dropped.

A title, author or site name from a feed or page longer than ``MAX_HINT_CHARS``
is not used (the headline then comes from the text). Any other failure while
reading a file is reported as "internal error in read: ...".
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import html as html_entities
import json
import os
import re
import stat as stat_modes
import traceback
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, timezone
from pathlib import Path

from .config import EARLIEST_DAY, LATEST_DAY, LONE_SURROGATE, SIDECAR_TEXT_LIMITS, is_accepted_day
from .models import Hints, RawArticle, Skipped, Source
from .workers import chunks

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SIDECAR_SUFFIXES = {".yml", ".yaml"}
IGNORED_NAMES = {".gitkeep", "README.md", ".DS_Store"}
JSONL_TEXT_KEYS = ("text", "body", "content")
LEGACY_ENCODINGS = ("cp1256", "iso8859_6")  # Arabic code pages, in order of preference on a tie
LATIN_FALLBACK = "cp1252"
MAX_REPLACEMENT_CHARS = 2  # a stray U+FFFD or two is dropped; more means the text was damaged upstream

_SNIFF_FEED = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)
_SNIFF_HTML = re.compile(rb"<(?:!doctype\s+html|html|body|article)[\s>]", re.I)
_CONTINUATION = "".join(sorted(set(bytes(range(0x80, 0xC0)).decode("cp1252", "ignore") + bytes(range(0x80, 0xC0)).decode("latin-1"))))
_MOJIBAKE_PAIR = f"[ØÙÚÛ][{re.escape(_CONTINUATION)}]"
_MOJIBAKE = re.compile(f"{_MOJIBAKE_PAIR}(?:{_MOJIBAKE_PAIR})+")  # two or more; a leading class is searched fast
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_ACCENTED = re.compile("[\u00c0-\u00ff]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_LATIN_ACCENTED_LETTER = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]")  # the letters of _LATIN_ACCENTED

MAX_JSON_DEPTH = 20  # nested arrays/objects in one JSON line; a record is flat
MAX_HTML_DEPTH = 255  # libxml2 stops building the tree at 256 levels and drops the rest of the page
# A feed's or page's own title, author or site name is not used when longer than a sidecar's title may be,
# nor its link when longer than a sidecar's url.
MAX_HINT_CHARS = SIDECAR_TEXT_LIMITS["title"]
MAX_URL_CHARS = SIDECAR_TEXT_LIMITS["url"]
MAX_REASON_CHARS = 1_000  # a reason that quotes its input is cut
_FILE_KINDS = ((stat_modes.S_ISDIR, "a folder"), (stat_modes.S_ISFIFO, "a named pipe (FIFO)"),
               (stat_modes.S_ISSOCK, "a socket"), (stat_modes.S_ISCHR, "a character device"),
               (stat_modes.S_ISBLK, "a block device"))


@dataclass(frozen=True)
class ReadResult:
    articles: tuple[RawArticle, ...]
    skipped: tuple[Skipped, ...]


class Unreadable(Exception):
    """Raised by a reader with the reason a file cannot be used."""


@dataclass(frozen=True)
class _Item:
    """One article found in a file, before the sidecar is applied."""

    text: str
    hints: Hints
    locator: str = ""


PARALLEL_FROM = 400  # files; below this, starting worker processes costs more than it saves


def read_articles(roots: Iterable[Path], max_bytes: int = 5_000_000, workers: int = 1) -> ReadResult:
    """Read every article file under ``roots`` (files or folders), in path order.

    With ``workers`` > 1 and many files, files are read in worker processes; the result is the same.
    """
    articles: list[RawArticle] = []
    skipped: list[Skipped] = []
    seen: dict[str, str] = {}
    for found in _read_all([(path, shown, max_bytes) for path, shown in article_files(roots)], workers):
        duplicate = found.duplicate_of(seen)
        if duplicate:
            skipped.append(duplicate)
            continue
        articles.extend(found.articles)
        skipped.extend(found.skipped)
    return ReadResult(tuple(articles), tuple(skipped))


@dataclass(frozen=True)
class FileRead:
    """What one file gave: its articles, or why it (or some of its items) could not be used."""

    shown: str  # the path as reported
    digest: str | None  # sha256 of the file's bytes, when they could be read
    articles: list[RawArticle]
    skipped: list[Skipped]

    def duplicate_of(self, seen: dict[str, str]) -> Skipped | None:
        """A Skipped record when an earlier file (``seen``: digest → shown path) had the same bytes;
        otherwise None, and this file is recorded in ``seen``."""
        if self.digest is None:
            return None
        if self.digest in seen:
            return Skipped(self.shown, f"duplicate of {seen[self.digest]}")
        seen[self.digest] = self.shown
        return None


def _read_all(files: list[tuple[Path, str, int]], workers: int) -> Iterator[FileRead]:
    if workers < 2 or len(files) < PARALLEL_FROM:
        yield from map(read_file, files)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers) as pool:
        for chunk in pool.map(_read_chunk, chunks(files, 200)):
            yield from chunk


def _read_chunk(files: list[tuple[Path, str, int]]) -> list[FileRead]:
    return [read_file(file) for file in files]


def read_file(file: tuple[Path, str, int]) -> FileRead:
    """The articles of one file: (path, shown path, size limit in bytes). Never raises: whatever goes
    wrong is a Skipped record naming the file and the reason."""
    path, shown, max_bytes = file
    if LONE_SURROGATE.search(shown):  # bytes that are not UTF-8 in the name (os.fsdecode's escapes)
        shown = printable(shown)
        return FileRead(shown, None, [], [Skipped(shown, "the file name is not UTF-8 text; rename the file "
                                                         "to have it read")])
    try:
        found = _read_file(path, shown, max_bytes)
    except Exception as exc:  # noqa: BLE001 - the per-file failure boundary: one bad file never stops a build
        return FileRead(shown, None, [], [Skipped(shown, internal_error(exc, "read"))])
    if any(len(s.reason) > MAX_REASON_CHARS or LONE_SURROGATE.search(s.reason) for s in found.skipped):
        found = replace(found, skipped=[Skipped(s.path, printable(s.reason)) for s in found.skipped])
    return found


def _read_file(path: Path, shown: str, max_bytes: int) -> FileRead:
    digest = None
    folder = _articles_folder(path, shown)
    try:
        data, stat = _read_bytes(path, max_bytes, folder)
        if not data.strip():
            raise Unreadable("empty file")
        digest = hashlib.sha256(data).hexdigest()
        items, bad_items, kind, encoding = _read_items(path, data)
        sidecar = _sidecar_hints(path, folder)
    except Unreadable as exc:
        return FileRead(shown, digest, [], [Skipped(shown, str(exc))])
    file_day = _file_day(stat.st_mtime)
    articles = [
        RawArticle(
            source=Source(shown, kind, item.locator),
            text=item.text,
            encoding=encoding,
            hints=_merge_hints(item.hints, sidecar, sidecar_wins=not item.locator),
            file_date=file_day,
            content_hash=hashlib.sha256(item.text.encode("utf-8")).hexdigest(),
        )
        for item in items
    ]
    return FileRead(shown, digest, articles, [Skipped(shown, reason) for reason in bad_items])


def article_files(roots: Iterable[Path]) -> list[tuple[Path, str]]:
    """(path, path as shown) of every article file under ``roots``, in path order: sidecars,
    hidden files and README.md left out; folders entered, symbolic links to folders not.

    Anything else with an article's name is listed, whatever it is (a link out of the folder, a
    broken link, a named pipe): ``read_file`` reports why it is not read."""
    found: list[tuple[Path, str]] = []
    for root in roots:
        root = Path(root)
        if not root.is_dir() and os.path.lexists(root):
            found.append((root, _shown_path(root, root.parent)))
            continue
        if not root.is_dir():
            raise FileNotFoundError(f"{root}: no such file or folder")
        files = sorted(_files_under(root, ()))
        found += [(Path(os.path.join(root, *parts)), "/".join(parts)) for parts in files if _is_article_name(parts[-1])]
    return found


def _files_under(folder: Path, parts: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """Relative parts of every file under ``folder`` (as ``Path.rglob`` and ``Path.is_file`` see them)."""
    try:
        with os.scandir(folder) as entries:
            listed = list(entries)
    except PermissionError:
        return
    for entry in listed:
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _files_under(Path(entry.path), (*parts, entry.name))
            elif not (entry.is_symlink() and entry.is_dir()):
                yield (*parts, entry.name)
        except OSError:  # a link that loops: read_file says so
            yield (*parts, entry.name)


def _is_article_name(name: str) -> bool:
    return not (name in IGNORED_NAMES or name.startswith(".") or os.path.splitext(name)[1].lower() in SIDECAR_SUFFIXES)


def _shown_path(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def _articles_folder(path: Path, shown: str) -> str:
    """The folder ``shown`` is relative to (the articles folder, or the folder of a file given alone),
    with every link in it resolved."""
    folder = os.path.dirname(os.path.abspath(path))
    for _ in range(shown.count("/")):
        folder = os.path.dirname(folder)
    return os.path.realpath(folder)


def _regular_file(path: Path, folder: str) -> str:
    """The real path of ``path`` when it is a regular file inside ``folder``, itself or through
    symbolic links; otherwise Unreadable with the reason. Nothing is opened."""
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise Unreadable(f"cannot be read: {exc.strerror or exc}") from None
    target = str(path)
    if stat_modes.S_ISLNK(info.st_mode):
        try:
            target = os.path.realpath(path, strict=True)
            info = os.stat(target)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise Unreadable("a symbolic link that loops (it never reaches a file)") from None
            if exc.errno == errno.ENOENT:
                raise Unreadable("a broken symbolic link (what it points to does not exist)") from None
            raise Unreadable(f"cannot be read: {exc.strerror or exc}") from None
        if os.path.commonpath([folder, target]) != folder:
            # The target is not named: the reason is shown on the public report page.
            raise Unreadable("a symbolic link to a file outside the articles folder (not read)")
    if not stat_modes.S_ISREG(info.st_mode):
        kind = next((name for test, name in _FILE_KINDS if test(info.st_mode)), "not a file")
        raise Unreadable(f"not a regular file: {kind} (not read)")
    return target


def _read_bytes(path: Path, max_bytes: int, folder: str) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file inside ``folder``: checked before it is opened, opened without
    blocking and without following a link (so it cannot be swapped for a pipe or a link meanwhile)."""
    target = _regular_file(path, folder)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        with os.fdopen(os.open(target, flags), "rb") as handle:
            stat = os.fstat(handle.fileno())
            if not stat_modes.S_ISREG(stat.st_mode):
                raise Unreadable("not a regular file (it changed while being read)")
            if stat.st_size > max_bytes:
                raise Unreadable(f"too large ({stat.st_size:,} bytes; the limit is {max_bytes:,})")
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise Unreadable(f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise Unreadable(f"too large (more than {max_bytes:,} bytes; it grew while being read)")
    return data, stat


def _file_day(mtime: float) -> date | None:
    """The file's modification day, when it is a day dates can be counted from."""
    try:
        day = datetime.fromtimestamp(mtime, tz=timezone.utc).date()
    except (OverflowError, OSError, ValueError):
        return None
    return day if EARLIEST_DAY <= day <= LATEST_DAY else None


# ------------------------------------------------------------------ kinds


def kind_of(path: Path, data: bytes) -> str:
    """The reader for a file: by its suffix, and for .xml / .txt / unknown suffixes by its content."""
    suffix = path.suffix.lower()
    head = data[:2048].lstrip(codecs.BOM_UTF8)
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in FEED_SUFFIXES or suffix in TEXT_SUFFIXES or not suffix:
        if _SNIFF_FEED.search(head):
            return "feed"
        if _SNIFF_HTML.search(head):
            return "html"
        if suffix in TEXT_SUFFIXES:
            return "text"
        if suffix in FEED_SUFFIXES:
            raise Unreadable("XML that is not an RSS or Atom feed")
    raise Unreadable(f"unsupported file type {suffix or '(no suffix)'}")


def _read_items(path: Path, data: bytes) -> tuple[list[_Item], list[str], str, str]:
    """(articles, reasons for bad items, kind, encoding) of one file."""
    kind = kind_of(path, data)
    if kind == "feed":
        items, bad = read_feed(data)
        return items, bad, kind, "feed"
    text, encoding = decode(data)
    if kind == "html":
        return [read_html(text)], [], kind, encoding
    if kind == "jsonl":
        items, bad = read_jsonl(text, path.name)
        return items, bad, kind, encoding
    if kind == "markdown":
        return [read_markdown(text, path.name)], [], kind, encoding
    return [_Item(text, Hints())], [], kind, encoding


# ---------------------------------------------------------------- decoding


def decode(data: bytes) -> tuple[str, str]:
    """Decode text to NFC with "\\n" line endings: UTF-8 (BOM or not), UTF-16/32 (BOM), then the
    Arabic code pages Windows-1256 and ISO-8859-6. Mojibake and damaged text are refused."""
    text, encoding = _decode_bytes(data)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _checked_text(text), encoding


def _decode_bytes(data: bytes) -> tuple[str, str]:
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise Unreadable(f"truncated or wrongly encoded: invalid {codec.upper()} at byte "
                                 f"{exc.start:,} of {len(data):,}") from None
    if b"\x00" in data or _arabic_utf16_shape(data):
        unmarked = _unmarked_utf16(data)
        if unmarked:
            return unmarked
        raise Unreadable("binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if _mostly_utf8(data):
            raise Unreadable(f"truncated or wrongly encoded: invalid UTF-8 at byte {exc.start:,} of "
                             f"{len(data):,}") from None
    return _legacy(data)


def _unmarked_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: every NUL byte on the same side of its pair (ASCII spaces, newlines)."""
    if len(data) % 2:
        return None
    high_le, high_be = set(data[1::2]), set(data[0::2])
    codec = ("utf-16-le" if high_le <= _UTF16_HIGH_BYTES and 0 not in high_be
             else "utf-16-be" if high_be <= _UTF16_HIGH_BYTES and 0 not in high_le else None)
    if codec is None:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    plausible = _plausibility(text) > 0.5 or (_latin_plausible(text) and not _CONTROL.search(text))
    return (text, codec) if plausible else None


_UTF16_HIGH_BYTES = {0x00, 0x06, 0x20, 0xFB, 0xFC, 0xFD, 0xFE}  # ASCII, Arabic, punctuation, presentation forms


def _arabic_utf16_shape(data: bytes) -> bool:
    """Arabic UTF-16 without a BOM or any ASCII: every other byte is 0x06."""
    if len(data) < 4 or len(data) % 2:
        return False
    return any(set(data[side:64:2]) <= _UTF16_HIGH_BYTES and set(data[side::2]) <= _UTF16_HIGH_BYTES
               for side in (1, 0))  # the first bytes rule most files out


def _mostly_utf8(data: bytes) -> bool:
    """Valid multi-byte UTF-8 with a few bad bytes: a cut-off or damaged UTF-8 file, not a code page."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127) - bad
    return good >= 3 and good >= 4 * bad


def _legacy(data: bytes) -> tuple[str, str]:
    """The Arabic code page that decodes ``data`` into the most plausible text."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    order = ([best.encoding] if best and best.encoding in LEGACY_ENCODINGS else []) + list(LEGACY_ENCODINGS)
    scored = []
    for rank, codec in enumerate(dict.fromkeys(order)):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        scored.append((_plausibility(text), -rank, codec, text))
    if scored:
        score, _, codec, text = max(scored)
        if score >= 0.5:
            return text, codec
    try:
        text = data.decode(LATIN_FALLBACK)
    except UnicodeDecodeError:
        text = ""
    if text and not _ARABIC.search(text) and _latin_plausible(text):
        return text, LATIN_FALLBACK
    raise Unreadable("undecodable: not UTF-8, UTF-16, Windows-1256 or ISO-8859-6 text")


def _plausibility(text: str) -> float:
    """Share of letters that are Arabic, less three times the share of accented Latin letters
    (what an Arabic code page read as the wrong one produces: «ÇáÃãã»)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    arabic = sum(1 for ch in letters if _ARABIC.match(ch))
    accented = sum(1 for ch in letters if _LATIN_ACCENTED.match(ch))
    return (arabic - 3 * accented) / len(letters)


def _latin_plausible(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    accented = sum(1 for ch in letters if _LATIN_ACCENTED.match(ch))
    return bool(letters) and accented <= 0.15 * len(letters)


def _checked_text(text: str) -> str:
    """Refuse text that is not text, or that was decoded with the wrong encoding before it was saved."""
    if not text.strip():
        raise Unreadable("empty file (only a byte-order mark or white space)")
    visible, controls = _CONTROL.subn("", text)
    if controls > max(2, len(text) // 200):
        raise Unreadable(f"binary data ({controls:,} control characters), not text")
    found = _MOJIBAKE.search(text)
    if found:
        raise Unreadable(f"mojibake: the text was decoded with the wrong encoding before it was saved "
                         f"(«{found.group()[:12]}»)")
    accented = len(_LATIN_ACCENTED_LETTER.findall(text))
    if accented >= 8 and accented > 0.3 * sum(1 for ch in text if ch.isalpha()):
        raise Unreadable("mojibake: Arabic read as Latin letters («ÇáÃãã»-like text)")
    replacements = text.count("\ufffd")
    if replacements > MAX_REPLACEMENT_CHARS:
        raise Unreadable(f"truncated or wrongly encoded: {replacements} replacement characters (\ufffd) in the text")
    return visible.replace("\ufffd", "") if replacements else visible


# ------------------------------------------------------------------ readers


def read_html(html: str) -> _Item:
    """Main text and metadata of an HTML page (trafilatura)."""
    import trafilatura

    if _html_too_deep(html):
        raise Unreadable(f"HTML page nested more than {MAX_HTML_DEPTH} elements deep: the HTML parser stops "
                         "there and the rest of the page would be lost (not read)")
    try:
        document = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # noqa: BLE001 - any parser failure becomes the file's skip reason
        raise Unreadable(f"HTML page could not be parsed: {type(exc).__name__}: {exc}") from None
    if document is None or not (document.text or "").strip():
        raise Unreadable("HTML page: no article text found (trafilatura extracted nothing)")
    text = _checked_text(unicodedata.normalize("NFC", _damaged_as_replacement(document.text)))
    page = page_metadata(html)
    published = page.published or _iso(document.date)
    _check_day(published, "the page's publication date")
    hints = Hints(
        title=_clean(document.title),
        url=page.canonical or _clean(document.url, MAX_URL_CHARS),
        outlet=page.site_name or _clean(document.sitename),
        author=_clean(document.author),
        published=published,
        origin="html",
    )
    return _Item(text, hints)


@dataclass(frozen=True)
class PageMetadata:
    """What a page's markup says about it (not its text): each None when the page does not say it,
    or says it in two ways that disagree."""

    canonical: str | None = None  # <link rel="canonical">, else og:url: absolute http(s) only
    site_name: str | None = None  # og:site_name
    published: str | None = None  # ISO date, or date and time to the minute as the page states it
    published_source: str = ""  # which markup said it


# JSON-LD types whose datePublished is the article's own: schema.org's Article and NewsArticle with
# their news subtypes (not a WebPage, whose date may be the page's or the site's).
ARTICLE_TYPES = frozenset({"Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle",
                           "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle"})
MAX_JSON_LD_CHARS = 200_000  # one script's text; a page's own JSON-LD is a few kilobytes
_ISO_STAMP = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::\d{2}(?:[.,]\d+)?)?)?"
                        r"(?:Z|[+-]\d{2}:?\d{2})?\s*$")


def page_metadata(html: str, base_url: str | None = None) -> PageMetadata:
    """The canonical URL, site name and publication time a page's markup states.

    The publication time is taken, in this order, from ``<meta property="article:published_time">``,
    the ``datePublished`` of the page's JSON-LD Article or NewsArticle, or a ``<time datetime>`` that
    is marked as the publication (``itemprop="datePublished"``, ``pubdate``) or stands alone in the
    page's one ``<article>``. Several that disagree (a list of teasers, two articles) give none. A
    relative canonical link is resolved against ``base_url`` when given (the page's own address).
    """
    from urllib.parse import urljoin

    from lxml import html as lxml_html
    from lxml.etree import LxmlError

    try:
        root = lxml_html.document_fromstring(html.encode("utf-8", "surrogatepass"),
                                             parser=lxml_html.HTMLParser(encoding="utf-8", no_network=True))
    except (LxmlError, ValueError):
        return PageMetadata()

    def meta(*names: str) -> list[str]:
        return [m.get("content", "") for m in root.iter("meta")
                if (m.get("property") or m.get("name") or "").strip().lower() in names and m.get("content")]

    links = [link.get("href", "") for link in root.iter("link")
             if "canonical" in (link.get("rel") or "").lower().split() and link.get("href")]
    canonical = None
    for candidate in [*links[:1], *meta("og:url")[:1]]:
        absolute = urljoin(base_url, candidate.strip()) if base_url else candidate.strip()
        if re.match(r"^https?://[^\s/?#]+", absolute) and not re.search(r"\s", absolute):
            canonical = _clean(absolute, MAX_URL_CHARS)
            break
    site_name = next(filter(None, (_clean(v) for v in meta("og:site_name"))), None)
    published, source = None, ""
    for found, name in ((_one_stamp(meta("article:published_time")), "article:published_time"),
                        (_one_stamp(_json_ld_dates(root)), "JSON-LD datePublished"),
                        (_one_stamp(_time_stamps(root)), "<time datetime>")):
        if found:
            published, source = found, name
            break
    return PageMetadata(canonical, site_name, published, source)


def _one_stamp(values: list[str]) -> str | None:
    """The one date (to the minute) the values state; None when there is none, or two different days."""
    stamps = []
    for value in values:
        match = _ISO_STAMP.match(value or "")
        if not match:
            continue
        day, clock = match.groups()
        try:
            date.fromisoformat(day)
        except ValueError:
            continue
        if is_accepted_day(day):
            stamps.append(f"{day}T{clock}" if clock else day)
    if not stamps or len({stamp[:10] for stamp in stamps}) > 1:
        return None
    return stamps[0]


def _json_ld_dates(root) -> list[str]:
    """``datePublished`` of every Article or NewsArticle in the page's JSON-LD (also in ``@graph``)."""
    found: list[str] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = script.text or ""
        if len(text) > MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            continue
        stack, seen = [(data, 0)], 0
        while stack and seen < 1_000:
            node, depth = stack.pop()
            seen += 1
            if isinstance(node, list) and depth < 6:
                stack.extend((item, depth + 1) for item in node)
            elif isinstance(node, dict):
                kinds = node.get("@type")
                kinds = {kinds} if isinstance(kinds, str) else set(k for k in kinds if isinstance(k, str)) \
                    if isinstance(kinds, list) else set()
                if kinds & ARTICLE_TYPES and isinstance(node.get("datePublished"), str):
                    found.append(node["datePublished"])
                if depth < 6 and isinstance(node.get("@graph"), list):
                    stack.append((node["@graph"], depth + 1))
    return found


def _time_stamps(root) -> list[str]:
    """``<time datetime>`` marked as the publication; else those of the page's one ``<article>``."""
    marked = [t.get("datetime", "") for t in root.iter("time")
              if t.get("datetime") and ((t.get("itemprop") or "").strip() == "datePublished"
                                        or t.get("pubdate") is not None)]
    if marked:
        return marked
    articles = list(root.iter("article"))
    if len(articles) != 1:
        return []
    return [t.get("datetime", "") for t in articles[0].iter("time") if t.get("datetime")]


def _html_too_deep(html: str) -> bool:
    """Whether libxml2 (which trafilatura parses with) would stop at its depth limit on this page."""
    if html.count("<") <= MAX_HTML_DEPTH:
        return False
    from lxml import etree

    parser = etree.HTMLParser(recover=True)
    try:
        etree.fromstring(html.encode("utf-8", "surrogatepass"), parser)
    except (etree.LxmlError, ValueError):
        return False  # trafilatura reports what it makes of it
    return any("Excessive depth" in error.message for error in parser.error_log)


def read_feed(data: bytes) -> tuple[list[_Item], list[str]]:
    """One article per RSS/Atom item: its content, or its summary when that is all there is."""
    import feedparser

    parsed = feedparser.parse(_NUMERIC_REF.sub(_no_impossible_character, data))
    if not parsed.entries:
        problem = getattr(parsed, "bozo_exception", None)
        raise Unreadable(f"feed without items{f' ({problem})' if problem else ''}")
    site = _clean(parsed.feed.get("title"))
    items: list[_Item] = []
    bad: list[str] = []
    for index, entry in enumerate(parsed.entries, start=1):
        content = "\n".join(c.get("value", "") for c in entry.get("content", []) if c.get("value"))
        summary_only = not _fragment_text(content).strip()
        body = entry.get("summary", "") if summary_only else content
        text = unicodedata.normalize("NFC", _damaged_as_replacement(_fragment_text(body)))
        guid = entry.get("id") or entry.get("link") or ""
        locator = hashlib.sha1(guid.encode("utf-8", "surrogatepass")).hexdigest()[:8] if guid else str(index)
        if not text.strip():
            bad.append(f"item {index}: no text (neither content nor summary)")
            continue
        try:
            text = _checked_text(text)
        except Unreadable as exc:
            bad.append(f"item {index}: {exc}")
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        try:
            published = datetime(*stamp[:6]).isoformat(timespec="minutes") if stamp else None
            _check_day(published, "its publication date")
        except (Unreadable, ValueError, TypeError) as exc:
            bad.append(f"item {index}: {exc if isinstance(exc, Unreadable) else 'publication date is not a date'}")
            continue
        hints = Hints(
            title=_clean(entry.get("title")),
            url=_clean(entry.get("link"), MAX_URL_CHARS),
            outlet=site,
            author=_clean(entry.get("author")),
            published=published,
            summary_only=summary_only,
            origin="feed",
        )
        items.append(_Item(text, hints, locator))
    return items, bad


# A numeric character reference, also escaped once or more inside escaped HTML (&amp;#xD800;).
_NUMERIC_REF = re.compile(rb"&(?:amp;)*#([xX][0-9a-fA-F]{1,16}|[0-9]{1,20})(?![0-9a-fA-F])")


def _no_impossible_character(match: re.Match[bytes]) -> bytes:
    """A reference to no character (a lone surrogate, beyond U+10FFFF, NUL) as one to U+FFFD, which
    the text check counts as damage: feedparser would fail on the whole feed for one of them."""
    ref = match.group(1)
    value = int(ref[1:], 16) if ref[:1] in b"xX" else int(ref)
    if value == 0 or 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
        return match.group()[: match.start(1) - match.start()] + b"xFFFD"
    return match.group()


def read_jsonl(text: str, name: str) -> tuple[list[_Item], list[str]]:
    """One article per line: {"text" (or "body"/"content"), and optional sidecar keys}."""
    from .config import ConfigError, sidecar_from_data

    items: list[_Item] = []
    bad: list[str] = []
    for line_no, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        if line.count("[") + line.count("{") > MAX_JSON_DEPTH and _json_depth(line) > MAX_JSON_DEPTH:
            bad.append(f"line {line_no}: JSON nested more than {MAX_JSON_DEPTH} levels deep (a record is flat)")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            bad.append(f"line {line_no}: not valid JSON ({exc.msg}, column {exc.colno})")
            continue
        except (ValueError, RecursionError) as exc:  # a number of more than 4,300 digits, say
            bad.append(f"line {line_no}: JSON that cannot be read ({exc})")
            continue
        if not isinstance(record, dict):
            bad.append(f"line {line_no}: expected a JSON object, got {type(record).__name__}")
            continue
        key = next((k for k in JSONL_TEXT_KEYS if isinstance(record.get(k), str) and record[k].strip()), None)
        if key is None:
            bad.append(f"line {line_no}: no text (expected one of {', '.join(JSONL_TEXT_KEYS)})")
            continue
        extra = {k: v for k, v in record.items() if k not in JSONL_TEXT_KEYS and k != "id"}
        try:
            sidecar = sidecar_from_data(extra, f"{name}:{line_no}")
            body = _checked_text(unicodedata.normalize("NFC", _damaged_as_replacement(record[key].replace("\r\n", "\n"))))
        except ConfigError as exc:
            bad.append("; ".join(exc.problems))
            continue
        except Unreadable as exc:
            bad.append(f"line {line_no}: {exc}")
            continue
        locator = f"line-{line_no}"
        items.append(_Item(body, _sidecar_to_hints(sidecar, "jsonl"), locator))
    if not items and not bad:
        raise Unreadable("JSON Lines file without records")
    return items, bad


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


def read_markdown(text: str, name: str) -> _Item:
    """Markdown with optional YAML front matter (the sidecar keys); the text keeps its Markdown."""
    from .config import ConfigError, parse_sidecar

    match = _FRONT_MATTER.match(text)
    if not match:
        return _Item(text, Hints())
    try:
        sidecar = parse_sidecar(match.group(1) or "", name, first_line=2)
    except ConfigError as exc:
        raise Unreadable(f"invalid front matter: {'; '.join(exc.problems)}") from None
    body = text[match.end():]
    if not body.strip():
        raise Unreadable("empty file (front matter only)")
    return _Item(body, _sidecar_to_hints(sidecar, "front matter"))


# ------------------------------------------------------------------ sidecars


def sidecar_path(path: Path) -> Path | None:
    """The sidecar beside ``path``, whatever it is (a link, a folder ...): ``_sidecar_hints`` checks it."""
    for suffix in (".yml", ".yaml"):
        candidate = path.with_suffix(suffix)
        if os.path.lexists(candidate):
            return candidate
    return None


def _sidecar_hints(path: Path, folder: str) -> Hints | None:
    from .config import MAX_SIDECAR_BYTES, ConfigError, parse_sidecar

    found = sidecar_path(path)
    if found is None:
        return None
    try:
        data, _ = _read_bytes(found, MAX_SIDECAR_BYTES, folder)
        text = data.decode("utf-8-sig")
    except Unreadable as exc:
        raise Unreadable(f"sidecar {found.name}: {exc}") from None
    except UnicodeDecodeError as exc:
        raise Unreadable(f"sidecar {found.name}: not UTF-8 text (byte {exc.start:,})") from None
    try:
        sidecar = parse_sidecar(text, found)
    except ConfigError as exc:
        shown = [p.replace(str(found), found.name) for p in exc.problems]
        raise Unreadable(f"invalid sidecar: {'; '.join(shown)}") from None
    return _sidecar_to_hints(sidecar, "sidecar")


def _sidecar_to_hints(sidecar, origin: str) -> Hints:
    reference = date.fromisoformat(sidecar.reference_date) if sidecar.reference_date else None
    return Hints(
        title=sidecar.title, title_en=sidecar.title_en, summary_en=sidecar.summary_en, url=sidecar.url,
        outlet=sidecar.outlet, published=sidecar.published, reference_date=reference, origin=origin,
    )


_NO_HINTS = Hints()
_MERGED_FIELDS = tuple(f.name for f in fields(Hints) if f.name not in ("origin", "summary_only"))


def _merge_hints(own: Hints, sidecar: Hints | None, sidecar_wins: bool) -> Hints:
    """The sidecar's values over the file's (for a whole file), or as defaults (for feed/JSON items)."""
    if sidecar is None:
        return own
    if own == _NO_HINTS and sidecar.origin == "sidecar" and not sidecar.summary_only:
        return sidecar  # a plain text file: the sidecar says it all
    merged = {}
    for name in _MERGED_FIELDS:
        mine, theirs = getattr(own, name), getattr(sidecar, name)
        merged[name] = (theirs if theirs is not None else mine) if sidecar_wins else (mine if mine is not None else theirs)
    origin = "sidecar" if not own.origin else f"{own.origin}+sidecar"
    return replace(own, **merged, origin=origin)


# ------------------------------------------------------------------ helpers


def _fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed item), one line per block element."""
    if not html or "<" not in html:
        return html or ""
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    parser = lxml_html.HTMLParser()
    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div", parser=parser)
    except (ParserError, ValueError):
        return _tags_stripped(html)
    if any("Excessive depth" in error.message for error in parser.error_log):
        return _tags_stripped(html)  # the tree stops at libxml2's depth limit; the tags' text is all kept
    for element in root.iter("script", "style"):
        element.drop_tree()
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"):
        element.tail = "\n" + (element.tail or "")
        if element.text:
            element.text = "\n" + element.text
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _tags_stripped(html: str) -> str:
    """The text of HTML without its tags, for a fragment the HTML parser cannot build whole."""
    text = re.sub(r"<(?:script|style)\b.*?</(?:script|style)\s*>", " ", html, flags=re.S | re.I)
    text = re.sub(r"</?(?:p|div|li|h[1-6]|blockquote|tr|br)\b[^>]*>", "\n", text, flags=re.I)
    lines = (" ".join(line.split()) for line in html_entities.unescape(re.sub(r"<[^>]*>", " ", text)).split("\n"))
    return "\n".join(line for line in lines if line)


def _clean(value: object, limit: int = MAX_HINT_CHARS) -> str | None:
    """A feed's or page's own metadata value on one line; not used when it is longer than ``limit``
    (no headline or name is that long); lone surrogates (``&#xD800;``) and U+FFFD dropped."""
    if not isinstance(value, str):
        return None
    value = " ".join(LONE_SURROGATE.sub("", value).replace("\ufffd", "").split())
    return value if value and len(value) <= limit else None


def _damaged_as_replacement(text: str) -> str:
    """Lone surrogates (from ``\\ud800`` or ``&#xD800;``) as U+FFFD, which ``_checked_text`` counts as
    damage: a stray one or two are dropped, more refuse the text."""
    return LONE_SURROGATE.sub("\ufffd", text) if LONE_SURROGATE.search(text) else text


def _check_day(iso: str | None, what: str) -> None:
    """Unreadable when ``iso`` (a date or date and time) lies outside the dates Marsad accepts."""
    if iso and not is_accepted_day(iso):
        raise Unreadable(f"{what} {iso[:10]} is outside the dates Marsad accepts ({EARLIEST_DAY} to {LATEST_DAY})")


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_JSON_BRACKET = re.compile(r"[\[\]{}]")


def _json_depth(line: str) -> int:
    """How deep the arrays and objects of a JSON text nest (strings skipped), without parsing it."""
    depth = deepest = 0
    for bracket in _JSON_BRACKET.findall(_JSON_STRING.sub("", line)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def printable(text: str, limit: int = MAX_REASON_CHARS) -> str:
    """Text safe to print and store: lone surrogates written as escapes (\\udcff), cut at ``limit``."""
    if LONE_SURROGATE.search(text):
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def internal_error(exc: BaseException, stage: str | None = None) -> str:
    """The reason given for an unexpected failure: "internal error in <stage>: <type>: <message>".
    Without ``stage``, the stage is the innermost module of this package in the traceback."""
    if stage is None:
        package = os.path.dirname(os.path.abspath(__file__))
        modules = [os.path.splitext(os.path.basename(frame.filename))[0]
                   for frame in traceback.extract_tb(exc.__traceback__)
                   if os.path.dirname(os.path.abspath(frame.filename)) == package]
        stage = next((m for m in reversed(modules) if m != "analyze"), "analyze")
    return printable(f"internal error in {stage}: {type(exc).__name__}: {exc}")


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat() if "T" not in value \
            else datetime.fromisoformat(value.replace("Z", "+00:00")).isoformat(timespec="minutes")[:16]
    except ValueError:
        return None


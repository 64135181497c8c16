"""Read stage: files in the articles folder → ``RawArticle`` records.

Anything that cannot be used becomes a ``Skipped`` record with its path and
the reason; it never stops the build.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from .models import Hints, RawArticle, Skipped, Source

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
SIDECAR_SUFFIXES = {".yml", ".yaml"}
IGNORED_NAMES = {".gitkeep", "README.md", ".DS_Store"}


@dataclass(frozen=True)
class ReadResult:
    articles: tuple[RawArticle, ...]
    skipped: tuple[Skipped, ...]


class Unreadable(Exception):
    """Raised by a reader with the reason a file cannot be used."""


def read_articles(roots: Iterable[Path], max_bytes: int = 5_000_000) -> ReadResult:
    """Read every article file under ``roots`` (files or folders), in path order."""
    articles: list[RawArticle] = []
    skipped: list[Skipped] = []
    for path, base in _article_files(roots):
        shown = _shown_path(path, base)
        try:
            articles.extend(_read_file(path, shown, max_bytes))
        except Unreadable as exc:
            skipped.append(Skipped(shown, str(exc)))
    return ReadResult(tuple(articles), tuple(skipped))


def _article_files(roots: Iterable[Path]) -> Iterator[tuple[Path, Path]]:
    for root in roots:
        root = Path(root)
        if root.is_file():
            yield root, root.parent
            continue
        if not root.is_dir():
            raise FileNotFoundError(f"{root}: no such file or folder")
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            if path.name in IGNORED_NAMES or path.name.startswith("."):
                continue
            if path.suffix.lower() in SIDECAR_SUFFIXES:
                continue
            yield path, root


def _shown_path(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def _read_file(path: Path, shown: str, max_bytes: int) -> list[RawArticle]:
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        raise Unreadable(f"unsupported file type {suffix or '(none)'}")
    data = _read_bytes(path, max_bytes)
    text, encoding = decode(data)
    kind = "markdown" if suffix in {".md", ".markdown"} else "text"
    return [
        RawArticle(
            source=Source(shown, kind),
            text=text,
            encoding=encoding,
            hints=Hints(),
            file_date=_file_day(path),
            content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        )
    ]


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise Unreadable(f"too large ({size:,} bytes; the limit is {max_bytes:,})")
        data = path.read_bytes()
    except OSError as exc:
        raise Unreadable(f"cannot be read: {exc.strerror or exc}") from None
    if not data.strip():
        raise Unreadable("empty file")
    return data


def decode(data: bytes) -> tuple[str, str]:
    """Decode UTF-8 (with or without BOM) to NFC text with "\\n" line endings."""
    if b"\x00" in data[:4096]:
        raise Unreadable("binary data (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"not valid UTF-8 (byte {exc.start})") from None
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise Unreadable("no text")
    return text, "utf-8"


def _file_day(path: Path) -> date:
    return datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc).date()

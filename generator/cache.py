"""The analysis cache: per-article results kept between builds, keyed by what produced them.

Enriching an article is a pure function of the article as read (text, hints,
file day) and of the configuration and code; its id only names it. The cache
maps a digest of the article to its result, under a signature of the
configuration files, the dedupe settings and the generator's source: when any
of them changes, the whole cache is dropped. A daily
update therefore re-analyses only the new or edited articles. The cache lives in
the generated docs folder's parent (``build/``), never in ``content/``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .config import Config

PACKAGE = Path(__file__).resolve().parent
FORMAT = 3


def signature(config: Config) -> str:
    """A digest of everything besides the article that the per-article stages read (the wire
    fingerprint depends on the dedupe settings, the wording on the lexicon)."""
    digest = hashlib.sha256(f"format {FORMAT}; {config.settings.dedupe!r}; {config.lexicon!r}".encode())
    files = [config.path(config.settings.topics_file), config.path(config.settings.outlets_file),
             config.path(config.settings.entities_file), *sorted(PACKAGE.glob("*.py"))]
    digest_files(digest, files, {"generator": PACKAGE, "project": config.root})
    return digest.hexdigest()


def digest_files(digest, paths: Iterable[Path], folders: Mapping[str, Path]) -> None:
    """Each file's name and bytes into ``digest`` (``-`` for a missing file). A file is named by the
    label of the first of ``folders`` that holds it and its path there, so that a copy of the
    project (another checkout, a benchmark's snapshot) gives the same digest."""
    for path in paths:
        label, folder = next(((label, f) for label, f in folders.items() if path.is_relative_to(f)),
                             ("", path.parent))
        digest.update(f"{label}/{path.relative_to(folder).as_posix()}".encode())
        digest.update(path.read_bytes() if path.exists() else b"-")


def article_key(*parts: Any) -> str:
    """The key of an article's cached analysis: a digest of the article as read (its id is not part
    of it: an article whose id changes keeps its analysis, under its new id)."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


class AnalysisCache:
    def __init__(self, path: Path, signature: str):
        self.path = path
        self.signature = signature
        self.entries: dict[str, Any] = {}
        self.used: dict[str, Any] = {}

    @classmethod
    def open(cls, config: Config) -> AnalysisCache:
        cache = cls(config.docs_dir.parent / "cache" / "analysis.pickle", signature(config))
        try:
            with cache.path.open("rb") as handle:
                stored_signature, entries = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
            return cache
        if stored_signature == cache.signature:
            cache.entries = entries
        return cache

    def get(self, key: str) -> Any | None:
        found = self.entries.get(key)
        if found is not None:
            self.used[key] = found
        return found

    def put(self, key: str, value: Any) -> None:
        self.used[key] = value

    def save(self) -> None:
        """Keep the entries this run used (so deleted articles leave the cache), atomically."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump((self.signature, self.used), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.path)

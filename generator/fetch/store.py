"""Where fetched pages go: ``<articles_dir>/fetched/<outlet>/``, each page as fetched (HTML) with its
sidecar, and the state of the feeds in ``<articles_dir>/fetched/.fetch-state.json``.

This folder is the only place ``marsad fetch`` writes. The state remembers each feed's
validators (ETag, Last-Modified) for conditional requests, and every URL and every text
already saved, so the same URL or the same content is never saved twice, even after the user
deletes a file to prune the folder. Files are written whole (a temporary file renamed), the
folder is never followed through a symbolic link, and file names are made from a hash of the
URL, never from what the server sent.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import yaml

FETCH_FOLDER = "fetched"
STATE_NAME = ".fetch-state.json"
STATE_VERSION = 1
_TRACKING = re.compile(r"^(?:utm_[a-z]+|fbclid|gclid|mc_[a-z]+|ref|xtor)$", re.I)


class StoreError(Exception):
    """The fetch folder cannot be used (a link out of the articles folder, a file in its place)."""


@dataclass(frozen=True)
class Saved:
    path: Path
    url: str


def url_key(url: str) -> str:
    """The URL compared for "already fetched": fragment and tracking parameters (utm_*, fbclid ...)
    dropped, host lowercased, ``www.`` kept (another host may be another site)."""
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    netloc = parts.netloc.lower()
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", query, ""))


def text_key(text: str) -> str:
    """The article text compared for "same content": its words, whatever the spacing."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8", "surrogatepass")).hexdigest()


class Store:
    def __init__(self, articles_dir: Path):
        self.articles_dir = articles_dir.resolve()
        self.folder = self.articles_dir / FETCH_FOLDER
        self.state_path = self.folder / STATE_NAME
        self.state = {"version": STATE_VERSION, "feeds": {}, "urls": {}, "texts": {}}
        self._checked: set[Path] = set()

    @classmethod
    def open(cls, articles_dir: Path) -> Store:
        store = cls(articles_dir)
        store._check_folder(store.folder, create=False)
        if store.state_path.is_file() and not store.state_path.is_symlink():
            try:
                data = json.loads(store.state_path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise StoreError(f"{store.state_path}: the fetch state cannot be read ({error}); delete it to "
                                 f"start again (every page then counts as new)") from None
            if isinstance(data, dict) and data.get("version") == STATE_VERSION:
                for key in ("feeds", "urls", "texts"):
                    if isinstance(data.get(key), dict):
                        store.state[key] = data[key]
        return store

    # ------------------------------------------------------------ what is known

    def validators(self, feed_url: str) -> tuple[str | None, str | None]:
        known = self.state["feeds"].get(feed_url) or {}
        return known.get("etag"), known.get("last_modified")

    def remember_feed(self, feed_url: str, etag: str | None, last_modified: str | None) -> None:
        self.state["feeds"][feed_url] = {"etag": etag, "last_modified": last_modified}

    def seen_url(self, url: str) -> str | None:
        """The file (relative to the fetch folder) saved for ``url``, or None."""
        return self.state["urls"].get(url_key(url))

    def seen_text(self, text: str) -> str | None:
        return self.state["texts"].get(text_key(text))

    def also_known_as(self, saved: str, urls: list[str]) -> None:
        """Remember ``urls`` as leading to the file ``saved`` (a page saved before under another URL)."""
        for url in urls:
            self.state["urls"].setdefault(url_key(url), saved)

    # ------------------------------------------------------------ writing

    def save(self, outlet: str, urls: list[str], canonical: str, published: str | None, fetched_at: str,
             html: bytes, text: str) -> Saved:
        """Write the page and its sidecar; remember its URLs and its text."""
        folder = self.folder / outlet
        self._check_folder(self.folder, create=True)
        self._check_folder(folder, create=True)
        day = (published or "")[:10] or "undated"
        stem = f"{day}-{hashlib.sha1(url_key(canonical).encode('utf-8')).hexdigest()[:12]}"
        sidecar = {"url": canonical, "outlet": outlet}
        if published:
            sidecar["published"] = published
        sidecar["fetched_at"] = fetched_at
        _write_whole(folder / f"{stem}.html", html)
        _write_whole(folder / f"{stem}.yml", yaml.safe_dump(sidecar, allow_unicode=True,
                                                              sort_keys=False).encode("utf-8"))
        relative = f"{outlet}/{stem}.html"
        for url in (*urls, canonical):
            self.state["urls"][url_key(url)] = relative
        self.state["texts"][text_key(text)] = relative
        return Saved(folder / f"{stem}.html", canonical)

    def save_state(self) -> None:
        self._check_folder(self.folder, create=True)
        _write_whole(self.state_path, json.dumps(self.state, ensure_ascii=False, indent=1, sort_keys=True)
                     .encode("utf-8"))

    def _check_folder(self, folder: Path, create: bool) -> None:
        """``folder`` is a real folder (no link) inside the articles folder; made when ``create``."""
        if folder in self._checked:
            return
        if os.path.islink(folder):
            raise StoreError(f"{folder} is a symbolic link; marsad fetch writes only into a real folder "
                             f"inside {self.articles_dir}")
        if os.path.lexists(folder) and not folder.is_dir():
            raise StoreError(f"{folder} is not a folder")
        if not folder.exists():
            if not create:
                return
            folder.mkdir(parents=True)
        real = os.path.realpath(folder)
        if os.path.commonpath([real, str(self.articles_dir)]) != str(self.articles_dir):
            raise StoreError(f"{folder} is outside {self.articles_dir}")
        self._checked.add(folder)


def _write_whole(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it there (never a half file)."""
    if os.path.islink(path):
        raise StoreError(f"{path} is a symbolic link; not written through")
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise

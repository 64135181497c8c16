"""Incremental site updates: re-render only the pages whose Markdown changed.

The writer leaves unchanged Markdown untouched, so its file time stays older than
the HTML built from it. When the previous site was rendered with the same theme,
MkDocs configuration and package versions (``site_signature``), the next build
starts from a copy of it (file times kept) and runs ``mkdocs build --dirty``.
Pages of the global navigation are always re-rendered: MkDocs learns a nav title
only from a page it reads. ``tests/test_incremental.py`` checks the result equals
a full build, byte for byte.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

import yaml

from . import render
from .cache import digest_files
from .config import Config


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/name or !ENV tags; only its nav is read here."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


def site_signature(config: Config) -> str:
    """What every page's HTML depends on besides its own Markdown: MkDocs config, theme, versions."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    for name in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "marsad"):
        digest.update(f"{name}={version(name)};".encode())
    digest.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    paths = [config.root / "mkdocs.yml", config.root / "marsad.yml", Path(__file__).with_name("mkdocs_hook.py")]
    for folder in (config.root / "overrides", Path(__file__).with_name("locales")):
        paths += sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    digest_files(digest, paths, {"generator": Path(__file__).resolve().parent, "project": config.root})
    return digest.hexdigest()


def _signature_file(config: Config) -> Path:
    return config.docs_dir.parent / "site-signature"


def stored_signature(config: Config) -> str | None:
    try:
        return _signature_file(config).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def store_signature(config: Config, signature: str | None) -> None:
    _signature_file(config).parent.mkdir(parents=True, exist_ok=True)
    _signature_file(config).write_text(signature or "", encoding="utf-8")


def touch_navigation_pages(config: Config) -> None:
    """Mark the pages of the global navigation as changed: MkDocs knows a nav title only from a page
    it reads, and a dirty build reads only changed pages (the others would show a nav entry "None")."""
    with (config.root / "mkdocs.yml").open(encoding="utf-8") as handle:
        nav = (yaml.load(handle, Loader=_IgnoreTags) or {}).get("nav") or []
    now = time.time()
    for entry in _nav_paths(nav):
        for language in config.settings.languages:
            page = config.docs_dir / language / entry
            if page.is_file():
                os.utime(page, (now, now))


def _nav_paths(nav) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_paths(value)]
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_paths(item)]
    return []


def seed_from_previous(site_dir: Path, staging: Path, removed: list[str], default_language: str) -> None:
    """Copy the previous site (keeping file times), minus the search index and removed pages."""
    shutil.copytree(site_dir, staging, dirs_exist_ok=True, copy_function=shutil.copy2,
                    ignore=shutil.ignore_patterns("pagefind"))
    for relative in removed:
        language, _, page = relative.partition("/")
        if not page.endswith(".md"):
            continue
        html = render.page_url(page) if language == default_language else f"{language}/{render.page_url(page)}"
        (staging / html).unlink(missing_ok=True)

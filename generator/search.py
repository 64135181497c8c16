"""Search stage: index a built site with Pagefind.

Pagefind keeps only each page's ``data-pagefind-body`` region (the content area,
see ``overrides/main.html``), picks one index per ``<html lang>`` and stems
Arabic. It writes ``<site>/pagefind/``: the indexes in small chunks loaded on
demand, and the UI (pagefind-ui.js/.css) that the search panel in the header
loads on first use.

Pagefind is handed a reduced copy of the site, not the site: each searchable
page cut down to its ``<html>`` tag, its title and its search region, and no
page that is out of search. Its index is the same (tests/test_search_index.py
compares the records), but Pagefind no longer parses the theme's header,
navigation and footer, two thirds of every page's bytes.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .write import move_tree

BUNDLE = "pagefind"
# overrides/main.html wraps the content of a searchable page in these two; article text
# cannot forge them (it is HTML-escaped), and the end is looked for from the end.
REGION_START = b"<div data-pagefind-body>"
REGION_END = b"<!-- /data-pagefind-body -->"
_HTML_TAG = re.compile(rb"<html[^>]*>")
_TITLE = re.compile(rb"<title>.*?</title>", re.S)


class SearchIndexError(RuntimeError):
    """Pagefind failed or is not installed."""


def index_search(site_dir: Path | str, editions: Sequence[str] = ()) -> str:
    """Write ``<site_dir>/pagefind/``; returns Pagefind's summary (pages, words, languages).

    ``editions`` names the sub-folders that hold other language editions (``["en"]``). Each
    edition, and the root one, is then indexed by a Pagefind process of its own, side by
    side, and the bundles are joined: their files are named by language, so only
    ``pagefind-entry.json`` needs merging.
    """
    site = Path(site_dir)
    parts = {"root": [child for child in site.iterdir()
                      if child.name not in {*editions, BUNDLE} and not child.name.startswith(".")],
             **{code: [site / code] for code in editions}}
    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=site) as scratch:
        folders = {name: Path(scratch) / name for name in parts}
        with ThreadPoolExecutor(len(parts)) as pool:
            runs = [pool.submit(_index_part, site, sources, folders[name]) for name, sources in parts.items()]
            logs = [run.result() for run in runs]
        bundles = [folder / "bundle" for folder in folders.values() if (folder / "bundle").is_dir()]
        if not bundles:
            raise SearchIndexError(f"{site}: no page to index (none has a data-pagefind-body region)")
        _join_bundles(bundles, site / BUNDLE)
    return summary("\n".join(logs))


def _index_part(site: Path, sources: Iterable[Path], scratch: Path) -> str:
    """Index the pages under ``sources``: their search regions are copied to ``scratch/pages``
    at the same relative paths (so Pagefind gives the same URLs), the bundle goes to ``scratch/bundle``."""
    pages = scratch / "pages"
    pages.mkdir(parents=True)
    folders: set[Path] = set()
    for source in sources:
        for html in [source] if source.is_file() else sorted(source.rglob("*.html")):
            if html.suffix != ".html":
                continue
            reduced = search_page(html.read_bytes())
            if reduced is not None:
                target = pages / html.relative_to(site)
                if target.parent not in folders:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    folders.add(target.parent)
                target.write_bytes(reduced)
    if not any(pages.iterdir()):
        return ""  # nothing searchable here (Pagefind refuses an empty site)
    return _run_pagefind(pages, scratch / "bundle")


def search_page(html: bytes) -> bytes | None:
    """What Pagefind reads of a built page: its ``<html>`` tag (language, direction), its title and
    its search region; ``None`` for a page without one (out of search). A page whose region has
    no end marker (another theme's layout) is kept whole."""
    start = html.find(REGION_START)
    if start < 0:
        return None
    end = html.rfind(REGION_END)
    if end < start:
        return html
    html_tag = _HTML_TAG.search(html)
    title = _TITLE.search(html, 0, start)
    return b"".join([b"<!doctype html>\n", html_tag.group(0) if html_tag else b"<html>",
                     b'<head><meta charset="utf-8">', title.group(0) if title else b"", b"</head><body>",
                     html[start:end], b"</body></html>\n"])


def _run_pagefind(site: Path, output: Path) -> str:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(output)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"pagefind could not run: {error}") from error
    log = (result.stdout + result.stderr).strip()
    if result.returncode != 0 or not (output / "pagefind-entry.json").exists():
        raise SearchIndexError(f"pagefind failed (exit {result.returncode}):\n{log}")
    return log


def _join_bundles(bundles: list[Path], target: Path) -> None:
    """One bundle from several: every file moved in (the UI files are the same in each), and
    the entry file listing every bundle's languages, sorted (Pagefind lists them in hash-map
    order; sorted, the same site gives the same bytes)."""
    languages: dict = {}
    entry: dict = {}
    for bundle in bundles:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        languages.update(entry.get("languages", {}))
    shutil.rmtree(target, ignore_errors=True)
    for bundle in bundles:
        move_tree(bundle, target)
    entry["languages"] = dict(sorted(languages.items()))
    (target / "pagefind-entry.json").write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                                                encoding="utf-8")


def summary(output: str) -> str:
    """«2 languages, 25166 pages, …» from Pagefind's «Indexed N things» lines, summed over runs."""
    totals: dict[str, int] = {}
    for line in output.splitlines():
        words = line.strip().split()
        if len(words) == 3 and words[0] == "Indexed" and words[1].isdigit():
            thing = words[2] if words[2].endswith("s") else words[2] + "s"
            totals[thing] = totals.get(thing, 0) + int(words[1])
    return ", ".join(f"{count} {thing if count != 1 else thing[:-1]}" for thing, count in totals.items())

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

With ``search_archive: year`` the index is split by period (``archive_periods``; by default,
``none``, there is one bundle per site, the fewest bytes per query): each article and story page of a year
before the latest one goes into that year's bundle, ``pagefind/archive/<year>/``; every other
page into the current bundle, ``pagefind/`` (which also holds the UI). The search panel
(``overrides/main.html``) reads ``pagefind/marsad-periods.json`` and merges the archive bundles
at query time (Pagefind's ``mergeIndex``). An archive bundle records a digest of the pages it
indexed (``.marsad-pages``); an update re-indexes only the periods whose pages changed, and
keeps the other bundles of the previous site as they are. Years, not months: a query loads an
index chunk from every bundle, so fewer bundles load fewer bytes (docs/benchmarks.md).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
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


ARCHIVE = "archive"  # pagefind/archive/<period>/: one bundle per past period
PERIODS_FILE = "marsad-periods.json"  # in the current bundle: the archive bundles the panel merges
PAGES_STAMP = ".marsad-pages"  # in an archive bundle: the digest of the pages it indexed


def archive_periods(analysis) -> dict[str, str]:
    """``{"articles/x.html": "2023", "stories/y.html": "2023", …}``: the article and story pages whose
    day (a story's last day) falls in a year before the latest year of the archive. Every other page
    (listings, topics, entities, the latest year's news) is in the current index."""
    from .render import article_path, page_url, story_path

    days = [a.day for a in analysis.articles if a.day]
    if not days:
        return {}
    current = _period(max(days))
    periods = {page_url(article_path(a.id)): _period(a.day) for a in analysis.articles
               if a.day and _period(a.day) < current}
    periods.update({page_url(story_path(s.id)): _period(s.last_day) for s in analysis.stories
                    if len(s.article_ids) > 1 and s.last_day and _period(s.last_day) < current})
    return periods


def _period(day: str) -> str:
    return day[:4]


def index_search(site_dir: Path | str, editions: Sequence[str] = (), periods: Mapping[str, str] | None = None,
                 previous: Path | None = None) -> str:
    """Write ``<site_dir>/pagefind/``; returns Pagefind's summary (pages, words, languages).

    ``editions`` names the sub-folders that hold other language editions (``["en"]``). Each
    edition, and the root one, is indexed by a Pagefind process of its own, side by side, and
    the bundles are joined: their files are named by language, so only ``pagefind-entry.json``
    needs merging. ``periods`` maps an edition-relative page to its archive period
    (``archive_periods``); ``previous`` is the ``pagefind/`` folder of the previous site, whose
    archive bundles are kept when their pages did not change.
    """
    site = Path(site_dir)
    groups: dict[str, dict[str, dict[str, bytes]]] = {}  # period ("" = current) → edition → page → region
    for relative, reduced in _searchable_pages(site, editions):
        code = relative.split("/", 1)[0] if relative.split("/", 1)[0] in editions else "root"
        inner = relative[len(code) + 1:] if code != "root" else relative
        groups.setdefault((periods or {}).get(inner, ""), {}).setdefault(code, {})[relative] = reduced
    current = groups.pop("", {})
    if not current:
        raise SearchIndexError(f"{site}: no page to index (none has a data-pagefind-body region)")
    target = site / BUNDLE
    jobs: list[tuple[Path, dict[str, dict[str, bytes]], str]] = [(target, current, "")]
    kept = []
    for period, pages in sorted(groups.items(), reverse=True):
        stamp = _stamp(pages)
        old = previous / ARCHIVE / period if previous else None
        if old is not None and _read(old / PAGES_STAMP) == stamp:
            kept.append((period, old))
        else:
            jobs.append((target / ARCHIVE / period, pages, stamp))
    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=site) as scratch:
        runs = [(bundle, stamp, Path(scratch) / f"{number}-{code}", pages)
                for number, (bundle, parts, stamp) in enumerate(jobs) for code, pages in parts.items()]
        with ThreadPoolExecutor(min(len(runs), max(2, os.cpu_count() or 1))) as pool:
            logs = list(pool.map(lambda run: _index_pages(run[3], run[2]), runs))
        for bundle, _, stamp in reversed(jobs):  # archives first: the current bundle replaces pagefind/
            parts = [run[2] / "bundle" for run in runs if run[0] == bundle and (run[2] / "bundle").is_dir()]
            _join_bundles(parts, bundle, keep=[ARCHIVE] if bundle == target else [])
            if stamp:
                (bundle / PAGES_STAMP).write_text(stamp, encoding="utf-8")
    for period, old in kept:
        shutil.copytree(old, target / ARCHIVE / period, dirs_exist_ok=True)
    archives = sorted(groups, reverse=True)
    (target / PERIODS_FILE).write_text(json.dumps({"archives": [f"{ARCHIVE}/{p}/" for p in archives]}),
                                       encoding="utf-8")
    kept_note = f"; {len(kept)} of {len(archives)} archive periods kept" if archives else ""
    return summary("\n".join(logs)) + kept_note


def _searchable_pages(site: Path, editions: Sequence[str]) -> Iterable[tuple[str, bytes]]:
    """(path relative to the site, the page as Pagefind reads it) for every page with a search region."""
    for child in sorted(site.iterdir()):
        if child.name == BUNDLE or child.name.startswith("."):
            continue
        for html in [child] if child.is_file() else sorted(child.rglob("*.html")):
            if html.suffix == ".html":
                reduced = search_page(html.read_bytes())
                if reduced is not None:
                    yield html.relative_to(site).as_posix(), reduced


def _stamp(parts: dict[str, dict[str, bytes]]) -> str:
    from importlib.metadata import version

    digest = hashlib.sha256(f"pagefind {version('pagefind')};".encode())
    for code in sorted(parts):
        for relative in sorted(parts[code]):
            digest.update(f"{relative}\0{len(parts[code][relative])}\0".encode() + parts[code][relative])
    return digest.hexdigest()


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def _index_pages(pages: dict[str, bytes], scratch: Path) -> str:
    """Index ``pages`` (site-relative path → reduced page): written to ``scratch/pages`` at the same
    relative paths (so Pagefind gives the same URLs), the bundle goes to ``scratch/bundle``."""
    folder = scratch / "pages"
    made: set[Path] = set()
    for relative, reduced in pages.items():
        target = folder / relative
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(reduced)
    return _run_pagefind(folder, scratch / "bundle")


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


def _join_bundles(bundles: list[Path], target: Path, keep: Sequence[str] = ()) -> None:
    """One bundle from several: every file moved in (the UI files are the same in each), and
    the entry file listing every bundle's languages, sorted (Pagefind lists them in hash-map
    order; sorted, the same site gives the same bytes). ``keep``: sub-folders of ``target`` left."""
    languages: dict = {}
    entry: dict = {}
    for bundle in bundles:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        languages.update(entry.get("languages", {}))
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_dir():
        for child in target.iterdir():
            if child.name not in keep:
                shutil.rmtree(child) if child.is_dir() else child.unlink()
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

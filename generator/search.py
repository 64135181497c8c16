"""Search stage: index a built site with Pagefind.

Pagefind reads the built HTML, keeps only each page's ``data-pagefind-body``
region (the content area, see ``overrides/main.html``), picks one index per
``<html lang>`` and stems Arabic. It writes ``<site>/pagefind/``: the indexes in
small chunks loaded on demand, and the UI (pagefind-ui.js/.css) that the search
panel in the header loads on first use.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BUNDLE = "pagefind"


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
    if not editions:
        output = _run_pagefind(site, site / BUNDLE)
        sort_languages(site / BUNDLE / "pagefind-entry.json")
        return summary(output)
    parts = {"": _root_glob(site, editions), **{code: f"{code}/**/*.html" for code in editions}}
    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=site) as scratch:
        outputs = {name: Path(scratch) / (name or "root") for name in parts}
        with ThreadPoolExecutor(len(parts)) as pool:
            runs = {name: pool.submit(_run_pagefind, site, outputs[name], glob) for name, glob in parts.items()}
            logs = [run.result() for run in runs.values()]
        _join_bundles(list(outputs.values()), site / BUNDLE)
    return summary("\n".join(logs))


def _root_glob(site: Path, editions: Sequence[str]) -> str:
    """Every file of the site but the other editions' folders and the bundle itself."""
    names = sorted(child.name + ("/**" if child.is_dir() else "") for child in site.iterdir()
                   if child.name not in {*editions, BUNDLE} and not child.name.startswith("."))
    return "{" + ",".join(names) + "}"


def _run_pagefind(site: Path, output: Path, glob: str | None = None) -> str:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(output),
               *(["--glob", glob] if glob else [])]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"pagefind could not run: {error}") from error
    log = (result.stdout + result.stderr).strip()
    if result.returncode != 0 or not (output / "pagefind-entry.json").exists():
        raise SearchIndexError(f"pagefind failed (exit {result.returncode}):\n{log}")
    return log


def _join_bundles(bundles: list[Path], target: Path) -> None:
    """One bundle from several: every file copied over (the UI files are the same in each), and
    the entry file listing every bundle's languages."""
    languages: dict = {}
    entry: dict = {}
    for bundle in bundles:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        languages.update(entry.get("languages", {}))
    shutil.rmtree(target, ignore_errors=True)
    for bundle in bundles:
        shutil.copytree(bundle, target, dirs_exist_ok=True)
    entry["languages"] = dict(sorted(languages.items()))
    (target / "pagefind-entry.json").write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                                                encoding="utf-8")


def sort_languages(entry: Path) -> None:
    """Pagefind lists the languages in hash-map order; sorted, the same site gives the same bytes."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data.get("languages", {}).items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def summary(output: str) -> str:
    """«2 languages, 25166 pages, …» from Pagefind's «Indexed N things» lines, summed over runs."""
    totals: dict[str, int] = {}
    for line in output.splitlines():
        words = line.strip().split()
        if len(words) == 3 and words[0] == "Indexed" and words[1].isdigit():
            thing = words[2] if words[2].endswith("s") else words[2] + "s"
            totals[thing] = totals.get(thing, 0) + int(words[1])
    return ", ".join(f"{count} {thing if count != 1 else thing[:-1]}" for thing, count in totals.items())

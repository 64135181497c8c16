"""Search stage: index a built site with Pagefind.

Pagefind reads the built HTML, keeps only each page's ``data-pagefind-body``
region (the content area, see ``overrides/main.html``), picks one index per
``<html lang>`` and stems Arabic. It writes ``<site>/pagefind/``: the indexes in
small chunks loaded on demand, and the UI (pagefind-ui.js/.css) that the search
panel in the header loads on first use.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BUNDLE = "pagefind"


class SearchIndexError(RuntimeError):
    """Pagefind failed or is not installed."""


def index_search(site_dir: Path | str) -> str:
    """Write ``<site_dir>/pagefind/``; returns Pagefind's summary (pages, words, languages)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"pagefind could not run: {error}") from error
    output = (result.stdout + result.stderr).strip()
    entry = Path(site_dir) / BUNDLE / "pagefind-entry.json"
    if result.returncode != 0 or not entry.exists():
        raise SearchIndexError(f"pagefind failed (exit {result.returncode}):\n{output}")
    sort_languages(entry)
    return summary(output)


def sort_languages(entry: Path) -> None:
    """Pagefind lists the languages in hash-map order; sorted, the same site gives the same bytes."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data.get("languages", {}).items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def summary(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip().startswith("Indexed ")]
    return ", ".join(line.removeprefix("Indexed ") for line in lines)

"""Write stage: pages → the generated docs folder, touching only what changed.

The docs folder (``build/docs`` by default) belongs to the generator: one
sub-folder per language. Hand-written pages from ``content/pages`` are copied in
as they are and win over a generated page of the same path (which is then
reported, never written). A manifest of content hashes lets a rebuild rewrite
only the pages whose text changed and remove pages that no longer exist.
Nothing is ever written outside the docs folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .render import Page

MANIFEST = ".marsad-manifest.json"


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    shadowed: list[str] = field(default_factory=list)  # generated pages a hand-written page replaced


class UnsafePath(ValueError):
    pass


def hand_written_pages(pages_dir: Path, languages: tuple[str, ...]) -> dict[str, Path]:
    """``{"ar/about.md": content/pages/about.md, "en/about.md": content/pages/about.en.md}``.

    A file ``NAME.LANG.md`` is the page in that language; ``NAME.md`` is the page
    in the default (first) language. Other files (images) go to every language.
    """
    found: dict[str, Path] = {}
    if not pages_dir.is_dir():
        return found
    default = languages[0]
    for path in sorted(p for p in pages_dir.rglob("*") if p.is_file() and not p.name.startswith(".")):
        relative = path.relative_to(pages_dir)
        parts = relative.name.split(".")
        if path.suffix == ".md" and len(parts) >= 3 and parts[-2] in languages:
            name = ".".join(parts[:-2] + ["md"])
            found[f"{parts[-2]}/{relative.parent.joinpath(name).as_posix()}".replace("/./", "/")] = path
        elif path.suffix == ".md":
            found[f"{default}/{relative.as_posix()}"] = path
        else:
            for language in languages:
                found[f"{language}/{relative.as_posix()}"] = path
    return found


def write_site_sources(pages: Iterable[Page], docs_dir: Path, pages_dir: Path,
                       languages: tuple[str, ...]) -> WriteReport:
    docs_dir.mkdir(parents=True, exist_ok=True)
    report = WriteReport()
    old_manifest = _read_manifest(docs_dir)
    new_manifest: dict[str, str] = {}
    hand_written = hand_written_pages(pages_dir, languages)
    for relative, source in hand_written.items():
        data = source.read_bytes()
        new_manifest[relative] = _put(docs_dir, relative, data, old_manifest, report)
    for page in pages:
        relative = f"{page.language}/{page.path}"
        if relative in hand_written:
            report.shadowed.append(relative)
            continue
        new_manifest[relative] = _put(docs_dir, relative, page.text.encode("utf-8"), old_manifest, report)
    for stale in sorted(set(old_manifest) - set(new_manifest)):
        target = _inside(docs_dir, stale)
        if target.exists():
            target.unlink()
            report.removed.append(stale)
    _write_manifest(docs_dir, new_manifest)
    return report


def _put(docs_dir: Path, relative: str, data: bytes, old: dict[str, str], report: WriteReport) -> str:
    digest = hashlib.sha256(data).hexdigest()
    target = _inside(docs_dir, relative)
    if old.get(relative) == digest and target.exists():
        report.unchanged += 1
        return digest
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    report.written.append(relative)
    return digest


def _inside(root: Path, relative: str) -> Path:
    target = (root / relative).resolve()
    if not target.is_relative_to(root.resolve()):
        raise UnsafePath(f"{relative}: refusing to write outside {root}")
    return target


def _read_manifest(docs_dir: Path) -> dict[str, str]:
    try:
        return json.loads((docs_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_manifest(docs_dir: Path, manifest: dict[str, str]) -> None:
    tmp = docs_dir / f"{MANIFEST}.tmp"
    tmp.write_text(json.dumps(manifest, sort_keys=True, indent=0), encoding="utf-8")
    os.replace(tmp, docs_dir / MANIFEST)


def copy_tree_atomically(source: Path, target: Path) -> None:
    """Replace ``target`` by ``source`` so that a reader sees the old tree or the new, never half."""
    backup = target.with_name(f".{target.name}.old")
    if backup.exists():
        shutil.rmtree(backup)
    if target.exists():
        os.replace(target, backup)
    os.replace(source, target)
    if backup.exists():
        shutil.rmtree(backup)

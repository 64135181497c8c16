"""Write stage: pages → the generated docs folder, touching only what changed.

The docs folder (``build/docs`` by default) belongs to the generator: one
sub-folder per language. Hand-written pages from ``content/pages`` are copied in
as they are and win over a generated page of the same path (which is then
reported, never written). A manifest of content hashes lets a rebuild rewrite
only the pages whose text changed and remove pages that no longer exist.
Nothing is ever written outside the docs folder.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import checkpoints
from .models import Page

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
                       languages: tuple[str, ...], kept: Iterable[str] = ()) -> WriteReport:
    """Write ``pages``; ``kept`` names ("<language>/<path>") generated pages that were not rendered
    because their inputs did not change (fingerprints.py): they stay on disk as they are."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    report = WriteReport()
    old_manifest = _read_manifest(docs_dir)
    new_manifest: dict[str, str] = {}
    hand_written = hand_written_pages(pages_dir, languages)
    planned = {relative: source.read_bytes() for relative, source in hand_written.items()}
    for page in pages:
        relative = f"{page.language}/{page.path}"
        if relative in hand_written:
            report.shadowed.append(relative)
            continue
        planned[relative] = page.text.encode("utf-8")
    kept_digests = {relative: old_manifest[relative] for relative in kept
                    if relative not in hand_written and old_manifest.get(relative)}
    # Until every page is written, the manifest claims every path and vouches for no changed one,
    # so a build killed half-way leaves nothing the next build would keep or fail to remove.
    digests = {relative: _digest(data) for relative, data in planned.items()}
    _write_manifest(docs_dir, {**{r: "" for r in planned}, **{r: h for r, h in old_manifest.items()
                                                             if digests.get(r, h) == h}})
    new_manifest.update(kept_digests)
    report.unchanged += len(kept_digests)
    folders = _Folders(docs_dir)
    for relative, data in planned.items():
        new_manifest[relative] = _put(folders, relative, data, digests[relative], old_manifest, report)
    for stale in sorted(set(old_manifest) - set(new_manifest)):
        target = _inside(docs_dir, stale)
        if target.exists():
            target.unlink()
            report.removed.append(stale)
    _write_manifest(docs_dir, new_manifest)
    return report


class _Folders:
    """The docs folder's sub-folders, each resolved (and created) once, not once per page."""

    def __init__(self, root: Path):
        self.root = root
        self.resolved: dict[str, Path] = {}

    def target(self, relative: str) -> Path:
        folder, _, name = relative.rpartition("/")
        if folder not in self.resolved:
            resolved = _inside(self.root, folder or ".")
            resolved.mkdir(parents=True, exist_ok=True)
            self.resolved[folder] = resolved
        if name in ("", ".", "..") or "\\" in name:
            raise UnsafePath(f"{relative}: refusing to write outside {self.root}")
        return self.resolved[folder] / name


def _put(folders: _Folders, relative: str, data: bytes, digest: str, old: dict[str, str],
         report: WriteReport) -> str:
    target = folders.target(relative)
    if old.get(relative) == digest and target.exists():
        report.unchanged += 1
        return digest
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    report.written.append(relative)
    return digest


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


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


def move_tree(source: Path, target: Path) -> None:
    """Merge ``source`` into ``target`` by renaming (one file system): a folder ``target`` lacks moves
    whole, a file replaces its namesake."""
    if not target.exists():
        os.replace(source, target)
    elif source.is_dir() and target.is_dir():
        for child in source.iterdir():
            move_tree(child, target / child.name)
    else:
        os.replace(source, target)


def copy_tree_atomically(source: Path, target: Path) -> None:
    """Replace ``target`` by ``source`` so that a reader sees the old tree or the new, never half.

    Where the kernel can exchange two paths in one step (Linux ``renameat2``), ``target`` never
    stops existing; elsewhere it is missing for the instant between two renames, and
    ``recover_interrupted_swap`` puts the old tree back if the process dies there.
    """
    backup = _backup_of(target)
    if backup.exists():
        shutil.rmtree(backup)
    if target.exists() and _exchange(source, target):
        shutil.rmtree(source, ignore_errors=True)  # now the old tree
        return
    if target.exists():
        os.replace(target, backup)
        checkpoints.reached("swap-begun")
    os.replace(source, target)
    shutil.rmtree(backup, ignore_errors=True)  # the new tree is in: what cannot go now, recovery removes later


def recover_interrupted_swap(target: Path, staging_infix: str) -> None:
    """Undo what a killed build left beside ``target``: restore a moved-away tree, drop staging folders."""
    backup = _backup_of(target)
    if backup.exists() and not target.exists():
        os.replace(backup, target)
    for leftover in sorted(target.parent.glob(f".{target.name}{staging_infix}*")):
        shutil.rmtree(leftover, ignore_errors=True)
    if backup.exists():
        shutil.rmtree(backup, ignore_errors=True)


def _backup_of(target: Path) -> Path:
    return target.with_name(f".{target.name}.old")


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with renameat2(RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0

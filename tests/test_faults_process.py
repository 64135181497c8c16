"""Process boundaries: one build at a time, terminal output that cannot be hijacked, disk faults as one line."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import for_terminal, main, os_error_line
from generator.pipeline import LOCK_NAME

from .conftest import copy_project


def _project(tmp_path: Path) -> Path:
    root = copy_project(tmp_path)
    (root / "marsad.yml").write_text("pdf: false\n", encoding="utf-8")
    return root


def test_a_second_generate_waits_for_the_first_and_both_finish(tmp_path):
    """The lock covers generate (pages, temporary files, PDFs), not only the site swap: the
    second process says it waits and writes nothing until the first lets go."""
    root = _project(tmp_path)
    docs = root / "build" / "docs"
    docs.mkdir(parents=True)
    with (docs / LOCK_NAME).open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another build holds the project
        second = subprocess.Popen([sys.executable, "-m", "generator.cli", "--root", str(root), "generate"],
                                  cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first_line = second.stderr.readline()  # blocks until the second build says something
        assert "waiting for another build of this project to finish" in first_line
        assert [p.name for p in docs.iterdir()] == [LOCK_NAME], "wrote pages while another build held the lock"
        fcntl.flock(held, fcntl.LOCK_UN)
    _, rest = second.communicate(timeout=300)
    assert second.returncode == 0, rest
    assert (docs / "ar" / "index.md").is_file()


def test_two_generates_at_once_both_succeed(tmp_path):
    root = _project(tmp_path)
    command = [sys.executable, "-m", "generator.cli", "--root", str(root), "generate"]
    runs = [subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert not list((root / "build" / "docs").rglob("*.tmp"))


@pytest.mark.parametrize("raw, shown", [
    ("\x1b]0;owned\x07title", "\\x1b]0;owned\\x07title"),      # set the terminal title
    ("a\x1b[2Jb", "a\\x1b[2Jb"),                               # clear the screen
    ("line\rover", "line\\x0dover"),                            # overwrite the line
    ("c1\x9b31mred", "c1\\x9b31mred"),                          # the one-byte C1 CSI
    ("مقال\tعادي\nسطر", "مقال\tعادي\nسطر"),                     # tab and line break stay
])
def test_terminal_output_escapes_control_characters(raw, shown):
    assert for_terminal(raw) == shown


def test_a_file_name_with_escape_sequences_is_printed_escaped(tmp_path, capsys):
    root = _project(tmp_path)
    (root / "content" / "articles" / "evil\x1b[2J\x1b]0;x\x07.txt").write_bytes(b"")
    assert main(["--root", str(root), "analyze", "-o", str(tmp_path / "out.json")]) == 0
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err
    assert "evil\\x1b[2J\\x1b]0;x\\x07.txt" in err


def test_a_full_disk_is_one_line_without_traceback(tmp_path):
    root = _project(tmp_path)
    result = subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(root), "analyze",
                             "-o", "/dev/full"], cwd=root, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        "marsad: stopped: /dev/full: No space left on device (the previous site is left as it was)")


def test_a_missing_output_folder_is_one_line(tmp_path):
    root = _project(tmp_path)
    target = tmp_path / "no-such-folder" / "out.json"
    result = subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(root), "analyze",
                             "-o", str(target)], cwd=root, capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{target}: No such file or directory" in result.stderr


def test_os_error_line_names_both_files_of_a_rename():
    error = OSError(18, "Invalid cross-device link", "a.tmp", None, "b")
    assert os_error_line(error) == "stopped: a.tmp → b: Invalid cross-device link (the previous site is left as it was)"

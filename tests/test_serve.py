"""`marsad serve` (mkdocs serve with the hook) answers on loopback and regenerates on change."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from .conftest import copy_project

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 60.0, contains: str | None = None) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
                if contains is None or contains in last:
                    return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} did not answer{' with ' + contains if contains else ''} in {timeout}s")


def test_preview_serves_and_regenerates_on_new_article(tmp_path):
    root = copy_project(tmp_path)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "--root", str(root), "serve", "--addr", f"127.0.0.1:{port}"],
        cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        home = fetch(f"http://127.0.0.1:{port}/index.html")
        assert 'lang="ar"' in home
        (root / "content" / "articles" / "new.txt").write_text(
            "مقال جديد عن المينورسو\nأصدرت بعثة المينورسو بيانا جديدا اليوم حول الوضع في المنطقة، "
            "وأكدت التزامها بمراقبة وقف إطلاق النار في الصحراء.\n", encoding="utf-8")
        page = fetch(f"http://127.0.0.1:{port}/articles/new.html", timeout=90, contains="بيانا جديدا")
        assert "مقال جديد عن المينورسو" in page
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the server and anything it started
        server.wait(timeout=20)


def log_lines(log, text: str) -> list[str]:
    return [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if text in line]


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"{what} did not happen in {timeout}s")


def test_one_edit_makes_exactly_one_rebuild(tmp_path):
    """The build must not touch what the preview watches: it used to rewrite its write manifest
    in the watched docs folder, so every rebuild started the next one («0 pages written»), every
    few seconds without end. The server logs «Detected file changes» once per rebuild."""
    root = copy_project(tmp_path / "project")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as handle:
        server = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "--root", str(root), "serve", "--addr", f"127.0.0.1:{port}"],
            cwd=root, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for(lambda: log_lines(log, "Serving on"), 120, "the preview starting")
        assert not log_lines(log, "Detected file changes")
        article = root / "content" / "articles" / "004_aa262c0e924b8567.txt"
        article.write_text(article.read_text(encoding="utf-8") + "\nوأكدت البعثة في بيان ختامي أنها ستواصل "
                           "مراقبة وقف إطلاق النار في المنطقة بالتنسيق مع جميع الأطراف المعنية.\n", encoding="utf-8")
        edited = time.monotonic()
        wait_for(lambda: log_lines(log, "Reloading browsers"), 120, "the rebuild after the edit")
        page = fetch(f"http://127.0.0.1:{port}/articles/004-aa262c0e924b8567.html", contains="بيان ختامي")
        assert "بيان ختامي" in page
        # A rebuild started by the previous one is detected at once (the loop needed no new edit);
        # waiting twice as long as the first rebuild took, at least 5 s, shows whether one follows.
        quiet = max(5.0, 2 * (time.monotonic() - edited))
        with pytest.raises(AssertionError):
            wait_for(lambda: len(log_lines(log, "Detected file changes")) > 1, quiet, "a second rebuild")
        assert len(log_lines(log, "Detected file changes")) == 1, log.read_text(encoding="utf-8")
        assert len(log_lines(log, "Reloading browsers")) == 1
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)

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

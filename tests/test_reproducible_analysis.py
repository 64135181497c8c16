"""The analysis does not depend on Python's per-process hash seed (set iteration order)."""

import os
import subprocess
import sys

from .conftest import REPO


def analysis_under_seed(seed: str, corpus) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    command = [sys.executable, "-m", "generator.cli", "--root", str(REPO), "analyze", str(corpus / "articles")]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=True, cwd=REPO).stdout


def test_same_json_under_different_hash_seeds(corpus):
    assert analysis_under_seed("1", corpus) == analysis_under_seed("3", corpus)

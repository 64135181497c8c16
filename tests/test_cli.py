"""The public surface: every command and option is in --help and in the README, and the
`marsad analyze` JSON carries the documented fields."""

import argparse
import json
import subprocess
import sys

from generator.cli import make_parser
from generator.export import ARTICLE_FIELDS

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def subcommands() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in make_parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_and_option_is_in_the_readme():
    for name, parser in subcommands().items():
        assert f"`marsad {name}" in README, f"command {name} is not in the README"
        for action in parser._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag != "--help":
                    assert flag in README, f"marsad {name} {flag} is not in the README"


def test_help_lists_every_command():
    result = subprocess.run([sys.executable, "-m", "generator.cli", "--help"], capture_output=True, text=True,
                            check=True, cwd=REPO)
    for name in subcommands():
        assert name in result.stdout


def test_analyze_prints_every_documented_field():
    result = subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(REPO), "analyze"],
                            capture_output=True, text=True, check=True, cwd=REPO)
    data = json.loads(result.stdout)
    assert set(data) == {"articles", "stories", "skipped", "candidates", "wire_diffs", "wording"}
    assert len(data["articles"]) == 5
    for field in ARTICLE_FIELDS:
        assert field in data["articles"][0], field
        assert f"`{field}`" in README, f"analyze field {field} is not documented in the README"

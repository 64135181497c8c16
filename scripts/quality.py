"""Print every fuzzy stage's figures beside its floor (`make quality`).

Each module of tests/quality/ measures one stage on labelled data (see its docstring); this
script only runs them and prints a table. Exit 1 when a figure is below its floor.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import tests.quality as quality  # noqa: E402


def main() -> int:
    failed = 0
    print(f"{'stage':<12} {'figure':<40} {'measured':>9} {'floor':>7}")
    for stage in quality.stage_names():
        try:
            figures = quality.measured(stage)
        except FileNotFoundError as error:
            print(f"{stage:<12} skipped: {error}")
            continue
        for name, value in figures.items():
            floor = quality.stage(stage).FLOORS.get(name)
            below = floor is not None and value < floor
            failed += below
            shown_floor = "" if floor is None else f"{floor:.3f}"
            print(f"{stage:<12} {name:<40} {value:>9.3f} {shown_floor:>7}{'  BELOW' if below else ''}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Every fuzzy stage's figures stay above their floors (tests/quality/<stage>.py; `make quality`
prints the same table). Floors sit 0.02 under the measured figures and are never lowered silently."""
# Stages are found by module (quality.stage_names()); frames: the English edition's event frames (issue 15).

from __future__ import annotations

import pytest

from tests import quality

FLOORS = [(name, figure) for name in quality.stage_names() for figure in sorted(quality.stage(name).FLOORS)]


@pytest.mark.parametrize("stage, figure", FLOORS, ids=[f"{s}:{f}" for s, f in FLOORS])
def test_figure_is_above_its_floor(corpus, stage, figure):
    value, floor = quality.measured(stage)[figure], quality.stage(stage).FLOORS[figure]
    assert value >= floor, f"{stage} {figure} = {value:.3f} < floor {floor}"

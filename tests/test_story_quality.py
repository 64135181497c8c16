"""Same-story quality of the whole pipeline (read → clean → entities → wire copies → stories)
on the labelled corpus, as a user gets it: no sidecars, dates only from the text.
The figures and floors live in tests/quality/stories.py (`make quality` prints them)."""

import pytest

from tests.quality import stories


@pytest.fixture(scope="module")
def figures(corpus):
    measured = stories.measure()
    print("\nsame-story figures on the corpus:", {k: round(v, 3) for k, v in measured.items()})
    return measured


@pytest.mark.parametrize("figure", sorted(stories.FLOORS))
def test_same_story_floor(figures, figure):
    assert figures[figure] >= stories.FLOORS[figure], (figure, figures[figure])

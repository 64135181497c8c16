"""The home and digest pages' ranking as a setting: marsad.yml `digest.ranking`, declared in config.py."""

from __future__ import annotations

import pytest

from generator.config import ConfigError, RankingSettings, Settings, documented_fields, load_config
from generator.digest import Ranking

from .conftest import copy_project


@pytest.fixture
def root(tmp_path):
    return copy_project(tmp_path)


def problems(root, text: str) -> list[str]:
    (root / "marsad.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(root)
    return raised.value.problems


def test_defaults_are_the_documented_rule():
    assert Ranking() == RankingSettings(top=5, half_life_days=3.0, first_topic_weight=2.0,
                                        last_topic_weight=1.0, no_topic_weight=0.5)
    assert Settings().digest.ranking == Ranking()


def test_a_set_ranking_is_read(root):
    (root / "marsad.yml").write_text("digest:\n  ranking:\n    top: 8\n    half_life_days: 7\n", encoding="utf-8")
    ranking = load_config(root).settings.digest.ranking
    assert (ranking.top, ranking.half_life_days, ranking.first_topic_weight) == (8, 7.0, 2.0)


@pytest.mark.parametrize("text, expected", [
    # label: a value outside its declared range, named with file:line: key
    ("digest:\n  ranking:\n    top: 0\n", "marsad.yml:3: digest.ranking.top: 0 is not between 1 and 50"),
    ("digest:\n  ranking:\n    half_life_days: 0\n",
     "marsad.yml:3: digest.ranking.half_life_days: 0 is not between 0.1 and 3650"),
    # a wrong type
    ("digest:\n  ranking:\n    top: many\n", "marsad.yml:3: digest.ranking.top: expected int, got text"),
    # a key that is not a weight of the rule (a typo)
    ("digest:\n  ranking:\n    first_topic_wieght: 3\n",
     "marsad.yml:3: digest.ranking.first_topic_wieght: unknown key (known keys: first_topic_weight, "
     "half_life_days, last_topic_weight, no_topic_weight, top)"),
])
def test_a_wrong_ranking_is_reported_with_file_line_and_key(root, text, expected):
    found = problems(root, text)
    assert len(found) == 1 and found[0].endswith(expected), found


def test_marsad_settings_lists_every_weight_with_its_range():
    shown = dict(documented_fields(Settings))
    assert shown["digest.ranking.top"].endswith("Range: 1 to 50.")
    for key in ("half_life_days", "first_topic_weight", "last_topic_weight", "no_topic_weight"):
        assert f"digest.ranking.{key}" in shown


def test_the_home_page_shows_as_many_top_stories_as_set(root):
    from generator.analyze import analyze
    from generator.digest import Digest
    from generator.graph import SiteGraph
    from generator.render import Renderer

    (root / "marsad.yml").write_text("digest:\n  ranking:\n    top: 1\n", encoding="utf-8")
    config = load_config(root)
    graph = SiteGraph.build(config, analyze(config))
    everything = Digest("all", None, None, tuple(graph.stories.values()), ())  # every seed story, one period
    briefing = Renderer(graph, "ar").briefing(everything)
    assert len(briefing.ranked) > 1, "the seeds should hold more than one story"
    assert briefing.top == briefing.ranked[:1]

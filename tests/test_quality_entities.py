"""The entities gate (tests/quality/entities.py): links and candidate names against the gold labels."""

from __future__ import annotations

import pytest

from .quality import entities


@pytest.fixture(scope="module")
def found(corpus):
    return entities.analysed()


def test_no_link_the_gold_calls_wrong(found):
    """Each `wrong` label names a false link seen before (a dateline, «الجانب المالي», Egypt's desert)."""
    gold = entities.load_gold()["articles"]
    made = [(name, entity, gold[name]["wrong"][entity]) for name, (linked, _) in found.items()
            for entity in linked if entity in (gold.get(name, {}).get("wrong") or {})]
    assert made == []


def test_gold_covers_every_article_and_only_gazetteer_ids(found):
    from generator.config import load_config
    from generator.entities import EntityFinder

    finder = EntityFinder(load_config(entities.REPO).entities)
    gold = entities.load_gold()["articles"]
    assert set(gold) == set(found)
    for name, labels in gold.items():
        for group in ("mentions", "optional", "wrong"):
            for entity in labels.get(group) or ():
                assert finder.entity(entity) is not None, (name, group, entity)

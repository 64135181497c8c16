"""The describe gate (tests/quality/describe.py): titles, datelines, bylines and outlets read from the
text alone agree with tests/gold/describe.yml."""

from __future__ import annotations

import pytest

from generator.arabic import normalize

from .quality import describe


@pytest.fixture(scope="module")
def found(corpus):
    return describe.described()


def test_a_body_paragraph_is_never_given_as_the_headline(found):
    for name, article in found.items():
        if article["title_source"] == "headline":
            assert article["title"] not in article["body"].split("\n"), name


def test_a_derived_title_leaves_its_paragraph_in_the_body(found):
    for name, article in found.items():
        if article["title_source"] == "derived":
            words = article["title"].rstrip("…").split()
            assert words and " ".join(words) in article["body"].split("\n")[0], name


def test_a_dateline_is_never_an_outlet(found):
    from generator.config import load_config

    names = {normalize(n) for o in load_config(describe.REPO).outlets for n in (o.name.ar, o.name.en, *o.cues)}
    for name, article in found.items():
        if article["dateline"]:
            assert normalize(article["dateline"]) not in names, name
        if article["agency"]:
            assert article["outlet"] is None or normalize(article["agency"]) not in normalize(article["outlet"]), name


def test_every_provenance_outlet_is_known(corpus):
    unknown = {file: pair for file, pair in describe.provenance_outlets().items() if pair[0] != pair[1]}
    assert not unknown

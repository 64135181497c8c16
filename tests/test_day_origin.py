"""Where an article page says its publication day and reference day come from: given with the
article (by whom) or read in its words. Each case sets the article's fields as the reading stages
do, and reads the note the page shows, in English (the Arabic is the same catalog entry)."""

from dataclasses import replace

import pytest

from generator.analyze import analyze
from generator.config import load_config
from generator.graph import SiteGraph
from generator.render import Renderer

from .conftest import REPO


@pytest.fixture(scope="module")
def renderer_and_article():
    config = load_config(REPO)
    graph = SiteGraph.build(config, analyze(config))
    return Renderer(graph, "en"), graph.analysis.articles[0]


DAY_CASES = [
    # label, fields set on the article, the note shown
    ("sidecar", dict(published="2023-11-30", published_given=True, hints_origin="sidecar"),
     " (given with the article)"),
    ("front matter", dict(published="2023-11-30", published_given=True, hints_origin="front matter"),
     " (given with the article)"),
    ("feed", dict(published="2023-11-30", published_given=True, hints_origin="feed"), " (given by the feed)"),
    ("page metadata", dict(published="2023-11-30", published_given=True, hints_origin="html"),
     " (given in the page&#39;s metadata)"),  # the apostrophe escaped as HTML
    # a page's metadata completed by a sidecar: the user's sidecar is what gives it
    ("html completed by a sidecar", dict(published="2023-11-30", published_given=True, hints_origin="html+sidecar"),
     " (given with the article)"),
    # read in the text: the words are quoted, even when the article has hints of its own
    ("publication line", dict(published="2023-11-30", published_given=False, hints_origin="html",
                              published_evidence="نشر في 30 نونبر 2023"),
     ' (from «<bdi dir="auto">نشر في 30 نونبر 2023</bdi>»)'),
    # text that looks like a hint's evidence is still the article's words (no string is parsed)
    ("words that look like a hint", dict(published="2023-11-30", published_given=False,
                                          published_evidence="sidecar: published 2023-11-30"),
     ' (from «<bdi dir="auto">sidecar: published 2023-11-30</bdi>»)'),
    # no publication date: the day, from the opening sentence or given with the article
    ("opening sentence", dict(published=None, day="2023-11-29", day_source="opening sentence",
                              day_evidence="أمس الأربعاء"), ' (from «<bdi dir="auto">أمس الأربعاء</bdi>»)'),
    ("day from a sidecar", dict(published=None, day="2023-11-29", day_source="sidecar", hints_origin="sidecar",
                                day_evidence="sidecar: reference_date 2023-11-29"), " (given with the article)"),
    ("day from page metadata", dict(published=None, day="2023-11-29", day_source="metadata", hints_origin="html"),
     " (given in the page&#39;s metadata)"),  # the apostrophe escaped as HTML
    ("nothing says it", dict(published=None, day="2023-11-29", day_source="", day_evidence=""), ""),
]


@pytest.mark.parametrize("fields,note", [c[1:] for c in DAY_CASES], ids=[c[0] for c in DAY_CASES])
def test_the_publication_day_says_where_it_comes_from(renderer_and_article, fields, note):
    renderer, article = renderer_and_article
    assert str(renderer.day_origin(replace(article, **fields))) == note


REFERENCE_CASES = [
    ("given", dict(reference_given=True, hints_origin="sidecar", reference_source="sidecar: reference_date"),
     " (given with the article)"),
    ("publication day", dict(reference_given=False, reference_source="publication date"), " (its publication day)"),
    ("file day", dict(reference_given=False, reference_source="file modification day (not trusted)"),
     " (the day its file was saved, which need not be the day it was published)"),
    ("none", dict(reference_given=False, reference_source="none"), ""),
]


@pytest.mark.parametrize("fields,note", [c[1:] for c in REFERENCE_CASES], ids=[c[0] for c in REFERENCE_CASES])
def test_the_reference_day_says_where_it_comes_from(renderer_and_article, fields, note):
    renderer, article = renderer_and_article
    assert str(renderer.reference_origin(replace(article, **fields))) == note

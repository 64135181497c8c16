"""Issue 4 end to end on the seeds: wire copies, one story per event, entity and resolution pages."""

import re

import pytest

from generator.analyze import analyze
from generator.config import load_config
from generator.render import story_page

from .conftest import REPO

pytestmark = pytest.mark.slow

WIRE_COPY, CANONICAL = "001-f654b9944e0dc977", "002-e0df584a8c6800d2"
SAME_EVENT = {"000-9a927e2f35066500", "001-f654b9944e0dc977", "002-e0df584a8c6800d2"}
ALONE = ("003-0ac5d1cf285a5be9", "004-aa262c0e924b8567")


@pytest.fixture(scope="module")
def analysis():
    return analyze(load_config(REPO))


def test_wire_copy_points_at_its_canonical(analysis):
    articles = {a.id: a for a in analysis.articles}
    assert articles[WIRE_COPY].duplicate_of == CANONICAL
    assert all(articles[a].duplicate_of is None for a in ("000-9a927e2f35066500", CANONICAL, *ALONE))


def test_same_event_reports_form_one_story_and_others_stand_alone(analysis):
    stories = {s.id: set(s.article_ids) for s in analysis.stories}
    assert SAME_EVENT in stories.values()
    for article_id in ALONE:
        assert {article_id} in stories.values()
    assert len(stories) == 3


def test_lacroix_is_one_entity_across_spellings(analysis):
    articles = {a.id: a for a in analysis.articles}
    for article_id in ("000-9a927e2f35066500", CANONICAL):  # «جان بيير لاكروا» and «جون بيير لاكروا»
        assert "jean-pierre-lacroix" in {m.entity for m in articles[article_id].entities}


def page(built, path: str) -> str:
    return (built / "site" / path).read_text(encoding="utf-8")


def test_article_pages_link_their_entities(built_seeds, analysis):
    for article in analysis.articles:
        html = page(built_seeds, f"articles/{article.id}.html")
        for mention in article.entities:
            assert f"../entities/{mention.entity}.html" in html, (article.id, mention.entity)


def test_resolutions_page_links_the_cited_resolutions(built_seeds):
    html = page(built_seeds, "resolutions.html")
    links = set(re.findall(r'href="(entities/[^"]+)"', html))
    cited = {"000-9a927e2f35066500": "2703", "003-0ac5d1cf285a5be9": "2756"}
    for article_id, number in cited.items():
        entity = next(link for link in links if number in link)
        assert f"../articles/{article_id}.html" in page(built_seeds, entity)
        assert f"S/RES/{number}" in html


def test_story_page_lists_every_report_with_its_outlet(built_seeds, analysis):
    story = next(s for s in analysis.stories if set(s.article_ids) == SAME_EVENT)
    html = page(built_seeds, f"stories/{story.id}.html")
    for article_id in SAME_EVENT:
        assert f"../articles/{article_id}.html" in html
    assert "هومبريس" in html and "24 ساعة" in html
    assert "مساهمة المغرب ودعمه لعمليات حفظ السلام" in html  # a quote, with its speaker linked
    assert "../entities/jean-pierre-lacroix.html" in html


def test_canonical_copy_lists_who_else_published_it(built_seeds):
    html = page(built_seeds, f"articles/{CANONICAL}.html")
    assert f"{WIRE_COPY}.html" in html


def test_home_shows_the_latest_digest_and_the_archive_lists_it(built_seeds, analysis):
    home = page(built_seeds, "index.html")
    archive = page(built_seeds, "digests/index.html")
    assert "digests/2023-W48.html" in home
    assert "2023-W48.html" in archive
    week = page(built_seeds, "digests/2023-W48.html")
    assert all(f"../{story_page(s)[:-3]}.html" in week for s in analysis.stories if s.last_day)


def test_a_story_of_one_report_is_its_article_page(built_seeds, analysis):
    for story in analysis.stories:
        has_page = (built_seeds / "site" / "stories" / f"{story.id}.html").exists()
        assert has_page == (len(story.article_ids) > 1), story.id
        if not has_page:
            assert story_page(story) == f"articles/{story.article_ids[0]}.md"
    topic = page(built_seeds, "topics/minurso.html")
    assert "../articles/003-0ac5d1cf285a5be9.html" in topic and "../stories/s-003" not in topic


def test_topic_page_shows_each_story_once_with_its_reports(built_seeds):
    html = page(built_seeds, "topics/peacekeeping.html")
    assert html.count('class="marsad-card marsad-story"') == 1
    for article_id in SAME_EVENT:
        assert f"../articles/{article_id}.html" in html


def test_build_report_lists_people_the_gazetteer_lacks(built_seeds, analysis):
    html = page(built_seeds, "report.html")
    names = {c.name for c in analysis.candidates}
    assert {"بيرام ديوب", "محمد بريظ"} <= names  # «الجنرال بيرام ديوب» (002), «الفريق أول محمد بريظ» (003)
    assert all(name in html for name in names)

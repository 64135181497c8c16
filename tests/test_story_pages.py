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


# ------------------------------------------------------------------ the briefing a reader sees (issue 14)

def strip_tags(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def test_home_and_digest_show_each_story_of_the_period_once_with_its_lead_once(built_seeds, analysis):
    """The seeds' one dated story is in four topics: it was shown four times, its lead each time."""
    import html as html_module

    dated = [s for s in analysis.stories if s.last_day]
    assert any(len(s.topics) > 1 for s in dated), "the seeds should have a story in several topics"
    for path in ("index.html", "digests/2023-W48.html"):
        text = html_module.unescape(page(built_seeds, path))
        assert "marsad-briefing-lead" in text, path
        for story in dated:
            cards = re.findall(rf'<div class="marsad-card marsad-story marsad-top" id="{story.id}">', text)
            assert len(cards) == 1, (path, story.id, len(cards))
            if story.summary:
                assert text.count(story.summary[0]) == 1, (path, story.id)


def test_key_figures_show_the_number_once_with_what_it_counts(built_seeds, analysis):
    """«60 — 60 مغربيا» was the value, a dash, then the context that already holds the value."""
    story = next(s for s in analysis.stories if set(s.article_ids) == SAME_EVENT)
    assert story.figures, "the seeds' story has key figures"
    html = page(built_seeds, f"stories/{story.id}.html")
    block = re.search(r'<ul class="marsad-figures"[^>]*>(.*?)</ul>', html, re.S).group(1)
    items = re.findall(r"<li>(.*?)</li>", block, re.S)
    shown = [strip_tags(re.sub(r' <small class="marsad-cites".*?</small>', "", item)) for item in items]  # its paragraph link apart
    assert shown == [figure.context for figure in story.figures]
    assert "60 مغربيا" in shown and not any(" — " in line for line in shown)


def test_each_quote_once_with_the_outlets_that_carried_it(built_seeds, analysis):
    """The wire copy and its canonical carry the same Lacroix quote: one block, both outlets named."""
    story = next(s for s in analysis.stories if set(s.article_ids) == SAME_EVENT)
    html = page(built_seeds, f"stories/{story.id}.html")
    quotes = re.findall(r'<blockquote class="marsad-quote">(.*?)</blockquote>', html, re.S)
    assert len(quotes) == len(story.quotes)
    articles = {a.id: a for a in analysis.articles}
    outlet_names = {"hoummpress": "هومبريس", "24saa": "24 ساعة"}
    carried = 0
    for quote, carriers in zip(story.quotes, story.quote_reports):
        block = next(b for b in quotes if f"«{quote.text}»" in b)
        assert sum(f"«{quote.text}»" in b for b in quotes) == 1, quote.text
        for article_id in carriers:
            assert f"../articles/{article_id}.html" in block or articles[article_id].outlet is None
            outlet = articles[article_id].outlet
            if outlet in outlet_names:
                assert outlet_names[outlet] in block, (quote.text, outlet)
        carried += len({articles[a].outlet for a in carriers}) > 1
    assert carried, "the seeds have a quote carried by two outlets"


@pytest.fixture(scope="module")
def pages_with_links(analysis):
    """Every report with a known original URL (as a sidecar's `url` gives), rendered to Markdown."""
    from dataclasses import replace

    from generator.models import Analysis
    from generator.render import render_pages

    linked = Analysis(**{**analysis.__dict__, "articles": tuple(
        replace(a, url=f"https://news.example/{a.id}?a=1&b=2") for a in analysis.articles)})
    return linked, {f"{p.language}/{p.path}": p.text for p in render_pages(load_config(REPO), linked)}


def test_every_report_links_its_original_with_its_outlet(pages_with_links):
    linked, pages = pages_with_links
    story = next(s for s in linked.stories if set(s.article_ids) == SAME_EVENT)
    lists = {"ar/index.md": [a.id for a in linked.articles], "en/index.md": [a.id for a in linked.articles],
             f"ar/stories/{story.id}.md": story.article_ids, "ar/topics/peacekeeping.md": story.article_ids}
    lists.update({f"{lang}/articles/{a.id}.md": [a.id] for a in linked.articles for lang in ("ar", "en")})
    unknown = {"ar": ("المنبر غير معروف", "المنبر والتاريخ غير معروفين"),
               "en": ("Outlet not known", "Outlet and date not known")}
    outlets = {o.id: o.name for o in load_config(REPO).outlets}
    for path, ids in lists.items():
        text, lang = pages[path], path[:2]
        for article_id in ids:
            article = next(a for a in linked.articles if a.id == article_id)
            link = f'href="https://news.example/{article_id}?a=1&amp;b=2" rel="noopener nofollow"'
            assert link in text, (path, article_id)
            at = text.index(link)
            line = text[max(text.rfind("<li", 0, at), text.rfind("<p", 0, at)):at]
            said = (f"<bdi>{outlets[article.outlet].get(lang)}</bdi>",) if article.outlet else unknown[lang]
            assert any(words in line for words in said), (path, article_id, line)


def test_no_original_link_is_invented(analysis):
    """The seeds give no URL: no page may link outside the site."""
    from generator.render import render_pages

    for p in render_pages(load_config(REPO), analysis):
        assert 'rel="noopener nofollow"' not in p.text, p.path


def story_of(sid: str, reports: int, last_day: str | None, topics=("minurso",)):
    from generator.models import Story

    return Story(id=sid, title=sid, article_ids=tuple(f"{sid}-{n}" for n in range(reports)), first_day=last_day,
                 last_day=last_day, summary=(), topics=tuple(topics), entities=())


# (label, stories as (id, reports, outlets, last day, topics), expected order; why)
RANKING_CASES = [
    ("more reports first", [("a", 1, 1, "2023-11-30", ["minurso"]), ("b", 3, 1, "2023-11-30", ["minurso"])],
     ["b", "a"]),
    ("more outlets first: three outlets beat one outlet's three reports",
     [("a", 3, 1, "2023-11-30", ["minurso"]), ("b", 3, 3, "2023-11-30", ["minurso"])], ["b", "a"]),
    ("recency: the same coverage a week older halves more than twice",
     [("old", 2, 2, "2023-11-23", ["minurso"]), ("new", 2, 2, "2023-11-30", ["minurso"])], ["new", "old"]),
    ("the mission's topic (first in topics.yml) before the last topic",
     [("p", 2, 2, "2023-11-30", ["polisario"]), ("m", 2, 2, "2023-11-30", ["minurso"])], ["m", "p"]),
    ("a story with no topic after one with a topic", [("x", 2, 2, "2023-11-30", []),
                                                     ("y", 2, 2, "2023-11-30", ["polisario"])], ["y", "x"]),
    ("wide coverage outweighs the topic weight (4×3 at 1.0 against 1×1 at 2.0)",
     [("m", 1, 1, "2023-11-30", ["minurso"]), ("p", 4, 3, "2023-11-30", ["polisario"])], ["p", "m"]),
    ("ties: the newer story, then the id", [("b", 1, 1, "2023-11-29", ["minurso"]),
                                            ("c", 1, 1, None, ["minurso"]), ("a", 1, 1, "2023-11-29", ["minurso"])],
     ["a", "b", "c"]),
]


@pytest.mark.parametrize("label, cases, expected", RANKING_CASES, ids=[case[0] for case in RANKING_CASES])
def test_ranking_rule(label, cases, expected):
    from generator.digest import Ranking, rank_stories

    stories, outlets = [], {}
    for sid, reports, distinct, day, topics in cases:
        story = story_of(sid, reports, day, topics)
        stories.append(story)
        outlets.update({aid: f"outlet-{n % distinct}" for n, aid in enumerate(story.article_ids)})
    order = ["minurso", "peacekeeping", "de-mistura", "western-sahara-politics", "polisario"]
    no_recency = Ranking(half_life_days=1e9)
    ranked = rank_stories(stories, outlets, order, no_recency if "ties" in label else Ranking())
    assert [s.id for s in ranked] == expected


def test_unknown_outlets_are_not_counted_as_distinct_outlets():
    from generator.digest import rank_stories

    known = story_of("known", 2, "2023-11-30")
    unknown = story_of("unknown", 2, "2023-11-30")
    outlets = {known.article_ids[0]: "a", known.article_ids[1]: "b"}  # the unknown story's reports: no outlet
    assert [s.id for s in rank_stories([unknown, known], outlets, ["minurso"])] == ["known", "unknown"]

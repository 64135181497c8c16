"""Listing pages (topics, entities, all stories, all articles) are split into pages of bounded size.

A topic with thousands of stories must not make one page that grows with the archive: page size,
and so the cost of rendering and building each page, stays flat as the corpus grows. Archive
pages are counted from the oldest, so news arriving at the front leaves them as they were.
"""

import re

import pytest

from generator import render
from generator.analyze import analyze
from generator.config import load_config
from generator.render import Pager, listing_chunks, listing_paths, relative_url, story_page

from .conftest import REPO


@pytest.fixture(scope="module")
def seeds():
    config = load_config(REPO)
    return config, analyze(config)


def rendered(config, analysis, monkeypatch, per_page: int) -> dict[str, str]:
    for name in ("STORY_CARDS_PER_PAGE", "COMPACT_CARDS_PER_PAGE", "LIST_ENTRIES_PER_PAGE"):
        monkeypatch.setattr(render, name, per_page)
    return {f"{p.language}/{p.path}": p.text for p in render.render_pages(config, analysis)}


def test_archive_pages_sit_in_a_folder_named_after_the_front_page_oldest_last():
    assert listing_paths("topics/minurso.md", 3) == ("topics/minurso.md", "topics/minurso/2.md",
                                                     "topics/minurso/1.md")
    assert listing_paths("articles/index.md", 1) == ("articles/index.md",)
    assert relative_url("topics/minurso/2.md", "topics/minurso.md") == "../minurso.html"


def test_chunks_keep_every_item_once_in_order_with_full_archive_pages():
    assert listing_chunks(list(range(7)), 3) == [[0, 1, 2, 3], [4, 5, 6]]
    assert listing_chunks(list(range(9)), 3) == [[0, 1, 2], [3, 4, 5], [6, 7, 8]]
    assert listing_chunks(list(range(2)), 3) == [[0, 1]]
    assert listing_chunks([], 3) == [[]]
    for count in range(40):
        parts = listing_chunks(list(range(count)), 4)
        assert sum(parts, []) == list(range(count))
        assert all(len(part) == 4 for part in parts[1:]) and len(parts[0]) < 8


def archive(items: list, size: int) -> dict[str, list]:
    parts = listing_chunks(items, size)
    return dict(zip(listing_paths("x.md", len(parts))[1:], parts[1:]))


def test_news_at_the_front_leaves_every_archive_page_as_it_was():
    for count in range(60):
        before = archive(list(range(count, 0, -1)), 5)  # newest first
        after = archive(list(range(count + 1, 0, -1)), 5)  # one more, newer than all
        assert {path: items for path, items in after.items() if path in before} == before
        assert len(after) - len(before) in (0, 1)


def test_pager_links_its_neighbours_and_ends():
    paths = listing_paths("stories/index.md", 3)  # front, 2, 1
    middle = Pager(2, paths)
    assert (middle.newer, middle.older, middle.first, middle.last) == (paths[0], paths[2], paths[0], paths[2])
    front, oldest = Pager(3, paths), Pager(1, paths)
    assert front.is_front and front.newer is None and front.older == "stories/index/2.md"
    assert oldest.older is None and oldest.newer == "stories/index/2.md" and not oldest.is_front


def test_every_story_of_a_topic_is_on_exactly_one_of_its_pages(seeds, monkeypatch):
    config, analysis = seeds
    pages = rendered(config, analysis, monkeypatch, per_page=1)
    by_topic = {}
    for story in analysis.stories:
        for topic_id in story.topics:
            by_topic.setdefault(topic_id, []).append(story.id)
    split = {topic: ids for topic, ids in by_topic.items() if len(ids) > 1}
    assert split, "the seeds should have a topic with several stories"
    for topic_id, story_ids in split.items():
        paths = listing_paths(f"ar/topics/{topic_id}.md", len(story_ids))
        assert all(path in pages for path in paths)
        linked = [re.findall(r'<h3 lang="ar" dir="rtl"><a href="([^"]+)">', pages[path]) for path in paths]
        expected = [relative_url(path[len("ar/"):], story_page(story)) for path, story in
                    zip(paths, (next(s for s in analysis.stories if s.id == sid) for sid in story_ids))]
        assert sum(linked, []) == expected
        assert all(len(found) == 1 for found in linked)


def test_every_article_is_listed_once_across_the_article_index_pages(seeds, monkeypatch):
    config, analysis = seeds
    pages = rendered(config, analysis, monkeypatch, per_page=2)
    paths = listing_paths("en/articles/index.md", len(listing_chunks(analysis.articles, 2)))
    assert len(paths) == 2  # five articles: three on the front page, the two oldest on page 1
    listed = sum((re.findall(r'<li><a href="(?:\.\./)?([^"/]+)\.html"', pages[path]) for path in paths), [])
    assert listed == [article.id for article in analysis.articles]
    front, oldest = pages[paths[0]], pages[paths[1]]
    assert 'href="index/1.html" rel="next"' in front and "Page" not in front.split("marsad-pager")[1][:300]
    assert 'href="../index.html" rel="prev"' in oldest and "Page 1" in oldest
    assert "title: \"All articles, page 1\"" in oldest


def test_a_page_of_a_listing_is_no_bigger_with_a_bigger_archive(seeds, monkeypatch):
    config, analysis = seeds
    small = rendered(config, analysis, monkeypatch, per_page=1)
    assert len(small["ar/articles/index.md"]) < len(rendered(config, analysis, monkeypatch, 100)["ar/articles/index.md"])


def test_listings_and_digests_stay_out_of_the_search_index(seeds, monkeypatch):
    config, analysis = seeds
    pages = rendered(config, analysis, monkeypatch, per_page=1)
    excluded = {path for path, text in pages.items() if "\nsearch:\n  exclude: true\n---\n" in text[:400]}
    assert "ar/articles/index/1.md" in excluded and "en/stories/index.md" in excluded
    assert any(path.startswith("ar/digests/") and not path.endswith("index.md") for path in excluded)
    searchable = set(pages) - excluded
    assert {"ar/index.md", "ar/topics/minurso.md"} <= searchable
    assert all(path.startswith(("ar/articles/", "en/articles/")) for path in searchable if "/articles/" in path)
    assert not any(path.startswith(("ar/articles/", "en/articles/")) and "index" not in path for path in excluded)


def test_built_pages_out_of_search_have_no_pagefind_body(built_seeds):
    site = built_seeds / "site"
    digest = next(p for p in (site / "digests").glob("*.html") if p.name != "index.html")
    assert "data-pagefind-body" not in digest.read_text(encoding="utf-8")
    article = next((site / "articles").glob("0*.html"))
    assert "data-pagefind-body" in article.read_text(encoding="utf-8")


def test_relative_urls_are_those_of_posixpath_relpath():
    import itertools
    import posixpath

    pages = ["index.md", "about.md", "topics/index.md", "topics/minurso.md", "topics/minurso/1.md",
             "topics/minurso/12.md", "articles/a.md", "entities/x/2.md", "a/b/c/d.md", "a/b/x.md", "ab/c.md"]
    for source, target in itertools.product(pages, pages):
        expected = posixpath.relpath(render.page_url(target), posixpath.dirname(source) or ".")
        assert relative_url(source, target) == expected, (source, target)


def test_a_new_article_rewrites_no_archive_page_but_the_newest_ones_links(tmp_path, monkeypatch):
    """A wire copy of the newest report arrives: every archive page keeps its text, except that the
    newest archive page of a listing that gained a page now links to it as «newer»."""
    from .conftest import copy_project

    project = copy_project(tmp_path / "project")
    config = load_config(project)
    before = rendered(config, analyze(config), monkeypatch, per_page=1)
    articles = project / "content" / "articles"
    text = (articles / "002_e0df584a8c6800d2.txt").read_text(encoding="utf-8")
    title, rest = text.split("\n", 1)
    (articles / "005_new.txt").write_text(f"{title} - هسبريس\n{rest}", encoding="utf-8")  # a republished copy
    (articles / "005_new.yml").write_text("outlet: hespress\npublished: '2023-12-01'\n", encoding="utf-8")  # the day after the seeds' day
    after = rendered(config, analyze(config), monkeypatch, per_page=1)

    def archive_number(path: str) -> int | None:
        match = re.search(r"/(\d+)\.md$", path)
        return int(match.group(1)) if match else None

    archive = [path for path in before if archive_number(path)]
    assert len(archive) > 10
    newest_archive = {}
    for path in archive:
        listing = path.rsplit("/", 1)[0]
        newest_archive[listing] = max(newest_archive.get(listing, 0), archive_number(path))
    without_pager = lambda text: [line for line in text.splitlines() if "marsad-pager" not in line]  # noqa: E731
    for path in archive:
        if archive_number(path) == newest_archive[path.rsplit("/", 1)[0]]:
            assert without_pager(after[path]) == without_pager(before[path]), path
        else:
            assert after[path] == before[path], path
    assert after["en/articles/index.md"] != before["en/articles/index.md"]  # the news is on the front page

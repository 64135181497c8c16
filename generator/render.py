"""Render stage: ``Analysis`` → Markdown pages, one set per site language.

Nothing is written here: ``render_pages`` returns ``Page`` records (path, language,
text) and ``write.py`` puts them on disk. Templates are files under
``generator/templates/markdown``; their UI strings go through Babel catalogs
(``generator/locales``), so a language is one catalog and one config entry.

Untrusted article text is rendered with Jinja's autoescape on and only inside
block-level HTML elements, where Markdown is not interpreted (see safety.py).
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
from babel.lists import format_list
from markupsafe import Markup, escape

from . import atom, english, i18n, safety
from .config import Config
from .day import DAY_SOURCES_GIVEN, STATED_ORIGINS
from .digest import UNDATED, Digest, rank_stories
from .graph import SiteGraph
from .models import Analysis, Page, Story
from .templating import template_environment
from .workers import MAX_WORKERS, forked_round_robin
from . import lens  # the outlet lens: its pages and template helpers

TEMPLATES = Path(__file__).parent / "templates" / "markdown"
LATEST_ON_HOME = 20
# Listings are split into pages of bounded size, so no page grows with the archive
# (a topic with 3,000 stories is 120 pages of 25 cards, not one page of 8 MB); the front
# page holds up to twice as many (see listing_chunks).
STORY_CARDS_PER_PAGE = 25
COMPACT_CARDS_PER_PAGE = 50
LIST_ENTRIES_PER_PAGE = 200


@dataclass(frozen=True)
class Briefing:
    """A period as the home and digest pages open it: its stories ranked, the top ones shown in full."""

    digest: Digest
    top: tuple[Story, ...]  # the first ``Ranking.top`` of ``ranked``
    ranked: tuple[Story, ...]  # every story of the period, the one that matters most first
    reports: int  # reports in the period, wire copies included
    outlets: int  # distinct known outlets that ran them

    def others_by_topic(self) -> tuple[tuple[str, tuple[Story, ...]], ...]:
        """``digest.by_topic`` without the top stories (shown above with their topics as chips); a topic
        left with none is left out, so no story is listed twice under the same briefing's head."""
        top = {story.id for story in self.top}
        others = ((topic, tuple(s for s in stories if s.id not in top)) for topic, stories in self.digest.by_topic)
        return tuple((topic, stories) for topic, stories in others if stories)


@dataclass(frozen=True)
class PageSpec:
    """A page to render: its path, its template and what the template gets besides the graph."""

    path: str
    template: str
    context: dict


@dataclass(frozen=True)
class Pager:
    """Where one page of a listing sits among its pages.

    ``paths`` are in reading order, newest first: the front page, then the archive pages.
    Archive pages are numbered from the oldest (``number`` 1; the front page's number is
    ``count``), so an archive page keeps its number, path and items as news arrives and an
    update rewrites the front page only (``listing_chunks``).
    """

    number: int
    paths: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.paths)

    @property
    def position(self) -> int:
        """0 for the front page, 1 for the newest archive page, …"""
        return self.count - self.number

    @property
    def is_front(self) -> bool:
        return self.position == 0

    @property
    def first(self) -> str:
        return self.paths[0]

    @property
    def last(self) -> str:
        return self.paths[-1]

    @property
    def newer(self) -> str | None:
        return self.paths[self.position - 1] if self.position > 0 else None

    @property
    def older(self) -> str | None:
        return self.paths[self.position + 1] if self.position + 1 < self.count else None


def listing_paths(path: str, count: int) -> tuple[str, ...]:
    """Reading order: ``topics/x.md``, then ``topics/x/<n>.md`` from the newest archive page down to
    ``topics/x/1.md``, the oldest. Archive pages sit in a folder named after the front page, which no
    file name can collide with."""
    folder = path[: -len(".md")]
    return (path, *(f"{folder}/{number}.md" for number in range(count - 1, 0, -1)))


def listing_chunks(items: Sequence, size: int) -> list[Sequence]:
    """``items`` (newest first) in reading order: the front page with the newest ``size`` to
    ``2 * size - 1`` items, then archive pages of exactly ``size`` items counted from the oldest,
    so adding items at the front never moves an item from one archive page to another."""
    archived = max(0, len(items) // size - 1)
    front = len(items) - archived * size
    return [items[:front], *(items[start:start + size] for start in range(front, len(items), size))]


def page_url(path: str) -> str:
    """The built URL of a Markdown page (MkDocs with ``use_directory_urls: false``)."""
    return path[: -len(".md")] + ".html" if path.endswith(".md") else path


def relative_url(from_page: str, to_page: str) -> str:
    return _relative_url(posixpath.dirname(from_page) or ".", to_page)


@functools.lru_cache(maxsize=65536)
def _relative_url(start: str, to_page: str) -> str:
    """``posixpath.relpath(page_url(to_page), start)`` for the clean relative paths of the docs
    folder, without ``relpath``'s two ``os.getcwd()`` calls (pages link tens of thousands of times)."""
    target = page_url(to_page).split("/")
    folders = [] if start == "." else start.split("/")
    common = 0
    while common < min(len(folders), len(target) - 1) and folders[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(folders) - common) + target[common:])


def article_path(article_id: str) -> str:
    return f"articles/{article_id}.md"


def topic_path(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


def story_path(story_id: str) -> str:
    return f"stories/{story_id}.md"


def entity_path(entity_id: str) -> str:
    return f"entities/{entity_id}.md"


def digest_path(key: str) -> str:
    return f"digests/{key}.md"


def story_page(story) -> str:
    """A story of several reports has a page of its own; a story of one report is its article's
    page, which already holds its text, quotes, figures and names (no page repeats another)."""
    return story_path(story.id) if len(story.article_ids) > 1 else article_path(story.article_ids[0])


PATHS = {"article_path": article_path, "topic_path": topic_path, "story_page": story_page,
         "entity_path": entity_path, "digest_path": digest_path}


class Renderer:
    def __init__(self, graph: SiteGraph, language: str):
        self.graph = graph
        self.language = language
        self.env = make_environment(language)
        self.english = english.edition(graph) if language != "ar" else None  # English from facts (english.py)

    def page(self, path: str, template: str, **context) -> PageSpec:
        return PageSpec(path, template, context)

    def render(self, spec: PageSpec) -> Page:
        url: Callable[[str], str] = lambda target: relative_url(spec.path, target)  # noqa: E731
        text = self.env.get_template(spec.template).render(
            page_path=spec.path,
            url=url,
            lang=self.language,
            graph=self.graph,
            config=self.graph.config,
            **PATHS,
            outlet_name=self.outlet_name,
            period_title=self.period_title,
            listing_title=self.listing_title,
            byline=self.byline,
            source_line=self.source_line,
            figure_text=self.figure_text,
            story_line=self.story_line,
            day_span=self.day_span,
            day_origin=self.day_origin,
            reference_origin=self.reference_origin,
            unknown_facts=self.unknown_facts,
            headline=self.headline, card_text=self.summary, card_sentences=self.sentences, lang_of=self.lang_of,
            english=self.english_of, original_url=lambda: english.original_url(spec.path),
            feeds=lambda topic=None: atom.feed_links(self, topic),
            **spec.context,
        )
        return Page(spec.path, self.language, text)

    def listing(self, path: str, template: str, items: Sequence, per_page: int, **context) -> list[PageSpec]:
        """A front page and archive pages of ``per_page`` items (``listing_chunks``); the template gets
        ``items`` and ``pager``."""
        parts = listing_chunks(items, per_page)
        paths = listing_paths(path, len(parts))
        return [self.page(page_path, template, items=part, pager=Pager(len(parts) - position, paths), **context)
                for position, (page_path, part) in enumerate(zip(paths, parts))]

    # A story's or an article's headline and summary as this edition shows them: the Arabic in the
    # Arabic edition; elsewhere the English (english.py), or the Arabic marked as such when none.
    def english_of(self, item):
        return self.english.english(item) if self.english else None

    def headline(self, item) -> str:
        found = self.english_of(item)
        return found.headline if found else item.title

    def sentences(self, item) -> tuple[str, ...]:
        """A card's sentences: the Arabic summary, or the English facts besides the headline."""
        found = self.english_of(item)
        if found:
            return tuple(s for s in found.summary if s != found.headline + ".")
        return item.summary if hasattr(item, "summary") else (item.lead,)

    def summary(self, item) -> str:
        """One card's text: the Arabic lead sentence, or the English facts the headline does not say."""
        sentences = self.sentences(item)
        return " ".join(sentences) if self.english_of(item) else (sentences[0] if sentences else "")

    def lang_of(self, item) -> Markup:
        return Markup(' lang="en" dir="ltr"') if self.english_of(item) else Markup(' lang="ar" dir="rtl"')

    def outlet_name(self, outlet_id: str) -> str:
        outlet = self.graph.outlets.get(outlet_id)
        return outlet.name.get(i18n.content_language(self.language)) if outlet else outlet_id

    def quote_carriers(self, story) -> list[tuple]:
        """Each quote of a story with the reports that carry it, one per outlet (``Story.quote_reports``
        matched quotes across copies, spacing and small edits aside): [(quote, [article, …]), …]."""
        carriers = []
        for index, quote in enumerate(story.quotes):
            ids = story.quote_reports[index] if index < len(story.quote_reports) else ()
            by_outlet: dict[str | None, object] = {}
            for article_id in ids:
                article = self.graph.articles.get(article_id)
                if article is not None:
                    by_outlet.setdefault(article.outlet, article)
            carriers.append((quote, list(by_outlet.values())))
        return carriers

    def briefing(self, digest) -> Briefing:
        """A period's stories ranked (``digest.Ranking``), with the counts of its lead paragraph."""
        articles = self.graph.articles
        outlets = {aid: articles[aid].outlet for story in digest.stories for aid in story.article_ids
                   if aid in articles}
        ranking = self.graph.config.settings.digest.ranking  # marsad.yml digest.ranking
        ranked = rank_stories(digest.stories, outlets, [t.id for t in self.graph.config.topics], ranking)
        return Briefing(digest=digest, top=ranked[:ranking.top], ranked=ranked,
                        reports=len(outlets), outlets=len(set(outlets.values()) - {None}))

    # The three lines below are printed for every entry of every list: as Python, not Jinja
    # macros, they cost a tenth (rendering is most of the generate stage on a big archive).
    def byline(self, article) -> Markup:
        """«outlet · day», each isolated for direction; an unknown outlet is said to be unknown."""
        gettext = i18n.translations(self.language).gettext
        if not article.outlet and not article.day:
            return escape(gettext("Outlet and date not known"))
        outlet = self.outlet_name(article.outlet) if article.outlet else gettext("Outlet not known")
        parts = [i18n.isolate(outlet)]
        if article.day:
            parts.append(i18n.isolate(i18n.format_day(article.published or article.day, self.language)))
        return Markup(" · ").join(parts)

    def source_line(self, article) -> Markup:
        """The byline, «wire copy» for a copy, and the link to the original article where one is known."""
        gettext = i18n.translations(self.language).gettext
        line = self.byline(article)
        if article.duplicate_of:
            line += Markup(" · ") + escape(gettext("wire copy"))
        link = safety.safe_url(article.url)
        if link:
            outlet = self.outlet_name(article.outlet) if article.outlet else gettext("Outlet not known")
            line += Markup(' · <a class="marsad-source-link" href="{}" rel="noopener nofollow" title="{}">{}&nbsp;↗</a>'
                           ).format(link, outlet, gettext("original"))
        return line

    def figure_text(self, figure) -> Markup:
        """A figure with what it counts, the number once: «<b>60</b> مغربيا» (the context holds the value)."""
        value, context = figure.value, figure.context
        number = Markup("<strong><bdi>{}</bdi></strong>").format(value)
        at = context.find(value)
        if at < 0:
            return number + Markup(" ") + escape(context)
        return escape(context[:at]) + number + escape(context[at + len(value):])

    def story_line(self, story) -> Markup:
        """«first day – last day · N reports»."""
        count = escape(i18n.count(len(story.article_ids), "report", self.language))
        return self.day_span(story.first_day, story.last_day) + Markup(" · ") + count if story.first_day else count

    def day_span(self, first: str, last: str | None) -> Markup:
        day = functools.partial(i18n.format_day, language=self.language)
        if first == last or not last:
            return i18n.isolate(day(first))
        return i18n.isolate(day(first)) + Markup(" – ") + i18n.isolate(day(last))

    # Where a day was read, in a reader's words. Days from hints carry describe.py's and day.py's
    # evidence «<origin>: published …» or «<origin>: reference_date …» (origin: sidecar, front matter,
    # jsonl, html, feed, or «html+sidecar»); a reader sees what gave the day, never those names.
    def day_origin(self, article) -> Markup:
        """Where the publication day shown comes from: « (given with the article)» (or by the feed,
        the page's metadata), « (from «the article's words»)», or nothing without evidence."""
        if article.published:
            given, evidence = article.published_given, article.published_evidence
        else:
            given, evidence = article.day_source in DAY_SOURCES_GIVEN, article.day_evidence
        if given:
            return Markup(" ({})").format(self._given_by(article.hints_origin))
        if not evidence:
            return Markup("")
        gettext = i18n.translations(self.language).gettext
        return Markup(" ({} «<bdi dir=\"auto\">{}</bdi>»)").format(gettext("from"), evidence)

    def _given_by(self, origin: str) -> str:
        gettext = i18n.translations(self.language).gettext
        parts = origin.split("+")  # "html+sidecar": a page's metadata completed by a sidecar
        if any(part in STATED_ORIGINS for part in parts):
            return gettext("given with the article")
        if "feed" in parts:
            return gettext("given by the feed")
        return gettext("given in the page's metadata")

    def reference_origin(self, article) -> Markup:
        """Why relative dates («أمس») count from the article's reference day, in a reader's words."""
        gettext = i18n.translations(self.language).gettext
        source = article.reference_source or ""
        if article.reference_given:
            reason = self._given_by(article.hints_origin)
        elif source == "publication date":
            reason = gettext("its publication day")
        elif source.startswith("file modification day"):
            reason = gettext("the day its file was saved, which need not be the day it was published")
        else:
            return Markup("")
        return Markup(" ({})").format(reason)

    def unknown_facts(self, article) -> str:
        """What the source section cannot say, as one list («المنبر وتاريخ النشر»); empty when all is known."""
        gettext = i18n.translations(self.language).gettext
        missing = [label for label, known in ((gettext("the outlet"), article.outlet),
                                              (gettext("the publication day"), article.published or article.day),
                                              (gettext("a link to the original"), safety.safe_url(article.url)))
                   if not known]
        return format_list(missing, locale=i18n.babel_locale(self.language)) if missing else ""

    def listing_title(self, title: str, pager: Pager) -> str:
        if pager.is_front:
            return title
        gettext = i18n.translations(self.language).gettext
        return gettext("%(title)s, page %(number)s") % {"title": title,
                                                         "number": i18n.format_number(pager.number, self.language)}

    def period_title(self, digest) -> str:
        if digest.key == UNDATED:
            return i18n.translations(self.language).gettext("Undated stories")
        return i18n.period_title(digest.key, digest.start, digest.end, self.language)

    def all_pages(self) -> list[Page]:
        return [self.render(spec) for spec in self.specs()]

    def digest_pdf_stems(self) -> dict[str, str]:
        """The digest periods that have a PDF (the latest and the ones before it, pdf.py), by period key."""
        if not self.graph.config.settings.pdf:
            return {}
        from .pdf import document_plans

        return {plan.period.key: plan.stem for plan in document_plans(self.graph.config, self.graph.analysis)
                if plan.kind == "digest" and plan.period}

    def specs(self) -> list[PageSpec]:
        """Every page of this language, not yet rendered."""
        graph = self.graph
        latest_digest = graph.digests[0] if graph.digests else None
        pages = [
            self.page("index.md", "home.md.j2", latest=graph.analysis.articles[:LATEST_ON_HOME],
                      digest=latest_digest, briefing=self.briefing(latest_digest) if latest_digest else None),
            self.page("topics/index.md", "topics.md.j2"),
            *self.listing("stories/index.md", "stories.md.j2", list(graph.stories.values()), LIST_ENTRIES_PER_PAGE),
            *self.listing("articles/index.md", "articles.md.j2", graph.analysis.articles, LIST_ENTRIES_PER_PAGE),
            self.page("entities/index.md", "entities.md.j2"),
            self.page("resolutions.md", "resolutions.md.j2", latest_per_resolution=LIST_ENTRIES_PER_PAGE // 10),
            self.page("digests/index.md", "digests.md.j2"),
            self.page("report.md", "report.md.j2"),
        ]
        for topic in graph.config.topics:
            pages.extend(self.listing(topic_path(topic.id), "topic.md.j2", graph.topic_stories(topic.id),
                                      STORY_CARDS_PER_PAGE, topic=topic))
        for story in graph.stories.values():
            if story_page(story) != story_path(story.id):
                continue
            pages.append(self.page(story_path(story.id), "story.md.j2", story=story,
                                   quote_carriers=self.quote_carriers(story)))
        for entity in graph.entities.values():
            pages.extend(self.listing(entity_path(entity.id), "entity.md.j2",
                                      graph.stories_by_entity.get(entity.id, []), COMPACT_CARDS_PER_PAGE, entity=entity))
        pdf_stems = self.digest_pdf_stems()
        for digest in graph.digests:
            pages.append(self.page(digest_path(digest.key), "digest.md.j2", digest=digest,
                                   briefing=self.briefing(digest), pdf_stem=pdf_stems.get(digest.key)))
        for article in graph.analysis.articles:
            pages.append(self.page(article_path(article.id), "article.md.j2", article=article))
        pages.extend(lens.page_specs(self))  # outlets and lexicon (lens.py)
        return pages


def make_environment(language: str) -> jinja2.Environment:
    env = template_environment(TEMPLATES, language, keep_trailing_newline=True)
    env.filters["meta_title"] = lambda text: Markup(safety.yaml_string(safety.plain_title(text)))
    env.filters["safe_url"] = safety.safe_url
    env.filters["day"] = lambda iso: i18n.format_day(iso, language)
    env.filters["bdi"] = i18n.isolate
    env.globals.update(lens.template_globals())
    env.globals["label"] = lambda bilingual: bilingual.get(i18n.content_language(language)) if bilingual else ""
    return env


def render_pages(config: Config, analysis: Analysis) -> list[Page]:
    graph = SiteGraph.build(config, analysis)
    jobs = [(language, spec) for language in config.settings.languages
            for spec in Renderer(graph, language).specs()]
    return render_jobs(graph, jobs) + pages_outside_specs(graph, config.settings.languages)


def pages_outside_specs(graph: SiteGraph, languages: Sequence[str]) -> list[Page]:
    """Pages rendered on every build besides ``Renderer.specs`` (fingerprints.py renders them too)."""
    pages = []
    for language in languages:  # Atom feeds, written beside the pages (atom.py)
        pages.extend(atom.feed_pages(Renderer(graph, language)))
    return pages


PARALLEL_FROM_PAGES = 2000  # below this, starting processes costs more than it saves


def _render_workers(pages: int) -> int:
    if pages < PARALLEL_FROM_PAGES or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def _render_share(graph: SiteGraph, jobs: Sequence[tuple[str, PageSpec]]) -> list[Page]:
    renderers: dict[str, Renderer] = {}
    pages = []
    for language, spec in jobs:
        renderer = renderers.get(language) or renderers.setdefault(language, Renderer(graph, language))
        pages.append(renderer.render(spec))
    return pages


def render_jobs(graph: SiteGraph, jobs: list[tuple[str, PageSpec]], share: Callable = _render_share) -> list:
    """``share(graph, jobs)``, on forked workers for big batches (``workers.forked_round_robin``),
    the results in the order of ``jobs``."""
    workers = _render_workers(len(jobs))
    if workers == 1:
        return share(graph, jobs)
    return forked_round_robin(functools.partial(share, graph), jobs, workers)

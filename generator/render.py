"""Render stage: ``Analysis`` → Markdown pages, one set per site language.

Nothing is written here: ``render_pages`` returns ``Page`` records (path, language,
text) and ``write.py`` puts them on disk. Templates are files under
``generator/templates/markdown``; their UI strings go through Babel catalogs
(``generator/locales``), so a language is one catalog and one config entry.

Untrusted article text is rendered with Jinja's autoescape on and only inside
block-level HTML elements, where Markdown is not interpreted (see safety.py).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import i18n, safety
from .config import Config
from .digest import UNDATED
from .graph import SiteGraph
from .models import Analysis
from .templating import template_environment

TEMPLATES = Path(__file__).parent / "templates" / "markdown"
LATEST_ON_HOME = 20


@dataclass(frozen=True)
class Page:
    path: str  # relative to the language folder, posix, ends in .md
    language: str
    text: str


def page_url(path: str) -> str:
    """The built URL of a Markdown page (MkDocs with ``use_directory_urls: false``)."""
    return path[: -len(".md")] + ".html" if path.endswith(".md") else path


def relative_url(from_page: str, to_page: str) -> str:
    start = posixpath.dirname(from_page) or "."
    return posixpath.relpath(page_url(to_page), start)


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


PATHS = {"article_path": article_path, "topic_path": topic_path, "story_path": story_path,
         "entity_path": entity_path, "digest_path": digest_path}


class Renderer:
    def __init__(self, graph: SiteGraph, language: str):
        self.graph = graph
        self.language = language
        self.env = make_environment(language)

    def page(self, path: str, template: str, **context) -> Page:
        url: Callable[[str], str] = lambda target: relative_url(path, target)  # noqa: E731
        text = self.env.get_template(template).render(
            page_path=path,
            url=url,
            lang=self.language,
            graph=self.graph,
            config=self.graph.config,
            **PATHS,
            outlet_name=self.outlet_name,
            period_title=self.period_title,
            **context,
        )
        return Page(path, self.language, text)

    def outlet_name(self, outlet_id: str) -> str:
        outlet = self.graph.outlets.get(outlet_id)
        return outlet.name.get(i18n.content_language(self.language)) if outlet else outlet_id

    def quote_sources(self, story) -> dict[str, str]:
        """Each quote of a story → the first report that carries it."""
        sources: dict[str, str] = {}
        for article in self.graph.reports(story):
            for quote in article.quotes:
                sources.setdefault(quote.text, article.id)
        return sources

    def period_title(self, digest) -> str:
        gettext = i18n.translations(self.language).gettext
        if digest.key == UNDATED:
            return gettext("Undated stories")
        start, end = (i18n.format_day(day, self.language) for day in (digest.start, digest.end))
        if digest.start == digest.end:
            return start
        if "-W" in digest.key:
            year, week = digest.key.split("-W")
            return gettext("Week %(week)s of %(year)s (%(span)s)") % {"week": int(week), "year": year,
                                                                    "span": f"{start} – {end}"}
        return gettext("Month %(month)s (%(span)s)") % {"month": digest.key, "span": f"{start} – {end}"}

    def all_pages(self) -> list[Page]:
        graph = self.graph
        latest_digest = graph.digests[0] if graph.digests else None
        pages = [
            self.page("index.md", "home.md.j2", latest=graph.analysis.articles[:LATEST_ON_HOME],
                      digest=latest_digest),
            self.page("topics/index.md", "topics.md.j2"),
            self.page("stories/index.md", "stories.md.j2"),
            self.page("articles/index.md", "articles.md.j2"),
            self.page("entities/index.md", "entities.md.j2"),
            self.page("resolutions.md", "resolutions.md.j2"),
            self.page("digests/index.md", "digests.md.j2"),
            self.page("report.md", "report.md.j2"),
        ]
        for topic in graph.config.topics:
            pages.append(self.page(topic_path(topic.id), "topic.md.j2", topic=topic,
                                   articles=graph.topic_articles(topic.id), stories=graph.topic_stories(topic.id)))
        for story in graph.stories.values():
            pages.append(self.page(story_path(story.id), "story.md.j2", story=story,
                                   quote_sources=self.quote_sources(story)))
        for entity in graph.entities.values():
            pages.append(self.page(entity_path(entity.id), "entity.md.j2", entity=entity))
        for digest in graph.digests:
            pages.append(self.page(digest_path(digest.key), "digest.md.j2", digest=digest))
        for article in graph.analysis.articles:
            pages.append(self.page(article_path(article.id), "article.md.j2", article=article))
        return pages


def make_environment(language: str) -> jinja2.Environment:
    env = template_environment(TEMPLATES, language, keep_trailing_newline=True)
    env.filters["meta_title"] = lambda text: Markup(safety.yaml_string(safety.plain_title(text)))
    env.filters["safe_url"] = safety.safe_url
    env.filters["day"] = lambda iso: i18n.format_day(iso, language)
    env.filters["bdi"] = i18n.isolate
    env.globals["label"] = lambda bilingual: bilingual.get(i18n.content_language(language)) if bilingual else ""
    return env


def render_pages(config: Config, analysis: Analysis) -> list[Page]:
    graph = SiteGraph.build(config, analysis)
    pages: list[Page] = []
    for language in config.settings.languages:
        pages.extend(Renderer(graph, language).all_pages())
    return pages

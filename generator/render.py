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
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import i18n, safety
from .config import Config, Outlet
from .models import Analysis, Article

TEMPLATES = Path(__file__).parent / "templates" / "markdown"
LATEST_ON_HOME = 20


@dataclass(frozen=True)
class Page:
    path: str  # relative to the language folder, posix, ends in .md
    language: str
    text: str


@dataclass(frozen=True)
class SiteGraph:
    """Topics, outlets and articles linked to each other; known before any page is rendered."""

    config: Config
    analysis: Analysis
    by_topic: dict[str, list[Article]] = field(default_factory=dict)
    outlets: dict[str, Outlet] = field(default_factory=dict)

    @classmethod
    def build(cls, config: Config, analysis: Analysis) -> SiteGraph:
        by_topic: dict[str, list[Article]] = defaultdict(list)
        for article in analysis.articles:  # already newest first
            for topic_id in article.topic_ids:
                by_topic[topic_id].append(article)
        outlets = {outlet.id: outlet for outlet in config.outlets}
        return cls(config=config, analysis=analysis, by_topic=dict(by_topic), outlets=outlets)

    def topic_articles(self, topic_id: str) -> list[Article]:
        return self.by_topic.get(topic_id, [])


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
            article_path=article_path,
            topic_path=topic_path,
            outlet_name=self.outlet_name,
            **context,
        )
        return Page(path, self.language, text)

    def outlet_name(self, outlet_id: str) -> str:
        outlet = self.graph.outlets.get(outlet_id)
        return outlet.name.get(i18n.content_language(self.language)) if outlet else outlet_id

    def all_pages(self) -> list[Page]:
        graph = self.graph
        pages = [
            self.page("index.md", "home.md.j2", latest=graph.analysis.articles[:LATEST_ON_HOME]),
            self.page("topics/index.md", "topics.md.j2"),
            self.page("articles/index.md", "articles.md.j2"),
            self.page("report.md", "report.md.j2"),
        ]
        for topic in graph.config.topics:
            pages.append(self.page(topic_path(topic.id), "topic.md.j2", topic=topic,
                                   articles=graph.topic_articles(topic.id)))
        for article in graph.analysis.articles:
            pages.append(self.page(article_path(article.id), "article.md.j2", article=article))
        return pages


def make_environment(language: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
        finalize=safety.visible,
    )
    env.install_gettext_translations(i18n.translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.filters["meta_title"] = lambda text: Markup(safety.yaml_string(safety.plain_title(text)))
    env.filters["safe_url"] = safety.safe_url
    env.filters["day"] = lambda iso: i18n.format_day(iso, language)
    env.filters["number"] = lambda n: i18n.format_number(n, language)
    env.filters["bdi"] = i18n.isolate
    env.globals["label"] = lambda bilingual: bilingual.get(i18n.content_language(language)) if bilingual else ""
    return env


def render_pages(config: Config, analysis: Analysis) -> list[Page]:
    graph = SiteGraph.build(config, analysis)
    pages: list[Page] = []
    for language in config.settings.languages:
        pages.extend(Renderer(graph, language).all_pages())
    return pages

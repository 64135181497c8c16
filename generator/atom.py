"""Atom feeds for readers: the latest stories of each topic, and the latest digests.

One feed per topic (``feeds/<topic>.xml``) and one of the digests (``feeds/digests.xml``) in
each edition, returned as ``Page`` records like the Markdown pages, so ``write.py`` puts them in
the docs folder (``<lang>/feeds/…``, only those whose text changed) and MkDocs copies them into
the site as it copies the PDFs: ``/feeds/`` for the first language, ``/en/feeds/`` and so on.

A feed's ids and links are absolute URLs, so feeds are made only when ``site_url`` is set:
without it there are none (and no link to one), rather than feeds of wrong URLs.

The XML is written by feedgen (lxml underneath: every text is escaped by the serializer, never
pasted into markup). Article text has not been through an XML check: each text loses the
characters XML 1.0 forbids and, like every printed value, bidi controls and invisible characters.
Timestamps come from the articles' days, never from the clock, so an unchanged archive gives
byte-identical feeds and the writer leaves them untouched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone

from feedgen.feed import FeedGenerator

from . import i18n, safety
from .models import Page

FEEDS_FOLDER = "feeds"
DIGEST_FEED = "digests"
STORIES_PER_FEED = 20
DIGESTS_PER_FEED = 12
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
# Characters XML 1.0 does not allow in a document (lxml refuses them), and lone surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class FeedLink:
    """A feed as a page links it: its title and its path in the edition (``feeds/minurso.xml``)."""

    title: str
    path: str


def feed_path(name: str) -> str:
    return f"{FEEDS_FOLDER}/{name}.xml"


def enabled(config) -> bool:
    return bool(config.settings.site_url)


def edition_url(config, language: str) -> str:
    """The edition's absolute root URL, ending in "/" (``https://host/`` or ``https://host/en/``)."""
    root = config.settings.site_url.rstrip("/") + "/"
    return root if language == config.settings.languages[0] else f"{root}{language}/"


def feed_links(renderer, topic=None) -> tuple[FeedLink, ...]:
    """The feeds a page offers: its topic's (on a topic page) and the digests'; none without site_url."""
    graph = renderer.graph
    if not enabled(graph.config):
        return ()
    links = []
    if topic is not None:
        links.append(FeedLink(_topic_title(renderer, topic), feed_path(topic.id)))
    links.append(FeedLink(_digests_title(renderer), feed_path(DIGEST_FEED)))
    return tuple(links)


def feed_pages(renderer) -> list[Page]:
    """Every feed of the renderer's edition, as ``Page`` records (none without site_url)."""
    graph = renderer.graph
    if not enabled(graph.config):
        return []
    pages = [Page(feed_path(topic.id), renderer.language, topic_feed(renderer, topic))
             for topic in graph.config.topics]
    pages.append(Page(feed_path(DIGEST_FEED), renderer.language, digest_feed(renderer)))
    return pages


def topic_feed(renderer, topic) -> str:
    """The topic's latest dated stories, newest first, each linking its story page (or its one report's
    page); an undated story has no time to put in a feed and stays on the topic page."""
    from .render import story_page, topic_path

    graph, language = renderer.graph, renderer.language
    stories = [story for story in graph.topic_stories(topic.id) if story.last_day][:STORIES_PER_FEED]
    feed = _feed(renderer, feed_path(topic.id), topic_path(topic.id), _topic_title(renderer, topic),
                 _label(topic.description, language))
    for story in stories:
        entry = feed.add_entry(order="append")
        link = _absolute(renderer, story_page(story))
        entry.id(link)
        entry.title(_text(renderer.headline(story)))
        entry.link(href=link, rel="alternate")
        entry.updated(_moment(_latest_time(graph, story) or story.last_day))
        if story.first_day:
            entry.published(_moment(story.first_day))
        summary = _text(renderer.summary(story))
        if summary:
            entry.summary(summary)
        for topic_id in story.topics:
            other = next((t for t in graph.config.topics if t.id == topic_id), None)
            if other is not None:
                entry.category(term=other.id, label=_text(_label(other.label, language)))
    return _serialise(feed, [s.last_day for s in stories])


def digest_feed(renderer) -> str:
    """The latest digests, newest first: each names its period, its counts and its top stories."""
    from .render import digest_path

    digests = [d for d in renderer.graph.digests if d.start][:DIGESTS_PER_FEED]
    feed = _feed(renderer, feed_path(DIGEST_FEED), "digests/index.md", _digests_title(renderer), None)
    for digest in digests:
        briefing = renderer.briefing(digest)
        entry = feed.add_entry(order="append")
        link = _absolute(renderer, digest_path(digest.key))
        entry.id(link)
        entry.title(_text(renderer.period_title(digest)))
        entry.link(href=link, rel="alternate")
        entry.updated(_moment(digest.stories[0].last_day if digest.stories else digest.end))
        entry.summary(_text(_digest_summary(renderer, briefing)))
    return _serialise(feed, [d.stories[0].last_day for d in digests if d.stories])


def _digest_summary(renderer, briefing) -> str:
    """«3 stories · 5 reports: headline 1; headline 2; …» (the top stories, in ranking order)."""
    counts = " · ".join((i18n.count(len(briefing.digest.stories), "story", renderer.language),
                         i18n.count(briefing.reports, "report", renderer.language)))
    headlines = "؛ " if renderer.language == "ar" else "; "
    return f"{counts}: {headlines.join(renderer.headline(story) for story in briefing.top)}"


def _feed(renderer, path: str, page: str, title: str, subtitle: str | None) -> FeedGenerator:
    config = renderer.graph.config
    site_name = _label(config.settings.site_name, renderer.language)
    feed = FeedGenerator()
    feed.id(_absolute(renderer, path))
    feed.title(_text(title))
    if subtitle:
        feed.subtitle(_text(subtitle))
    feed.link(href=_absolute(renderer, path), rel="self", type="application/atom+xml")
    feed.link(href=_absolute(renderer, page), rel="alternate", type="text/html")
    feed.author({"name": _text(site_name), "uri": edition_url(config, renderer.language)})
    feed.language(renderer.language)
    feed.generator("Marsad", uri=None, version=None)
    return feed


def _serialise(feed: FeedGenerator, days: Sequence[str | None]) -> str:
    """The feed's XML; it was updated when its newest entry was (the epoch for an empty feed)."""
    known = [day for day in days if day]
    feed.updated(_moment(max(known)) if known else _EPOCH)
    return feed.atom_str(pretty=True).decode("utf-8")


def _topic_title(renderer, topic) -> str:
    config = renderer.graph.config
    return f"{_label(config.settings.site_name, renderer.language)} · {_label(topic.label, renderer.language)}"


def _digests_title(renderer) -> str:
    gettext = i18n.translations(renderer.language).gettext
    return f"{_label(renderer.graph.config.settings.site_name, renderer.language)} · {gettext('Digests')}"


def _label(bilingual, language: str) -> str:
    return bilingual.get(i18n.content_language(language)) if bilingual else ""


def _absolute(renderer, path: str) -> str:
    from .render import page_url

    return edition_url(renderer.graph.config, renderer.language) + page_url(path)


def _text(value: object) -> str:
    """Text as a feed may carry it: no character XML forbids, no bidi control or invisible character."""
    return _NOT_XML.sub("", str(safety.visible(str(value or ""))))


def _latest_time(graph, story) -> str | None:
    """The publication time of the story's newest report, when it is on the story's last day."""
    for article_id in story.article_ids:
        article = graph.articles.get(article_id)
        if article is not None and article.published and article.published[:10] == story.last_day:
            return article.published
    return None


def _moment(value: str | None) -> datetime:
    """An ISO day or date-time as an aware datetime (midnight UTC for a day; UTC for a naive time)."""
    if not value:
        return _EPOCH
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        try:
            moment = datetime.combine(date.fromisoformat(value[:10]), datetime.min.time())
        except ValueError:
            return _EPOCH
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)

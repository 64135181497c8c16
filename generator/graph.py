"""The site graph: topics, stories, entities, outlets, digests and articles, linked.

Collected once from the ``Analysis`` before any page is rendered (like
Material's tags plugin: collect everything first, render after), so every page
can link to every other.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .config import Config, Entity, Outlet
from .digest import Digest, build_digests
from .entities import resolution_entity
from .models import Analysis, Article, Story

_RESOLUTION_PREFIX = "resolution-"


@dataclass(frozen=True)
class SiteGraph:
    config: Config
    analysis: Analysis
    articles: dict[str, Article] = field(default_factory=dict)
    stories: dict[str, Story] = field(default_factory=dict)  # newest first
    outlets: dict[str, Outlet] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)  # only entities some article mentions
    by_topic: dict[str, list[Article]] = field(default_factory=dict)
    stories_by_topic: dict[str, list[Story]] = field(default_factory=dict)
    articles_by_entity: dict[str, list[Article]] = field(default_factory=dict)
    stories_by_entity: dict[str, list[Story]] = field(default_factory=dict)
    copies: dict[str, list[Article]] = field(default_factory=dict)  # canonical id → its wire copies
    digests: tuple[Digest, ...] = ()

    @classmethod
    def build(cls, config: Config, analysis: Analysis) -> SiteGraph:
        articles = {a.id: a for a in analysis.articles}  # newest first
        stories = {s.id: s for s in sorted(analysis.stories, key=_newest_story)}
        by_topic: dict[str, list[Article]] = defaultdict(list)
        by_entity: dict[str, list[Article]] = defaultdict(list)
        copies: dict[str, list[Article]] = defaultdict(list)
        for article in articles.values():
            for topic_id in article.topic_ids:
                by_topic[topic_id].append(article)
            for mention in article.entities:
                by_entity[mention.entity].append(article)
            if article.duplicate_of:
                copies[article.duplicate_of].append(article)
        stories_by_topic: dict[str, list[Story]] = defaultdict(list)
        stories_by_entity: dict[str, list[Story]] = defaultdict(list)
        for story in stories.values():
            for topic_id in story.topics:
                stories_by_topic[topic_id].append(story)
            for entity_id in story.entities:
                stories_by_entity[entity_id].append(story)
        known = {e.id: e for e in config.entities}
        entities = {eid: known.get(eid) or _built_entity(eid) for eid in sorted(by_entity)}
        return cls(
            config=config,
            analysis=analysis,
            articles=articles,
            stories=stories,
            outlets={o.id: o for o in config.outlets},
            entities={eid: e for eid, e in entities.items() if e is not None},
            by_topic=dict(by_topic),
            stories_by_topic=dict(stories_by_topic),
            articles_by_entity=dict(by_entity),
            stories_by_entity=dict(stories_by_entity),
            copies=dict(copies),
            digests=build_digests(list(stories.values()), config.settings.digest.period,
                                  [t.id for t in config.topics]),
        )

    def topic_articles(self, topic_id: str) -> list[Article]:
        return self.by_topic.get(topic_id, [])

    def topic_stories(self, topic_id: str) -> list[Story]:
        return self.stories_by_topic.get(topic_id, [])

    def story_of(self, article: Article) -> Story | None:
        return self.stories.get(article.story) if article.story else None

    def reports(self, story: Story) -> list[Article]:
        return [self.articles[aid] for aid in story.article_ids if aid in self.articles]

    def entities_of_type(self, entity_type: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.type == entity_type]


def _newest_story(story: Story) -> tuple:
    return (story.last_day is None, tuple(-ord(c) for c in (story.last_day or "")), story.id)


def _built_entity(entity_id: str) -> Entity | None:
    """Resolutions the gazetteer does not list still get a page of their own."""
    if entity_id.startswith(_RESOLUTION_PREFIX) and entity_id[len(_RESOLUTION_PREFIX):].isdigit():
        return resolution_entity(int(entity_id[len(_RESOLUTION_PREFIX):]))
    return None

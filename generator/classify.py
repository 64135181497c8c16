"""Classify stage: which topics of ``content/topics.yml`` an article belongs to, and why.

One ``TermMatcher`` over every term of every topic reads the article once; each
topic then applies its rules (``terms``, ``requires``, ``excludes``,
``min_mentions``) to the counts. The matched terms are kept: the article page
shows them as the reason it is in the topic.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .arabic import TermMatcher
from .config import Topic
from .models import TopicMatch


class TopicClassifier:
    def __init__(self, topics: Sequence[Topic]):
        self.topics = tuple(topics)
        every_term = {term for t in self.topics for term in (*t.terms, *t.requires, *t.excludes)}
        self._matcher = TermMatcher(sorted(every_term))

    def classify(self, text_tokens: list[str]) -> tuple[TopicMatch, ...]:
        counts = Counter([term for term, _, _ in self._matcher.matches(text_tokens)])
        return tuple(match for topic in self.topics if (match := _topic_match(topic, counts)))


def _topic_match(topic: Topic, counts: Counter[str]) -> TopicMatch | None:
    terms = [term for term in topic.terms if counts[term]]
    if sum(counts[term] for term in terms) < topic.min_mentions:
        return None
    required = [term for term in topic.requires if counts[term]]
    if topic.requires and not required:
        return None
    if not required and any(counts[term] for term in topic.excludes):
        return None
    return TopicMatch(topic.id, tuple(terms))

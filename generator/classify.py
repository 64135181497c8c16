"""Classify stage: which topics of ``content/topics.yml`` an article belongs to, and why.

One ``TermMatcher`` over every phrase of every topic reads the article once. Each topic then
weighs its mentions by salience:

- a mention is an occurrence of one of its ``terms``, or of a ``describes`` phrase (the subject
  described without its name) in an article where a ``context`` term appears;
- where two mentions overlap, the longer one is the mention (one name, counted once);
- a mention inside one of its ``not_within`` phrases is part of a larger name (a department, a
  person's title) and does not count;
- each counted mention weighs as its place: headline, lead or body (``Salience``), or as
  ``salience.cued`` when a cue stands just before it (a mandate renewed);
- the article is in the topic when the weights add up to ``salience.min_score``, a ``requires``
  term appears (when given), and the ``excludes`` terms do not outnumber the ``requires`` ones.

The ``TopicMatch`` keeps the reason: the terms counted, where each stands best, how often, and
the score. The article page and ``marsad analyze`` show it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .arabic import TermMatcher
from .config import Topic
from .models import TopicMatch

if TYPE_CHECKING:
    from .arabic import Tokens

TITLE, LEAD, BODY = "title", "lead", "body"
_PLACE_RANK = {TITLE: 0, LEAD: 1, BODY: 2}

Spans = dict[str, list[tuple[int, int]]]  # phrase as written -> (first token, end token) of each occurrence


class TopicClassifier:
    def __init__(self, topics: Sequence[Topic]):
        self.topics = tuple(topics)
        every_phrase = {phrase for t in self.topics
                        for phrase in (*t.terms, *t.describes, *t.context, *t.not_within, *t.cues,
                                       *t.requires, *t.excludes)}
        self._matcher = TermMatcher(sorted(every_phrase))

    def classify_article(self, text: Tokens, title: str, lead: str,
                         paragraphs: Sequence[str]) -> tuple[TopicMatch, ...]:
        """The topics of an article whose ``text`` is its headline, a line break, then its
        paragraphs. A headline taken from the first sentence (the source printed none) is not
        counted as a headline: its words are the lead's, counted once."""
        title_end = text.token_range(0, len(title))[1]
        lead_end = text.token_range(0, len(title) + 1 + len(lead.rstrip("…")))[1]
        if paragraphs and title.rstrip("…") in paragraphs[0]:
            return self.classify(text.words[title_end:], 0, lead_end - title_end)
        return self.classify(text.words, title_end, lead_end)

    def classify(self, words: list[str], title_end: int = 0, lead_end: int = 0) -> tuple[TopicMatch, ...]:
        """The topics of an article whose normalised tokens are ``words``: ``words[:title_end]``
        are the headline, ``words[title_end:lead_end]`` the lead, the rest the body."""
        spans: Spans = defaultdict(list)
        for phrase, start, length in self._matcher.matches(words):
            spans[phrase].append((start, start + length))
        lead_end = max(lead_end, title_end)
        return tuple(match for topic in self.topics
                     if (match := _topic_match(topic, spans, title_end, lead_end)))


def _topic_match(topic: Topic, spans: Spans, title_end: int, lead_end: int) -> TopicMatch | None:
    names = list(topic.terms)
    if any(spans.get(word) for word in topic.context):
        names += topic.describes
    mentions = _counted(_longest_first([(s, e, name) for name in names for s, e in spans.get(name, ())]),
                        [span for phrase in topic.not_within for span in spans.get(phrase, ())])
    if not mentions:
        return None
    salience = topic.salience
    cue_ends = sorted(e for cue in topic.cues for _, e in spans.get(cue, ()))
    weights = {TITLE: salience.title, LEAD: salience.lead, BODY: salience.body}
    score = 0.0
    places: dict[str, str] = {}
    counts: dict[str, int] = defaultdict(int)
    for start, _, name in mentions:
        place = TITLE if start < title_end else LEAD if start < lead_end else BODY
        weight = weights[place]
        if any(0 <= start - end < salience.cue_window for end in cue_ends):
            weight = max(weight, salience.cued)
        score += weight
        counts[name] += 1
        if name not in places or _PLACE_RANK[place] < _PLACE_RANK[places[name]]:
            places[name] = place
    if score < salience.min_score:
        return None
    required = sum(len(spans.get(word, ())) for word in topic.requires)
    if topic.requires and not required:
        return None
    if sum(len(spans.get(word, ())) for word in topic.excludes) > required:
        return None
    counted = [name for name in names if name in counts]
    return TopicMatch(topic.id, tuple(counted), tuple(places[n] for n in counted),
                      tuple(counts[n] for n in counted), score)


def _longest_first(mentions: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The mentions that overlap no longer one (at equal length, the earlier-declared name wins)."""
    kept: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for start, end, name in sorted(mentions, key=lambda m: m[0] - m[1]):  # stable: declaration order kept
        if not taken.intersection(range(start, end)):
            kept.append((start, end, name))
            taken.update(range(start, end))
    return sorted(kept)


def _counted(mentions: list[tuple[int, int, str]], larger: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The mentions that are not part of one of the ``larger`` names."""
    return [m for m in mentions if not any(a <= m[0] and m[1] <= b for a, b in larger)]

"""Event distinctions: two reports that share words but cannot tell one event.

Similar words are not the same event. Two facts of news writing tell events apart where the
vocabulary does not:

- **Arrival and departure are two events**: «يصل إلى الرباط» and «يغادر الرباط» are days apart.
- **A different resolution or year is a different event**: the Council renews MINURSO every year
  in nearly the same words; resolution 2703 is not 2756, «2024» in one headline and «2025» in the
  other are not one vote.

(A reaction, «حزب الله ينفي ...», is an event of its own too, but outlets word the same reaction
with and without a verb of response («تتضامن» / «تعرب عن تضامنها»): on the labelled corpus a rule
on headline verbs split more true stories than it kept apart, so it is not applied.)

Only headlines are read for the frames (the body of a report tells the background too, so a body
verb says nothing of what the report is about). Each rule is a pure function of two signatures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .arabic import normalize
from .models import Article

# The headline's main verb comes early: after its subject («لاكروا يصل») or first («يصل لاكروا»).
_ARRIVAL_VERBS = "يصل تصل وصل وصلت يزور تزور زار زارت"  # not «حل»: also the noun "solution"
_DEPARTURE_VERBS = "يغادر تغادر غادر غادرت يختتم تختتم اختتم اختتمت"
HEADLINE_VERB_WINDOW = 4  # a headline's main verb stands within its first words
_YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20\d\d)(?!\d)")


def _forms(verbs: str) -> frozenset[str]:
    return frozenset(normalize(verb) for verb in verbs.split())


ARRIVAL, DEPARTURE = _forms(_ARRIVAL_VERBS), _forms(_DEPARTURE_VERBS)
_FRAME_OF = {**dict.fromkeys(ARRIVAL, "arrival"), **dict.fromkeys(DEPARTURE, "departure")}


@dataclass(frozen=True)
class EventSignature:
    """What a report's headline and citations say about which event it reports."""

    frame: str | None  # "arrival" | "departure" | None when the headline shows none
    resolutions: frozenset[str]  # resolution entity ids the report cites
    years: frozenset[str]  # years written in the headline


def signature(article: Article) -> EventSignature:
    headline = article.title if article.title_source != "derived" else ""
    return EventSignature(frame=headline_frame(headline),
                          resolutions=frozenset(e.entity for e in article.entities if e.entity.startswith("resolution-")),
                          years=frozenset(_YEAR.findall(headline)))


def headline_frame(headline: str) -> str | None:
    """The frame of the headline's main verb, looked for among its first words («X: ...» starts after the colon)."""
    clause = headline.split(":", 1)[-1] if ":" in headline[:40] else headline
    for word in normalize(clause).split()[:HEADLINE_VERB_WINDOW]:
        word = word.strip("\"'«».,،؛!؟?()")
        if word.startswith("و") and word[1:] in _FRAME_OF:
            word = word[1:]
        if word in _FRAME_OF:
            return _FRAME_OF[word]
    return None


def distinct(a: EventSignature, b: EventSignature) -> bool:
    """True when the two reports cannot tell one event, whatever words they share."""
    if {a.frame, b.frame} == {"arrival", "departure"}:
        return True
    if a.resolutions and b.resolutions and not a.resolutions & b.resolutions:
        return True
    return bool(a.years and b.years and not a.years & b.years)

"""Event distinctions: two reports that share words but cannot tell one event.

Similar words are not the same event. Facts of news writing tell events apart where the
vocabulary does not:

- **Arrival and departure are two events**: «يصل إلى الرباط» and «يغادر الرباط» are days apart.
- **A different resolution or year is a different event**: the Council renews MINURSO every year
  in nearly the same words; resolution 2703 is not 2756, «2024» in one headline and «2025» in the
  other are not one vote.
- **A denial is not the claim it denies**: «حزب الله ينفي ...» answers what another actor said
  earlier; the reports of the claim and the reports of its denial share every name and word.
- **Another day is another event**: a report names its event's weekday in its opening («أعلنت
  الوزارة الأربعاء», «أمس الثلاثاء»); a ruling on Tuesday and a decision on Wednesday, a letter
  delivered on Wednesday and the answer given on Friday are two events. Background sentences
  («وكان ... قد», «ويذكر أن»), planned days («كان مقررا الأربعاء») and coming ones are not read.

(Other reactions are not told apart by their verbs: outlets word the same reaction with and
without a verb of response («تتضامن» / «تعرب عن تضامنها»): on the labelled corpus a rule on
headline verbs of response split more true stories than it kept apart, so it is not applied. A
denial is named by its own few verbs.)

Only headlines are read for the frames and denials (the body of a report tells the background too,
so a body verb says nothing of what the report is about); the weekday is read in the lead and the
first body paragraphs. Each rule is a pure function of two signatures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .arabic import normalize
from .describe import sentences
from .models import Article

# The headline's main verb comes early: after its subject («لاكروا يصل») or first («يصل لاكروا»).
_ARRIVAL_VERBS = "يصل تصل وصل وصلت يزور تزور زار زارت"  # not «حل»: also the noun "solution"
_DEPARTURE_VERBS = "يغادر تغادر غادر غادرت يختتم تختتم اختتم اختتمت"
HEADLINE_VERB_WINDOW = 4  # a headline's main verb stands within its first words
# A denial answers a claim: the claim was made before and by someone else, so a headline that reports
# a denial («حزب الله ينفي ...», «... وينفي دعمه») reports another event than the claim's own reports.
# «نفى» folds to «نفي», the noun, which names the same act («نفي إيراني لدعم ...»).
_DENIAL_VERBS = "نفى نفت ينفي تنفي ينفيان تنفيان ينفون نفوا فند فندت يفند تفند أنكر أنكرت ينكر تنكر"
# An Arabic report names its event's day in its opening sentence, after the verb and its subject
# («أعلنت الوزارة الأربعاء», «أمس الثلاثاء», «اليوم الخميس»). A sentence opened by «وكان ... قد»
# or «ويذكر أن» tells background (what happened before the report's event), so its days are not
# the event's; nor is a day after «منذ» or «حتى» (a span's start, a deadline), a planned day
# («تصويتا كان مقررا الأربعاء», «المقرر الخميس») or a coming one («الأربعاء المقبل»).
_WEEKDAYS = "الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت"
_BACKGROUND_OPENERS = "كان كانت وكان وكانت يذكر ويذكر يشار ويشار"
_SPAN_WORDS = "منذ حتى"
_PLAN_WORDS = "كان كانت مقرر مقررا مقررة المقرر المقررة"  # within PLAN_REACH words before the day
_COMING_WORDS = "المقبل المقبلة القادم القادمة"  # right after the day
PLAN_REACH = 3
OPENING_PARAGRAPHS = 2  # the body paragraphs read, after the lead, for the event's weekday
_YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20\d\d)(?!\d)")


def _forms(verbs: str) -> frozenset[str]:
    return frozenset(normalize(verb) for verb in verbs.split())


ARRIVAL, DEPARTURE = _forms(_ARRIVAL_VERBS), _forms(_DEPARTURE_VERBS)
DENIAL = _forms(_DENIAL_VERBS)
WEEKDAYS, BACKGROUND_OPENERS, SPAN_WORDS = _forms(_WEEKDAYS), _forms(_BACKGROUND_OPENERS), _forms(_SPAN_WORDS)
PLAN_WORDS, COMING_WORDS = _forms(_PLAN_WORDS), _forms(_COMING_WORDS)
_FRAME_OF = {**dict.fromkeys(ARRIVAL, "arrival"), **dict.fromkeys(DEPARTURE, "departure")}


@dataclass(frozen=True)
class EventSignature:
    """What a report's headline and citations say about which event it reports."""

    frame: str | None  # "arrival" | "departure" | None when the headline shows none
    resolutions: frozenset[str]  # resolution entity ids the report cites
    years: frozenset[str]  # years written in the headline
    denial: bool = False  # the headline reports a denial
    weekday: str | None = None  # the weekday the opening names for the event (normalised), if any


def signature(article: Article) -> EventSignature:
    headline = article.title if article.title_source != "derived" else ""
    return EventSignature(frame=headline_frame(headline),
                          resolutions=frozenset(e.entity for e in article.entities if e.entity.startswith("resolution-")),
                          years=frozenset(_YEAR.findall(headline)), denial=reports_denial(headline),
                          weekday=event_weekday((article.lead, *article.body[:OPENING_PARAGRAPHS])))


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


def reports_denial(headline: str) -> bool:
    """True when a word of the headline is a verb of denial (with or without a conjunction «و»)."""
    for word in normalize(headline).split():
        word = word.strip("\"'«».,،؛:!؟?()")
        if word in DENIAL or (word.startswith("و") and word[1:] in DENIAL):
            return True
    return False


def event_weekday(paragraphs) -> str | None:
    """The first weekday the opening paragraphs name outside a background sentence, normalised."""
    for paragraph in paragraphs:
        for sentence in sentences(paragraph):
            words = [word.strip("\"'«».,،؛:!؟?()") for word in normalize(sentence).split()]
            if words and words[0] in BACKGROUND_OPENERS:
                continue
            for k, word in enumerate(words):
                if word.startswith("و") and word[1:] in WEEKDAYS:
                    word = word[1:]
                if word in WEEKDAYS and not _not_the_event(words, k):
                    return word
    return None


def _not_the_event(words: list[str], k: int) -> bool:
    """The weekday ``words[k]`` starts a span, ends one, is planned or is still to come."""
    return bool((k and words[k - 1] in SPAN_WORDS) or PLAN_WORDS.intersection(words[max(0, k - PLAN_REACH):k])
                or (k + 1 < len(words) and words[k + 1] in COMING_WORDS))


def distinct(a: EventSignature, b: EventSignature) -> bool:
    """True when the two reports cannot tell one event, whatever words they share."""
    if {a.frame, b.frame} == {"arrival", "departure"}:
        return True
    if a.resolutions and b.resolutions and not a.resolutions & b.resolutions:
        return True
    if a.denial != b.denial:
        return True
    if a.weekday and b.weekday and a.weekday != b.weekday:
        return True
    return bool(a.years and b.years and not a.years & b.years)

"""The typed records that flow through the pipeline.

One article travels: file → ``RawArticle`` (read) → ``CleanArticle`` (clean) →
``Article`` (describe, dates, classify, entities, quotes) → grouped into ``Story``
(dedupe, stories) → ``Analysis`` → ``Page`` (render) → site (build).

Records are frozen: each stage returns new records (``dataclasses.replace``),
so a stage can be read, tested and reasoned about on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Source:
    """Where an article came from, relative to the articles folder."""

    path: str  # posix path relative to the articles folder
    kind: str  # "text" | "markdown" | "html" | "feed" | "jsonl"
    locator: str = ""  # item within a feed or JSON Lines file ("" for whole files)


@dataclass(frozen=True)
class Hints:
    """Metadata given with the article rather than guessed from its text.

    Filled from a sidecar ``NAME.yml``, Markdown front matter, HTML metadata,
    a feed item or a JSON Lines record. What a hint says wins over a guess.
    """

    title: str | None = None
    title_en: str | None = None
    summary_en: str | None = None
    url: str | None = None
    outlet: str | None = None  # outlet id or name as given
    author: str | None = None
    published: str | None = None  # ISO date or datetime as given
    reference_date: date | None = None  # the day relative dates are counted from
    summary_only: bool = False  # a feed gave only a summary, not the full text
    origin: str = ""  # where the hints came from: "sidecar", "front matter", "html", "feed", "jsonl"


@dataclass(frozen=True)
class RawArticle:
    """A decoded article as read from disk, before any cleaning."""

    source: Source
    text: str  # NFC, "\n" line endings
    encoding: str
    hints: Hints = field(default_factory=Hints)
    file_date: date | None = None  # the file's modification day, last resort for relative dates
    content_hash: str = ""  # sha256 of the decoded text


@dataclass(frozen=True)
class Skipped:
    """An input that could not be used, and why. Reported, never fatal."""

    path: str
    reason: str


@dataclass(frozen=True)
class LineVerdict:
    """What the cleaner decided about one line of the raw text, and which rule decided."""

    line_no: int  # 1-based line in the raw text
    text: str
    label: str  # "body" | "headline" | "byline" | "dateline" | "timestamp" | "outlet" | "boilerplate"
    rule: str  # the name of the rule that set the label


@dataclass(frozen=True)
class CleanArticle:
    raw: RawArticle
    paragraphs: tuple[str, ...]  # the article's own paragraphs, whole and in order
    verdicts: tuple[LineVerdict, ...]  # one per non-blank raw line

    def lines_labelled(self, label: str) -> list[LineVerdict]:
        return [v for v in self.verdicts if v.label == label]


@dataclass(frozen=True)
class TopicMatch:
    """An article's place in a topic and why: the terms that counted, where they stand, the score."""

    topic: str  # topic id from topics.yml
    terms: tuple[str, ...]  # the terms and `describes` phrases (as written in topics.yml) that counted
    places: tuple[str, ...] = ()  # for each of ``terms``, the best place it stands: "title" | "lead" | "body"
    counts: tuple[int, ...] = ()  # for each of ``terms``, how many of its mentions counted
    score: float = 0.0  # the weights of the counted mentions, summed (``Salience`` in config.py)


@dataclass(frozen=True)
class FoundDate:
    """A date the text mentions, resolved to ISO, with the text that says it."""

    iso: str | None  # "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"; None when it cannot be resolved
    evidence: str  # the matched text, verbatim
    certain: bool
    kind: str  # "explicit" | "relative"
    note: str = ""  # why it is uncertain or unresolved
    role: str = ""  # "event" | "history" | "deadline" | "future" | "mention" (see generator/day.py)


@dataclass(frozen=True)
class EntityMention:
    entity: str  # entity id from entities.yml
    surfaces: tuple[str, ...]  # the spellings found in the text
    count: int


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str | None  # entity id when known, else the name as written, else None
    speaker_name: str | None  # the speaker as written in the sentence
    sentence: str
    speaker_evidence: str = ""  # the words that name the speaker («وقال لاكروا», «بحسب البيان»,
    # «وأضاف ← لاكروا» for a speaker carried from an earlier sentence); "" when none is known


@dataclass(frozen=True)
class KeyFigure:
    value: str  # the number as written
    context: str  # the words around it, e.g. «1724 من القبعات الزرق»
    paragraph: int | None = None  # the body paragraph it stands in (0-based); None when not known


@dataclass(frozen=True)
class Passage:
    """Where a story's summary sentence or key figure comes from: a report and its body paragraph
    (0-based), the one its page anchors as ``p<paragraph+1>-<hash>`` (``lens.paragraph_anchor``)."""

    article: str  # article id
    paragraph: int


@dataclass(frozen=True)
class Article:
    """An enriched article: everything the site and the PDFs say about it."""

    id: str
    source: Source
    title: str
    lead: str
    body: tuple[str, ...]
    content_hash: str
    url: str | None = None
    outlet: str | None = None  # outlet id from outlets.yml, or None: never a guess
    outlet_evidence: str = ""
    byline: str | None = None
    dateline: str | None = None
    dateline_agency: str | None = None  # the wire a dateline credits («(CNN)», «(و م ع)»), not the outlet
    title_source: str = "headline"  # "hint" | "headline" | "derived" (cut from the first sentence)
    published: str | None = None  # ISO date or datetime
    published_evidence: str = ""
    published_given: bool = False  # given with the article (its hints), not read from its text
    reference_date: str | None = None  # the day relative dates were counted from
    reference_source: str = ""  # where that day comes from: sidecar, publication date, file modification day
    reference_given: bool = False  # given with the article (its hints' reference_date)
    hints_origin: str = ""  # where the article's hints came from: "sidecar", "front matter", "html", "feed", "jsonl"
    day: str | None = None  # the article's day (ISO); given None, the publication day (generator/day.py)
    day_source: str = ""  # "sidecar" | "metadata" | "publication line" | "opening sentence" | ""
    day_evidence: str = ""  # the text or hint that states the day
    dates: tuple[FoundDate, ...] = ()
    topics: tuple[TopicMatch, ...] = ()
    entities: tuple[EntityMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[KeyFigure, ...] = ()
    title_en: str | None = None
    summary_en: str | None = None
    summary_only: bool = False
    duplicate_of: str | None = None  # id of the canonical wire copy
    story: str | None = None  # story id

    @property
    def topic_ids(self) -> tuple[str, ...]:
        return tuple(t.topic for t in self.topics)

    @property
    def matched_terms(self) -> dict[str, list[str]]:
        return {t.topic: list(t.terms) for t in self.topics}

    def __post_init__(self) -> None:
        if self.day is None and self.published:  # a record built with its publication date only
            object.__setattr__(self, "day", self.published[:10])


@dataclass(frozen=True)
class Story:
    """One event, told once, with every report of it."""

    id: str
    title: str
    article_ids: tuple[str, ...]  # canonical reports first, newest first
    first_day: str | None
    last_day: str | None
    summary: tuple[str, ...]  # the most central lead sentences
    topics: tuple[str, ...]
    entities: tuple[str, ...]
    quotes: tuple[Quote, ...] = ()
    figures: tuple[KeyFigure, ...] = ()
    quote_reports: tuple[tuple[str, ...], ...] = ()  # for each quote, the reports (and wire copies) that carry it
    summary_passages: tuple[Passage, ...] = ()  # for each summary sentence, where it comes from
    figure_passages: tuple[Passage | None, ...] = ()  # for each figure, where it comes from (None: not known)


@dataclass(frozen=True)
class Candidate:
    """A name that looks like a person but is not in the gazetteer."""

    name: str
    cue: str  # the title before it, e.g. «السيد»
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class WireChange:
    """One change in substance a wire copy made to the earliest copy (spelling noise aside)."""

    kind: str  # "replaced" | "added" | "removed"
    before: str  # the earliest copy's words, as written ("" when added)
    after: str  # the copy's words, as written ("" when removed)
    context: str  # up to three words before the change, in the copy and its paragraph
    paragraph: int  # the copy's paragraph the change stands in (0-based)


@dataclass(frozen=True)
class WireDiff:
    """What one wire copy changed against the earliest copy (``wirediff.py``)."""

    copy: str  # article id of the copy
    original: str  # article id of the earliest copy
    changes: tuple[WireChange, ...]
    spelling: int = 0  # words that differ in spelling only (و apart, hamza, tanween, ة/ه, ى/ي, digits)


@dataclass(frozen=True)
class Wording:
    """One article's use of one lexicon term (``lexicon.py``)."""

    article: str
    group: str  # lexicon group id
    term: str  # term id within the group
    count: int
    paragraphs: tuple[int, ...]  # where it stands: body paragraph indexes, -1 for the headline


@dataclass(frozen=True)
class Analysis:
    """Everything the build knows, collected before any page is written."""

    articles: tuple[Article, ...]
    stories: tuple[Story, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    wire_diffs: tuple[WireDiff, ...] = ()  # corpus stages (analyze.CORPUS_STAGES) fill these
    wording: tuple[Wording, ...] = ()

    def article(self, article_id: str) -> Article:
        return self._by_id()[article_id]

    def _by_id(self) -> dict[str, Article]:
        cached = self.__dict__.get("_index")
        if cached is None:
            cached = {a.id: a for a in self.articles}
            object.__setattr__(self, "_index", cached)
        return cached


@dataclass(frozen=True)
class Page:
    """A rendered page or feed, not yet written: ``write.py`` puts it on disk."""

    path: str  # relative to the language folder, posix (.md for pages, .xml for feeds)
    language: str
    text: str

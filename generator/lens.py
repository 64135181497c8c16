"""The outlet lens on pages: how each outlet told a story, where each sentence came from, charts.

Pure helpers for the templates (``_outlet_lens.md.j2``, ``_wire_diff.md.j2``, ``outlet.md.j2``,
``outlets.md.j2``, ``lexicon.md.j2``): they take the site graph's records and return plain values;
the templates print them with autoescape on, so article text stays text.

Paragraph anchors: paragraph ``i`` of an article page has the id ``p<i+1>-<6 hex>``, the hex a hash
of the paragraph's normalised text. The number keeps ids unique within a page; the hash makes a
link taken before the text changed miss rather than land on another paragraph.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from .arabic import tokens
from .models import Article, Passage, Quote, Story, WireDiff, Wording
from .stories import lead_passages

OUTLET_PATH = "outlets/{}.md"
OUTLETS_PATH = "outlets/index.md"
LEXICON_PATH = "lexicon.md"


def paragraph_anchor(index: int, text: str) -> str:
    digest = hashlib.sha1(" ".join(tokens(text)).encode("utf-8")).hexdigest()[:6]
    return f"p{index + 1}-{digest}"


def paragraph_of(article: Article | None, text: str) -> int | None:
    """The index of the body paragraph that holds ``text`` (normalised), or None."""
    if article is None or not text:
        return None
    wanted = " ".join(tokens(text))
    if not wanted:
        return None
    for index, paragraph in enumerate(article.body):
        if wanted in " ".join(tokens(paragraph)):
            return index
    return None


def quote_anchor(article: Article | None, quote: Quote) -> str:
    """«#p3-ab12cd» for the paragraph of ``article`` that carries ``quote``; "" when none is found."""
    index = paragraph_of(article, quote.sentence) if article else None
    if index is None and article is not None:
        index = paragraph_of(article, quote.text)
    return f"#{paragraph_anchor(index, article.body[index])}" if index is not None else ""


def change_anchor(article: Article | None, paragraph: int) -> str:
    if article is None or not 0 <= paragraph < len(article.body):
        return ""
    return f"#{paragraph_anchor(paragraph, article.body[paragraph])}"


# ----------------------------------------------------------------- sentence provenance


def sentence_passages(graph, item, en=None) -> list[tuple[Passage, ...]]:
    """Where each summary sentence of ``item`` (a story or an article) comes from, one tuple per
    sentence (empty when it maps to no paragraph). ``en`` None: the Arabic sentences (a story's
    ``summary``, an article's lead), from the record. ``en`` (``english.English``): its sentences,
    those that restate the report's lead (the headline of a frame read from the lead) or its key
    figures; dates, datelines and names are facts of the whole report and link nowhere."""
    if en is None:
        if isinstance(item, Story):
            if len(item.summary_passages) == len(item.summary):
                return [(p,) for p in item.summary_passages]
            return [() for _ in item.summary]
        return [lead_passages((item.lead,), [item])] if item.lead else []
    return [_english_passages(graph, item, en, sentence) for sentence in en.summary]


def shown_sentences(graph, item, texts, en=None) -> list[tuple[str, tuple[Passage, ...]]]:
    """(sentence, its passages) for the ``texts`` a page shows of ``item`` (all of its summary or a
    card's share of it)."""
    every = en.summary if en is not None else (item.summary if isinstance(item, Story) else (item.lead,))
    found = dict(zip(every, sentence_passages(graph, item, en)))
    return [(text, found.get(text, ())) for text in texts]


def card_passages(graph, item, en=None) -> tuple[Passage, ...]:
    """The passages of a card's text (``Renderer.summary``): the first Arabic sentence, or every
    English sentence but the headline's."""
    found = sentence_passages(graph, item, en)
    if en is None:
        return found[0] if found else ()
    shown = [p for s, p in zip(en.summary, found) if s != en.headline + "."]
    return tuple(dict.fromkeys(p for passages in shown for p in passages))


def figure_passages(item) -> tuple[Passage | None, ...]:
    """Where each of ``item``'s key figures stands (aligned with ``item.figures``)."""
    if isinstance(item, Story):
        return item.figure_passages if len(item.figure_passages) == len(item.figures) else (None,) * len(item.figures)
    return tuple(Passage(item.id, f.paragraph) if f.paragraph is not None else None for f in item.figures)


def _english_passages(graph, item, en, sentence: str) -> tuple[Passage, ...]:
    from . import english

    if en.origin != "generated" or en.frame is None:
        return ()  # people's or a machine's translation: the whole lead, not one sentence
    edition = english.edition(graph)
    if sentence == en.headline + "." and en.frame.evidence:
        reports = graph.reports(item) if isinstance(item, Story) else [item]
        source = next((a for a in reports if edition.article_frame(a) is en.frame), None)
        evidence = " ".join(en.frame.evidence.split())
        if source is not None and source.body and evidence in " ".join(source.body[0].split()):
            return (Passage(source.id, 0),)
        return ()  # the frame was read from the headline, which stands in no paragraph
    if sentence.startswith("Key figures: "):  # english.Edition.facts: the first four figures it can say
        said: dict[str, Passage | None] = {}
        for figure, passage in zip(item.figures, figure_passages(item)):
            text = edition.reader.figure(figure.value, figure.context)
            if text and text not in said:
                said[text] = passage
        return tuple(dict.fromkeys(p for p in list(said.values())[:4] if p is not None))
    return ()


def passage_anchor(graph, passage: Passage | None) -> tuple[Article, str] | None:
    """(the report, «#p3-ab12cd») of a passage; None when its report or paragraph is gone."""
    article = graph.articles.get(passage.article) if passage is not None else None
    if article is None or not 0 <= passage.paragraph < len(article.body):
        return None
    return article, f"#{paragraph_anchor(passage.paragraph, article.body[passage.paragraph])}"


def cite_targets(graph, passages) -> list[tuple[Article, str, int]]:
    """(report, «#p3-ab12cd», paragraph number from 1) of each passage that still lands, once each."""
    found = {}
    for passage in passages:
        target = passage_anchor(graph, passage)
        if target is not None:
            found.setdefault(target[1] + target[0].id, (*target, passage.paragraph + 1))
    return list(found.values())


# ----------------------------------------------------------------- the story's outlets


@dataclass(frozen=True)
class Choice:
    group: str
    term: str
    count: int
    paragraphs: tuple[int, ...]


@dataclass(frozen=True)
class Telling:
    """One report of a story, as the lens shows it."""

    article: Article
    first: bool  # the earliest report of the story (by publication time, then day)
    choices: tuple[Choice, ...]
    diff: WireDiff | None  # what it changed, when it is a wire copy

    @property
    def by_group(self) -> list[tuple[str, list[Choice]]]:
        """The choices grouped by lexicon group, in lexicon order."""
        grouped: dict[str, list[Choice]] = {}
        for choice in self.choices:
            grouped.setdefault(choice.group, []).append(choice)
        return list(grouped.items())


def _when(article: Article) -> str:
    return article.published or article.day or "\uffff"


def tellings(story: Story, reports: Sequence[Article], wording: dict[str, list[Wording]],
             diffs: dict[str, WireDiff]) -> list[Telling]:
    """The story's reports, earliest first; the first one (or all that share its time) marked."""
    ordered = sorted(reports, key=lambda a: (_when(a), a.id))
    first = _when(ordered[0]) if ordered and _when(ordered[0]) != "\uffff" else None
    return [Telling(article, first is not None and _when(article) == first,
                    tuple(Choice(w.group, w.term, w.count, w.paragraphs) for w in wording.get(article.id, ())),
                    diffs.get(article.id)) for article in ordered]


def contested_groups(told: Sequence[Telling]) -> list[str]:
    """Groups in which the story's reports chose different terms, first seen first."""
    terms: dict[str, set[str]] = defaultdict(set)
    for telling in told:
        for choice in telling.choices:
            terms[choice.group].add(choice.term)
    return [group for group, chosen in terms.items() if len(chosen) > 1]


# ----------------------------------------------------------------- outlets and the lexicon


@dataclass(frozen=True)
class OutletSummary:
    outlet: str
    reports: int
    first_reports: int  # stories of two or more outlets it reported first
    shared_stories: int  # stories of two or more outlets it took part in
    weeks: tuple[tuple[str, int], ...]  # (ISO week, reports), oldest first
    topics: tuple[tuple[str, int], ...]  # (topic id, reports), most first
    choices: tuple[tuple[str, str, int], ...]  # (group, term, uses), lexicon order


def iso_week(day: str | None) -> str | None:
    if not day:
        return None
    try:
        year, week, _ = date.fromisoformat(day[:10]).isocalendar()
    except ValueError:
        return None
    return f"{year}-W{week:02d}"


def outlet_summaries(articles: Iterable[Article], stories: Iterable[Story], wording: Iterable[Wording],
                     group_order: Sequence[tuple[str, Sequence[str]]]) -> dict[str, OutletSummary]:
    """Per outlet (articles whose outlet is known): its reports per week and topic, its first reports
    and its term choices."""
    by_outlet: dict[str, list[Article]] = defaultdict(list)
    by_id = {}
    for article in articles:
        by_id[article.id] = article
        if article.outlet:
            by_outlet[article.outlet].append(article)
    firsts: Counter[str] = Counter()
    shared: Counter[str] = Counter()
    for story in stories:
        reports = [by_id[a] for a in story.article_ids if a in by_id and by_id[a].outlet]
        if len({a.outlet for a in reports}) < 2:
            continue
        dated = sorted((a for a in reports if a.published or a.day), key=lambda a: (_when(a), a.id))
        for outlet in {a.outlet for a in reports}:
            shared[outlet] += 1
        if dated:
            firsts.update({a.outlet for a in dated if _when(a) == _when(dated[0])})
    uses: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for use in wording:
        article = by_id.get(use.article)
        if article is not None and article.outlet:
            uses[article.outlet][(use.group, use.term)] += use.count
    order = [(g, t) for g, terms in group_order for t in terms]
    summaries = {}
    for outlet, reports in sorted(by_outlet.items()):
        weeks = Counter(w for w in map(iso_week, (a.day for a in reports)) if w)
        topics = Counter(t for a in reports for t in a.topic_ids)
        summaries[outlet] = OutletSummary(
            outlet=outlet, reports=len(reports), first_reports=firsts[outlet], shared_stories=shared[outlet],
            weeks=tuple(sorted(weeks.items())), topics=tuple(sorted(topics.items(), key=lambda kv: (-kv[1], kv[0]))),
            choices=tuple((g, t, uses[outlet][(g, t)]) for g, t in order if uses[outlet][(g, t)]))
    return summaries


def term_use_by_outlet(wording: Iterable[Wording], articles: dict[str, Article], group: str
                       ) -> dict[str, Counter[str]]:
    """For one lexicon group: outlet → term → uses (articles of unknown outlet under "")."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for use in wording:
        if use.group == group and use.article in articles:
            table[articles[use.article].outlet or ""][use.term] += use.count
    return dict(table)


def term_use_by_week(wording: Iterable[Wording], articles: dict[str, Article], group: str
                     ) -> list[tuple[str, Counter[str]]]:
    """For one lexicon group: (ISO week, term → uses), oldest first; undated articles left out."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for use in wording:
        article = articles.get(use.article)
        week = iso_week(article.day) if article else None
        if use.group == group and week:
            table[week][use.term] += use.count
    return sorted(table.items())


# ----------------------------------------------------------------- charts (SVG, no script)

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f")


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int
    color: str


def column_bars(values: Sequence[tuple[str, int]], width: int = 480, height: int = 120) -> list[Bar]:
    """Columns for (label, value) pairs, left to right, scaled to the largest value."""
    if not values:
        return []
    top = max(v for _, v in values) or 1
    step = min(width / len(values), 48)  # a few weeks stay narrow columns, not wide blocks
    return [Bar(x=round(i * step + step * 0.1, 1), y=round(height - height * v / top, 1), width=round(step * 0.8, 1),
                height=round(height * v / top, 1), label=label, value=v, color=PALETTE[0])
            for i, (label, v) in enumerate(values)]


def stacked_row(shares: Sequence[tuple[str, int]], width: int = 480) -> list[Bar]:
    """One horizontal bar split by share (term, uses), in the order given, each term its colour."""
    total = sum(v for _, v in shares)
    bars, x = [], 0.0
    for i, (label, v) in enumerate(shares):
        w = width * v / total if total else 0
        bars.append(Bar(x=round(x, 1), y=0, width=round(w, 1), height=18, label=label, value=v,
                        color=PALETTE[i % len(PALETTE)]))
        x += w
    return bars


@dataclass(frozen=True)
class LensIndex:
    """What the lens templates look up, built once per site graph (``lens_of``)."""

    wording: dict[str, list[Wording]]  # article id → its term uses
    diffs: dict[str, WireDiff]  # copy id → its diff
    groups: dict  # group id → lexicon.TermGroup
    terms: dict  # (group id, term id) → lexicon.LexiconTerm
    outlets: dict[str, OutletSummary]

    def tellings(self, graph, story: Story) -> list[Telling]:
        return tellings(story, graph.reports(story), self.wording, self.diffs)

    def contested_groups(self, told: Sequence[Telling]) -> list[str]:
        return contested_groups(told)

    def by_outlet(self, graph, group: str) -> dict[str, Counter[str]]:
        return term_use_by_outlet(graph.analysis.wording, graph.articles, group)

    def by_week(self, graph, group: str) -> list[tuple[str, Counter[str]]]:
        return term_use_by_week(graph.analysis.wording, graph.articles, group)


def lens_of(graph) -> LensIndex:
    """The graph's ``LensIndex``, built on first use and kept on the graph."""
    cached = graph.__dict__.get("_lens")
    if cached is None:
        analysis = graph.analysis
        wording: dict[str, list[Wording]] = defaultdict(list)
        for use in analysis.wording:
            wording[use.article].append(use)
        groups = {g.id: g for g in graph.config.lexicon}
        cached = LensIndex(
            wording=dict(wording), diffs={d.copy: d for d in analysis.wire_diffs}, groups=groups,
            terms={(g.id, t.id): t for g in groups.values() for t in g.terms},
            outlets=outlet_summaries(analysis.articles, analysis.stories, analysis.wording,
                                     [(g.id, [t.id for t in g.terms]) for g in groups.values()]))
        object.__setattr__(graph, "_lens", cached)
    return cached


def share_pairs(group, counts) -> list[tuple[str, int]]:
    """(term as written, uses) for every term of a lexicon group, in its order (zeros kept: a term's
    colour is its place in the group)."""
    return [(term.term, counts.get(term.id, 0)) for term in group.terms]


def outlet_counts(summary: OutletSummary, group: str) -> dict[str, int]:
    return {term: uses for g, term, uses in summary.choices if g == group}


def page_specs(renderer) -> list:
    """The outlets index, one page per known outlet with reports, and the lexicon page. The index and
    the lexicon page are always written (empty when no outlet or no lexicon is known): the site
    navigation (mkdocs.yml ``nav``) lists them."""
    index = lens_of(renderer.graph)
    return [renderer.page(OUTLETS_PATH, "outlets.md.j2"),
            *(renderer.page(OUTLET_PATH.format(outlet), "outlet.md.j2", summary=summary)
              for outlet, summary in index.outlets.items() if outlet in renderer.graph.outlets),
            renderer.page(LEXICON_PATH, "lexicon.md.j2")]


def template_globals() -> dict:
    """The names the lens templates use (render.make_environment adds them to every page)."""
    return {"lens_of": lens_of, "paragraph_anchor": paragraph_anchor, "quote_anchor": quote_anchor,
            "change_anchor": change_anchor, "sentence_passages": sentence_passages, "card_passages": card_passages,
            "shown_sentences": shown_sentences,
            "figure_passages": figure_passages, "passage_anchor": passage_anchor, "cite_targets": cite_targets, "share_pairs": share_pairs, "outlet_counts": outlet_counts,
            "column_bars": column_bars, "stacked_row": stacked_row, "palette": PALETTE,
            "outlet_path": OUTLET_PATH.format, "outlets_path": OUTLETS_PATH, "lexicon_path": LEXICON_PATH}

"""PDF stage: ``Analysis`` → briefing documents of a period → PDF files (WeasyPrint).

A PDF covers one digest period (``digest.period_of``: a day, an ISO week or a month):

- ``digest.<lang>.pdf``: the latest dated period, every story once, grouped by topic;
- ``digest-<period>.<lang>.pdf``: the ``ARCHIVE_PERIODS`` periods before it;
- ``briefing-<topic>.<lang>.pdf``: each topic's latest period that has a story of it.

Each section is a story; an article that no story holds yet stands for its own story
(with its wire copies as further reports), so the PDFs work before the stories do. A
section belongs to the period of its last report, as a story does in ``digest.py``;
undated sections go to no period (a topic with nothing dated gets its undated ones).

``briefing_documents`` is pure. ``write_pdfs`` renders each document to HTML with the
Jinja templates of ``generator/templates/pdf`` (autoescape on: article text is
untrusted) and renders a PDF only when its inputs changed: the key of a document is
a hash of its HTML with the build date left out (and of the rendering code and
WeasyPrint's version), kept in a manifest beside the PDFs. A PDF keeps the date it
was rendered on; a PDF whose key another file already has (the latest period's
digest becoming an archived one) is copied, not rendered. The creation date comes
from ``SOURCE_DATE_EPOCH`` (else the day of the build) and the PDF identifier from
the key, so the same input on the same day gives the same bytes.

Arabic text is set in Noto Naskh Arabic (then Amiri): with DejaVu Sans or Noto
Kufi, text copied out of the PDF garbles lam-alef («الأمم» → «األمم»).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import english, i18n, safety
from .config import Config, Topic
from .digest import UNDATED, period_of, story_score, topic_weights
from .models import Analysis, Article, KeyFigure, Passage, Quote, Story
from .stories import lead_passages
from .templating import template_environment

TEMPLATES = Path(__file__).parent / "templates" / "pdf"
MANIFEST = ".marsad-pdf-manifest.json"
RENDER_VERSION = "2"  # bump when the rendering code (not the templates) changes output
ARCHIVE_PERIODS = 3  # digests kept for the periods before the latest one
TOP_STORIES = 5  # one-line summaries on the cover
TITLE_LIMIT = 300
SHORT_TITLE_LIMIT = 90
LINE_LIMIT = 180  # a cover summary: one line of the story's first sentence
TEXT_LIMIT = 1500
QUOTE_LIMIT = 1200
FIGURE_LIMIT = 300
MAX_QUOTES = 6
MAX_FIGURES = 8
KEY_DATE = datetime(2000, 1, 1, tzinfo=timezone.utc)  # stands for the build date in a document's key
QUIET_LOGGERS = ("weasyprint", "fontTools", "fontTools.subset", "fontTools.ttLib")

Say = Callable[[str], None]


@dataclass(frozen=True)
class Report:
    """One article cited as a source: outlet, title, day and original link (never its file)."""

    article_id: str
    title: str
    outlet: str | None  # outlet name in the document's language
    when: str | None  # ISO date or datetime
    url: str | None  # http(s) only


@dataclass(frozen=True)
class Citation:
    """Where a summary sentence comes from: its report (number in the section's sources, from 1),
    the report's outlet and the paragraph (from 1), as the article page numbers it."""

    source: int
    outlet: str | None
    paragraph: int


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    title_en: str | None
    summary: tuple[str, ...]
    summary_en: str | None
    first_day: str | None
    last_day: str | None
    quotes: tuple[Quote, ...]
    figures: tuple[KeyFigure, ...]
    reports: tuple[Report, ...]
    topics: tuple[str, ...]  # labels of the section's topics, in taxonomy order
    from_story: bool
    score: float = 0.0  # digest.story_score: how much it matters in its period (the home page's rule)
    citations: tuple[Citation | None, ...] = ()  # for each summary sentence, where it comes from

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.outlet for r in self.reports if r.outlet))

    @property
    def line(self) -> str:
        """The section in one line (its first summary sentence), for the cover."""
        return clip(self.summary[0], LINE_LIMIT) if self.summary else ""


@dataclass(frozen=True)
class Group:
    label: str | None  # the topic's label; None for the one group of a topic brief
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Period:
    key: str  # as digest.period_of: "2023-W48", "2023-11-29", "2023-11"
    start: str
    end: str


@dataclass(frozen=True)
class PdfDocument:
    filename: str  # "digest.<lang>.pdf", "digest-<period>.<lang>.pdf" or "briefing-<topic>.<lang>.pdf"
    language: str
    kind: str  # "topic" | "digest"
    site_name: str
    topic: Topic | None
    period: Period | None  # None: the document holds undated sections only (or none)
    groups: tuple[Group, ...]
    generated: datetime  # UTC

    @property
    def sections(self) -> tuple[Section, ...]:
        return tuple(s for g in self.groups for s in g.sections)

    @property
    def reports(self) -> tuple[Report, ...]:
        return tuple(r for s in self.sections for r in s.reports)

    @property
    def outlet_count(self) -> int:
        return len({r.outlet for r in self.reports if r.outlet})

    @property
    def top(self) -> tuple[Section, ...]:
        """The sections the cover sums up, ranked as the home page ranks stories (``digest.Ranking``)."""
        ranked = sorted(self.sections, key=lambda s: (-s.score, _descending(s.last_day or ""), s.anchor))
        return tuple(s for s in ranked if s.line)[:TOP_STORIES]


@dataclass
class PdfReport:
    written: list[str] = field(default_factory=list)  # rendered by WeasyPrint
    copied: list[str] = field(default_factory=list)  # the same input as another PDF already had
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        copied = f", {len(self.copied)} copied" if self.copied else ""
        return (f"{len(self.written)} PDFs written{copied}, {self.unchanged} unchanged, "
                f"{len(self.removed)} removed")


# ------------------------------------------------------------------ documents


def generation_time(environ: dict[str, str] | os._Environ = os.environ) -> datetime:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), else today at 00:00 UTC."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    today = datetime.now(timezone.utc).date()
    return datetime(today.year, today.month, today.day, tzinfo=timezone.utc)


@dataclass(frozen=True)
class _Unit:
    """A section before it is laid out: its story (or None), reports, topic ids and period."""

    story: Story | None
    members: tuple[Article, ...]
    topics: tuple[str, ...]
    period: tuple[str, str | None, str | None]  # digest.period_of of its last day


@dataclass(frozen=True)
class _Plan:
    stem: str  # the file name before ".<lang>.pdf"
    kind: str
    topic: Topic | None
    period: Period | None
    units: tuple[_Unit, ...]


def briefing_documents(config: Config, analysis: Analysis,
                       generated: datetime | None = None) -> list[PdfDocument]:
    """The digest of the latest period and of the ARCHIVE_PERIODS before it, and each topic's brief
    of its latest period, in every language."""
    generated = generated or generation_time()
    plans = document_plans(config, analysis)
    documents = []
    edition = english.analysis_edition(config, analysis) if set(config.settings.languages) - {"ar"} else None
    for language in config.settings.languages:
        site_name = config.settings.site_name.get(language) or ""
        for plan in plans:
            documents.append(_document(config, plan, language, site_name, generated,
                                       edition if language != "ar" else None))
    return documents


def document_plans(config: Config, analysis: Analysis) -> list[_Plan]:
    order = {t.id: n for n, t in enumerate(config.topics)}
    units = _units(analysis, order, config.settings.digest.period)
    plans = []
    periods = _periods_newest_first(units)
    latest = periods[0] if periods else None
    plans.append(_plan("digest", "digest", None, latest, units))
    for period in periods[1:1 + ARCHIVE_PERIODS]:
        plans.append(_plan(f"digest-{period.key}", "digest", None, period, units))
    for topic in config.topics:
        in_topic = [u for u in units if topic.id in u.topics]
        newest = _periods_newest_first(in_topic)
        plans.append(_plan(f"briefing-{topic.id}", "topic", topic, newest[0] if newest else None, in_topic))
    return plans


def _units(analysis: Analysis, order: dict[str, int], period: str) -> list[_Unit]:
    units = []
    for story, members in section_groups(analysis, list(analysis.articles), list(analysis.stories)):
        topics = story.topics if story else tuple(t for a in members for t in a.topic_ids)
        days = [d for a in members if (d := a.day)]
        last = story.last_day if story and story.last_day else max(days, default=None)
        units.append(_Unit(story, tuple(members),
                           tuple(sorted(dict.fromkeys(topics), key=lambda t: (order.get(t, len(order)), t))),
                           period_of(last, period)))
    return units


def _periods_newest_first(units: Sequence[_Unit]) -> list[Period]:
    keys = {u.period for u in units if u.period[0] != UNDATED}
    return [Period(key, start, end) for key, start, end in sorted(keys, key=lambda p: p[1], reverse=True)]


def _plan(stem: str, kind: str, topic: Topic | None, period: Period | None, units: Sequence[_Unit]) -> _Plan:
    """``units`` of ``period``; with no period, the undated ones."""
    wanted = (period.key, period.start, period.end) if period else (UNDATED, None, None)
    return _Plan(stem, kind, topic, period, tuple(u for u in units if u.period == wanted))


def _document(config: Config, plan: _Plan, language: str, site_name: str, generated: datetime,
              edition: english.Edition | None = None) -> PdfDocument:
    """One PDF; with ``edition`` (every language but Arabic) each section has the pages' English headline."""
    names = i18n.content_language(language)
    outlets = {o.id: o.name.get(names) or o.id for o in config.outlets}
    labels = {t.id: t.label.get(names) or t.id for t in config.topics}
    speakers = {e.id: name for e in config.entities if e.name and (name := e.name.get(names))}
    if plan.kind == "topic":
        layout: list[tuple[str | None, list[_Unit]]] = [(None, list(plan.units))]
    else:  # each section once, under its first topic; topics in taxonomy order, the topicless last
        by_topic: dict[str, list[_Unit]] = {t.id: [] for t in config.topics}
        for unit in plan.units:
            by_topic.setdefault(unit.topics[0] if unit.topics else "", []).append(unit)
        layout = [(labels.get(t, t) if t else i18n.translations(language).gettext("Other stories"), members)
                  for t, members in by_topic.items() if members]
    ranking = config.settings.digest.ranking
    weights = topic_weights([t.id for t in config.topics], ranking)
    outlet_of = {a.id: a.outlet for unit in plan.units for a in unit.members}
    latest = max((s.last_day for unit in plan.units if (s := _as_story(unit)).last_day), default=None)
    groups, number = [], 0
    for label, members in layout:
        sections = []
        for unit in members:
            number += 1
            reports = tuple(_report(a, outlets) for a in unit.members)
            section = _section(f"sec-{number}", unit, reports, tuple(labels.get(t, t) for t in unit.topics))
            section = replace(section, score=story_score(_as_story(unit), outlet_of, weights, latest, ranking),
                              quotes=tuple(replace(q, speaker_name=speakers.get(q.speaker, q.speaker_name))
                                           for q in section.quotes))  # a known speaker in the edition's language
            found = edition.english(unit.story or unit.members[0]) if edition else None
            if found:
                headline, facts = english.card(found)
                section = replace(section, title_en=clip(headline, TITLE_LIMIT),
                                  summary_en=clip(facts, TEXT_LIMIT) if facts else section.summary_en)
            sections.append(section)
        groups.append(Group(label, tuple(sections)))
    return PdfDocument(filename=f"{plan.stem}.{language}.pdf", language=language, kind=plan.kind,
                       site_name=site_name, topic=plan.topic, period=plan.period, groups=tuple(groups),
                       generated=generated)


def _as_story(unit: _Unit) -> Story:
    """The unit as the story it stands for (an article no story holds yet, with its wire copies)."""
    if unit.story is not None:
        return replace(unit.story, topics=unit.topics)
    days = sorted(d for a in unit.members if (d := a.day))
    return Story(id=unit.members[0].id, title=unit.members[0].title, article_ids=tuple(a.id for a in unit.members),
                 first_day=days[0] if days else None, last_day=days[-1] if days else None, summary=(),
                 topics=unit.topics, entities=())


def section_groups(analysis: Analysis, articles: list[Article],
                   stories: list[Story]) -> list[tuple[Story | None, list[Article]]]:
    """The sections of a document: ``stories``, every story that holds one of ``articles``,
    then each remaining article with its wire copies (an article that stands for its story).

    Newest first (by last day; sections without a day last), then by title.
    """
    by_id = {a.id: a for a in analysis.articles}
    wanted = {a.id for a in articles}
    chosen = {s.id: s for s in stories}
    for story in analysis.stories:
        if wanted.intersection(story.article_ids):
            chosen.setdefault(story.id, story)
    groups: list[tuple[Story | None, list[Article]]] = []
    covered: set[str] = set()
    for story in chosen.values():
        members = [by_id[i] for i in dict.fromkeys(story.article_ids) if i in by_id and i not in covered]
        if members:
            covered.update(a.id for a in members)
            groups.append((story, members))
    loose: dict[str, list[Article]] = {}
    for article in articles:
        if article.id in covered:
            continue
        canonical = article.duplicate_of
        head = canonical if canonical in by_id and (canonical in loose or canonical not in covered) else article.id
        members = loose.setdefault(head, [by_id[head]] if head != article.id else [])
        members.append(article)
        covered.update(a.id for a in members)
    groups.extend((None, members) for members in loose.values())
    return sorted(groups, key=_group_order)


def _group_order(group: tuple[Story | None, list[Article]]) -> tuple:
    story, members = group
    days = [d for a in members if (d := a.day)]
    last = (story.last_day if story and story.last_day else max(days, default=None))
    title = story.title if story else (members[0].title if members else "")
    return (last is None, _descending(last or ""), title)


def _descending(text: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in text)


def _section(anchor: str, unit: _Unit, reports: tuple[Report, ...], topics: tuple[str, ...]) -> Section:
    story, members = unit.story, unit.members
    head = members[0] if members else None
    days = sorted(d for a in members if (d := a.day))
    if story is not None:
        quotes = story.quotes or tuple(q for a in members for q in a.quotes)
        figures = story.figures or tuple(f for a in members for f in a.figures)
        summary = story.summary or ((head.lead,) if head and head.lead else ())
        passages = story.summary_passages if story.summary else lead_passages(summary, [head] if head else [])
        title, title_en, summary_en = story.title, None, None
        first, last = story.first_day or (days[0] if days else None), story.last_day or (days[-1] if days else None)
    else:
        assert head is not None
        quotes, figures = head.quotes, head.figures
        summary = (head.lead,) if head.lead else ()
        passages = lead_passages(summary, [head])
        title, title_en, summary_en = head.title, head.title_en, head.summary_en
        first, last = (days[0], days[-1]) if days else (None, None)
    return Section(
        anchor=anchor,
        title=clip(title, TITLE_LIMIT) or "…",
        title_en=clip(title_en, TITLE_LIMIT) if title_en else None,
        summary=tuple(clip(s, TEXT_LIMIT) for s in summary if s and s.strip()),
        citations=_citations(summary, passages, reports),
        summary_en=clip(summary_en, TEXT_LIMIT) if summary_en else None,
        first_day=first, last_day=last,
        quotes=tuple(Quote(clip(q.text, QUOTE_LIMIT), q.speaker, clip(q.speaker_name, TITLE_LIMIT)
                           if q.speaker_name else None, "") for q in _unique_quotes(quotes)[:MAX_QUOTES]),
        figures=tuple(KeyFigure(clip(f.value, FIGURE_LIMIT), clip(f.context, FIGURE_LIMIT))
                      for f in _unique_figures(figures)[:MAX_FIGURES]),
        reports=reports,
        topics=topics,
        from_story=story is not None,
    )


def _citations(summary: Sequence[str], passages: Sequence[Passage], reports: tuple[Report, ...]
               ) -> tuple[Citation | None, ...]:
    """A citation for each kept summary sentence whose report is among the section's sources."""
    if len(passages) != len(summary):
        return ()
    number = {r.article_id: (i, r) for i, r in enumerate(reports, 1)}
    return tuple(Citation(number[p.article][0], number[p.article][1].outlet, p.paragraph + 1)
                 if p.article in number else None
                 for s, p in zip(summary, passages) if s and s.strip())


def _unique_quotes(quotes: tuple[Quote, ...]) -> list[Quote]:
    seen: set[str] = set()
    unique = []
    for quote in quotes:
        if quote.text not in seen:
            seen.add(quote.text)
            unique.append(quote)
    return unique


def _unique_figures(figures: tuple[KeyFigure, ...]) -> list[KeyFigure]:
    return list({(f.value, f.context): f for f in figures}.values())


def _report(article: Article, outlets: dict[str, str]) -> Report:
    return Report(
        article_id=article.id, title=clip(article.title, TITLE_LIMIT) or "…",
        outlet=outlets.get(article.outlet, article.outlet) if article.outlet else None,
        when=article.published or article.day, url=safety.safe_url(article.url),
    )


def clip(text: str | None, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    one_line = " ".join((text or "").split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1].rstrip() + "…"


# ------------------------------------------------------------------ rendering


def render_html(document: PdfDocument) -> str:
    env = _environment(document.language)
    return env.get_template("briefing.html.j2").render(doc=document, lang=document.language)


@lru_cache(maxsize=None)
def _environment(language: str) -> jinja2.Environment:
    env = template_environment(TEMPLATES, language)
    env.filters["day"] = lambda iso: day(iso, language)
    env.filters["short"] = lambda text: clip(text, SHORT_TITLE_LIMIT)
    env.globals["span"] = lambda first, last: span(first, last, language)
    env.globals["period_title"] = lambda period: period_title(period, language)
    env.globals["direction"] = "rtl" if language == "ar" else "ltr"
    return env


def day(iso: str | None, language: str) -> Markup:
    """A day (and time) in the reader's long form, as on the site, isolated for direction."""
    return i18n.isolate(i18n.format_day(iso, language)) if iso else Markup("")


def span(first: str | None, last: str | None, language: str) -> Markup:
    if not first:
        return Markup("")
    if not last or last[:10] == first[:10]:
        return day(first, language)
    return day(first, language) + Markup(" – ") + day(last, language)


def period_title(period: Period, language: str) -> str:
    return i18n.period_title(period.key, period.start, period.end, language)


def document_key(document: PdfDocument) -> str:
    """What a PDF is rendered from: its HTML with the build date left out, the rendering code and
    WeasyPrint's version. The same key means the same PDF but for the date it was prepared on."""
    return _render_key(render_html(replace(document, generated=KEY_DATE)))


def write_pdfs(documents: list[PdfDocument], out_dir: Path | str, force: bool = False,
               say: Say | None = None) -> PdfReport:
    """Write each document to ``out_dir/<lang>/pdf/<filename>`` when its inputs changed.

    A manifest in ``out_dir`` keeps the key each PDF was rendered from. A document whose key
    an existing PDF has is copied from it; PDFs the manifest lists that are no longer produced
    are removed.
    """
    say = say or (lambda message: None)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    report = PdfReport()
    old = _read_manifest(out_dir)
    new: dict[str, str] = {}
    to_render: list[tuple[str, PdfDocument, str]] = []
    to_copy: list[tuple[str, str]] = []
    have = {key: relative for relative, key in old.items() if (out_dir / relative).is_file()}
    for document in documents:
        relative = f"{document.language}/pdf/{document.filename}"
        key = new[relative] = document_key(document)
        if force:
            to_render.append((relative, document, key))
        elif old.get(relative) == key and (out_dir / relative).is_file():
            report.unchanged += 1
        elif key in have:
            to_copy.append((relative, have[key]))
        else:
            to_render.append((relative, document, key))
    copies = {source: (out_dir / source).read_bytes() for _, source in to_copy}  # before any is overwritten
    for relative, source in to_copy:
        say(f"copying {source} to {relative} (same input)")
        _write_atomically(out_dir / relative, copies[source])
        report.copied.append(relative)
    for relative, document, key in to_render:
        say(f"rendering {relative}")
        _write_atomically(out_dir / relative, render_pdf(render_html(document), key))
        report.written.append(relative)
    for stale in sorted(set(old) - set(new)):
        path = out_dir / stale
        if _is_pdf_path(stale) and path.exists():
            path.unlink()
            report.removed.append(stale)
    if new != old:  # an unchanged build writes nothing (a preview watching the folder stays still)
        _write_manifest(out_dir, new)
    return report


def _is_pdf_path(relative: str) -> bool:
    parts = relative.split("/")
    return len(parts) == 3 and parts[1] == "pdf" and parts[2].endswith(".pdf") and ".." not in parts


def render_pdf(html: str, key: str | None = None) -> bytes:
    from weasyprint import HTML

    key = key or _render_key(html)
    with quiet_weasyprint():
        return HTML(string=html, base_url=str(TEMPLATES)).write_pdf(
            pdf_identifier=key[:32].encode("ascii"))


def _render_key(html: str) -> str:
    from weasyprint import __version__ as weasyprint_version

    digest = hashlib.sha256()
    for part in (RENDER_VERSION, weasyprint_version, html):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


@contextmanager
def quiet_weasyprint() -> Iterator[None]:
    """Only real errors from WeasyPrint and fontTools reach the terminal."""
    loggers = [logging.getLogger(name) for name in QUIET_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)


def _read_manifest(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _write_manifest(folder: Path, manifest: dict[str, str]) -> None:
    _write_atomically(folder / MANIFEST, json.dumps(manifest, sort_keys=True, indent=0).encode("utf-8"))

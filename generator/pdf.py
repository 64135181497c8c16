"""PDF stage: ``Analysis`` → briefing documents → PDF files (WeasyPrint).

``briefing_documents`` is pure: it returns one ``PdfDocument`` per topic and
language, plus one digest of the whole period per language. Each section is a
story; an article that no story holds yet stands for its own story (with its
wire copies as further reports), so the PDFs work before the stories do.

``write_pdfs`` renders each document to HTML with the Jinja templates of
``generator/templates/pdf`` (autoescape on: article text is untrusted) and then
to PDF, but only when the HTML differs from the last render: a manifest of HTML
hashes sits beside the PDFs, so a preview rebuild costs nothing when the input
did not change. Output is reproducible: the creation date comes from
``SOURCE_DATE_EPOCH`` (else the day of the build) and the PDF identifier from the
HTML hash, so the same input gives the same bytes.

Arabic text is set in Noto Naskh Arabic (then Amiri): with DejaVu Sans or Noto
Kufi, text copied out of the PDF garbles lam-alef («الأمم» → «األمم»).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from . import safety
from .config import Config, Topic
from .models import Analysis, Article, KeyFigure, Quote, Story
from .templating import template_environment

TEMPLATES = Path(__file__).parent / "templates" / "pdf"
MANIFEST = ".marsad-pdf-manifest.json"
RENDER_VERSION = "1"  # bump when the rendering code (not the templates) changes output
TITLE_LIMIT = 300
SHORT_TITLE_LIMIT = 90
TEXT_LIMIT = 1500
QUOTE_LIMIT = 1200
FIGURE_LIMIT = 300
MAX_QUOTES = 6
MAX_FIGURES = 8
QUIET_LOGGERS = ("weasyprint", "fontTools", "fontTools.subset", "fontTools.ttLib")

Say = Callable[[str], None]


@dataclass(frozen=True)
class Report:
    """One article as a report of a section, numbered in the annex of sources."""

    number: int
    article_id: str
    title: str
    outlet: str | None  # outlet name in the document's language
    when: str | None  # ISO date or datetime
    url: str | None  # http(s) only
    path: str  # file path (and item) in the articles folder


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
    from_story: bool


@dataclass(frozen=True)
class PdfDocument:
    filename: str  # "briefing-<topic>.<lang>.pdf" or "digest.<lang>.pdf"
    language: str
    kind: str  # "topic" | "digest"
    site_name: str
    topic: Topic | None
    sections: tuple[Section, ...]
    first_day: str | None
    last_day: str | None
    article_count: int
    outlet_count: int
    generated: datetime  # UTC

    @property
    def reports(self) -> tuple[Report, ...]:
        return tuple(sorted((r for s in self.sections for r in s.reports), key=lambda r: r.number))


@dataclass
class PdfReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{len(self.written)} PDFs written, {self.unchanged} unchanged, "
                f"{len(self.removed)} removed")


# ------------------------------------------------------------------ documents


def generation_time(environ: dict[str, str] | os._Environ = os.environ) -> datetime:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), else today at 00:00 UTC."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    today = datetime.now(timezone.utc).date()
    return datetime(today.year, today.month, today.day, tzinfo=timezone.utc)


def briefing_documents(config: Config, analysis: Analysis,
                       generated: datetime | None = None) -> list[PdfDocument]:
    generated = generated or generation_time()
    documents = []
    for language in config.settings.languages:
        site_name = config.settings.site_name.get(language) or ""
        for topic in config.topics:
            in_topic = [a for a in analysis.articles if topic.id in a.topic_ids]
            stories = [s for s in analysis.stories if topic.id in s.topics]
            documents.append(_document(config, analysis, language, f"briefing-{topic.id}.{language}.pdf",
                                       "topic", site_name, topic, in_topic, stories, generated))
        documents.append(_document(config, analysis, language, f"digest.{language}.pdf", "digest",
                                   site_name, None, list(analysis.articles), list(analysis.stories),
                                   generated))
    return documents


def _document(config: Config, analysis: Analysis, language: str, filename: str, kind: str,
              site_name: str, topic: Topic | None, articles: list[Article], stories: list[Story],
              generated: datetime) -> PdfDocument:
    groups = section_groups(analysis, articles, stories)
    outlets = {o.id: o.name.get(language) or o.id for o in config.outlets}
    sections = []
    number = 0
    for index, (story, members) in enumerate(groups, start=1):
        reports = []
        for article in members:
            number += 1
            reports.append(_report(number, article, outlets))
        sections.append(_section(f"sec-{index}", story, members, tuple(reports)))
    covered = [a for _, members in groups for a in members]
    days = sorted(d for a in covered if (d := a.day))
    return PdfDocument(
        filename=filename, language=language, kind=kind, site_name=site_name, topic=topic,
        sections=tuple(sections), first_day=days[0] if days else None, last_day=days[-1] if days else None,
        article_count=len(covered), outlet_count=len({a.outlet for a in covered if a.outlet}),
        generated=generated,
    )


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


def _section(anchor: str, story: Story | None, members: list[Article], reports: tuple[Report, ...]) -> Section:
    head = members[0] if members else None
    days = sorted(d for a in members if (d := a.day))
    if story is not None:
        quotes = story.quotes or tuple(q for a in members for q in a.quotes)
        figures = story.figures or tuple(f for a in members for f in a.figures)
        summary = story.summary or ((head.lead,) if head and head.lead else ())
        title, title_en, summary_en = story.title, None, None
        first, last = story.first_day or (days[0] if days else None), story.last_day or (days[-1] if days else None)
    else:
        assert head is not None
        quotes, figures = head.quotes, head.figures
        summary = (head.lead,) if head.lead else ()
        title, title_en, summary_en = head.title, head.title_en, head.summary_en
        first, last = (days[0], days[-1]) if days else (None, None)
    return Section(
        anchor=anchor,
        title=clip(title, TITLE_LIMIT) or "…",
        title_en=clip(title_en, TITLE_LIMIT) if title_en else None,
        summary=tuple(clip(s, TEXT_LIMIT) for s in summary if s and s.strip()),
        summary_en=clip(summary_en, TEXT_LIMIT) if summary_en else None,
        first_day=first, last_day=last,
        quotes=tuple(Quote(clip(q.text, QUOTE_LIMIT), q.speaker, clip(q.speaker_name, TITLE_LIMIT)
                           if q.speaker_name else None, "") for q in _unique_quotes(quotes)[:MAX_QUOTES]),
        figures=tuple(KeyFigure(clip(f.value, FIGURE_LIMIT), clip(f.context, FIGURE_LIMIT))
                      for f in figures[:MAX_FIGURES]),
        reports=reports,
        from_story=story is not None,
    )


def _unique_quotes(quotes: tuple[Quote, ...]) -> list[Quote]:
    seen: set[str] = set()
    unique = []
    for quote in quotes:
        if quote.text not in seen:
            seen.add(quote.text)
            unique.append(quote)
    return unique


def _report(number: int, article: Article, outlets: dict[str, str]) -> Report:
    path = article.source.path + (f" #{article.source.locator}" if article.source.locator else "")
    return Report(
        number=number, article_id=article.id, title=clip(article.title, TITLE_LIMIT) or "…",
        outlet=outlets.get(article.outlet, article.outlet) if article.outlet else None,
        when=article.published or article.day, url=safety.safe_url(article.url), path=path,
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
    env.filters["when"] = when
    env.filters["short"] = lambda text: clip(text, SHORT_TITLE_LIMIT)
    env.globals["direction"] = "rtl" if language == "ar" else "ltr"
    return env


def when(iso: str | None) -> Markup:
    """A date or time as digits, isolated left-to-right so RTL text keeps its reading order."""
    if not iso:
        return Markup("")
    text = iso.replace("T", " ").removesuffix(":00Z").removesuffix("Z")[:16]
    return Markup('<bdi dir="ltr">%s</bdi>') % escape(text)


def write_pdfs(documents: list[PdfDocument], out_dir: Path | str, force: bool = False,
               say: Say | None = None) -> PdfReport:
    """Write each document to ``out_dir/<lang>/pdf/<filename>``, only when its HTML changed.

    A manifest in ``out_dir`` keeps the hash each PDF was rendered from; PDFs it lists
    that are no longer produced are removed.
    """
    say = say or (lambda message: None)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    report = PdfReport()
    old = _read_manifest(out_dir)
    new: dict[str, str] = {}
    for document in documents:
        relative = f"{document.language}/pdf/{document.filename}"
        html = render_html(document)
        key = _render_key(html)
        target = out_dir / relative
        new[relative] = key
        if not force and old.get(relative) == key and target.exists():
            report.unchanged += 1
            continue
        say(f"rendering {relative}")
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(target, render_pdf(html, key))
        report.written.append(relative)
    for stale in sorted(set(old) - set(new)):
        path = out_dir / stale
        if _is_pdf_path(stale) and path.exists():
            path.unlink()
            report.removed.append(stale)
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

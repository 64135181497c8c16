"""The analysis: article files → ``Analysis`` (articles, stories, skipped files).

    read → clean → describe → classify → (group)

Everything about one file is a pure function of that file: reading it, then for
each of its articles cleaning, description, topics, entities, quotes, and what
the grouping stages will compare (a wire fingerprint and term counts). Large
corpora are spread over worker processes that read the files themselves: file
paths go out, compact records come back, and this process keeps only those.
Grouping stages (wire copies, stories) see the whole corpus.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from .arabic import Tokens, normalize
from .cache import AnalysisCache, article_key
from .classify import TopicClassifier
from .clean import clean_and_fold
from .config import Config, DedupeSettings, Outlet
from .day import day_of, with_roles
from .dedupe import Fingerprint, find_wire_copies, fingerprints
from .describe import (byline_of, dateline_of, dates_of, lead_of, outlet_of, published_of, reference_of,
                       titled)
from .entities import EntityFinder, find_candidates
from .models import Analysis, Article, Candidate, RawArticle, Skipped, Source
from .quotes import find_figures, find_quotes
from .read import FileRead, article_files, internal_error, read_file
from .lexicon import LexiconMatcher, TermUse, wording_of
from .stories import TermTable, Terms, article_terms, cluster_stories
from .wirediff import wire_diffs
from .workers import chunks, worker_count

Progress = Callable[[str, int, int], None]
PARALLEL_FROM = 400  # files; below this, starting worker processes costs more than it saves
CHUNK_FILES = 100  # files per task sent to a worker
_SAFE_ID = re.compile(r"[^a-z0-9]+")
# Names a page cannot take: the articles index, and device names Windows refuses as file names.
RESERVED_IDS = frozenset({"index", "con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                          *(f"lpt{i}" for i in range(10))})


@dataclass(frozen=True)
class Enriched:
    article: Article
    candidates: tuple[tuple[str, str], ...]  # (name, cue) of people the gazetteer lacks
    fingerprint: Fingerprint  # what wire-copy detection compares
    terms: Terms  # what story clustering counts
    wording: tuple[TermUse, ...] = ()  # the lexicon terms it uses (lexicon.py)


@dataclass(frozen=True)
class Enricher:
    """Everything the per-article stages need, built once per process."""

    classifier: TopicClassifier
    finder: EntityFinder
    outlets: tuple[Outlet, ...] = ()
    dedupe: DedupeSettings = field(default_factory=DedupeSettings)
    lexicon: LexiconMatcher = field(default_factory=lambda: LexiconMatcher(()))

    @classmethod
    def from_config(cls, config: Config) -> Enricher:
        return cls(classifier=TopicClassifier(config.topics), finder=EntityFinder(config.entities),
                   outlets=config.outlets, dedupe=config.settings.dedupe, lexicon=LexiconMatcher(config.lexicon))

    def enrich(self, raw: RawArticle, article_id: str) -> Enriched:
        cleaned, folded = clean_and_fold(raw)
        titling = titled(cleaned, self.outlets)
        title = titling.text
        body_text = "\n".join(cleaned.paragraphs)
        text = Tokens(f"{title}\n{body_text}", "\n".join((normalize(title), *folded)))
        body = text.view(len(title) + 1)
        hints = raw.hints
        lead = lead_of(cleaned.paragraphs)
        outlet = outlet_of(cleaned, self.outlets)
        dateline = dateline_of(cleaned, self.outlets)
        published = published_of(cleaned, title)
        day = day_of(cleaned, published)
        reference = reference_of(raw, published.value or day.value)
        article = Article(
            id=article_id,
            source=raw.source,
            title=title,
            title_source=titling.source,
            lead=lead,
            body=cleaned.paragraphs,
            content_hash=raw.content_hash,
            url=hints.url,
            outlet=_shared(outlet.value),
            outlet_evidence=_shared(outlet.evidence),
            byline=_shared(byline_of(cleaned, self.outlets).value),
            dateline=_shared(dateline.value),
            dateline_agency=_shared(dateline.agency),
            published=_shared(published.value),
            published_evidence=_shared(published.evidence),
            published_given=published.given,
            reference_date=_shared(reference.day.isoformat() if reference.day else None),
            reference_source=_shared(reference.source),
            reference_given=reference.given,
            hints_origin=_shared(hints.origin) or "",
            day=_shared(day.value),
            day_source=_shared(day.source),
            day_evidence=day.evidence,
            dates=with_roles(dates_of(body_text, reference), day.value),
            title_en=hints.title_en,
            summary_en=hints.summary_en,
            summary_only=hints.summary_only,
            topics=self.classifier.classify_article(text, title, lead, cleaned.paragraphs),
            entities=self.finder.find(text),
            quotes=find_quotes(cleaned.paragraphs, self.finder, body),
            figures=find_figures(cleaned.paragraphs),
        )
        return Enriched(article, tuple(find_candidates(body, self.finder)),
                        fingerprints([body.words], self.dedupe)[0], article_terms(article, text.words),
                        tuple(self.lexicon.article_uses(article)))


def _shared(value: str | None) -> str | None:
    """One string object for a value many articles repeat (an outlet, a day, where it was read from):
    the records sent to the main process carry it once per batch."""
    return sys.intern(value) if value else value


def analyze(config: Config, inputs: Sequence[Path] | None = None, progress: Progress | None = None,
            cache: AnalysisCache | None = None) -> Analysis:
    """The whole analysis. A ``cache`` supplies per-article results of earlier builds and collects
    this run's; the caller saves it once the build has succeeded."""
    report = progress or (lambda stage, done, total: None)
    corpus = _analyse_files(config, article_files(inputs or [config.articles_dir]), report, cache)
    articles = corpus.articles
    duplicates = find_wire_copies(articles, config.settings.dedupe, corpus.fingerprints)
    corpus.fingerprints.clear()
    report("wire copies", len(duplicates), len(articles))
    stories, story_of = cluster_stories(articles, duplicates, config.settings.stories, corpus.terms)
    report("stories", len(stories), len(articles))
    for index, article in enumerate(articles):  # in place: each old record is freed at once
        articles[index] = replace(article, duplicate_of=duplicates.get(article.id), story=story_of.get(article.id))
    ordered = tuple(sorted(articles, key=newest_first))
    uses = {article.id: found for article, found in zip(articles, corpus.wording)}
    analysis = Analysis(articles=ordered, stories=tuple(stories), skipped=tuple(corpus.skipped),
                        candidates=collect_candidates(corpus.articles, corpus.candidates),
                        wording=wording_of(ordered, uses))
    for name, stage in CORPUS_STAGES:
        analysis = stage(config, analysis)
        report(name, len(analysis.articles), len(analysis.articles))
    return analysis


# Corpus stages: each sees every article at once, after wire copies and stories are known, and
# returns the analysis with its own part filled in. A new cross-article analysis is one module and
# one line here.
CorpusStage = Callable[[Config, Analysis], Analysis]
CORPUS_STAGES: tuple[tuple[str, CorpusStage], ...] = (
    ("wire diffs", lambda config, analysis: replace(analysis, wire_diffs=wire_diffs(analysis.articles))),
)


def collect_candidates(articles: Sequence[Article], found: Sequence[tuple[tuple[str, str], ...]]
                       ) -> tuple[Candidate, ...]:
    """Unknown people, most mentioned first, each with the articles that name them."""
    cues: dict[str, str] = {}
    where: dict[str, list[str]] = defaultdict(list)
    for article, candidates in zip(articles, found):
        for name, cue in candidates:
            cues.setdefault(name, cue)
            if article.id not in where[name]:
                where[name].append(article.id)
    ranked = sorted(where, key=lambda name: (-len(where[name]), name))
    return tuple(Candidate(name, cues[name], tuple(sorted(where[name]))) for name in ranked)


def newest_first(article: Article) -> tuple:
    return (article.day is None, _negated(article.published or article.day or ""), article.id)


def _negated(text: str) -> tuple[int, ...]:
    return tuple(-ord(ch) for ch in text)


def assign_ids(raws: Sequence[RawArticle]) -> list[str]:
    """Stable, URL-safe, unique ids derived from file names (not from order)."""
    return ids_of([raw.source for raw in raws])


def ids_of(sources: Sequence[Source]) -> list[str]:
    """``assign_ids`` of the articles read from ``sources``."""
    ids: list[str] = []
    taken: set[str] = set()
    for source in sources:
        base = base_id(source)
        candidate = base
        if candidate in taken:
            candidate = f"{base}-{_short_hash(source.path + source.locator)}"
        suffix = 2
        while candidate in taken:
            candidate, suffix = f"{base}-{_short_hash(source.path + source.locator)}-{suffix}", suffix + 1
        taken.add(candidate)
        ids.append(candidate)
    return ids


def base_id(source: Source) -> str:
    """The id an article gets unless an earlier article took it."""
    base = _slug(Path(source.path).stem)
    if source.locator:
        base = f"{base}-{_slug(source.locator)}" if base else _slug(source.locator)
    if not base or len(base) > 60:
        return "a-" + _short_hash(source.path + source.locator)
    return f"{base}-file" if base in RESERVED_IDS else base


def _slug(text: str) -> str:
    return _SAFE_ID.sub("-", text.lower()).strip("-")


def _short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


# ------------------------------------------------------------------ files → records


@dataclass(frozen=True)
class _Analysed:
    """One article of a file: where from, its cache key, and its analysis (None: the cache has it)."""

    source: Source
    key: str  # "" without a cache
    enriched: Enriched | None


@dataclass
class _Corpus:
    """What the grouping stages and the Analysis need, article by article in path order."""

    articles: list[Article] = field(default_factory=list)
    candidates: list[tuple[tuple[str, str], ...]] = field(default_factory=list)
    fingerprints: list[Fingerprint] = field(default_factory=list)
    wording: list[tuple[TermUse, ...]] = field(default_factory=list)
    terms: TermTable = field(default_factory=TermTable)
    skipped: list[Skipped] = field(default_factory=list)


def _analyse_files(config: Config, files: list[tuple[Path, str]], report: Progress,
                   cache: AnalysisCache | None) -> _Corpus:
    """Read and enrich every file, reusing the cached result of any article seen before unchanged.

    Each result is folded in as it arrives (its terms into the term table); full texts never
    reach this process from the workers.
    """
    corpus = _Corpus()
    seen: dict[str, str] = {}
    sources: list[Source] = []
    cached = 0
    jobs = [(path, shown, config.settings.max_file_bytes) for path, shown in files]
    for read, items in _analysed(config, jobs, frozenset(cache.entries) if cache else None, report):
        duplicate = read.duplicate_of(seen)
        if duplicate:
            corpus.skipped.append(duplicate)
            continue
        corpus.skipped.extend(read.skipped)
        for item in items:
            enriched = item.enriched
            if enriched is None:
                assert cache is not None
                enriched = cache.get(item.key)
                cached += 1
            elif cache is not None:
                cache.put(item.key, enriched)
            sources.append(item.source)
            corpus.articles.append(enriched.article)
            corpus.candidates.append(enriched.candidates)
            corpus.fingerprints.append(enriched.fingerprint)
            corpus.wording.append(enriched.wording)
            corpus.terms.add(enriched.terms)
    if cached:
        report("analyse: unchanged articles from the cache", cached, len(sources))
    for index, article_id in enumerate(ids_of(sources)):
        if corpus.articles[index].id != article_id:
            corpus.articles[index] = replace(corpus.articles[index], id=article_id)
    return corpus


def _analysed(config: Config, jobs: list[tuple[Path, str, int]], known: frozenset[str] | None,
              report: Progress) -> Iterator[tuple[FileRead, list[_Analysed]]]:
    """Each file read and its new articles enriched, in order; in worker processes for many files."""
    workers = worker_count()
    if len(jobs) < PARALLEL_FROM or workers < 2:
        enricher = Enricher.from_config(config)
        for done, job in enumerate(jobs, 1):
            yield _analyse_file(enricher, known, job)
            if done % 500 == 0:
                report("analyse", done, len(jobs))
        report("analyse", len(jobs), len(jobs))
        return
    done = 0
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(config, known)) as pool:
        for chunk in pool.map(_analyse_chunk, chunks(jobs, CHUNK_FILES)):
            yield from chunk
            done += len(chunk)
            report("analyse", done, len(jobs))


def _analyse_file(enricher: Enricher, known: frozenset[str] | None, job: tuple[Path, str, int]
                  ) -> tuple[FileRead, list[_Analysed]]:
    """One file's articles; ``known``: the cache keys of analyses not to repeat (None: no cache).

    An article whose analysis fails is skipped with the reason ("internal error in <stage>: ..."),
    and the others go on: one bad article never stops a build."""
    read = read_file(job)
    items = []
    failed = []
    for raw in read.articles:
        try:
            key = article_key(raw) if known is not None else ""
            cached = known is not None and key in known
            items.append(_Analysed(raw.source, key, None if cached else enricher.enrich(raw, base_id(raw.source))))
        except Exception as exc:  # noqa: BLE001 - the per-article failure boundary
            where = f"{raw.source.locator}: " if raw.source.locator else ""
            failed.append(Skipped(raw.source.path, where + internal_error(exc)))
    return replace(read, articles=[], skipped=[*read.skipped, *failed] if failed else read.skipped), items


# ------------------------------------------------------------------ workers

_worker_state: tuple[Enricher, frozenset[str] | None] | None = None


def _init_worker(config: Config, known: frozenset[str] | None) -> None:
    global _worker_state
    _worker_state = (Enricher.from_config(config), known)


def _analyse_chunk(jobs: list[tuple[Path, str, int]]) -> list[tuple[FileRead, list[_Analysed]]]:
    assert _worker_state is not None
    enricher, known = _worker_state
    return [_analyse_file(enricher, known, job) for job in jobs]

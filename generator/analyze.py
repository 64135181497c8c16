"""The analysis: article files → ``Analysis`` (articles, stories, skipped files).

    read → clean → describe → classify → (group)

Per-article stages are pure functions of one article, so large corpora are
spread over worker processes; grouping stages see the whole corpus.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from . import arabic
from .cache import AnalysisCache, article_key
from .classify import TopicClassifier
from .clean import clean
from .config import Config, Outlet
from .describe import (byline_of, dateline_of, dates_of, lead_of, outlet_of, published_of, reference_of,
                       title_of)
from .dedupe import find_wire_copies
from .entities import EntityFinder, find_candidates
from .models import Analysis, Article, Candidate, RawArticle
from .quotes import find_figures, find_quotes
from .stories import cluster_stories
from .read import read_articles

Progress = Callable[[str, int, int], None]
PARALLEL_FROM = 400  # below this, starting worker processes costs more than it saves
_SAFE_ID = re.compile(r"[^a-z0-9]+")
# Names a page cannot take: the articles index, and device names Windows refuses as file names.
RESERVED_IDS = frozenset({"index", "con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                          *(f"lpt{i}" for i in range(10))})


@dataclass(frozen=True)
class Enriched:
    article: Article
    candidates: tuple[tuple[str, str], ...]  # (name, cue) of people the gazetteer lacks


@dataclass(frozen=True)
class Enricher:
    """Everything the per-article stages need, built once per process."""

    classifier: TopicClassifier
    finder: EntityFinder
    outlets: tuple[Outlet, ...] = ()

    @classmethod
    def from_config(cls, config: Config) -> Enricher:
        return cls(classifier=TopicClassifier(config.topics), finder=EntityFinder(config.entities),
                   outlets=config.outlets)

    def enrich(self, raw: RawArticle, article_id: str) -> Enriched:
        cleaned = clean(raw)
        title = title_of(cleaned)
        body_text = "\n".join(cleaned.paragraphs)
        text_tokens = arabic.tokens(f"{title}\n{body_text}")
        hints = raw.hints
        outlet = outlet_of(cleaned, self.outlets)
        published = published_of(cleaned, title)
        reference = reference_of(raw, published.value)
        article = Article(
            id=article_id,
            source=raw.source,
            title=title,
            lead=lead_of(cleaned.paragraphs),
            body=cleaned.paragraphs,
            content_hash=raw.content_hash,
            url=hints.url,
            outlet=outlet.value,
            outlet_evidence=outlet.evidence,
            byline=byline_of(cleaned).value,
            dateline=dateline_of(cleaned).value,
            published=published.value,
            published_evidence=published.evidence,
            reference_date=reference.day.isoformat() if reference.day else None,
            reference_source=reference.source,
            dates=dates_of(body_text, reference),
            title_en=hints.title_en,
            summary_en=hints.summary_en,
            summary_only=hints.summary_only,
            topics=self.classifier.classify(text_tokens),
            entities=self.finder.find(f"{title}\n{body_text}"),
            quotes=find_quotes(cleaned.paragraphs, self.finder),
            figures=find_figures(cleaned.paragraphs),
        )
        return Enriched(article, tuple(find_candidates(body_text, self.finder)))


def analyze(config: Config, inputs: Sequence[Path] | None = None, progress: Progress | None = None,
            cache: AnalysisCache | None = None) -> Analysis:
    """The whole analysis. A ``cache`` supplies per-article results of earlier builds and collects
    this run's; the caller saves it once the build has succeeded."""
    report = progress or (lambda stage, done, total: None)
    read = read_articles(inputs or [config.articles_dir], config.settings.max_file_bytes, workers=_workers())
    report("read", len(read.articles), len(read.articles))
    ids = assign_ids(read.articles)
    enriched = _enrich_all(config, read.articles, ids, report, cache)
    articles = [e.article for e in enriched]
    duplicates = find_wire_copies(articles, config.settings.dedupe)
    report("wire copies", len(duplicates), len(articles))
    stories, story_of = cluster_stories(articles, duplicates, config.settings.stories)
    report("stories", len(stories), len(articles))
    articles = [replace(a, duplicate_of=duplicates.get(a.id), story=story_of.get(a.id)) for a in articles]
    return Analysis(articles=tuple(sorted(articles, key=newest_first)), stories=tuple(stories),
                    skipped=read.skipped, candidates=collect_candidates(enriched))


def collect_candidates(enriched: Sequence[Enriched]) -> tuple[Candidate, ...]:
    """Unknown people, most mentioned first, each with the articles that name them."""
    cues: dict[str, str] = {}
    where: dict[str, list[str]] = defaultdict(list)
    for item in enriched:
        for name, cue in item.candidates:
            cues.setdefault(name, cue)
            if item.article.id not in where[name]:
                where[name].append(item.article.id)
    ranked = sorted(where, key=lambda name: (-len(where[name]), name))
    return tuple(Candidate(name, cues[name], tuple(sorted(where[name]))) for name in ranked)


def newest_first(article: Article) -> tuple:
    return (article.day is None, _negated(article.published or article.day or ""), article.id)


def _negated(text: str) -> tuple[int, ...]:
    return tuple(-ord(ch) for ch in text)


def assign_ids(raws: Sequence[RawArticle]) -> list[str]:
    """Stable, URL-safe, unique ids derived from file names (not from order)."""
    ids: list[str] = []
    taken: set[str] = set()
    for raw in raws:
        base = _slug(Path(raw.source.path).stem)
        if raw.source.locator:
            base = f"{base}-{_slug(raw.source.locator)}" if base else _slug(raw.source.locator)
        if not base or len(base) > 60:
            base = "a-" + _short_hash(raw.source.path + raw.source.locator)
        elif base in RESERVED_IDS:
            base = f"{base}-file"
        candidate = base
        if candidate in taken:
            candidate = f"{base}-{_short_hash(raw.source.path + raw.source.locator)}"
        suffix = 2
        while candidate in taken:
            candidate, suffix = f"{base}-{_short_hash(raw.source.path + raw.source.locator)}-{suffix}", suffix + 1
        taken.add(candidate)
        ids.append(candidate)
    return ids


def _slug(text: str) -> str:
    return _SAFE_ID.sub("-", text.lower()).strip("-")


def _short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


# ------------------------------------------------------------------ workers

_worker_enricher: Enricher | None = None


def _init_worker(config: Config) -> None:
    global _worker_enricher
    _worker_enricher = Enricher.from_config(config)


def _enrich_chunk(chunk: list[tuple[RawArticle, str]]) -> list[Enriched]:
    assert _worker_enricher is not None
    return [_worker_enricher.enrich(raw, article_id) for raw, article_id in chunk]


def _enrich_all(config: Config, raws: Sequence[RawArticle], ids: list[str], report: Progress,
                cache: AnalysisCache | None) -> list[Enriched]:
    """Enrich every article, reusing the cached result of any article seen before unchanged."""
    if cache is None:
        return _enrich_fresh(config, list(zip(raws, ids)), report)
    keys = [article_key(raw, article_id) for raw, article_id in zip(raws, ids)]
    results: list[Enriched | None] = [cache.get(key) for key in keys]
    missing = [i for i, found in enumerate(results) if found is None]
    if len(missing) < len(raws):
        report("analyse: unchanged articles from the cache", len(raws) - len(missing), len(raws))
    fresh = _enrich_fresh(config, [(raws[i], ids[i]) for i in missing], report)
    for i, enriched in zip(missing, fresh):
        results[i] = enriched
        cache.put(keys[i], enriched)
    return [r for r in results if r is not None]


def _enrich_fresh(config: Config, pairs: list[tuple[RawArticle, str]], report: Progress) -> list[Enriched]:
    workers = _workers()
    if len(pairs) < PARALLEL_FROM or workers < 2:
        enricher = Enricher.from_config(config)
        out = []
        for i, (raw, article_id) in enumerate(pairs, 1):
            out.append(enricher.enrich(raw, article_id))
            if i % 500 == 0:
                report("analyse", i, len(pairs))
        report("analyse", len(pairs), len(pairs))
        return out
    chunks = list(_chunks(pairs, 200))
    out: list[Enriched] = []
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(config,)) as pool:
        for chunk_articles in pool.map(_enrich_chunk, chunks):
            out.extend(chunk_articles)
            report("analyse", len(out), len(pairs))
    return out


def _workers() -> int:
    return min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, 8)


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]

"""The analysis: article files → ``Analysis`` (articles, stories, skipped files).

    read → clean → describe → classify → (group)

Per-article stages are pure functions of one article, so large corpora are
spread over worker processes; grouping stages see the whole corpus.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import arabic
from .classify import TopicClassifier
from .clean import clean
from .config import Config
from .describe import lead_of, title_of
from .models import Analysis, Article, RawArticle
from .read import read_articles

Progress = Callable[[str, int, int], None]
PARALLEL_FROM = 400  # below this, starting worker processes costs more than it saves
_SAFE_ID = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Enricher:
    """Everything the per-article stages need, built once per process."""

    classifier: TopicClassifier

    @classmethod
    def from_config(cls, config: Config) -> Enricher:
        return cls(classifier=TopicClassifier(config.topics))

    def enrich(self, raw: RawArticle, article_id: str) -> Article:
        cleaned = clean(raw)
        title = title_of(cleaned)
        text_tokens = arabic.tokens(" ".join((title, *cleaned.paragraphs)))
        hints = raw.hints
        return Article(
            id=article_id,
            source=raw.source,
            title=title,
            lead=lead_of(cleaned.paragraphs),
            body=cleaned.paragraphs,
            content_hash=raw.content_hash,
            url=hints.url,
            title_en=hints.title_en,
            summary_en=hints.summary_en,
            summary_only=hints.summary_only,
            topics=self.classifier.classify(text_tokens),
        )


def analyze(config: Config, inputs: Sequence[Path] | None = None, progress: Progress | None = None) -> Analysis:
    report = progress or (lambda stage, done, total: None)
    read = read_articles(inputs or [config.articles_dir], config.settings.max_file_bytes)
    report("read", len(read.articles), len(read.articles))
    ids = assign_ids(read.articles)
    articles = _enrich_all(config, read.articles, ids, report)
    articles = sorted(articles, key=newest_first)
    return Analysis(articles=tuple(articles), skipped=read.skipped)


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
        candidate = base
        if candidate in taken:
            candidate = f"{base}-{_short_hash(raw.source.path + raw.source.locator)}"
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


def _enrich_chunk(chunk: list[tuple[RawArticle, str]]) -> list[Article]:
    assert _worker_enricher is not None
    return [_worker_enricher.enrich(raw, article_id) for raw, article_id in chunk]


def _enrich_all(config: Config, raws: Sequence[RawArticle], ids: list[str], report: Progress) -> list[Article]:
    pairs = list(zip(raws, ids))
    workers = min(os.cpu_count() or 1, 8)
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
    out: list[Article] = []
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(config,)) as pool:
        for chunk_articles in pool.map(_enrich_chunk, chunks):
            out.extend(chunk_articles)
            report("analyse", len(out), len(pairs))
    return out


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]

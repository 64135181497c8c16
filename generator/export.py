"""The machine-readable analysis printed by ``marsad analyze`` (a documented contract)."""

from __future__ import annotations

import dataclasses
from typing import Any

from .models import Analysis, Article

ARTICLE_FIELDS = (
    "id", "path", "title", "lead", "topics", "matched_terms", "topic_reasons", "body",
    "title_source", "url", "outlet", "byline", "dateline", "dateline_agency", "published", "published_evidence",
    "published_given", "reference_date", "reference_source", "reference_given", "hints_origin", "outlet_evidence", "day", "day_source", "day_evidence",
    "dates", "entities", "quotes", "figures", "title_en", "summary_en", "summary_only",
    "duplicate_of", "story", "content_hash",
)


def analysis_json(analysis: Analysis) -> dict[str, Any]:
    return {
        "articles": [article_json(a) for a in analysis.articles],
        "stories": [dataclasses.asdict(s) for s in analysis.stories],
        "skipped": [dataclasses.asdict(s) for s in analysis.skipped],
        "candidates": [dataclasses.asdict(c) for c in analysis.candidates],
        "wire_diffs": [dataclasses.asdict(d) for d in analysis.wire_diffs],
        "wording": [dataclasses.asdict(w) for w in analysis.wording],
    }


def article_json(article: Article) -> dict[str, Any]:
    values = dataclasses.asdict(article)
    values["path"] = article.source.path
    values["source_kind"] = article.source.kind
    values["locator"] = article.source.locator
    values["topics"] = list(article.topic_ids)
    values["matched_terms"] = article.matched_terms
    values["topic_reasons"] = {t.topic: {"score": t.score, "terms": [
        {"term": term, "place": place, "count": count} for term, place, count in zip(t.terms, t.places, t.counts)]}
        for t in article.topics}
    return {key: values[key] for key in (*ARTICLE_FIELDS, "source_kind", "locator")}

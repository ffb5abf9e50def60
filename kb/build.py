"""The way of the data, in one place: sources → pipeline → records → store.

``ingest_sources`` reads every source, skips articles already stored unchanged (before any NLP,
so a run with nothing new never loads a model), runs the rest through the pipeline (in
``workers`` processes) and saves each in its own transaction, here, in input order: the worker
processes only parse, this process alone writes. ``reextract`` re-runs extraction over stored text.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from sqlite_utils import Database

from newskb.ingest.records import Records
from newskb.ingest.settings import ExtractionError, PipelineConfig
from newskb.ingest.sources import Article, Defaults, SourceError, read_sources
from newskb.ingest.version import extractor_version
from newskb.ingest.workers import extract
from newskb.kb.schema import update_statistics
from newskb.kb.store import classify, save_article


@dataclass
class Summary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    facts: dict[str, int] = field(default_factory=dict)

    def fail(self, error: SourceError | ExtractionError, on_item: Progress | None) -> None:
        self.failed += 1
        self.errors.append(str(error))
        if on_item:
            on_item("failed", error)

    def line(self) -> str:
        return (f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.failed} failed")


Progress = Callable[[str, Article | SourceError | ExtractionError], None]


def _new_or_changed(db: Database, items: Iterable[Article | SourceError], summary: Summary,
                    on_item: Progress | None) -> Iterator[Article]:
    seen: set[str] = set()
    for item in items:
        if isinstance(item, SourceError):
            summary.fail(item, on_item)
            continue
        if item.content_hash in seen or classify(db, item) == "unchanged":
            seen.add(item.content_hash)
            summary.unchanged += 1
            if on_item:
                on_item("unchanged", item)
            continue
        seen.add(item.content_hash)
        yield item


def store_processed(db: Database, processed: Iterable[tuple[Article, Records | ExtractionError]],
                    version: str, summary: Summary, on_item: Progress | None) -> None:
    for article, records in processed:
        if isinstance(records, ExtractionError):
            summary.fail(records, on_item)
            continue
        _, status = save_article(db, article, records, version)
        setattr(summary, status, getattr(summary, status) + 1)
        for table, n in records.counts().items():
            summary.facts[table] = summary.facts.get(table, 0) + n
        if on_item:
            on_item(status, article)
    if summary.added or summary.updated:
        update_statistics(db)  # keeps the query planner's choices right as the knowledge base grows


def ingest_sources(db: Database, sources: list[str], defaults: Defaults = Defaults(),
                   config: PipelineConfig = PipelineConfig(), on_item: Progress | None = None,
                   stdin: BinaryIO | None = None, items: Iterable[Article | SourceError] | None = None,
                   workers: int = 1) -> Summary:
    """Ingest ``sources`` (or already read ``items``) into ``db``; returns what happened.

    ``workers`` processes run the language processing; the rows stored do not depend on it.
    """
    summary = Summary()
    version = extractor_version(config.gazetteers)
    if items is None:
        items = read_sources(sources, defaults, stdin)
    todo = _new_or_changed(db, items, summary, on_item)
    store_processed(db, extract(todo, config, workers), version, summary, on_item)
    return summary


def stale_articles(db: Database, version: str, everything: bool = False) -> list[Article]:
    where = "1 = 1" if everything else "extractor_version IS NOT ? "
    params = [] if everything else [version]
    return [
        Article(text=r["text"], origin=r["origin"] or f"article {r['id']}", key=r["key"], title=r["title"],
                url=r["url"], published=dt.date.fromisoformat(r["published"]) if r["published"] else None,
                source=r["source"], lang=r["lang"])
        for r in db["articles"].rows_where(where, params, order_by="id")  # type: ignore[union-attr]
    ]


def reextract(db: Database, config: PipelineConfig = PipelineConfig(), everything: bool = False,
              on_item: Progress | None = None, workers: int = 1) -> Summary:
    """Re-run extraction from stored text for articles read by another extractor version."""
    summary = Summary()
    version = extractor_version(config.gazetteers)
    articles = stale_articles(db, version, everything)
    store_processed(db, extract(articles, config, workers), version, summary, on_item)
    return summary

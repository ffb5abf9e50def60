"""The way of the data, in one place: sources → pipeline → records → store.

``ingest_sources`` reads every source, skips articles already stored unchanged (before any NLP,
so a run with nothing new never loads a model), runs the rest through an extraction engine
(``ingest.engines``: worker processes on this machine, or actors on a Ray cluster) and hands what
it gives to ``load``, which saves each article in its own transaction, in input order: the engine's
workers only parse, this process alone writes. ``load_shards`` hands ``load`` the records that
``newskb extract`` wrote to disk instead, so an ingest is an extract and a load in one process,
without the disk. ``reextract`` re-runs extraction over stored text.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from sqlite_utils import Database

from newskb.ingest.engines import Engine, LocalEngine
from newskb.ingest.records import Records
from newskb.ingest.settings import ExtractionError, PipelineConfig
from newskb.ingest.shards import ShardError, read_folder
from newskb.ingest.sources import Article, Defaults, SourceError, read_sources
from newskb.ingest.version import extractor_version
from newskb.kb.schema import update_statistics
from newskb.kb.store import classify, save_article

Extracted = tuple[Article, Records | ExtractionError]


@dataclass
class Summary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    facts: dict[str, int] = field(default_factory=dict)

    def fail(self, error: SourceError | ExtractionError | ShardError, on_item: Progress | None,
             articles: int = 1) -> None:
        self.failed += articles
        self.errors.append(str(error))
        if on_item:
            on_item("failed", error)

    def line(self) -> str:
        return (f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
                f"{self.failed} failed")


Progress = Callable[[str, Article | SourceError | ExtractionError | ShardError], None]


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


def load(db: Database, extracted: Iterable[Extracted], version: str, summary: Summary,
         on_item: Progress | None = None, skip_unchanged: bool = True) -> Summary:
    """The one writer: store each article with its records (read by extractor ``version``), in order,
    one transaction each. An article already stored as it is is skipped (``skip_unchanged``: as an
    ingest skips it before extraction); one the pipeline could not read is counted as failed."""
    for article, records in extracted:
        if isinstance(records, ExtractionError):
            summary.fail(records, on_item)
            continue
        if skip_unchanged and classify(db, article) == "unchanged":
            summary.unchanged += 1
            if on_item:
                on_item("unchanged", article)
            continue
        _, status = save_article(db, article, records, version)
        setattr(summary, status, getattr(summary, status) + 1)
        for table, n in records.counts().items():
            summary.facts[table] = summary.facts.get(table, 0) + n
        if on_item:
            on_item(status, article)
    if summary.added or summary.updated:
        update_statistics(db)  # keeps the query planner's choices right as the knowledge base grows
    return summary


def ingest_sources(db: Database, sources: list[str], defaults: Defaults = Defaults(),
                   config: PipelineConfig = PipelineConfig(), on_item: Progress | None = None,
                   stdin: BinaryIO | None = None, items: Iterable[Article | SourceError] | None = None,
                   workers: int = 1, engine: Engine | None = None) -> Summary:
    """Ingest ``sources`` (or already read ``items``) into ``db``; returns what happened.

    ``engine`` runs the language processing (default: ``workers`` processes on this machine, with
    ``config``); the rows stored do not depend on it.
    """
    engine = engine or LocalEngine(config, workers)
    summary = Summary()
    if items is None:
        items = read_sources(sources, defaults, stdin)
    todo = _new_or_changed(db, items, summary, on_item)
    return load(db, engine.extract(todo), extractor_version(engine.config.gazetteers), summary, on_item)


def load_shards(db: Database, folders: Iterable[str | Path], on_item: Progress | None = None) -> Summary:
    """Store the records ``newskb extract`` wrote into ``folders`` as ``ingest`` stores them: an
    article already stored unchanged is skipped, so loading a folder twice changes nothing. A shard
    that cannot be loaded (truncated, changed, of another extractor version) is reported and its
    articles counted as failed; the others load. Sources the extract could not read are reported
    again, as an ingest of the same sources would."""
    summary = Summary()
    for folder in folders:
        try:
            manifest, shards = read_folder(Path(folder))
        except ShardError as exc:
            summary.fail(exc, on_item)
            continue
        for unread in manifest.source_errors:
            summary.fail(SourceError(unread["origin"], unread["problem"]), on_item)
        load(db, _loadable(shards, summary, on_item), manifest.extractor_version, summary, on_item)
    return summary


def _loadable(shards: Iterable[list[Extracted] | ShardError], summary: Summary,
              on_item: Progress | None) -> Iterator[Extracted]:
    for shard in shards:
        if isinstance(shard, ShardError):
            summary.fail(shard, on_item, articles=shard.articles)
        else:
            yield from shard


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
    version = extractor_version(config.gazetteers)
    articles = stale_articles(db, version, everything)
    return load(db, LocalEngine(config, workers).extract(articles), version, Summary(), on_item,
                skip_unchanged=False)

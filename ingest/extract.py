"""``newskb extract``: articles through an extraction engine into shards on disk, no knowledge base.

The first half of an ingest (``kb.build.ingest_sources`` runs both halves in one process): the
shards are what ``newskb load`` stores, on this machine or another, now or later. Every article
read is extracted (an extract has no knowledge base to skip unchanged articles with; ``load``
skips them as ``ingest`` does).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newskb.ingest.engines import Engine
from newskb.ingest.settings import ExtractionError
from newskb.ingest.shards import ShardFormat, ShardWriter
from newskb.ingest.sources import Article, SourceError
from newskb.ingest.version import extractor_version
from newskb.ingest.workers import BATCH_CHARS, batches

Progress = Callable[[str, Article | SourceError | ExtractionError], None]


@dataclass
class ExtractSummary:
    extracted: int = 0
    failed: int = 0
    shards: int = 0
    errors: list[str] = field(default_factory=list)
    facts: dict[str, int] = field(default_factory=dict)

    def fail(self, error: SourceError | ExtractionError, on_item: Progress | None) -> None:
        self.failed += 1
        self.errors.append(str(error))
        if on_item:
            on_item("failed", error)

    def line(self) -> str:
        return f"{self.extracted} articles extracted into {self.shards} shards, {self.failed} failed"


def extract_records(folder: str | Path, items: Iterable[Article | SourceError], engine: Engine,
                    fmt: ShardFormat = "jsonl", sources: Iterable[str] = (), on_item: Progress | None = None,
                    shard_chars: int = BATCH_CHARS) -> ExtractSummary:
    """Run ``engine`` over the articles of ``items`` and write what it extracts into ``folder`` (new or
    empty), a shard per ``shard_chars`` characters of articles, in input order, then the manifest.
    Sources that could not be read are reported, and listed in the manifest."""
    writer = ShardWriter(Path(folder), extractor_version(engine.config.gazetteers), fmt, sources)
    summary = ExtractSummary()
    unread: list[SourceError] = []

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, SourceError):
                unread.append(item)
                summary.fail(item, on_item)
            else:
                yield item

    for shard in batches(engine.extract(articles()), shard_chars, text_of=lambda pair: pair[0].text):
        writer.write(shard)
        summary.shards += 1
        for article, result in shard:
            if isinstance(result, ExtractionError):
                summary.fail(result, on_item)
                continue
            summary.extracted += 1
            for kind, n in result.counts().items():
                summary.facts[kind] = summary.facts.get(kind, 0) + n
            if on_item:
                on_item("extracted", article)
    writer.finish(unread)
    return summary

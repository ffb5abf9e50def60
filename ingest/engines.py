"""Where the language model runs: an extraction engine turns articles into (article, records) pairs.

Every engine gives the pairs in input order, whatever runs the model, so the rows stored never
depend on the engine (``--engine local``, the default: worker processes on this machine,
``ingest.workers``; ``--engine ray``: actors on a Ray cluster, ``ingest.ray_engine``). The writer
(``kb.build.load``) reads them one at a time: one process alone writes the knowledge base.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal, Protocol

from newskb.ingest.records import Records
from newskb.ingest.settings import EngineError, ExtractionError, PipelineConfig
from newskb.ingest.sources import Article
from newskb.ingest.workers import BATCH_CHARS, extract

EngineName = Literal["local", "ray"]
ENGINES: tuple[EngineName, ...] = ("local", "ray")


class Engine(Protocol):
    config: PipelineConfig

    def extract(self, articles: Iterable[Article]) -> Iterator[tuple[Article, Records | ExtractionError]]:
        """(article, records or the problem) for each article, in input order."""
        ...


@dataclass
class LocalEngine:
    """``workers`` processes on this machine (one: this process), ``ingest.workers``."""

    config: PipelineConfig = PipelineConfig()
    workers: int = 1
    batch_chars: int = BATCH_CHARS

    def extract(self, articles: Iterable[Article]) -> Iterator[tuple[Article, Records | ExtractionError]]:
        return extract(articles, self.config, self.workers, self.batch_chars)


def make_engine(name: EngineName, config: PipelineConfig = PipelineConfig(), workers: int | None = None,
                address: str | None = None) -> Engine:
    """The engine called ``name``. ``workers``: processes or actors running the model (None: one per
    core of this machine, or of the Ray cluster); ``address``: the Ray cluster to join (None: start
    Ray on this machine)."""
    if name == "local":
        if address:
            raise EngineError("--ray-address is for --engine ray")
        return LocalEngine(config, workers or os.cpu_count() or 1)
    if name == "ray":
        from newskb.ingest.ray_engine import RayEngine

        return RayEngine(config, workers, address)
    raise EngineError(f"no engine {name!r}: use one of {', '.join(ENGINES)}")

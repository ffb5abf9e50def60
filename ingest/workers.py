"""Running articles through the pipeline, in this process or in worker processes.

Almost all ingest time is the neural model, so ``extract`` can spread articles over worker
processes: each loads its own pipelines (``ingest.pipeline``) and returns plain ``Records``, and
the caller alone writes the database. This module imports no spaCy: with workers, the writing
process never loads it.
"""
from __future__ import annotations

import itertools
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

from newskb.ingest.records import Records
from newskb.ingest.settings import ExtractionError, PipelineConfig, WorkerFailed
from newskb.ingest.sources import Article

if TYPE_CHECKING:
    from newskb.ingest.pipeline import Pipelines

T = TypeVar("T")

# Characters per unit of work sent to a worker process: large enough that the messages cost
# nothing next to parsing, small enough to share the articles evenly among workers. A batch is
# parsed together (nlp.pipe), so memory follows the larger of a batch and the longest section.
BATCH_CHARS = 10_000

# Batches submitted to the workers ahead of the one the writer waits for, per worker.
IN_FLIGHT_PER_WORKER = 2


def batches(items: Iterable[T], batch_chars: int = BATCH_CHARS,
            text_of: Callable[[T], str] = lambda article: article.text) -> Iterator[list[T]]:
    """The articles (or items holding one, ``text_of`` giving its text) in order, in lists of about
    ``batch_chars`` characters (a longer article alone)."""
    batch: list[T] = []
    size = 0
    for item in items:
        batch.append(item)
        size += len(text_of(item))
        if size >= batch_chars:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def extract(articles: Iterable[Article], config: PipelineConfig = PipelineConfig(), workers: int = 1,
            batch_chars: int = BATCH_CHARS) -> Iterator[tuple[Article, Records | ExtractionError]]:
    """(article, records) for each article, in input order, with ``workers`` processes parsing.

    With one worker (or one batch) everything runs in this process; with no article nothing is
    loaded, not even spaCy. Output does not depend on ``workers``.
    """
    todo = list(batches(articles, batch_chars))
    if not todo:
        return
    workers = min(workers, len(todo))
    if workers <= 1:
        from newskb.ingest.pipeline import Pipelines

        pipelines = Pipelines(config)
        for batch in todo:
            yield from zip(batch, pipelines.records_of(batch))
        return
    # "spawn": workers start clean (no copy of the parent's threads, database connection or loaded
    # models). A worker that dies breaks the pool: the run stops with WorkerFailed, not a hang.
    # Workers start as tasks are submitted, so the one-BLAS-thread setting spans the whole run.
    with _one_blas_thread():
        pool = ProcessPoolExecutor(workers, multiprocessing.get_context("spawn"), initializer=_init_worker,
                                   initargs=(config, os.getpid()))
        # A few batches per worker are in flight at a time, so parsed records never pile up ahead of
        # the writer, and a caller that stops early leaves little to cancel.
        waiting = iter(todo)
        in_flight = deque((batch, pool.submit(_worker_records, batch))
                          for batch in itertools.islice(waiting, IN_FLIGHT_PER_WORKER * workers))
        broken = False
        try:
            while in_flight:
                batch, future = in_flight.popleft()
                records = future.result()
                if (following := next(waiting, None)) is not None:
                    in_flight.append((following, pool.submit(_worker_records, following)))
                yield from zip(batch, records)
        except BrokenProcessPool:
            broken = True
            raise WorkerFailed("a worker process stopped before returning its articles (out of memory?): the "
                               "articles stored so far are kept; run again, with fewer --workers") from None
        finally:
            # The caller stopped early (an error, Ctrl-C): batches not started are dropped, those being
            # parsed are read to the end, so no worker is left sending records nobody reads. A broken
            # pool fails its futures itself: cancelling them too races its manager thread, which then
            # dies with InvalidStateError and leaves the other workers running (CPython 3.11), so the
            # interpreter never exits.
            if not broken:
                for _, future in in_flight:
                    future.cancel()
            pool.shutdown(wait=True)


# Each worker process holds its own pipelines, loaded on first use.
_worker_pipelines: Pipelines | None = None


def _init_worker(config: PipelineConfig, parent: int) -> None:
    from newskb.ingest.pipeline import Pipelines

    global _worker_pipelines
    _worker_pipelines = Pipelines(config)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:
    """End this worker when the process that started it is gone (killed mid-ingest): a worker of
    concurrent.futures waits on its task queue forever otherwise, holding its model's memory."""
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _worker_records(batch: list[Article]) -> list[Records | ExtractionError]:
    assert _worker_pipelines is not None, "worker not initialized"
    return _worker_pipelines.records_of(batch)


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    # one BLAS thread per worker process: the processes already fill the cores
    previous = os.environ.get("OPENBLAS_NUM_THREADS")
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    try:
        yield
    finally:
        if previous is None:
            del os.environ["OPENBLAS_NUM_THREADS"]
        else:
            os.environ["OPENBLAS_NUM_THREADS"] = previous

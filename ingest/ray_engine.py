"""The language model on a Ray cluster: one actor per worker, each loading its pipelines once.

Ray's pattern for running a model over many machines: a class whose instances (actors) each hold
the loaded model and turn batches of articles into plain rows (the rows of ``ingest.shards``, less
the article). This process, which alone writes, sends each actor a few batches at a time and hands
the rows on in input order. An actor that dies (killed, out of memory) is restarted by Ray and its
batches run again (``max_restarts``, ``max_task_retries``), so the run still gives every article
once, in order; one that keeps dying ends the run with ``WorkerFailed``.

Without an address Ray starts on this machine (listening on loopback only) and stops with the run.
With one, the run joins that cluster: every machine needs the same newskb and models, which the
actors check (their extractor version against this machine's) before any article is sent. Ray is
an optional extra, imported only here and only when the engine runs.
"""
from __future__ import annotations

import atexit
import dataclasses
import importlib.util
import itertools
import logging
import os
import shutil
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newskb.ingest.records import Records
from newskb.ingest.settings import (
    EngineError,
    EngineUnavailable,
    ExtractionError,
    ModelNotFound,
    PipelineConfig,
    WorkerFailed,
    one_line,
)
from newskb.ingest.shards import result_from_dict, result_to_dict
from newskb.ingest.sources import Article
from newskb.ingest.version import extractor_version
from newskb.ingest.workers import BATCH_CHARS, IN_FLIGHT_PER_WORKER, batches

INSTALL = "pip install 'newskb[ray]'"
# How often Ray restarts an actor that died, and runs again a batch whose actor died under it.
ACTOR_RESTARTS = 3
TASK_RETRIES = 3
# How long the actors may take to be placed on the cluster and start (not to load the model).
READY_SECONDS = 300
# A Ray started for one run: no task workers started ahead of need (each actor has a process of its
# own), no metrics, task events or timeline kept for a dashboard nobody opens. Ray then starts in
# about 2.5 s instead of 4-6 s on two cores, and its services take less of them while the run goes.
LOCAL_SYSTEM_CONFIG = {"enable_worker_prestart": False, "prestart_worker_first_driver": False,
                       "enable_metrics_collection": False, "task_events_report_interval_ms": 0,
                       "enable_timeline": False, "event_stats": False}


def ray_installed() -> bool:
    return importlib.util.find_spec("ray") is not None


def import_ray(local: bool) -> Any:
    """Ray, imported with the settings of a run: no usage statistics sent (Ray's default is to send
    them), and a Ray started for this machine alone bound to loopback, as Ray does on a laptop (it
    reads both when it is imported)."""
    if not ray_installed():
        raise EngineUnavailable(f"--engine ray needs Ray, which is not installed: {INSTALL}")
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    if local:
        os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
    import ray

    return ray


class ArticleExtractor:
    """A Ray actor: one worker's pipelines, loaded on first use, and the extractor version they
    read with. Gazetteers come as (name, bytes): the driver's files are not on the worker's disk."""

    def __init__(self, config: PipelineConfig, gazetteers: list[tuple[str, bytes]]) -> None:
        from newskb.ingest.pipeline import Pipelines

        folder = Path(tempfile.mkdtemp(prefix="newskb-gazetteers-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        paths = []
        for n, (name, data) in enumerate(gazetteers):
            path = folder / str(n) / name
            path.parent.mkdir()
            path.write_bytes(data)
            paths.append(str(path))
        self.config = dataclasses.replace(config, gazetteers=tuple(paths))
        self.pipelines = Pipelines(self.config)

    def version(self) -> tuple[str, str]:
        """(this worker's address, its extractor version)."""
        import ray

        return ray.util.get_node_ip_address(), extractor_version(self.config.gazetteers)

    def rows_of(self, articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
        results = self.pipelines.records_of([Article.from_dict(a) for a in articles])
        return [result_to_dict(result) for result in results]



@dataclass
class RayEngine:
    """``workers`` actors (None: one per CPU of the cluster) on the Ray cluster at ``address``
    (None: Ray started on this machine for the run)."""

    config: PipelineConfig = PipelineConfig()
    workers: int | None = None
    address: str | None = None
    batch_chars: int = BATCH_CHARS

    def __post_init__(self) -> None:
        if not ray_installed():
            raise EngineUnavailable(f"--engine ray needs Ray, which is not installed: {INSTALL}")

    def extract(self, articles: Iterable[Article]) -> Iterator[tuple[Article, Records | ExtractionError]]:
        """(article, records) for each article, in input order; with no article Ray is not started."""
        waiting = batches(articles, self.batch_chars)
        first = next(waiting, None)
        if first is None:
            return
        ray = import_ray(local=self.address is None)
        with self._actors(ray) as actors:
            yield from self._in_order(ray, actors, itertools.chain([first], waiting))

    @contextmanager
    def _actors(self, ray: Any) -> Iterator[list[Any]]:
        """The actors, started and checked; on the way out they are ended, and Ray too when this run
        started it (or connected to the cluster)."""
        started = not ray.is_initialized()
        if started:
            self._connect(ray)
        actors: list[Any] = []
        try:
            workers = self._worker_count(ray)
            remote = ray.remote(ArticleExtractor).options(
                num_cpus=1, max_restarts=ACTOR_RESTARTS, max_task_retries=TASK_RETRIES,
                scheduling_strategy="SPREAD")  # over the machines, not filling one first
            gazetteers = [(Path(g).name, Path(g).read_bytes()) for g in self.config.gazetteers]
            actors = [remote.remote(self.config, gazetteers) for _ in range(workers)]
            self._check_versions(ray, actors)
            yield actors
        finally:
            for actor in actors:
                ray.kill(actor, no_restart=True)
            if started:
                ray.shutdown()

    def _connect(self, ray: Any) -> None:
        quiet = {"logging_level": logging.ERROR, "log_to_driver": False}
        try:
            if self.address:
                ray.init(address=self.address, **quiet)
            else:
                ray.init(num_cpus=self.workers or os.cpu_count() or 1, include_dashboard=False,
                         _system_config=LOCAL_SYSTEM_CONFIG, **quiet)
        except Exception as exc:  # noqa: BLE001  Ray raises ConnectionError, RuntimeError, ValueError… for a bad address
            where = f"the Ray cluster at {self.address}" if self.address else "Ray on this machine"
            raise EngineError(f"cannot reach {where} ({one_line(exc)})") from None

    def _worker_count(self, ray: Any) -> int:
        cpus = int(ray.cluster_resources().get("CPU", 0))
        workers = self.workers or cpus
        if not 1 <= workers <= cpus:
            raise EngineError(f"--workers {workers}: the Ray cluster has {cpus} CPUs, and a worker takes one")
        return workers

    def _check_versions(self, ray: Any, actors: list[Any]) -> None:
        try:
            versions = ray.get([actor.version.remote() for actor in actors], timeout=READY_SECONDS)
        except ray.exceptions.GetTimeoutError:
            raise EngineError(f"the Ray cluster did not start {len(actors)} workers within {READY_SECONDS} s "
                              "(are its CPUs taken by another job?)") from None
        except ray.exceptions.RayError as exc:
            raise EngineError(f"a Ray worker could not start ({one_line(exc)}): is newskb installed on every "
                              "machine of the cluster?") from None
        mine = extractor_version(self.config.gazetteers)
        for host, version in versions:
            if version != mine:
                raise EngineError(f"the Ray worker on {host} has newskb extractor version {version}, this "
                                  f"machine {mine}: install the same newskb and lexicons on every machine")

    def _in_order(self, ray: Any, actors: list[Any], waiting: Iterator[list[Article]]
                  ) -> Iterator[tuple[Article, Records | ExtractionError]]:
        """Each actor holds up to IN_FLIGHT_PER_WORKER batches; a batch goes to the least busy one. The
        rows come back in any order and are handed on in input order: batches parsed ahead of the one
        awaited wait for it (twice as many as are in flight at most), so memory stays bounded."""
        busy = [0] * len(actors)
        owner: dict[Any, int] = {}
        in_order: deque[tuple[list[Article], Any]] = deque()
        finished: set[Any] = set()

        def submit() -> bool:
            index = min(range(len(actors)), key=busy.__getitem__)
            if busy[index] >= IN_FLIGHT_PER_WORKER or len(in_order) >= 2 * IN_FLIGHT_PER_WORKER * len(actors):
                return False
            batch = next(waiting, None)
            if batch is None:
                return False
            ref = actors[index].rows_of.remote([article.to_dict() for article in batch])
            busy[index] += 1
            owner[ref] = index
            in_order.append((batch, ref))
            return True

        while submit():
            pass
        while in_order:
            ready, _ = ray.wait([ref for _, ref in in_order if ref not in finished], num_returns=1)
            for ref in ready:
                finished.add(ref)
                busy[owner.pop(ref)] -= 1
            while in_order and in_order[0][1] in finished:
                batch, ref = in_order.popleft()
                finished.discard(ref)
                rows = self._rows(ray, ref)
                yield from ((article, result_from_dict(article, row)) for article, row in zip(batch, rows))
            while submit():
                pass

    @staticmethod
    def _rows(ray: Any, ref: Any) -> list[dict[str, Any]]:
        try:
            return ray.get(ref)
        except ray.exceptions.RayActorError:
            raise WorkerFailed("a Ray worker stopped more often than Ray restarts it (out of memory?): the "
                               "articles stored so far are kept; run again, with fewer --workers") from None
        except ray.exceptions.RayTaskError as exc:
            if isinstance(exc.cause, ModelNotFound):
                raise exc.cause from None
            raise WorkerFailed(f"a Ray worker failed ({one_line(exc.cause)})") from None


"""How long ``newskb watch --once`` takes when nothing is new: 20 feeds that answer 304.

    python benchmarks/watch.py [--feeds 20] [--entries 10] [--runs 5]

Each feed is served on loopback from its own host (127.0.0.2, 127.0.0.3, …: one outlet each, so
that the one-request-per-host rule lets them be read in parallel, as distinct outlets are), with
an ETag and ``--entries`` entries carrying their full English text. A first ``newskb watch --once``
reads and ingests them (timed too, for scale); then, each run, every feed is made due again and
the command is run once more: every feed answers 304 and nothing is fetched or ingested.

Printed: the whole command (a new process: Python start-up, imports, opening the knowledge base,
the readings, the summary; with its CPU time, which other work on the machine does not inflate) and
the polling part alone (``Watcher.run(once=True)`` in this process,
the knowledge base already open), median and worst of ``--runs``.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from loopback import Item, LoopbackServer, Route, rss2

from newskb.kb.feeds import Watcher, add_feed
from newskb.kb.store import open_db

NEWSKB = [sys.executable, "-m", "newskb.kb.cli"]


def article(feed: int, entry: int) -> str:
    return (f"<p>Outlet {feed} reports that Tessera Compute agreed to lease {entry + 1},000 accelerators to "
            f"Halden Labs for {entry + 2} years, in a deal worth ${feed + entry + 1} billion.</p>"
            f"<p>The lease number {feed}-{entry} starts next quarter; Halden Labs said it would train larger "
            f"models on the capacity, and Tessera Compute said demand from other customers kept growing.</p>"
            f"<p>Background paragraph {feed}-{entry}: neither company gave other terms of the agreement.</p>")


def make_due(db_path: Path) -> None:
    db = open_db(db_path)
    with db.atomic():
        db.execute("UPDATE feeds SET next_poll = NULL")
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--entries", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "watch.db"
        db = open_db(db_path)
        for n in range(args.feeds):
            server = stack.enter_context(LoopbackServer(f"127.0.0.{n + 2}"))
            items = [Item(f"f{n}-e{e}", server.url(f"/news/{e}"), f"Lease {n}-{e}", content=article(n, e))
                     for e in range(args.entries)]
            server.routes["/feed.xml"] = Route(rss2(items, title=f"Outlet {n}"), etag=f'"outlet-{n}-v1"')
            add_feed(db, server.url("/feed.xml"), f"outlet-{n}")
        db.close()

        started = time.perf_counter()
        first = subprocess.run([*NEWSKB, "watch", "--once", "--db", str(db_path)], capture_output=True,
                               text=True, check=True)
        ingest_s = time.perf_counter() - started
        print(f"first reading: {args.feeds} feeds, {args.feeds * args.entries} entries ingested in "
              f"{ingest_s:.2f} s")
        print(f"  {first.stderr.strip().splitlines()[-1]}")

        whole, cpu = [], []
        for _ in range(args.runs):
            make_due(db_path)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            run = subprocess.run([*NEWSKB, "watch", "--once", "--db", str(db_path)], capture_output=True,
                                 text=True, check=True)
            whole.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            assert f"{args.feeds} feed readings (0 failed); entries: 0 new" in run.stderr, run.stderr
            assert run.stderr.count(": 304, 0 new") == args.feeds, run.stderr

        polling = []
        for _ in range(args.runs):
            make_due(db_path)
            db = open_db(db_path)
            with Watcher(db, log=lambda line: None) as watcher:
                started = time.perf_counter()
                summary = watcher.run(once=True)
                polling.append(time.perf_counter() - started)
            db.close()
            assert summary.polls == args.feeds and summary.new == 0

    print(f"newskb watch --once, {args.feeds} feeds answering 304 ({args.runs} runs; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):")
    print(f"  whole command: median {statistics.median(whole):.3f} s, worst {max(whole):.3f} s "
          f"(its CPU time: median {statistics.median(cpu):.3f} s)")
    print(f"  polling part:  median {statistics.median(polling):.3f} s, worst {max(polling):.3f} s")


if __name__ == "__main__":
    main()

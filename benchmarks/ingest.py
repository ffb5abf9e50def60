"""Ingest throughput and memory against the raw model, on one machine, one corpus, one run.

    python benchmarks/ingest.py --articles 200
    python benchmarks/ingest.py --articles 500 --engine ray   # Ray against the local engine, and the writer

The corpus is the bundled Japanese sample articles (``ingest/samples``, read with
``ingest.sources``), repeated to ``--articles`` with a numbered last line so that every copy is
a new article (none is skipped as unchanged). English samples are left out: the raw anchor is
``ja_ginza``, and every run must see the same texts.

Runs, each in its own process so that the peak memory of all its processes can be measured:

1. raw model: ``spacy.load("ja_ginza")`` and ``nlp.pipe(texts)`` with the model's default
   settings (its batch size is 1000 texts, and memory grows by about 65 KB per token of a batch,
   so the texts are handed over in groups of ``--raw-group`` to stay within this machine's memory);
2. ``newskb ingest`` of the same articles into a fresh database, default settings (one worker
   per core), then with ``--workers 1``;
3. the same ``newskb ingest`` again, nothing changed.

With ``--engine ray`` (or ``--runs``): ``newskb ingest --engine ray`` with Ray started on this
machine for the run, one worker per core and one worker, against the local engine's default run;
and the writer alone: ``newskb extract`` of the corpus into shards, then ``newskb load`` of them
into a fresh database, whose articles and records per second bound what any number of workers can
feed one knowledge base.

Times are wall-clock, start-up and model loading included, for every run alike. Peak memory is
the summed RSS of every process of a run: its process tree, and every process that carries the
run's mark in its environment (Ray's services and workers).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "ingest" / "samples"
NEWSKB = [sys.executable, "-m", "newskb.kb.cli"]
MARK = "NEWSKB_BENCHMARK_RUN"
sys.path.insert(0, str(ROOT))

RAW_SCRIPT = """
import json, sys, time
texts = json.load(open(sys.argv[1], encoding="utf-8"))
group = int(sys.argv[2])
import spacy
nlp = spacy.load("ja_ginza")
tokens = 0
for i in range(0, len(texts), group):
    tokens += sum(len(doc) for doc in nlp.pipe(texts[i:i + group]))
print(json.dumps({"tokens": tokens}))
"""


@dataclass
class Run:
    name: str
    seconds: float
    peak_rss: int  # bytes, all processes of the run together
    output: str


def corpus(n: int) -> list[dict[str, str | None]]:
    """``n`` Japanese articles: the samples in turn, each copy made new by a numbered last line."""
    from newskb.ingest.sources import Article, Defaults, read_sources

    base = [a for a in read_sources([str(SAMPLES)], Defaults()) if isinstance(a, Article) and a.lang == "ja"]
    if not base:
        raise SystemExit(f"no Japanese article in {SAMPLES}")
    out = []
    for i in range(n):
        a = base[i % len(base)]
        out.append({"title": f"{a.title} ({i})", "text": f"{a.text}\n（記事番号 {i}）",
                    "url": f"https://bench.example/{i}", "published": a.published and a.published.isoformat(),
                    "source": a.source, "lang": "ja"})
    return out


def _children(pid: int) -> set[int]:
    """``pid`` and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    stat = f.read()
                parents[int(entry)] = int(stat[stat.rindex(b")") + 2:].split()[1])
            except (OSError, ValueError):
                continue
    family, added = {pid}, True
    while added:
        new = {p for p, pp in parents.items() if pp in family and p not in family}
        family |= new
        added = bool(new)
    return family


def _marked(value: str) -> set[int]:
    """The processes whose environment carries the run's mark (Ray's, which leave the tree)."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/environ", "rb") as f:
                    if f"{MARK}={value}\0".encode() in f.read():
                        found.add(int(entry))
            except OSError:
                continue
    return found


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def measure(name: str, cmd: list[str], cwd: Path) -> Run:
    """Run ``cmd``, polling the summed RSS of its process tree and of the processes carrying its
    mark; fail loudly if it fails."""
    peak = 0
    mark = f"{os.getpid()}-{time.monotonic_ns()}"
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT), MARK: mark})
    done = threading.Event()

    def poll() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, sum(_rss(p) for p in _children(proc.pid) | _marked(mark)))
            time.sleep(0.05)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    poller.join()
    if proc.returncode:
        raise SystemExit(f"{name} failed ({proc.returncode}):\n{err[-3000:]}")
    return Run(name, seconds, peak, out + err)


def machine() -> str:
    model = platform.processor() or "?"
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        model = next(line.split(":", 1)[1].strip() for line in lscpu.splitlines()
                     if line.startswith("Model name"))
    except (OSError, subprocess.CalledProcessError, StopIteration):
        pass
    return f"{model}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}"


RUNS = ("raw", "default", "one", "again", "ray", "ray1", "load")
ENGINE_RUNS = {"local": "raw,default,one,again", "ray": "default,ray,ray1,load"}


def facts_of(output: str) -> int:
    """The records a run stored or wrote, from its summary line ("(362 mentions, 45 deals, …)")."""
    line = output.strip().splitlines()[-1]
    counts = line.split("(", 1)[1] if "(" in line else ""
    return sum(int(n) for n in re.findall(r"(\d+) [a-z_]+(?=[,)])", counts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=60, help="How many articles (default 60).")
    parser.add_argument("--raw-group", type=int, default=50, help="Texts per nlp.pipe call in the raw run.")
    parser.add_argument("--json", type=Path, help="Also write the figures to this file.")
    parser.add_argument("--engine", choices=sorted(ENGINE_RUNS), default="local",
                        help="local: the raw model and the local engine; ray: the Ray engine against the "
                             "local engine, and the writer alone (default: local).")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="Workers of the default and ray runs (default: the number of cores).")
    parser.add_argument("--runs", type=lambda v: set(v.split(",")),
                        help=f"Which runs, comma-separated, of {','.join(RUNS)} (default: those of "
                             "--engine).")
    args = parser.parse_args()
    runs_wanted = args.runs or set(ENGINE_RUNS[args.engine].split(","))

    articles = corpus(args.articles)
    chars = sum(len(a["text"] or "") for a in articles)
    print(f"machine: {machine()}")
    print(f"corpus: {len(articles)} Japanese articles, {chars:,} characters")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        feed = work / "bench.jsonl"
        feed.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
        texts = json.dumps([a["text"] for a in articles], ensure_ascii=False)
        (work / "texts.json").write_text(texts, encoding="utf-8")
        (work / "raw.py").write_text(RAW_SCRIPT, encoding="utf-8")

        workers = str(args.workers)
        commands = {
            "raw": ("raw ja_ginza", [sys.executable, "raw.py", "texts.json", str(args.raw_group)]),
            "default": (f"ingest (--workers {workers}, default)",
                        [*NEWSKB, "ingest", str(feed), "--db", "default.db", "--workers", workers]),
            "one": ("ingest --workers 1", [*NEWSKB, "ingest", str(feed), "--db", "one.db", "--workers", "1"]),
            "again": ("re-ingest, unchanged", [*NEWSKB, "ingest", str(feed), "--db", "default.db"]),
            "ray": (f"ingest --engine ray --workers {workers}",
                    [*NEWSKB, "ingest", str(feed), "--db", "ray.db", "--engine", "ray",
                     "--workers", workers]),
            "ray1": ("ingest --engine ray --workers 1",
                     [*NEWSKB, "ingest", str(feed), "--db", "ray1.db", "--engine", "ray", "--workers", "1"]),
            "load": ("load (the writer alone)", [*NEWSKB, "load", "records", "--db", "loaded.db"]),
        }
        if "load" in runs_wanted:  # the shards it loads, extracted first (not a figure of the writer)
            measure("extract", [*NEWSKB, "extract", str(feed), "--out", "records", "--workers", workers],
                    work)
        runs = {key: measure(*commands[key], work) for key in RUNS if key in runs_wanted}
    if "again" in runs and f"{len(articles)} unchanged" not in runs["again"].output:
        raise SystemExit(f"the re-ingest was not all unchanged: {runs['again'].output}")
    tokens = json.loads(runs["raw"].output.strip().splitlines()[0])["tokens"] if "raw" in runs else 0
    print(f"tokens (ja_ginza): {tokens:,}\n" if tokens else "tokens: not counted (no raw run)\n")
    print(f"{'run':38s} {'seconds':>8s} {'art/s':>7s} {'chars/s':>8s} {'tokens/s':>8s} {'× raw':>6s} "
          f"{'peak RSS':>9s}")
    figures: dict[str, Any] = {"machine": machine(), "articles": len(articles), "chars": chars,
                               "tokens": tokens, "runs": {}}
    raw_seconds = runs["raw"].seconds if "raw" in runs else float("nan")
    for key, run in runs.items():
        per_token = (f"{tokens / run.seconds:8.0f} {raw_seconds / run.seconds:6.2f}" if "raw" in runs
                     else f"{'—':>8s} {'—':>6s}")
        print(f"{run.name:38s} {run.seconds:8.1f} {len(articles) / run.seconds:7.2f} "
              f"{chars / run.seconds:8.0f} {per_token} {run.peak_rss / 2**30:7.2f} GB")
        figures["runs"][key] = {"name": run.name, "seconds": round(run.seconds, 2),
                                "ratio_to_raw": round(raw_seconds / run.seconds, 3),
                                "peak_rss_bytes": run.peak_rss}
    if "again" in runs:
        print(f"\nunchanged re-ingest: {100 * runs['again'].seconds / runs['default'].seconds:.1f} % "
              "of the first ingest (target < 2 %)")
    if "default" in runs and args.engine == "local":
        print(f"target: peak memory ≤ 1.5 GB (at 500 articles): {runs['default'].peak_rss / 2**30:.2f} GB")
    for key, name, target in (("default", "default", 2.5), ("one", "--workers 1", 1.3)):
        if key in runs and "raw" in runs:
            print(f"target: {name} ≥ {target}× the raw model: {raw_seconds / runs[key].seconds:.2f}×")
    if "ray" in runs and "default" in runs:
        ratio = runs["default"].seconds / runs["ray"].seconds
        print(f"\n--engine ray / --engine local, {workers} workers each: {ratio:.2f}× the throughput "
              f"(target ≥ 0.85), peak memory {runs['ray'].peak_rss / 2**30:.2f} GB against "
              f"{runs['default'].peak_rss / 2**30:.2f} GB")
        figures["ray_to_local"] = round(ratio, 3)
    if "ray" in runs and "ray1" in runs and args.workers > 1:
        one, many = len(articles) / runs["ray1"].seconds, len(articles) / runs["ray"].seconds
        added = args.workers - 1
        print(f"per added Ray worker (1 → {workers}): +{(many - one) / added:.2f} articles/s, "
              f"+{(runs['ray'].peak_rss - runs['ray1'].peak_rss) / added / 2**30:.2f} GB")
        figures["per_added_worker"] = {"articles_per_s": round((many - one) / added, 3),
                                       "bytes": (runs["ray"].peak_rss - runs["ray1"].peak_rss) // added}
    if "load" in runs:
        records = facts_of(runs["load"].output)
        print(f"the writer alone (newskb load): {len(articles) / runs['load'].seconds:.1f} articles/s, "
              f"{records / runs['load'].seconds:,.0f} records/s ({records:,} records)")
        figures["writer"] = {"articles_per_s": round(len(articles) / runs["load"].seconds, 2),
                             "records_per_s": round(records / runs["load"].seconds), "records": records}
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

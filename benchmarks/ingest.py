"""Ingest throughput and memory against the raw model, on one machine, one corpus, one run.

    python benchmarks/ingest.py --articles 200

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

Times are wall-clock, start-up and model loading included, for every run alike.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
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


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def measure(name: str, cmd: list[str], cwd: Path) -> Run:
    """Run ``cmd``, polling the summed RSS of its process tree; fail loudly if it fails."""
    peak = 0
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    done = threading.Event()

    def poll() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, sum(_rss(p) for p in _children(proc.pid)))
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
        model = next(line.split(":", 1)[1].strip() for line in lscpu.splitlines() if line.startswith("Model name"))
    except (OSError, subprocess.CalledProcessError, StopIteration):
        pass
    return f"{model}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=60, help="How many articles (default 60).")
    parser.add_argument("--raw-group", type=int, default=50, help="Texts per nlp.pipe call in the raw run.")
    parser.add_argument("--json", type=Path, help="Also write the figures to this file.")
    parser.add_argument("--runs", type=lambda v: set(v.split(",")), default={"raw", "default", "one", "again"},
                        help="Which runs, comma-separated, of raw,default,one,again (default: all).")
    args = parser.parse_args()

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

        commands = {
            "raw": ("raw ja_ginza", [sys.executable, "raw.py", "texts.json", str(args.raw_group)]),
            "default": (f"ingest (--workers {os.cpu_count()}, default)",
                        [*NEWSKB, "ingest", str(feed), "--db", "default.db"]),
            "one": ("ingest --workers 1", [*NEWSKB, "ingest", str(feed), "--db", "one.db", "--workers", "1"]),
            "again": ("re-ingest, unchanged", [*NEWSKB, "ingest", str(feed), "--db", "default.db"]),
        }
        runs = {key: measure(*commands[key], work) for key in commands if key in args.runs}
    if "again" in runs and f"{len(articles)} unchanged" not in runs["again"].output:
        raise SystemExit(f"the re-ingest was not all unchanged: {runs['again'].output}")
    tokens = json.loads(runs["raw"].output.strip().splitlines()[0])["tokens"] if "raw" in runs else 0
    print(f"tokens (ja_ginza): {tokens:,}\n" if tokens else "tokens: not counted (no raw run)\n")
    print(f"{'run':34s} {'seconds':>8s} {'art/s':>7s} {'chars/s':>8s} {'tokens/s':>8s} {'× raw':>6s} {'peak RSS':>9s}")
    figures: dict[str, Any] = {"machine": machine(), "articles": len(articles), "chars": chars, "tokens": tokens,
                               "runs": {}}
    raw_seconds = runs["raw"].seconds if "raw" in runs else float("nan")
    for key, run in runs.items():
        per_token = (f"{tokens / run.seconds:8.0f} {raw_seconds / run.seconds:6.2f}" if "raw" in runs
                     else f"{'—':>8s} {'—':>6s}")
        print(f"{run.name:34s} {run.seconds:8.1f} {len(articles) / run.seconds:7.2f} {chars / run.seconds:8.0f} "
              f"{per_token} {run.peak_rss / 2**30:7.2f} GB")
        figures["runs"][key] = {"name": run.name, "seconds": round(run.seconds, 2),
                                "ratio_to_raw": round(raw_seconds / run.seconds, 3), "peak_rss_bytes": run.peak_rss}
    if "again" in runs:
        print(f"\nunchanged re-ingest: {100 * runs['again'].seconds / runs['default'].seconds:.1f} % "
              "of the first ingest (target < 2 %)")
    if "default" in runs:
        print(f"target: peak memory ≤ 1.5 GB (at 500 articles): {runs['default'].peak_rss / 2**30:.2f} GB")
    for key, name, target in (("default", "default", 2.5), ("one", "--workers 1", 1.3)):
        if key in runs and "raw" in runs:
            print(f"target: {name} ≥ {target}× the raw model: {raw_seconds / runs[key].seconds:.2f}×")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

"""Faults: a killed ingest leaves only whole articles, readers never see half an article, serving is safe."""
from __future__ import annotations

import json
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlite_utils import Database

from newskb.kb.serve import SETTINGS, datasette_args, make_datasette
from newskb.kb.store import open_db

NEWSKB = [sys.executable, "-m", "newskb.kb.cli"]
COMPANIES = ["Microsoft", "Oracle", "CoreWeave", "Nebius"]  # each article names exactly these four


def write_corpus(folder: Path, n: int) -> None:
    """n English articles, each naming the same four companies once, as one JSONL file per 50."""
    folder.mkdir(parents=True, exist_ok=True)
    for chunk in range(0, n, 50):
        with (folder / f"feed{chunk:05d}.jsonl").open("w", encoding="utf-8") as f:
            for i in range(chunk, min(chunk + 50, n)):
                text = (f"Deal number {i}. Microsoft signed a ${i + 1} billion contract with Oracle "
                        f"on Monday. CoreWeave and Nebius were not part of deal {i}; "
                        "they supply GB300 GPUs.")
                f.write(json.dumps({"title": f"Deal {i}", "text": text, "url": f"https://example.com/{i}",
                                    "published": "2025-11-03", "lang": "en"}) + "\n")


def whole_articles(db_path: Path) -> tuple[int, list[int]]:
    """(article count, ids of articles that do not hold their four mentions)."""
    con = sqlite3.connect(db_path)
    try:
        count = con.execute("select count(*) from articles").fetchone()[0]
        broken = [r[0] for r in con.execute(
            "select a.id from articles a left join mentions m on m.article_id = a.id "
            "group by a.id having count(m.id) != 4")]
    finally:
        con.close()
    return count, broken


def check_integrity(db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()


def children(pid: int) -> list[int]:
    """The processes ``pid`` started (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        if int(text[text.rindex(")") + 2:].split()[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def kill_mid_ingest_then_rerun(command: list[str], db_path: Path, workers_of: Callable[[int], list[int]],
                               env: dict[str, str] | None = None, seconds: float = 10) -> None:
    """Run ``command`` (an ingest of write_corpus's 300 articles into ``db_path``), SIGKILL it once 40
    articles are stored: its workers (``workers_of`` its pid) end within ``seconds``, the knowledge
    base holds whole articles only, and the same command run again completes it."""
    open_db(db_path).close()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.time() + 180
    while time.time() < deadline and proc.poll() is None and whole_articles(db_path)[0] < 40:
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest finished before it could be killed; make the corpus bigger"
    workers = workers_of(proc.pid)
    assert workers
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # its worker processes do not outlive it, holding a model's memory each
    deadline = time.time() + seconds
    while time.time() < deadline and any(Path(f"/proc/{pid}").exists() for pid in workers):
        time.sleep(0.2)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]
    check_integrity(db_path)
    count, broken = whole_articles(db_path)
    assert 40 <= count < 300 and broken == []

    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env, timeout=600)
    assert result.returncode == 0, result.stderr
    assert f"{300 - count} added, 0 updated, {count} unchanged, 0 failed" in result.stderr
    check_integrity(db_path)
    assert whole_articles(db_path) == (300, [])


def test_sigkill_mid_ingest_leaves_whole_articles_and_a_rerun_completes(tmp_path: Path) -> None:
    corpus, db_path = tmp_path / "corpus", tmp_path / "kb.db"
    write_corpus(corpus, 300)
    kill_mid_ingest_then_rerun([*NEWSKB, "ingest", str(corpus), "--db", str(db_path)], db_path, children)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_readers_during_an_ingest_see_only_whole_articles_and_no_errors(tmp_path: Path) -> None:
    corpus, db_path = tmp_path / "corpus", tmp_path / "kb.db"
    write_corpus(corpus, 300)
    open_db(db_path).close()
    port = _free_port()
    server = subprocess.Popen([*NEWSKB, "serve", "--db", str(db_path), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/kb"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}.json", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        ingest = subprocess.Popen([*NEWSKB, "ingest", str(corpus), "--db", str(db_path)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        errors: list[str] = []
        seen: list[tuple[int, int]] = []
        sql = ("select a.id, count(m.id) as n from articles a left join mentions m on m.article_id = a.id "
               "group by a.id")
        query = urllib.parse.urlencode({"sql": sql, "_shape": "array"})
        stop = time.time() + 90

        def reader() -> None:
            while ingest.poll() is None and time.time() < stop:
                for url in (f"{base}.json?{query}", f"{base}/articles.json?_shape=array&_size=5",
                            f"{base}/articles.json?_search=contract&_shape=array"):
                    try:
                        with urllib.request.urlopen(url, timeout=10) as response:
                            rows = json.loads(response.read())
                        if url.startswith(f"{base}.json"):
                            seen.extend((r["id"], r["n"]) for r in rows)
                    except Exception as exc:  # noqa: BLE001  every failure counts, whatever its type
                        errors.append(f"{url}: {exc}")

        readers = [threading.Thread(target=reader) for _ in range(8)]
        for t in readers:
            t.start()
        for t in readers:
            t.join()
        assert ingest.wait(timeout=120) == 0, ingest.stderr.read() if ingest.stderr else ""
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert errors == []
    assert len(seen) > 100, "readers saw too little to prove anything"
    assert {n for _, n in seen} == {4}
    assert whole_articles(db_path) == (300, [])


# ---------------------------------------------------------------- serving safety


def test_serve_binds_loopback_with_a_time_limit(tmp_path: Path) -> None:
    args = datasette_args(tmp_path / "kb.db", tmp_path / "m.json")
    assert args[args.index("--host") + 1] == "127.0.0.1"
    assert SETTINGS["sql_time_limit_ms"] <= 1000
    assert ["--setting", "sql_time_limit_ms", str(SETTINGS["sql_time_limit_ms"])] == args[
        args.index("sql_time_limit_ms") - 1: args.index("sql_time_limit_ms") + 2]


@pytest.mark.asyncio
async def test_served_database_refuses_writes(tmp_path: Path) -> None:
    db_path = tmp_path / "kb.db"
    open_db(db_path).close()
    ds = make_datasette(db_path)
    for sql in ("insert into entities (name, type, key) values ('x', 'ORG', 'x')", "drop table articles",
                "update articles set title = 'pwned'"):
        response = await ds.client.get("/kb.json", params={"sql": sql})
        assert response.status_code == 400
    assert Database(db_path)["entities"].count == 0 and Database(db_path)["articles"].exists()


@pytest.mark.asyncio
async def test_hostile_text_is_stored_verbatim_and_shown_escaped(tmp_path: Path) -> None:
    from newskb.kb.build import ingest_sources

    db_path = tmp_path / "kb.db"
    title = "<script>alert('x')</script> Oracle'; DROP TABLE articles; --"
    path = tmp_path / "evil.json"
    long_name = "Zq" + "x" * 5000 + " Compute"
    text = f"{title}\n<img src=x onerror=alert(1)> {long_name} paid $5 billion."
    path.write_text(json.dumps({"title": title, "lang": "en", "text": text}))
    summary = ingest_sources(open_db(db_path), [str(path)])
    assert summary.failed == 0
    db = Database(db_path)
    assert db.execute("select title from articles").fetchone()[0] == title
    assert all(len(r["name"]) <= 200 for r in db.query("select name from entities"))
    ds = make_datasette(db_path)
    html = (await ds.client.get("/kb/articles/1")).text
    assert "<script>alert('x')</script>" not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in html

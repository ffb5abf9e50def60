"""newskb watch against feeds served on loopback by the tests themselves: RSS 2.0, RSS 1.0 and Atom,
conditional GET, entries added, reissued and changed, 429/500/timeouts, malformed XML, pages gone,
robots.txt, the delay between two requests to one host, and stopping mid-article."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from loopback import Item, LoopbackServer, Route, atom, http_date, page, rss1, rss2
from sqlite_utils import Database
from test_faults import _free_port, check_integrity, whole_articles

from newskb.kb.feeds import Watcher, add_feed
from newskb.kb.store import open_db

NEWSKB = [sys.executable, "-m", "newskb.kb.cli"]
COMPANIES = ("Microsoft", "Oracle", "CoreWeave", "Nebius")  # every test article names exactly these four


def paragraphs(i: int) -> list[str]:
    """An English article of our own, numbered i, naming the four companies once each."""
    return [
        (f"Report {i}: Microsoft agreed on Tuesday to pay ${i + 3} billion to Oracle for cloud capacity "
         f"in region {i}, the companies said."),
        (f"The agreement number {i} runs for {i % 7 + 2} years. CoreWeave and Nebius, which rent out "
         f"GB300 GPUs, were not part of contract {i}; analysts expect more deals in quarter {i % 4 + 1}."),
        f"Filler sentence {i} keeps the article long enough for the page reader to take it as a story.",
    ]


def content(i: int) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs(i))


def item(i: int, **changes: str) -> Item:
    fields = {"guid": f"guid-{i}", "link": f"/news/{i}", "title": f"Cloud contract {i} signed"}
    fields.update(changes)
    return Item(**fields)


class Site:
    """A loopback site: feeds at /rss, /rdf, /atom, article pages at /news/N."""

    def __init__(self, server: LoopbackServer) -> None:
        self.server = server

    def link(self, i: int) -> str:
        return self.server.url(f"/news/{i}")

    def items(self, numbers: list[int], full: bool = False) -> list[Item]:
        return [item(i, link=self.link(i), **({"content": content(i)} if full else {})) for i in numbers]

    def pages(self, numbers: list[int]) -> None:
        for i in numbers:
            self.server.routes[f"/news/{i}"] = page(f"Cloud contract {i} signed", paragraphs(i))

    def page_hits(self) -> int:
        return sum(1 for r in self.server.requests if r.path.startswith("/news/"))


@pytest.fixture
def site() -> Iterator[Site]:
    with LoopbackServer() as server:
        yield Site(server)


@pytest.fixture
def kb(tmp_path: Path) -> Iterator[Database]:
    db = open_db(tmp_path / "kb.db")
    yield db
    db.close()


def watch(db: Database, **options) -> tuple[list[str], Watcher]:
    lines: list[str] = []
    with Watcher(db, delay=options.pop("delay", 0.0), log=lines.append, **options) as watcher:
        watcher.run(once=True)
    return lines, watcher


def due_now(db: Database) -> None:
    db.execute("UPDATE feeds SET next_poll = NULL")
    db.conn.commit()


def feed_row(db: Database, name: str) -> dict:
    return next(db["feeds"].rows_where("name = ?", [name]))


def utc(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


# ---------------------------------------------------------------- formats


@pytest.mark.parametrize(
    "path,write,numbers",
    [
        ("/rss", rss2, [1, 2]),
        ("/rdf", rss1, [3, 4]),
        ("/atom", atom, [5, 6]),
    ],
)
def test_each_feed_format_is_read_and_its_pages_ingested(
    site: Site, kb: Database, path: str, write, numbers
) -> None:
    site.server.routes[path] = Route(write(site.items(numbers)))
    site.pages(numbers)
    add_feed(kb, site.server.url(path), "wire")
    lines, _ = watch(kb)
    rows = list(kb.query("SELECT url, title, source, published FROM articles ORDER BY url"))
    assert [r["url"] for r in rows] == [site.link(i) for i in numbers]
    assert {r["source"] for r in rows} == {"wire"}
    assert {r["published"] for r in rows} == {"2025-11-03"}
    assert [r["title"] for r in rows] == [f"Cloud contract {i} signed" for i in numbers]
    assert whole_articles(Path(kb.conn.execute("PRAGMA database_list").fetchone()[2])) == (2, [])
    assert [line.split(" ", 1)[1].rsplit(",", 1)[0] for line in lines] == [
        "wire: 200, 2 new, 0 unchanged, 0 failed"
    ]
    entries = list(kb.query("SELECT status, article_id, attempts FROM feed_entries ORDER BY url"))
    assert [(e["status"], e["attempts"]) for e in entries] == [("stored", 1), ("stored", 1)]
    assert feed_row(kb, "wire")["title"].startswith("Loopback")


def test_an_entry_carrying_its_full_text_is_not_fetched(site: Site, kb: Database) -> None:
    site.server.routes["/rss"] = Route(rss2(site.items([7, 8], full=True)))
    add_feed(kb, site.server.url("/rss"), "full")
    watch(kb)
    assert site.page_hits() == 0
    texts = [r[0] for r in kb.execute("SELECT text FROM articles ORDER BY id")]
    assert len(texts) == 2 and texts[0].startswith("Report 7: Microsoft agreed")


# ---------------------------------------------------------------- conditional GET, new and reissued entries


@pytest.mark.parametrize("validator", ["etag", "last_modified"])
def test_a_feed_unchanged_since_the_last_reading_answers_304_and_nothing_more_is_fetched(
    site: Site, kb: Database, validator: str
) -> None:
    route = Route(
        rss2(site.items([1, 2])), **{validator: '"v1"' if validator == "etag" else http_date(1.7e9)}
    )
    site.server.routes["/rss"] = route
    site.pages([1, 2])
    add_feed(kb, site.server.url("/rss"), "wire")
    watch(kb)
    due_now(kb)
    lines, _ = watch(kb)
    assert " wire: 304, 0 new, 0 unchanged, 0 failed" in lines[-1]
    second = site.server.hits("/rss")[-1].headers
    header = "If-None-Match" if validator == "etag" else "If-Modified-Since"
    assert second[header] == (route.etag or route.last_modified)
    assert site.page_hits() == 2 and kb["articles"].count == 2
    assert feed_row(kb, "wire")["last_status"] == "304"


def test_an_entry_added_between_readings_is_the_only_page_fetched(site: Site, kb: Database) -> None:
    site.server.routes["/rss"] = Route(rss2(site.items([1, 2])), etag='"a"')
    site.pages([1, 2, 3])
    add_feed(kb, site.server.url("/rss"), "wire")
    watch(kb)
    site.server.routes["/rss"] = Route(rss2(site.items([3, 1, 2])), etag='"b"')
    due_now(kb)
    lines, _ = watch(kb)
    assert " wire: 200, 1 new, 2 unchanged, 0 failed" in lines[-1]
    assert [r.path for r in site.server.requests if r.path.startswith("/news/")] == [
        "/news/1",
        "/news/2",
        "/news/3",
    ]
    assert kb["articles"].count == 3


def test_reordered_and_reissued_entries_are_not_fetched_again_and_a_changed_one_is_updated(
    site: Site, kb: Database
) -> None:
    site.server.routes["/rss"] = Route(rss2(site.items([1, 2, 3], full=True)))
    site.pages([4])
    add_feed(kb, site.server.url("/rss"), "wire")
    watch(kb)
    first = {r["url"]: r["id"] for r in kb.query("SELECT id, url FROM articles")}
    edited = content(3).replace(
        "Filler sentence 3", "An update at noon added that the board approved it; sentence 3"
    )
    reissued = [
        item(
            2, link=site.link(2), content=content(2), published="Tue, 04 Nov 2025 08:00:00 +0000"
        ),  # new date
        item(
            1, guid="guid-1-reissued", link=site.link(1), content=content(1)
        ),  # new guid, same link and text
        item(3, link=site.link(3), content=edited),  # same guid, edited text
        item(4, link=site.link(4)),  # a teaser: its page is read
    ]
    site.server.routes["/rss"] = Route(rss2(reissued))
    due_now(kb)
    lines, _ = watch(kb)
    assert " wire: 200, 2 new, 2 unchanged, 0 failed" in lines[-1]
    assert [r.path for r in site.server.requests if r.path.startswith("/news/")] == ["/news/4"]
    assert {
        r["url"]: r["id"] for r in kb.query("SELECT id, url FROM articles WHERE url != ?", [site.link(4)])
    } == first
    text = kb.execute("SELECT text FROM articles WHERE url = ?", [site.link(3)]).fetchone()[0]
    assert "the board approved it" in text
    statuses = {r["entry_id"]: (r["status"], r["article_id"]) for r in kb.query("SELECT * FROM feed_entries")}
    assert statuses["guid-1-reissued"] == ("unchanged", first[site.link(1)])
    assert statuses["guid-3"] == ("stored", first[site.link(3)])


# ---------------------------------------------------------------- errors: other feeds go on


def test_429_with_retry_after_waits_as_asked_and_other_feeds_go_on(site: Site, kb: Database) -> None:
    site.server.routes["/busy"] = Route(b"slow down", status=429, headers={"Retry-After": "7200"})
    site.server.routes["/rss"] = Route(rss2(site.items([1])))
    site.pages([1])
    add_feed(kb, site.server.url("/busy"), "busy", every_s=600)
    add_feed(kb, site.server.url("/rss"), "wire")
    before = dt.datetime.now(dt.UTC)
    lines, _ = watch(kb)
    busy = feed_row(kb, "busy")
    assert busy["last_status"] == "429" and busy["errors"] == 1
    assert "answered HTTP 429 (retry after 7200 s)" in busy["last_error"]
    assert 7190 <= (utc(busy["next_poll"]) - before).total_seconds() <= 7260
    assert kb["articles"].count == 1
    assert any(" busy: 429, 0 new, 0 unchanged, 0 failed" in line for line in lines)


@pytest.mark.parametrize("failure", ["500", "timeout"])
def test_a_failing_feed_backs_off_exponentially_and_other_feeds_go_on(
    site: Site, kb: Database, failure: str
) -> None:
    from newskb.ingest.sources import Defaults

    site.server.routes["/bad"] = (
        Route(b"oops", status=500) if failure == "500" else Route(rss2(site.items([9])), delay=3.0)
    )
    site.server.routes["/rss"] = Route(rss2(site.items([1])))
    site.pages([1])
    add_feed(kb, site.server.url("/bad"), "bad", every_s=600)
    add_feed(kb, site.server.url("/rss"), "wire")
    waits = []
    for errors in (1, 2, 3):
        before = dt.datetime.now(dt.UTC)
        watch(kb, defaults=Defaults(timeout=0.5))
        bad = feed_row(kb, "bad")
        assert bad["errors"] == errors
        waits.append((utc(bad["next_poll"]) - before).total_seconds())
        due_now(kb)
    expected = "answered HTTP 500" if failure == "500" else "did not answer within 0.5 seconds"
    assert expected in bad["last_error"] and bad["last_status"] == ("500" if failure == "500" else "error")
    # each wait is 600 s doubled per error, with jitter between half and all of it
    for errors, wait in zip((1, 2, 3), waits):
        assert 600 * 2**errors / 2 - 5 <= wait <= 600 * 2**errors + 5
    assert kb["articles"].count == 1 and feed_row(kb, "wire")["errors"] == 0


def test_malformed_xml_fails_its_feed_with_one_line_and_a_recoverable_mistake_is_read(
    site: Site, kb: Database
) -> None:
    site.server.routes["/broken"] = Route(b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</ti')
    site.server.routes["/html"] = Route(
        b"<html><body><p>no feed here</p></body></html>", content_type="text/html"
    )
    sloppy = rss2(site.items([1])).replace(b"Cloud contract 1 signed", b"Cloud contract 1 & signed")
    site.server.routes["/sloppy"] = Route(sloppy)
    site.pages([1])
    for name in ("broken", "html", "sloppy"):
        add_feed(kb, site.server.url(f"/{name}"), name)
    watch(kb)
    broken, html = feed_row(kb, "broken"), feed_row(kb, "html")
    assert broken["last_error"] == f"{site.server.url('/broken')}: is not a well-formed feed (unclosed token)"
    assert html["last_error"] == f"{site.server.url('/html')}: is not an RSS or Atom feed (an HTML page?)"
    assert "\n" not in broken["last_error"] and broken["errors"] == 1
    assert kb.execute("SELECT title FROM articles").fetchone()[0] == "Cloud contract 1 & signed"


def test_an_entry_whose_page_is_gone_fails_alone_and_is_given_up_after_three_tries(
    site: Site, kb: Database
) -> None:
    site.server.routes["/rss"] = Route(rss2(site.items([1, 2, 3])), etag='"same"')
    site.pages([1, 3])  # no page 2
    add_feed(kb, site.server.url("/rss"), "wire")
    lines, _ = watch(kb)
    assert f"error: {site.link(2)}: answered HTTP 404" in lines
    assert " wire: 200, 2 new, 0 unchanged, 1 failed" in lines[-1]
    for attempt in (2, 3, 4):
        due_now(kb)
        watch(kb)  # 304: the failed entry is tried again from what was recorded, twice
    assert len(site.server.hits("/news/2")) == 3
    gone = kb.execute("SELECT status, attempts, error FROM feed_entries WHERE entry_id = 'guid-2'").fetchone()
    assert gone == ("gone", 3, f"{site.link(2)}: answered HTTP 404")
    assert kb["articles"].count == 2


# ---------------------------------------------------------------- politeness


def test_requests_name_newskb_and_one_host_gets_one_request_at_a_time_with_the_delay(
    site: Site, kb: Database
) -> None:
    site.server.routes["/rss"] = Route(rss2(site.items([1, 2, 3])))
    site.server.routes["/atom"] = Route(atom([item(4, link=site.link(4))]))
    site.pages([1, 2, 3, 4])
    add_feed(kb, site.server.url("/rss"), "rss")
    add_feed(kb, site.server.url("/atom"), "atom")
    watch(kb, delay=0.3)
    requests = sorted(site.server.requests, key=lambda r: r.started)
    assert len(requests) == 7  # two feeds, robots.txt, four pages
    assert all(r.headers["User-Agent"].startswith("newskb") for r in requests)
    gaps = [b.started - a.ended for a, b in itertools.pairwise(requests)]
    assert min(gaps) >= 0.29, gaps


def test_robots_txt_keeps_newskb_from_pages_it_disallows(site: Site, kb: Database) -> None:
    site.server.routes["/robots.txt"] = Route(
        b"User-agent: newskb\nDisallow: /news/2\n", content_type="text/plain"
    )
    site.server.routes["/rss"] = Route(rss2(site.items([1, 2])))
    site.pages([1, 2])
    add_feed(kb, site.server.url("/rss"), "wire")
    lines, _ = watch(kb)
    assert site.server.hits("/news/2") == [] and len(site.server.hits("/news/1")) == 1
    assert f"error: {site.link(2)}: robots.txt of {site.server.url('')} does not let newskb read it" in lines


def test_the_feed_own_pace_stretches_the_interval_within_a_day(site: Site, kb: Database) -> None:
    site.server.routes["/ttl"] = Route(rss2([], extra="<ttl>120</ttl>"))
    site.server.routes["/sy"] = Route(
        rss2([], extra="<sy:updatePeriod>daily</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency>")
    )
    site.server.routes["/cache"] = Route(rss2([]), headers={"Cache-Control": "public, max-age=3600"})
    site.server.routes["/often"] = Route(rss2([], extra="<ttl>1</ttl>"))
    for name in ("ttl", "sy", "cache", "often"):
        add_feed(kb, site.server.url(f"/{name}"), name, every_s=1800)
    before = dt.datetime.now(dt.UTC)
    watch(kb)
    waits = {
        name: round((utc(feed_row(kb, name)["next_poll"]) - before).total_seconds() / 60)
        for name in ("ttl", "sy", "cache", "often")
    }
    assert waits == {"ttl": 120, "sy": 360, "cache": 60, "often": 30}


# ---------------------------------------------------------------- the command


def test_watch_once_from_the_command_line(site: Site, tmp_path: Path) -> None:
    site.server.routes["/rss"] = Route(rss2(site.items([1], full=True)))
    db_path = tmp_path / "cli.db"
    run = [*NEWSKB, "feeds", "add", site.server.url("/rss"), "--name", "wire", "--db", str(db_path)]
    assert subprocess.run(run, capture_output=True, text=True, check=False).returncode == 0
    result = subprocess.run(
        [*NEWSKB, "watch", "--once", "--db", str(db_path), "--delay", "0", "--workers", "1"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert " wire: 200, 1 new, 0 unchanged, 0 failed, " in lines[0]
    assert lines[-1] == (f"{db_path}: 1 feed readings (0 failed); entries: 1 new, 0 unchanged, 0 failed")
    again = subprocess.run(
        [*NEWSKB, "watch", "--once", "--db", str(db_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert again.returncode == 0 and again.stderr.strip().endswith(
        "0 feed readings (0 failed); entries: 0 new, 0 unchanged, 0 failed"
    )


def _corpus_feed(site: Site, n: int) -> None:
    site.server.routes["/rss"] = Route(rss2(site.items(list(range(n)), full=True)), etag='"one"')


def test_sigterm_mid_article_stops_cleanly_and_leaves_only_whole_articles(site: Site, tmp_path: Path) -> None:
    n = 200
    _corpus_feed(site, n)
    db_path = tmp_path / "kb.db"
    add_feed(open_db(db_path), site.server.url("/rss"), "wire")
    proc = subprocess.Popen(
        [*NEWSKB, "watch", "--db", str(db_path), "--delay", "0", "--workers", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.time() + 120
        while time.time() < deadline and proc.poll() is None and whole_articles(db_path)[0] < 10:
            time.sleep(0.05)
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    stderr = proc.stderr.read() if proc.stderr else ""
    assert "SIGTERM: stopping after the article in hand" in stderr and "; stopped" in stderr
    check_integrity(db_path)
    count, broken = whole_articles(db_path)
    assert 10 <= count < n and broken == []
    con = sqlite3.connect(db_path)
    try:
        recorded = con.execute("SELECT count(*) FROM feed_entries WHERE status = 'stored'").fetchone()[0]
        assert recorded == count  # every stored article has its entry
        assert con.execute("SELECT etag FROM feeds").fetchone()[0] is None  # read again next time
    finally:
        con.close()
    result = subprocess.run(
        [*NEWSKB, "watch", "--once", "--db", str(db_path), "--delay", "0"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert f"entries: {n - count} new, {count} unchanged, 0 failed" in result.stderr
    assert whole_articles(db_path) == (n, [])


def test_serve_reads_the_knowledge_base_throughout_a_watch_with_no_errors(site: Site, tmp_path: Path) -> None:
    n = 120
    _corpus_feed(site, n)
    db_path = tmp_path / "kb.db"
    add_feed(open_db(db_path), site.server.url("/rss"), "wire")
    port = _free_port()
    server = subprocess.Popen(
        [*NEWSKB, "serve", "--db", str(db_path), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/kb"
    errors: list[str] = []
    seen: list[int] = []
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}.json", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        watcher = subprocess.Popen(
            [*NEWSKB, "watch", "--once", "--db", str(db_path), "--delay", "0"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        sql = (
            "select a.id, count(m.id) as n from articles a left join mentions m on m.article_id = a.id "
            "group by a.id"
        )
        urls = [
            f"{base}.json?" + urllib.parse.urlencode({"sql": sql, "_shape": "array"}),
            f"{base}/feeds.json?_shape=array",
            f"{base}/feed_entries.json?_shape=array&_size=5",
            f"{base}/articles.json?_search=contract&_shape=array",
        ]

        def reader() -> None:
            stop = time.time() + 120
            while watcher.poll() is None and time.time() < stop:
                for url in urls:
                    try:
                        with urllib.request.urlopen(url, timeout=10) as response:
                            rows = json.loads(response.read())
                        if "sql=" in url:
                            seen.extend(r["n"] for r in rows)
                    except Exception as exc:  # noqa: BLE001  every failure counts, whatever its type
                        errors.append(f"{url}: {exc}")

        readers = [threading.Thread(target=reader) for _ in range(4)]
        for t in readers:
            t.start()
        for t in readers:
            t.join()
        assert watcher.wait(timeout=180) == 0, watcher.stderr.read() if watcher.stderr else ""
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert errors == []
    assert len(seen) > 50 and set(seen) == {4}
    assert whole_articles(db_path) == (n, [])


@pytest.mark.skipif(not hasattr(os, "getpgid"), reason="POSIX only")
def test_watch_without_feeds_says_so(tmp_path: Path) -> None:
    db_path = tmp_path / "kb.db"
    open_db(db_path).close()
    result = subprocess.run(
        [*NEWSKB, "watch", "--db", str(db_path), "--once"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert result.stderr.strip() == f"Error: {db_path}: follows no feeds (add one with newskb feeds add URL)"

"""The feeds a knowledge base follows, and the watch loop that keeps it current.

State lives in the knowledge base (``feeds``, ``feed_entries``; see ``kb.schema``): what each
feed last answered (its validators, status, errors), when it is due, and every entry seen with
the article it became. ``Watcher.poll`` reads the feeds that are due (in parallel across hosts,
through ``ingest.feeds.Fetcher``), fetches the pages of new and changed entries (or takes the
entry's own full text) and ingests them with ``kb.build.ingest_sources``, so feeds get the same
pipeline, workers and one-line errors as ``newskb ingest``.

Stopping (``stop`` set, by SIGINT/SIGTERM in ``newskb watch``) ends the loop after the article in
hand is stored (each article is one transaction). A feed whose entries were not all handled keeps
its old validators, so its next reading sees them again.
"""
from __future__ import annotations

import datetime as dt
import random
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Self
from urllib.parse import urlsplit

from sqlite_utils import Database

from newskb.ingest.feeds import (
    DEFAULT_DELAY_S,
    DEFAULT_EVERY_S,
    Entry,
    FeedError,
    Fetched,
    Fetcher,
    ParsedFeed,
    backoff_interval,
    entry_article,
    pace_interval,
    page_article,
    parse_feed,
    read_opml,
)
from newskb.ingest.settings import ExtractionError, PipelineConfig
from newskb.ingest.sources import Article, Defaults, SourceError

MAX_ATTEMPTS = 3  # an entry whose article fails this many times is given up ('gone')
MAX_FETCHERS = 8  # feeds and pages read at once (each host one at a time)
MAX_WAIT_S = 60.0  # the watch loop looks for due feeds (and feeds added meanwhile) at least this often


class FeedsError(Exception):
    """A feed command that cannot be done; ``str()`` is a one-line message."""


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


# ---------------------------------------------------------------- feeds: add, list, remove


def default_name(url: str) -> str:
    """'https://www.example.com/rss/tech.xml' → 'example.com/rss/tech.xml'."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    return (host + parts.path.rstrip("/")) or url


def _check_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise FeedsError(f"{url}: not a feed address (use an http:// or https:// URL)")
    return url


def find_feed(db: Database, which: str) -> dict[str, Any] | None:
    """The feed named ``which``, or at that URL."""
    return next(db["feeds"].rows_where("name = ? OR url = ?", [which, which], limit=1), None)  # type: ignore[union-attr]


def add_feed(db: Database, url: str, name: str | None = None,
             every_s: int = DEFAULT_EVERY_S) -> dict[str, Any]:
    """Follow the feed at ``url`` (due at once); raises FeedsError when it or its name is taken."""
    url = _check_url(url)
    name = (name or "").strip() or default_name(url)
    for taken in (find_feed(db, url), find_feed(db, name)):
        if taken is not None:
            raise FeedsError(f"{url}: already followed as {taken['name']!r} ({taken['url']}); "
                             "remove it first, or choose another --name")
    with db.atomic():
        feed_id = db["feeds"].insert({  # type: ignore[union-attr]
            "url": url, "name": name, "every_s": int(every_s), "errors": 0, "added_at": iso(utc_now()),
        }).last_pk
    return db["feeds"].get(feed_id)  # type: ignore[union-attr]


def remove_feed(db: Database, which: str) -> dict[str, Any]:
    """Stop following a feed (by name or URL): its entries are forgotten, its articles stay."""
    feed = find_feed(db, which)
    if feed is None:
        raise FeedsError(f"{which}: no such feed (newskb feeds list shows them)")
    with db.atomic():
        db.execute("DELETE FROM feed_entries WHERE feed_id = ?", [feed["id"]])
        db.execute("DELETE FROM feeds WHERE id = ?", [feed["id"]])
    return feed


def list_feeds(db: Database) -> list[dict[str, Any]]:
    """Every feed with its state and how many of its entries became articles."""
    return list(db.query(
        "SELECT f.*, (SELECT count(*) FROM feed_entries e WHERE e.feed_id = f.id) AS entries, "
        "(SELECT count(*) FROM feed_entries e WHERE e.feed_id = f.id AND e.article_id IS NOT NULL) "
        "AS articles FROM feeds f ORDER BY f.name"))


def import_opml(db: Database, data: bytes, origin: str, every_s: int = DEFAULT_EVERY_S
                ) -> tuple[list[dict[str, Any]], list[str]]:
    """Follow every feed an OPML file lists; returns (feeds added, one line per feed skipped)."""
    added, skipped = [], []
    for url, title in read_opml(data, origin):
        try:
            added.append(add_feed(db, url, title, every_s))
        except FeedsError as exc:
            if title and "already followed" in str(exc) and find_feed(db, url) is None:
                added.append(add_feed(db, url, None, every_s))  # the title is taken by another feed
            else:
                skipped.append(str(exc))
    return added, skipped


def due_feeds(db: Database, now: dt.datetime) -> list[dict[str, Any]]:
    """Feeds due now: never read, or due within a tenth of their interval (a minute at most), so that
    a cron line on the same period as --every does not skip every other round."""
    due = []
    for feed in db["feeds"].rows_where(order_by="id"):  # type: ignore[union-attr]
        if feed["next_poll"] is None:
            due.append(feed)
            continue
        slack = dt.timedelta(seconds=min(60.0, (feed["every_s"] or DEFAULT_EVERY_S) / 10))
        if dt.datetime.fromisoformat(feed["next_poll"]) <= now + slack:
            due.append(feed)
    return due


# ---------------------------------------------------------------- the watch loop


class Stopped(Exception):
    """The watch loop was asked to stop; raised between two articles."""


@dataclass
class PollReport:
    """What one reading of one feed did: the log line of ``newskb watch``."""

    feed: str
    status: str = "error"
    new: int = 0
    unchanged: int = 0
    failed: int = 0
    seconds: float = 0.0
    error: str | None = None
    errors: list[str] = field(default_factory=list)  # one line per entry that failed

    def line(self) -> str:
        return (f"{self.feed}: {self.status}, {self.new} new, {self.unchanged} unchanged, "
                f"{self.failed} failed, {self.seconds:.2f} s" + (f" ({self.error})" if self.error else ""))


@dataclass
class WatchSummary:
    polls: int = 0
    feeds_failed: int = 0
    new: int = 0
    unchanged: int = 0
    failed: int = 0
    stopped: bool = False

    def add(self, report: PollReport) -> None:
        self.polls += 1
        self.feeds_failed += report.error is not None
        self.new += report.new
        self.unchanged += report.unchanged
        self.failed += report.failed

    def line(self) -> str:
        return (f"{self.polls} feed readings ({self.feeds_failed} failed); entries: {self.new} new, "
                f"{self.unchanged} unchanged, {self.failed} failed" + ("; stopped" if self.stopped else ""))


@dataclass(frozen=True)
class _Reading:
    """A feed's answer, fetched (and parsed) in a worker thread."""

    started: float
    fetched: Fetched | None = None
    parsed: ParsedFeed | None = None
    error: FeedError | None = None


class Watcher:
    """Reads due feeds into ``db``. ``log`` receives one line per reading and per failed entry."""

    def __init__(self, db: Database, *, defaults: Defaults = Defaults(),
                 config: PipelineConfig = PipelineConfig(), workers: int = 1, delay: float = DEFAULT_DELAY_S,
                 stop: threading.Event | None = None,
                 log: Callable[[str], None] = print, rng: random.Random | None = None) -> None:
        self.db = db
        self.defaults = defaults
        self.config = config
        self.workers = workers
        self.stop = stop or threading.Event()
        self.log = log
        self.rng = rng or random.Random()
        self.fetcher = Fetcher(defaults, delay)

    def close(self) -> None:
        self.fetcher.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(self, once: bool = False) -> WatchSummary:
        """Poll the due feeds; with ``once``, one round, else until ``stop`` is set."""
        summary = WatchSummary()
        try:
            while True:
                for report in self.poll():
                    summary.add(report)
                if once or self.stop.is_set():
                    break
                self.stop.wait(self.seconds_to_next())
                if self.stop.is_set():
                    break
        except Stopped:
            pass
        summary.stopped = self.stop.is_set()
        return summary

    def seconds_to_next(self) -> float:
        row = self.db.execute("SELECT min(coalesce(next_poll, '')) FROM feeds").fetchone()
        if row[0] is None:
            return MAX_WAIT_S
        if row[0] == "":
            return 0.0
        wait = (dt.datetime.fromisoformat(row[0]) - utc_now()).total_seconds()
        return min(max(wait, 0.0), MAX_WAIT_S)

    def poll(self, feeds: Iterable[dict[str, Any]] | None = None) -> list[PollReport]:
        """Read each due feed (or ``feeds``) once; the readings run in parallel, the writing here."""
        todo = list(due_feeds(self.db, utc_now()) if feeds is None else feeds)
        reports: list[PollReport] = []
        if not todo:
            return reports
        pool = ThreadPoolExecutor(min(MAX_FETCHERS, len(todo)), thread_name_prefix="newskb-fetch")
        try:
            readings = [(feed, pool.submit(self._read, feed)) for feed in todo]
            for feed, reading in readings:
                if self.stop.is_set():
                    raise Stopped
                report = self._handle(feed, reading.result(), pool)
                reports.append(report)
                for error in report.errors:
                    self.log(f"error: {error}")
                self.log(f"{iso(utc_now())} {report.line()}")
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return reports

    # -- reading (worker threads)

    def _read(self, feed: dict[str, Any]) -> _Reading:
        started = time.monotonic()
        if self.stop.is_set():
            return _Reading(started, error=FeedError(feed["url"], "not read: stopping"))
        try:
            fetched = self.fetcher.feed(feed["url"], feed["etag"], feed["last_modified"])
            parsed = parse_feed(fetched.body, feed["url"]) if fetched.body is not None else None
            return _Reading(started, fetched, parsed)
        except FeedError as exc:
            return _Reading(started, error=exc)

    # -- writing (this thread)

    def _handle(self, feed: dict[str, Any], reading: _Reading, pool: ThreadPoolExecutor) -> PollReport:
        report = PollReport(feed["name"])
        now = utc_now()
        if reading.error is not None:
            errors = (feed["errors"] or 0) + 1
            every = feed["every_s"] or DEFAULT_EVERY_S
            wait = backoff_interval(errors, every, reading.error.retry_after_s, self.rng)
            report.status = str(reading.error.status or "error")
            report.error = str(reading.error)
            with self.db.atomic():
                self.db["feeds"].update(feed["id"], {  # type: ignore[union-attr]
                    "last_polled": iso(now), "last_status": report.status, "last_error": report.error,
                    "errors": errors, "next_poll": iso(now + dt.timedelta(seconds=wait))})
            report.seconds = time.monotonic() - reading.started
            return report
        assert reading.fetched is not None
        fetched, parsed = reading.fetched, reading.parsed
        report.status = str(fetched.status)
        todo = self._plan(feed, parsed.entries if parsed else (), report)
        self._ingest(feed, todo, pool, report)  # raises Stopped when asked to stop
        pace = parsed.pace_s if parsed else feed["pace_s"]
        interval = pace_interval(feed["every_s"] or DEFAULT_EVERY_S, pace, fetched.max_age_s)
        values: dict[str, Any] = {
            "last_polled": iso(now), "last_status": report.status, "last_error": None, "errors": 0,
            "pace_s": pace, "next_poll": iso(now + dt.timedelta(seconds=interval)),
        }
        if fetched.status != 304:
            values.update(etag=fetched.etag, last_modified=fetched.last_modified)
        if parsed is not None:
            values.update(title=parsed.title or feed["title"], link=parsed.link or feed["link"])
        with self.db.atomic():
            self.db["feeds"].update(feed["id"], values)  # type: ignore[union-attr]
        report.seconds = time.monotonic() - reading.started
        return report

    def _plan(self, feed: dict[str, Any], entries: Iterable[Entry], report: PollReport) -> list[Entry]:
        """The entries to fetch: new ones, changed ones and failed ones due for another try. Entries
        whose link is already in the knowledge base are recorded against it without a fetch."""
        known = {r["entry_id"]: r for r in self.db.query(
            "SELECT entry_id, url, fingerprint, status FROM feed_entries WHERE feed_id = ?", [feed["id"]])}
        todo: dict[str, Entry] = {}
        for entry in entries:
            if entry.entry_id in todo:
                continue
            row = known.get(entry.entry_id)
            if row is not None:
                changed = row["status"] != "gone" and row["fingerprint"] != entry.fingerprint
                if row["status"] == "failed" or changed:
                    todo[entry.entry_id] = entry
                else:
                    report.unchanged += 1
                continue
            article_id = self._article_at(entry.url, feed["id"], entry.fingerprint) if entry.url else None
            if article_id is not None:
                self._record(feed, entry, "unchanged", article_id, fetched=False)
                report.unchanged += 1
            else:
                todo[entry.entry_id] = entry
        failed = self.db.query("SELECT * FROM feed_entries WHERE feed_id = ? AND status = 'failed'",
                               [feed["id"]])
        for row in failed:
            if row["entry_id"] not in todo:
                todo[row["entry_id"]] = Entry(row["entry_id"], row["url"], row["title"], None, None,
                                              row["fingerprint"])
        return list(todo.values())

    def _article_at(self, url: str, feed_id: int, fingerprint: str) -> int | None:
        """The article already read from ``url``: another entry of this feed with the same link and
        text (a reissue under a new id), an entry of another feed, or an article ingested by hand."""
        rows = list(self.db.query("SELECT feed_id, fingerprint, article_id FROM feed_entries "
                                  "WHERE url = ? AND article_id IS NOT NULL", [url]))
        mine = [r for r in rows if r["feed_id"] == feed_id]
        if mine:  # reissued by this feed: fetched again only when its text changed
            return next((int(r["article_id"]) for r in mine if r["fingerprint"] == fingerprint), None)
        if rows:
            return int(rows[0]["article_id"])
        row = self.db.execute("SELECT id FROM articles WHERE key = ?", [url]).fetchone()
        return int(row[0]) if row else None

    def _ingest(self, feed: dict[str, Any], entries: list[Entry], pool: ThreadPoolExecutor,
                report: PollReport) -> None:
        from newskb.kb.build import ingest_sources

        if not entries:
            return
        source = feed["name"]
        by_origin: dict[str, Entry] = {}
        items: list[Article | SourceError] = []
        pages: list[tuple[Entry, Future[list[Article | SourceError]]]] = []
        for entry in entries:
            if self.stop.is_set():
                raise Stopped
            try:
                article = entry_article(entry, feed["url"], source, self.defaults)
            except SourceError as exc:
                by_origin[exc.origin] = entry
                items.append(exc)
                continue
            if article is not None:
                by_origin[article.origin] = entry
                items.append(article)
            elif entry.url is None:
                error = SourceError(f"{feed['url']} entry {entry.entry_id}", "has no link and no text")
                by_origin[error.origin] = entry
                items.append(error)
            else:
                pages.append((entry, pool.submit(self.fetcher.page, entry.url)))
        for entry, page in pages:
            for item in page.result():
                if isinstance(item, Article):
                    try:
                        item = page_article(item, entry, source, self.defaults)
                    except SourceError as exc:
                        item = exc
                by_origin[item.origin] = entry
                items.append(item)
            if self.stop.is_set():
                raise Stopped
        unresolved: list[tuple[Entry, str]] = []

        def on_item(status: str, item: Article | SourceError | ExtractionError) -> None:
            entry = by_origin.get(item.origin)
            if entry is not None:
                if isinstance(item, Article):
                    article_id = self._article_of(item)
                    stored = status in ("added", "updated")
                    self._record(feed, entry, "stored" if stored else "unchanged", article_id)
                    if article_id is None:
                        unresolved.append((entry, item.content_hash))
                    if stored:
                        report.new += 1
                    else:
                        report.unchanged += 1
                else:
                    self._record_failure(feed, entry, str(item))
                    report.failed += 1
                    report.errors.append(str(item))
            if self.stop.is_set():
                raise Stopped

        ingest_sources(self.db, [], self.defaults, self.config, on_item=on_item, items=items,
                       workers=self.workers)
        for entry, content_hash in unresolved:
            # the same text came twice in this reading: the first one is stored now
            row = self.db.execute("SELECT id FROM articles WHERE content_hash = ?", [content_hash]).fetchone()
            if row:
                self._record(feed, entry, "unchanged", int(row[0]))

    def _article_of(self, article: Article) -> int | None:
        row = (self.db.execute("SELECT id FROM articles WHERE key = ?", [article.key]).fetchone()
               or self.db.execute("SELECT id FROM articles WHERE content_hash = ?",
                                  [article.content_hash]).fetchone())
        return int(row[0]) if row else None

    def _record(self, feed: dict[str, Any], entry: Entry, status: str, article_id: int | None,
                fetched: bool = True) -> None:
        now = iso(utc_now())
        with self.db.atomic():
            self.db.execute(
                """INSERT INTO feed_entries (feed_id, entry_id, url, title, article_id, status, fingerprint,
                                             attempts, error, first_seen, fetched_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
                   ON CONFLICT (feed_id, entry_id) DO UPDATE SET url = excluded.url, title = excluded.title,
                     article_id = coalesce(excluded.article_id, article_id), status = excluded.status,
                     fingerprint = excluded.fingerprint, attempts = attempts + excluded.attempts,
                     error = NULL,
                     fetched_at = coalesce(excluded.fetched_at, fetched_at)""",
                [feed["id"], entry.entry_id, entry.url, entry.title, article_id, status, entry.fingerprint,
                 int(fetched), now, now if fetched else None])

    def _record_failure(self, feed: dict[str, Any], entry: Entry, error: str) -> None:
        now = iso(utc_now())
        with self.db.atomic():
            self.db.execute(
                """INSERT INTO feed_entries (feed_id, entry_id, url, title, status, fingerprint, attempts,
                                             error, first_seen, fetched_at)
                   VALUES (?, ?, ?, ?, 'failed', ?, 1, ?, ?, ?)
                   ON CONFLICT (feed_id, entry_id) DO UPDATE SET attempts = attempts + 1,
                     error = excluded.error, fetched_at = excluded.fetched_at,
                     status = CASE WHEN attempts + 1 >= ? THEN 'gone' ELSE 'failed' END""",
                [feed["id"], entry.entry_id, entry.url, entry.title, entry.fingerprint, error, now, now,
                 MAX_ATTEMPTS])

"""Following feeds: reading RSS and Atom, and asking for them politely.

This module knows feeds and HTTP, not the knowledge base (``kb.feeds`` keeps the state and runs
the watch loop). ``parse_feed`` reads RSS 0.9x/1.0/2.0 and Atom with feedparser into typed
``Entry`` records; ``Fetcher`` asks for feeds and article pages the way feed readers converged on:

- a conditional GET (``If-None-Match`` / ``If-Modified-Since``): a 304 costs nothing more;
- one request at a time per host, with a delay between two (the larger of ``delay`` and the
  host's robots.txt ``Crawl-delay``), hosts in parallel;
- robots.txt honored for the article pages it fetches (the feeds themselves were subscribed to);
- a User-Agent that names newskb; the size and time limits of ``newskb ingest`` (``Defaults``).

The schedule is computed here too: the feed's own pace (``Cache-Control: max-age``, RSS ``ttl``,
``sy:updatePeriod``) within ``--every``, ``Retry-After`` on 429/503, and exponential backoff with
jitter after errors.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import random
import re
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any, Self
from urllib.parse import urlsplit

from newskb.ingest.sources import (
    Article,
    Defaults,
    SourceError,
    clean_text,
    fetch_url,
    finish,
    parse_published,
)
from newskb.ingest.version import package_version

USER_AGENT = f"newskb/{package_version()} (+https://pypi.org/project/newskb; feed reader)"
DEFAULT_EVERY_S = 30 * 60
# However slowly a feed asks to be read, it is read at least daily; after errors, backoff stops there too.
MAX_INTERVAL_S = 24 * 60 * 60
DEFAULT_DELAY_S = 1.0  # between two requests to one host
# The text a feed entry carries counts as the whole article from this length on; a shorter one is a
# teaser, and the article's page is read instead.
MIN_CONTENT_CHARS = 300
ROBOTS_TTL_S = 24 * 60 * 60
ROBOTS_ERROR_TTL_S = 10 * 60  # a robots.txt that could not be read is asked for again this soon
SY_PERIODS = {"hourly": 3600, "daily": 86400, "weekly": 7 * 86400, "monthly": 30 * 86400,
              "yearly": 365 * 86400}
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class FeedError(SourceError):
    """A feed that cannot be read this time (network, HTTP status, not a feed). ``retry_after_s``:
    how long the server asked us to wait (429/503 with Retry-After), when it did."""

    def __init__(self, origin: str, problem: str, status: int | None = None,
                 retry_after_s: float | None = None) -> None:
        super().__init__(origin, problem)
        self.status = status
        self.retry_after_s = retry_after_s


def parse_interval(text: str) -> int:
    """'30m', '2h', '1d', '90s', '1h30m' → seconds; raises ValueError with a hint otherwise."""
    parts = re.findall(r"(\d+)\s*([smhd])", text.strip().lower())
    if not parts or re.sub(r"\d+\s*[smhd]|\s", "", text.strip().lower()):
        raise ValueError(f"{text!r} is not an interval (use a number and a unit: 90s, 30m, 2h, 1d)")
    seconds = sum(int(n) * _UNITS[unit] for n, unit in parts)
    if seconds < 1:
        raise ValueError(f"{text!r} is shorter than a second")
    return seconds


def format_interval(seconds: float) -> str:
    """1800 → '30m', 5400 → '1h30m', 45 → '45s'."""
    left, out = round(seconds), ""
    for unit in "dhms":
        n, left = divmod(left, _UNITS[unit])
        if n:
            out += f"{n}{unit}"
    return out or "0s"


# ---------------------------------------------------------------- parsing


@dataclass(frozen=True)
class Entry:
    """One item of a feed, as the feed gives it."""

    entry_id: str  # the feed's own id (RSS guid, Atom id), else the link, else a hash of title and text
    url: str | None
    title: str | None
    published: dt.date | None  # in the date's own time zone
    text: str | None  # the article's text when the feed carries all of it (content:encoded, atom:content)
    fingerprint: str  # SHA-256 of title and the text given: a changed entry has another one


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    link: str | None
    entries: tuple[Entry, ...]
    pace_s: int | None  # how often the feed says it is worth reading (ttl, sy:updatePeriod), if it says


def parse_feed(data: bytes, origin: str) -> ParsedFeed:
    """RSS 0.9x, 1.0, 2.0 or Atom → entries. XML with a mistake the parser can read past (an
    unescaped &) still gives its entries; a document that is no feed raises ``FeedError``."""
    import feedparser

    parsed = feedparser.parse(data)
    # an entry with neither a link nor its text cannot become an article (a feed cut short ends in one)
    entries = tuple(e for e in (_entry(raw) for raw in parsed.entries) if e is not None and (e.url or e.text))
    if not entries and (parsed.bozo or not parsed.version):
        reason = parsed.get("bozo_exception")
        if parsed.bozo and reason is not None:
            # expat's message without its position (feedparser may have added a line before the first)
            problem = re.sub(r"^<unknown>:[0-9:]+ ", "", str(reason))
            raise FeedError(origin, f"is not a well-formed feed ({problem})")
        raise FeedError(origin, "is not an RSS or Atom feed (an HTML page?)")
    feed = parsed.feed
    return ParsedFeed(title=_clean(feed.get("title")), link=feed.get("link"), entries=entries,
                      pace_s=_pace(feed))


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _entry(raw: Any) -> Entry | None:
    url = raw.get("link") or None
    title = _clean(raw.get("title"))
    contents = [c.get("value") or "" for c in raw.get("content") or [] if "html" in (c.get("type") or "html")]
    full = max((_html_text(c) for c in contents), key=len, default="")
    summary = raw.get("summary") or ""
    text = full if len(full) >= MIN_CONTENT_CHARS else None
    if text is None and len(summary) >= MIN_CONTENT_CHARS * 2:
        # RSS 2.0 puts the whole article in <description> when it has no content:encoded
        long_summary = _html_text(summary)
        text = long_summary if len(long_summary) >= MIN_CONTENT_CHARS * 2 else None
    fingerprint = hashlib.sha256("\x1f".join([title or "", text or _html_text(summary)]).encode()).hexdigest()
    entry_id = (raw.get("id") or "").strip() or url or (f"sha256:{fingerprint}" if title or summary else None)
    if entry_id is None:
        return None
    published = None
    for name in ("published", "updated", "created"):
        if raw.get(name):
            try:
                published = parse_published(raw[name], "entry")
                break
            except SourceError:
                continue
    return Entry(entry_id=entry_id, url=url, title=title, published=published, text=text,
                 fingerprint=fingerprint)


def _html_text(html: str) -> str:
    """The text of an HTML fragment (a feed entry's content), paragraphs on their own lines."""
    if "<" not in html:
        return clean_text(html)
    import trafilatura

    text = trafilatura.extract(f"<html><body><article>{html}</article></body></html>", include_comments=False,
                               favor_recall=True)
    return clean_text(text or "")


def _pace(feed: Any) -> int | None:
    """Seconds between two readings the feed asks for: RSS <ttl> (minutes), else sy:updatePeriod
    divided by sy:updateFrequency."""
    ttl = str(feed.get("ttl") or "").strip()
    if ttl.isdigit() and int(ttl) > 0:
        return int(ttl) * 60
    period = SY_PERIODS.get(str(feed.get("sy_updateperiod") or "").strip().lower())
    if period:
        frequency = str(feed.get("sy_updatefrequency") or "1").strip()
        return period // max(1, int(frequency)) if frequency.isdigit() else period
    return None


def entry_article(entry: Entry, feed_url: str, source: str | None, defaults: Defaults) -> Article | None:
    """The article an entry carries in full, finished like any source; None when it carries a teaser."""
    if entry.text is None:
        return None
    key = entry.url or f"{feed_url}#{entry.entry_id}"
    article = Article(text=entry.text, origin=entry.url or f"{feed_url} entry {entry.entry_id}", key=key,
                      title=entry.title, url=entry.url, published=entry.published, source=source)
    return finish(article, defaults)


def page_article(article: Article, entry: Entry, source: str | None, defaults: Defaults) -> Article:
    """A page read for an entry, with what the feed says better than the page: its title and date,
    and the feed's name as the source."""
    article = replace(article, title=entry.title or article.title,
                      published=entry.published or article.published, source=source or article.source,
                      url=entry.url or article.url, origin=entry.url or article.origin)
    return finish(article, defaults)


def read_opml(data: bytes, origin: str) -> list[tuple[str, str | None]]:
    """(feed URL, title) of every subscription in an OPML file, folders read through."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise SourceError(origin, f"is not valid OPML ({exc})") from None
    if root.tag.lower() != "opml":
        raise SourceError(origin, f"is not OPML (its root element is <{root.tag}>)")
    found = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url:
            found.append((url, _clean(outline.get("title") or outline.get("text"))))
    if not found:
        raise SourceError(origin, "lists no feeds (no <outline xmlUrl=…>)")
    return found


# ---------------------------------------------------------------- schedule


def pace_interval(every_s: float, pace_s: float | None, max_age_s: float | None) -> float:
    """Seconds until the next reading: ``every_s``, or longer when the feed asks (ttl,
    sy:updatePeriod, Cache-Control max-age), a day at most."""
    asked = max(pace_s or 0, max_age_s or 0)
    return max(every_s, min(asked, MAX_INTERVAL_S))


def backoff_interval(errors: int, every_s: float, retry_after_s: float | None = None,
                     rng: random.Random | None = None) -> float:
    """Seconds until a feed that failed ``errors`` times in a row is read again: what Retry-After
    asked (a day at most), else ``every_s`` doubled per error with jitter (half to all of it), a
    day at most."""
    if retry_after_s is not None:
        return min(max(retry_after_s, 1.0), MAX_INTERVAL_S)
    ceiling = min(every_s * 2 ** max(errors, 1), MAX_INTERVAL_S)
    return ceiling * (rng or random).uniform(0.5, 1.0)


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def max_age_seconds(cache_control: str | None) -> float | None:
    if not cache_control or "no-cache" in cache_control.lower() or "no-store" in cache_control.lower():
        return None
    m = re.search(r"(?:^|[,\s])max-age\s*=\s*\"?(\d+)", cache_control, flags=re.IGNORECASE)
    return float(m.group(1)) if m else None


# ---------------------------------------------------------------- politeness


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class HostGate:
    """One request at a time per host, ``delay`` seconds from the end of one to the start of the
    next (longer where robots.txt asks: ``slow_down``). Threads waiting for different hosts do not
    wait for each other."""

    def __init__(self, delay: float = DEFAULT_DELAY_S) -> None:
        self.delay = delay
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._last_end: dict[str, float] = {}
        self._delays: dict[str, float] = {}

    def slow_down(self, host: str, delay: float) -> None:
        with self._guard:
            self._delays[host] = max(delay, self._delays.get(host, 0.0))

    @contextmanager
    def turn(self, url: str) -> Iterator[None]:
        host = host_of(url)
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            delay = max(self.delay, self._delays.get(host, 0.0))
            wait = self._last_end.get(host, 0.0) + delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                self._last_end[host] = time.monotonic()


@dataclass(frozen=True)
class Fetched:
    """A feed's answer: 200 with a body, or 304 (unchanged since the validators we sent)."""

    status: int
    body: bytes | None
    etag: str | None
    last_modified: str | None
    max_age_s: float | None


class Fetcher:
    """HTTP for the watch loop: feeds by conditional GET, pages through ``fetch_url`` after robots.txt.
    Safe to use from several threads (one per host at a time, by ``HostGate``)."""

    def __init__(self, defaults: Defaults = Defaults(), delay: float = DEFAULT_DELAY_S) -> None:
        import httpx

        self.defaults = defaults
        self.gate = HostGate(delay)
        self.client = httpx.Client(follow_redirects=True, max_redirects=5, timeout=defaults.timeout,
                                   headers={"User-Agent": USER_AGENT})
        self._robots: dict[str, tuple[float, Any]] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._robots_lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def feed(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET a feed, conditionally; raises ``FeedError`` (with Retry-After when the server gave one)."""
        import httpx

        headers = {"Accept": "application/rss+xml, application/atom+xml, application/rdf+xml, "
                             "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            with self.gate.turn(url), self.client.stream("GET", url, headers=headers) as response:
                max_age = max_age_seconds(response.headers.get("cache-control"))
                if response.status_code == 304:
                    return Fetched(304, None, etag, last_modified, max_age)
                if response.status_code >= 400:
                    retry = (retry_after_seconds(response.headers.get("retry-after"))
                             if response.status_code in (429, 503) else None)
                    raise FeedError(url, f"answered HTTP {response.status_code}"
                                         + (f" (retry after {retry:.0f} s)" if retry is not None else ""),
                                    status=response.status_code, retry_after_s=retry)
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > self.defaults.max_bytes:
                        raise FeedError(url, f"is over the limit of {self.defaults.max_bytes:,} bytes "
                                             "(raise it with --max-bytes)")
                return Fetched(response.status_code, bytes(body), response.headers.get("etag"),
                               response.headers.get("last-modified"), max_age)
        except httpx.TooManyRedirects:
            raise FeedError(url, "redirects too many times (a redirect loop?)") from None
        except httpx.TimeoutException:
            raise FeedError(url, f"did not answer within {self.defaults.timeout:g} seconds") from None
        except httpx.HTTPError as exc:
            raise FeedError(url, f"cannot be fetched ({exc.__class__.__name__}: {exc})") from None

    def page(self, url: str) -> list[Article | SourceError]:
        """The article of one page (``sources.fetch_url``), when robots.txt lets newskb read it."""
        if not url.lower().startswith(("http://", "https://")):
            return [SourceError(url, "only http:// and https:// pages can be read")]
        allowed, why = self.robots_allow(url)
        if not allowed:
            return [SourceError(url, why)]
        with self.gate.turn(url):
            return list(fetch_url(url, self.defaults))

    def robots_allow(self, url: str) -> tuple[bool, str]:
        """Whether the host's robots.txt lets newskb fetch ``url`` (RFC 9309: none, or a 4xx, allows
        all; a server error or no answer allows nothing, for now)."""
        host = host_of(url)
        with self._robots_lock:
            lock = self._robots_locks.setdefault(host, threading.Lock())
        with lock:  # one reading of a host's robots.txt, whichever thread asks first
            cached = self._robots.get(host)
            if cached is None or cached[0] < time.monotonic():
                cached = self._robots[host] = self._read_robots(host)
        rules = cached[1]
        if rules is None:
            return True, ""
        if isinstance(rules, str):
            return False, rules
        if not rules.can_fetch(url, "newskb"):
            return False, f"robots.txt of {host} does not let newskb read it"
        return True, ""

    def _read_robots(self, host: str) -> tuple[float, Any]:
        import httpx
        from protego import Protego

        url = f"{host}/robots.txt"
        try:
            with self.gate.turn(url):
                response = self.client.get(url)
        except httpx.HTTPError as exc:
            return time.monotonic() + ROBOTS_ERROR_TTL_S, (
                f"robots.txt of {host} could not be read ({exc.__class__.__name__}): pages there wait")
        expires = time.monotonic() + ROBOTS_TTL_S
        if 400 <= response.status_code < 500:
            return expires, None
        if response.status_code >= 500:
            return time.monotonic() + ROBOTS_ERROR_TTL_S, (
                f"robots.txt of {host} answered HTTP {response.status_code}: pages there wait")
        rules = Protego.parse(response.content[: 512 * 1024].decode("utf-8", errors="replace"))
        delay = rules.crawl_delay("newskb")
        if delay:
            self.gate.slow_down(host, min(float(delay), 60.0))
        return expires, rules


__all__ = [
    "DEFAULT_DELAY_S",
    "DEFAULT_EVERY_S",
    "Entry",
    "FeedError",
    "Fetched",
    "Fetcher",
    "HostGate",
    "ParsedFeed",
    "backoff_interval",
    "entry_article",
    "format_interval",
    "pace_interval",
    "page_article",
    "parse_feed",
    "parse_interval",
    "read_opml",
    "retry_after_seconds",
]

"""A web server on loopback for the feed tests: feeds and article pages they serve themselves.

``LoopbackServer`` runs ``http.server`` in a thread on 127.0.0.x (a port the system picks) and
answers from ``routes``: each path a ``Route`` (status, body, headers, ETag / Last-Modified that
turn a matching conditional request into a 304, a delay). It records every request. Used as a
context manager, it always stops and closes its port.

``rss2``, ``rss1`` and ``atom`` write feeds; ``page`` an article page.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]
    started: float
    ended: float


class LoopbackServer:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                started = time.monotonic()
                route = server.routes.get(self.path)
                try:
                    if route is None:
                        self._answer(404, b"not found", "text/plain", {})
                        return
                    if route.delay:
                        time.sleep(route.delay)
                    etag_ok = route.etag and self.headers.get("If-None-Match") == route.etag
                    date_ok = (
                        route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified
                    )
                    validators = {
                        k: v for k, v in (("ETag", route.etag), ("Last-Modified", route.last_modified)) if v
                    }
                    if route.status == 200 and (etag_ok or date_ok):
                        self._answer(304, b"", None, validators)
                        return
                    self._answer(
                        route.status, route.body, route.content_type, {**validators, **route.headers}
                    )
                finally:
                    with server._lock:
                        server.requests.append(
                            Request(self.path, dict(self.headers), started, time.monotonic())
                        )

            def _answer(
                self, status: int, body: bytes, content_type: str | None, headers: dict[str, str]
            ) -> None:
                try:
                    self.send_response(status)
                    if content_type:
                        self.send_header("Content-Type", content_type)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if body:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.host, self.port = self.httpd.server_address[:2]
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def hits(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=10)


def http_date(timestamp: float) -> str:
    return formatdate(timestamp, usegmt=True)


@dataclass(frozen=True)
class Item:
    guid: str
    link: str
    title: str
    published: str = "Mon, 03 Nov 2025 09:00:00 +0000"
    summary: str = "A short teaser."
    content: str | None = None  # full HTML text, as content:encoded / atom:content


def rss2(items: list[Item], title: str = "Loopback Wire", extra: str = "") -> bytes:
    parts = [
        f"<item><title>{escape(i.title)}</title><link>{escape(i.link)}</link>"
        f'<guid isPermaLink="false">{escape(i.guid)}</guid><pubDate>{i.published}</pubDate>'
        f"<description>{escape(i.summary)}</description>"
        + (f"<content:encoded><![CDATA[{i.content}]]></content:encoded>" if i.content else "")
        + "</item>"
        for i in items
    ]
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">'
        f"<channel><title>{escape(title)}</title><link>http://loopback.test/</link>{extra}"
        + "".join(parts)
        + "</channel></rss>"
    ).encode()


def rss1(items: list[Item], title: str = "Loopback RDF") -> bytes:
    seq = "".join(f'<rdf:li rdf:resource="{escape(i.link)}"/>' for i in items)
    parts = [
        f'<item rdf:about="{escape(i.link)}"><title>{escape(i.title)}</title><link>{escape(i.link)}</link>'
        f"<dc:date>2025-11-03T09:00:00+09:00</dc:date><description>{escape(i.summary)}</description></item>"
        for i in items
    ]
    return (
        '<?xml version="1.0" encoding="utf-8"?><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<channel rdf:about="http://loopback.test/"><title>{escape(title)}</title>'
        f"<link>http://loopback.test/</link><items><rdf:Seq>{seq}</rdf:Seq></items></channel>"
        + "".join(parts)
        + "</rdf:RDF>"
    ).encode()


def atom(items: list[Item], title: str = "Loopback Atom") -> bytes:
    parts = [
        f"<entry><id>{escape(i.guid)}</id><title>{escape(i.title)}</title>"
        f'<link rel="alternate" href="{escape(i.link)}"/><updated>2025-11-03T09:00:00Z</updated>'
        f"<summary>{escape(i.summary)}</summary>"
        + (f'<content type="html">{escape(i.content)}</content>' if i.content else "")
        + "</entry>"
        for i in items
    ]
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:loopback:{escape(title)}</id>"
        "<updated>2025-11-03T09:00:00Z</updated>" + "".join(parts) + "</feed>"
    ).encode()


def page(title: str, paragraphs: list[str]) -> Route:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    html = (
        f"<!doctype html><html><head><title>{escape(title)}</title></head><body><nav>Home | World</nav>"
        f"<article><h1>{escape(title)}</h1>{body}</article><footer>(c) Loopback News</footer></body></html>"
    )
    return Route(html.encode(), content_type="text/html; charset=utf-8")

"""Reading sources into article records.

A source is a file, a folder (read recursively), ``-`` (standard input) or an http(s) URL.
``read_source`` yields an ``Article`` for every article it holds and a ``SourceError`` for every
part that could not be read, so one bad file or line never costs the good ones. A publication
date is read here, once, into a ``datetime.date``; it keeps that type until the store writes it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

import frontmatter
from charset_normalizer import from_bytes
from dateutil import parser as dateparser

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
# Sidecar and annotation files that sit beside articles and are not articles themselves.
SKIPPED_SUFFIXES = (".meta.json", ".gold.json")
SKIPPED_NAMES = {"README.md", "README.txt", "LICENSE", "LICENSE.md"}
FIELDS = ("title", "text", "url", "published", "source", "lang")

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_TIMEOUT = 20.0


class SourceError(Exception):
    """A source, or one record of it, that cannot be read. ``str()`` is a one-line message."""

    def __init__(self, origin: str, problem: str) -> None:
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem


@dataclass
class Article:
    text: str
    origin: str
    key: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    source: str | None = None
    lang: str | None = None

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        """Plain values, the publication date as an ISO string (YYYY-MM-DD)."""
        out = asdict(self)
        out["published"] = self.published.isoformat() if self.published else None
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        published = data.get("published")
        return cls(**{**data, "published": dt.date.fromisoformat(published) if published else None})


@dataclass(frozen=True)
class Defaults:
    """What the command line says about sources that do not say it themselves."""

    published: dt.date | None = None
    source: str | None = None
    lang: str = "auto"
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT


# ---------------------------------------------------------------- text clean-up


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


LEGACY_ENCODINGS = ("cp932", "euc_jp", "iso2022_jp", "utf-16", "gb18030", "cp1252")


def decode(data: bytes, origin: str) -> str:
    """Bytes → text: BOMs, UTF-8, then the legacy encoding (Shift_JIS, EUC-JP, UTF-16…) that reads best."""
    if not data.strip():
        raise SourceError(origin, "is empty")
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise SourceError(origin, "is a binary file, not text (an image, a PDF, an archive?)")
    mostly_utf8 = data.decode("utf-8", errors="replace")
    if mostly_utf8.count("\ufffd") <= max(1, len(mostly_utf8) // 200):
        return mostly_utf8  # UTF-8 with a stray bad byte or two
    readings = []
    for encoding in LEGACY_ENCODINGS:
        try:
            readings.append(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    if readings:
        return max(readings, key=_plausibility)
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding is not None:
        return data.decode(best.encoding, errors="replace")
    return data.decode("utf-8", errors="replace")


def _plausibility(text: str) -> int:
    """How much a decoding looks like real text: kana, kanji and ASCII words up; mojibake down."""
    good = len(re.findall(r"[\u3040-\u30ff\u4e00-\u9fff\u3000-\u303fA-Za-z0-9 ]", text))
    bad = len(re.findall(r"[\uff61-\uff9f\ue000-\uf8ff\x80-\xbf\ufffd]"
                         r"|[^\x00-\u2fff\u3000-\u9fff\uff00-\uffef]", text))
    return good - 3 * bad


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if sample.startswith((b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04")):
        return True
    zeros = sample.count(b"\x00")
    return zeros > len(sample) // 10


def clean_text(text: str) -> str:
    """One newline convention, no NULs or control characters, no trailing spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = _CONTROL.sub("", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def detect_lang(text: str) -> str:
    """'ja' when a noticeable share of the letters are kana or kanji, else 'en'."""
    sample = text[:5000]
    japanese = len(re.findall(r"[\u3040-\u30ff\u4e00-\u9fff]", sample))
    letters = len(re.findall(r"\w", sample)) or 1
    return "ja" if japanese / letters > 0.05 else "en"


def parse_published(value: Any, origin: str) -> dt.date | None:
    """Any common date form → a ``datetime.date``; raises SourceError for one that is not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise SourceError(origin, f"'published' must be a date string, not {type(value).__name__} {value!r}")
    text = unicodedata.normalize("NFKC", value).strip()
    m = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日.*", text)
    if m:
        text = f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"
    try:
        return dateparser.parse(text, default=dt.datetime(2000, 1, 1)).date()
    except (ValueError, OverflowError):
        raise SourceError(origin, f"'published' is not a date: {value!r} (use YYYY-MM-DD)") from None


def _first_line_title(text: str) -> str | None:
    for line in text.split("\n"):
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:500]
    return None


def finish(article: Article, defaults: Defaults) -> Article:
    """Fill what the source did not say from the defaults; check what must be there."""
    text = clean_text(article.text)
    if not text:
        raise SourceError(article.origin, "has no article text")
    published = article.published or defaults.published
    lang = article.lang or (None if defaults.lang == "auto" else defaults.lang) or detect_lang(text)
    if lang not in ("ja", "en"):
        raise SourceError(article.origin, f"language {lang!r} is not supported (use ja or en)")
    return replace(
        article,
        text=text,
        title=(article.title or _first_line_title(text) or "").strip() or None,
        published=published,
        source=article.source or defaults.source,
        lang=lang,
    )


# ---------------------------------------------------------------- formats


def _from_mapping(obj: Any, origin: str, key: str) -> Article:
    if not isinstance(obj, dict):
        raise SourceError(origin, f"expected a JSON object with 'text', got {type(obj).__name__}")
    text = obj.get("text")
    if text is None:
        raise SourceError(origin, "has no 'text' field")
    for name in ("text", "title", "url", "source", "lang"):
        if obj.get(name) is not None and not isinstance(obj[name], str):
            raise SourceError(origin, f"'{name}' must be a string, not {type(obj[name]).__name__}")
    return Article(
        text=text,
        origin=origin,
        key=obj.get("url") or key,
        title=obj.get("title"),
        url=obj.get("url"),
        published=parse_published(obj.get("published"), origin),
        source=obj.get("source"),
        lang=obj.get("lang"),
    )


def parse_text(text: str, origin: str, key: str, meta: dict[str, Any] | None = None) -> Article:
    """Plain text or Markdown, with optional YAML front matter; the first line is the title."""
    try:
        post = frontmatter.loads(text)
        fields, body = dict(post.metadata), post.content
    except Exception as exc:  # noqa: BLE001  the YAML parser raises many types; any of them means bad front matter
        raise SourceError(origin, f"has unreadable front matter ({exc.__class__.__name__})") from None
    fields = {**(meta or {}), **fields}
    fields["text"] = body
    return _from_mapping(fields, origin, key)


def parse_html(html: str, origin: str, key: str, url: str | None = None) -> Article:
    """The main text, title and date of an HTML page, by trafilatura."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if doc is None:
        raise SourceError(origin, "has no article body that could be extracted")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    if len(text.strip()) < 20:
        raise SourceError(origin, "has no article body that could be extracted")
    published = data.get("date")
    try:
        published = parse_published(published, origin)
    except SourceError:
        published = None  # a page's guessed date is a hint, not a promise
    return Article(
        text=text,
        origin=origin,
        key=url or data.get("url") or key,
        title=data.get("title"),
        url=url or data.get("url"),
        published=published,
        source=data.get("sitename"),
    )


def parse_json(text: str, origin: str, key: str, lines: bool) -> Iterator[Article | SourceError]:
    """A JSON object or list of objects, or JSON Lines (one object per line)."""
    if lines:
        for number, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            where = f"{origin} line {number}"
            try:
                yield _from_mapping(json.loads(line), where, f"{key}#{number}")
            except json.JSONDecodeError as exc:
                yield SourceError(where, f"is not valid JSON ({exc.msg})")
            except SourceError as exc:
                yield exc
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield SourceError(origin, f"is not valid JSON ({exc.msg} at line {exc.lineno})")
        return
    items = data if isinstance(data, list) else [data]
    for index, obj in enumerate(items):
        where = origin if len(items) == 1 else f"{origin} item {index + 1}"
        try:
            yield _from_mapping(obj, where, key if len(items) == 1 else f"{key}#{index + 1}")
        except SourceError as exc:
            yield exc


def parse_bytes(data: bytes, origin: str, key: str, kind: str, meta: dict[str, Any] | None = None,
                url: str | None = None) -> Iterator[Article | SourceError]:
    """Articles in ``data`` of the given kind: text, html, json, jsonl or auto (guess from content)."""
    try:
        text = decode(data, origin)
    except SourceError as exc:
        yield exc
        return
    if kind == "auto":
        kind = _guess_kind(text)
    try:
        if kind == "html":
            yield parse_html(text, origin, key, url)
        elif kind in ("json", "jsonl"):
            yield from parse_json(text, origin, key, lines=kind == "jsonl")
        else:
            yield parse_text(text, origin, key, meta)
    except SourceError as exc:
        yield exc


def _guess_kind(text: str) -> str:
    head = text.lstrip()[:1000].lower()
    if head.startswith(("{", "[")):
        first_line = text.strip().split("\n", 1)[0]
        try:
            json.loads(first_line)
            return "jsonl" if head.startswith("{") and "\n" in text.strip() else "json"
        except json.JSONDecodeError:
            return "json"
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    return "text"


def _kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix == ".json":
        return "json"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    return "text"


def _sidecar_meta(path: Path) -> dict[str, Any] | None:
    """``NAME.meta.json`` beside ``NAME.txt`` says what the text file cannot (url, date, source)."""
    sidecar = path.with_name(path.stem + ".meta.json")
    if not sidecar.exists():
        return None
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise SourceError(str(sidecar), f"is not valid JSON ({exc})") from None
    return {k: v for k, v in meta.items() if k in FIELDS and k != "text" and v is not None}


def read_file(path: Path, defaults: Defaults) -> Iterator[Article | SourceError]:
    origin = str(path)
    suffix = path.suffix.lower()
    if suffix not in KNOWN_SUFFIXES:
        yield SourceError(origin, f"has an unknown format '{suffix or '(no extension)'}' "
                                  "(use .txt, .md, .html, .json or .jsonl)")
        return
    try:
        size = path.stat().st_size
        if size > defaults.max_bytes:
            yield SourceError(origin, f"is {size:,} bytes, over the limit of {defaults.max_bytes:,} "
                                      "(raise it with --max-bytes)")
            return
        data = path.read_bytes()
        meta = _sidecar_meta(path) if suffix in TEXT_SUFFIXES else None
    except SourceError as exc:
        yield exc
        return
    except OSError as exc:
        yield SourceError(origin, f"cannot be read ({exc.strerror})")
        return
    yield from parse_bytes(data, origin, str(path.resolve()), _kind_of(path), meta)


def _is_article_file(path: Path) -> bool:
    name = path.name
    return (path.is_file() and not name.startswith(".") and name not in SKIPPED_NAMES
            and not name.endswith(SKIPPED_SUFFIXES) and path.suffix.lower() in KNOWN_SUFFIXES)


def read_folder(folder: Path, defaults: Defaults) -> Iterator[Article | SourceError]:
    files = sorted(p for p in folder.rglob("*") if _is_article_file(p))
    if not files:
        yield SourceError(str(folder), "is a folder with no articles (.txt, .md, .html, .json, .jsonl)")
        return
    for path in files:
        yield from read_file(path, defaults)


def fetch_url(url: str, defaults: Defaults) -> Iterator[Article | SourceError]:
    """Download one page (bounded in size and time) and read its article."""
    import httpx  # imported here: a tenth of a second of every start-up, for URLs only

    try:
        with (httpx.Client(follow_redirects=True, max_redirects=5, timeout=defaults.timeout,
                           headers={"User-Agent": "newskb (+https://pypi.org/project/newskb)"}) as client,
              client.stream("GET", url) as response):
            if response.status_code >= 400:
                yield SourceError(url, f"answered HTTP {response.status_code}")
                return
            content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > defaults.max_bytes:
                    yield SourceError(url, f"is over the limit of {defaults.max_bytes:,} bytes "
                                           "(raise it with --max-bytes)")
                    return
    except httpx.TooManyRedirects:
        yield SourceError(url, "redirects too many times (a redirect loop?)")
        return
    except httpx.TimeoutException:
        yield SourceError(url, f"did not answer within {defaults.timeout:g} seconds")
        return
    except httpx.HTTPError as exc:
        yield SourceError(url, f"cannot be fetched ({exc.__class__.__name__}: {exc})")
        return
    if content_type in ("application/json", "application/x-ndjson"):
        kind = "jsonl" if "ndjson" in content_type else "json"
    elif content_type in ("text/html", "application/xhtml+xml", ""):
        kind = "html"
    elif content_type in ("text/plain", "text/markdown"):
        kind = "text"
    else:
        yield SourceError(url, f"is {content_type}, not an HTML page or text")
        return
    yield from parse_bytes(bytes(body), url, url, kind, url=url if kind == "html" else None)


def read_source(source: str, defaults: Defaults = Defaults(), stdin: BinaryIO | None = None
                ) -> Iterator[Article | SourceError]:
    """Every article of one source, finished with the defaults, or the errors met reading it."""
    if source == "-":
        stream = stdin or sys.stdin.buffer
        data = stream.read(defaults.max_bytes + 1)
        if len(data) > defaults.max_bytes:
            items: Iterator[Article | SourceError] = iter(
                [SourceError("-", f"standard input is over the limit of {defaults.max_bytes:,} bytes")])
        else:
            items = parse_bytes(data, "-", "stdin:" + hashlib.sha256(data).hexdigest(), "auto")
    elif re.match(r"^[a-zA-Z][a-zA-Z0-9+.\-]+:", source) and not Path(source).exists():
        if not source.lower().startswith(("http://", "https://")):
            items = iter([SourceError(source, "only http:// and https:// URLs can be ingested")])
        else:
            items = fetch_url(source, defaults)
    else:
        path = Path(source)
        if path.is_dir():
            items = read_folder(path, defaults)
        elif path.exists():
            items = read_file(path, defaults)
        else:
            items = iter([SourceError(source, "does not exist (check the path)")])
    for item in items:
        if isinstance(item, SourceError):
            yield item
            continue
        try:
            yield finish(item, defaults)
        except SourceError as exc:
            yield exc


def read_sources(sources: list[str], defaults: Defaults = Defaults(), stdin: BinaryIO | None = None
                 ) -> Iterator[Article | SourceError]:
    for source in sources:
        yield from read_source(source, defaults, stdin)


__all__ = [
    "Article",
    "Defaults",
    "SourceError",
    "clean_text",
    "decode",
    "detect_lang",
    "parse_published",
    "read_source",
    "read_sources",
]

"""Records on disk: what ``newskb extract`` writes and ``newskb load`` reads (docs/records.md).

A folder holds shards, one per batch of articles, in input order (``records-000001.jsonl.gz``, or
``.parquet``), and ``manifest.json``: the record format, the extractor version that read the
articles, the sources, the counts, and each shard's articles and SHA-256. A row is one article and
what was extracted from it (``Article.to_dict`` and ``Records.to_dict``), or the problem that kept
the pipeline from reading it. The same row, less the article, is what a Ray worker sends back.

A shard is written under a temporary name and renamed when whole, and read whole and checked before
any of its articles is handed on: one that is truncated, changed since it was written or made by
another extractor version is a ``ShardError`` naming it, and costs its own articles only.
"""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from newskb.ingest.records import FORMAT_VERSION, RecordError, Records
from newskb.ingest.settings import ExtractionError, one_line
from newskb.ingest.sources import Article, SourceError
from newskb.ingest.version import package_version

FORMAT = "newskb-records"
MANIFEST = "manifest.json"
SUFFIXES = {"jsonl": ".jsonl.gz", "parquet": ".parquet"}
ShardFormat = Literal["jsonl", "parquet"]
Extracted = tuple[Article, Records | ExtractionError]


class ShardError(Exception):
    """A shard, or a folder's manifest, that cannot be loaded; ``str()`` is a one-line message naming
    it. ``articles`` is how many articles it held, by the manifest (0 when unknown)."""

    def __init__(self, path: str | Path, problem: str, articles: int = 0) -> None:
        super().__init__(f"{path}: {problem}")
        self.origin = str(path)
        self.problem = problem
        self.articles = articles


# --------------------------------------------------------------------------- rows


def result_to_dict(result: Records | ExtractionError) -> dict[str, Any]:
    """What was extracted from one article, as plain data: its records, or the problem."""
    if isinstance(result, ExtractionError):
        return {"error": result.problem}
    return {"records": result.to_dict()}


def result_from_dict(article: Article, data: Mapping[str, Any]) -> Records | ExtractionError:
    if data.get("error") is not None:
        return ExtractionError(article.origin, data["error"])
    return Records.from_dict(data["records"])


def to_row(article: Article, result: Records | ExtractionError) -> dict[str, Any]:
    return {"article": article.to_dict(), **result_to_dict(result)}


def from_row(row: Mapping[str, Any]) -> Extracted:
    article = Article.from_dict(dict(row["article"]))
    return article, result_from_dict(article, row)


def header(extractor: str, articles: int) -> dict[str, Any]:
    """The first line of a JSON Lines shard (a Parquet shard's metadata ``newskb``)."""
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "extractor_version": extractor,
            "articles": articles}


# --------------------------------------------------------------------------- the manifest


@dataclass
class ShardEntry:
    file: str
    articles: int
    sha256: str


@dataclass
class Manifest:
    """What an extract run wrote into a folder (``manifest.json``)."""

    extractor_version: str
    newskb_version: str = field(default_factory=package_version)
    format: str = FORMAT
    format_version: int = FORMAT_VERSION
    created: str = ""
    sources: list[str] = field(default_factory=list)
    articles: int = 0  # rows in the shards: articles extracted, and articles the pipeline could not read
    failed: int = 0  # of those, the articles the pipeline could not read
    source_errors: list[dict[str, str]] = field(default_factory=list)  # {"origin", "problem"} of each
    facts: dict[str, int] = field(default_factory=dict)
    shards: list[ShardEntry] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        path = folder / MANIFEST
        if not folder.is_dir():
            raise ShardError(folder, "no such folder of records (write one with newskb extract)")
        if not path.exists():
            raise ShardError(path, "missing: an extract that did not finish, or not a folder of records "
                                   "(run newskb extract again)")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise ShardError(path, f"not a newskb records manifest (format {data.get('format')!r})")
            if data.get("format_version") != FORMAT_VERSION:
                raise ShardError(path, f"record format {data.get('format_version')}, this newskb reads "
                                       f"{FORMAT_VERSION}: load it with the newskb that wrote it "
                                       f"({data.get('newskb_version')})")
            data["shards"] = [ShardEntry(**s) for s in data["shards"]]
            return cls(**data)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise ShardError(path, f"cannot be read ({exc.__class__.__name__}: {exc})") from None

    def write(self, folder: Path) -> None:
        _replace(folder / MANIFEST, lambda tmp: tmp.write_text(json.dumps(self.to_dict(), ensure_ascii=False,
                                                                          indent=1), encoding="utf-8"))


def _replace(path: Path, write: Callable[[Path], Any]) -> None:
    """Write ``path`` under a temporary name, then rename it: a reader never sees half a file."""
    tmp = path.with_name(path.name + ".partial")
    write(tmp)
    os.replace(tmp, path)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --------------------------------------------------------------------------- writing


class ShardWriter:
    """Writes shards into a new (or empty) folder, then the manifest."""

    def __init__(self, folder: Path, extractor: str, fmt: ShardFormat = "jsonl",
                 sources: Iterable[str] = ()) -> None:
        if fmt not in SUFFIXES:
            raise ValueError(f"shard format {fmt!r}: use one of {', '.join(SUFFIXES)}")
        folder.mkdir(parents=True, exist_ok=True)
        if (folder / MANIFEST).exists() or any(folder.glob("records-*")):
            raise ShardError(folder, "holds the records of an earlier extract: give a new or empty folder")
        self.folder, self.fmt = folder, fmt
        self.manifest = Manifest(extractor_version=extractor, sources=list(sources),
                                 created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))

    def write(self, extracted: list[Extracted]) -> ShardEntry:
        name = f"records-{len(self.manifest.shards) + 1:06d}{SUFFIXES[self.fmt]}"
        path = self.folder / name
        rows = [to_row(article, result) for article, result in extracted]
        head = header(self.manifest.extractor_version, len(rows))
        _replace(path, lambda tmp: (_write_jsonl if self.fmt == "jsonl" else _write_parquet)(tmp, head, rows))
        entry = ShardEntry(name, len(rows), sha256_of(path))
        self.manifest.shards.append(entry)
        self.manifest.articles += len(rows)
        for _, result in extracted:
            if isinstance(result, ExtractionError):
                self.manifest.failed += 1
            else:
                for kind, n in result.counts().items():
                    self.manifest.facts[kind] = self.manifest.facts.get(kind, 0) + n
        return entry

    def finish(self, source_errors: Iterable[SourceError] = ()) -> Manifest:
        self.manifest.source_errors = [{"origin": e.origin, "problem": e.problem} for e in source_errors]
        self.manifest.write(self.folder)
        return self.manifest


def _write_jsonl(path: Path, head: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for line in (head, *rows):
            f.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")


def _write_parquet(path: Path, head: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    """The article as a struct column, its records as JSON text (one column, not a column per field
    of every kind of record), the problem of an article that could not be read."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = [{"article": row["article"], "error": row.get("error"),
                "records": json.dumps(row["records"], ensure_ascii=False) if "records" in row else None}
               for row in rows]
    table = pa.Table.from_pylist(columns, schema=_parquet_schema()).replace_schema_metadata(
        {"newskb": json.dumps(head)})
    pq.write_table(table, path, compression="zstd")


def _parquet_schema() -> Any:  # pyarrow is imported only to write or read Parquet
    import pyarrow as pa

    article = pa.struct([(name, pa.string()) for name in Article.__dataclass_fields__])
    return pa.schema([("article", article), ("records", pa.string()), ("error", pa.string())])


# --------------------------------------------------------------------------- reading


def _jsonl_header(path: Path) -> Any:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.loads(f.readline() or "null")


def _jsonl_rows(path: Path) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        f.readline()
        return [json.loads(line) for line in f]


def _parquet_header(path: Path) -> Any:
    import pyarrow.parquet as pq

    return json.loads((pq.read_schema(path).metadata or {}).get(b"newskb", b"null"))


def _parquet_rows(path: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    rows = []
    for row in pq.read_table(path).to_pylist():
        out: dict[str, Any] = {"article": row["article"]}
        if row["error"] is not None:
            out["error"] = row["error"]
        else:
            out["records"] = json.loads(row["records"])
        rows.append(out)
    return rows


READERS = {".gz": (_jsonl_header, _jsonl_rows), ".parquet": (_parquet_header, _parquet_rows)}
# What a damaged file raises while it is read: gzip's BadGzipFile (an OSError), EOFError for a
# stream cut short, zlib.error, JSON and UTF-8 errors (ValueError), pyarrow's ArrowInvalid (a ValueError).
DAMAGED = (OSError, EOFError, ValueError, zlib.error)


def read_shard(path: Path, extractor: str, entry: ShardEntry | None) -> list[Extracted]:
    """The articles of one shard and what was extracted from each, checked against the manifest's
    ``entry`` (None: a shard the manifest does not list) and its ``extractor`` version."""
    articles = entry.articles if entry else 0
    if not path.exists():
        raise ShardError(path, "missing (manifest.json lists it)", articles)
    read_header, read_rows = READERS[path.suffix]
    try:
        head = read_header(path)
    except DAMAGED as exc:
        raise ShardError(path, f"cannot be read ({one_line(exc)})", articles) from None
    if not isinstance(head, dict) or head.get("format") != FORMAT:
        raise ShardError(path, "not a newskb records shard", articles)
    if entry is None and isinstance(head.get("articles"), int):
        articles = head["articles"]
    if head.get("extractor_version") != extractor:
        raise ShardError(path, f"records of extractor version {head.get('extractor_version')}, this "
                               f"folder's are {extractor}: extract its sources again", articles)
    if head.get("format_version") != FORMAT_VERSION:
        raise ShardError(path, f"record format {head.get('format_version')}, this newskb reads "
                               f"{FORMAT_VERSION}", articles)
    if entry is None:
        raise ShardError(path, f"not in {MANIFEST} (left from another extract run?)", articles)
    if sha256_of(path) != entry.sha256:
        raise ShardError(path, "changed or truncated since extract wrote it (its SHA-256 is not the "
                               "manifest's)", articles)
    try:
        rows = read_rows(path)
    except DAMAGED as exc:
        raise ShardError(path, f"truncated or damaged ({one_line(exc)})", articles) from None
    if len(rows) != entry.articles:
        raise ShardError(path, f"holds {len(rows)} of its {entry.articles} articles (truncated)", articles)
    out = []
    for n, row in enumerate(rows, 1):
        try:
            out.append(from_row(row))
        except (KeyError, TypeError, ValueError, RecordError) as exc:
            raise ShardError(path, f"row {n}: {one_line(exc)}", articles) from None
    return out


def read_folder(folder: Path) -> tuple[Manifest, Iterator[list[Extracted] | ShardError]]:
    """The folder's manifest and, in input order, each shard's articles or the error that keeps it
    from loading; shard files the manifest does not list come last, as errors."""
    manifest = Manifest.read(folder)

    def shards() -> Iterator[list[Extracted] | ShardError]:
        listed = {entry.file for entry in manifest.shards}
        for entry in manifest.shards:
            try:
                yield read_shard(folder / entry.file, manifest.extractor_version, entry)
            except ShardError as exc:
                yield exc
        for path in sorted(folder.glob("records-*")):
            if path.name not in listed and path.name.endswith(tuple(SUFFIXES.values())):
                try:
                    read_shard(path, manifest.extractor_version, None)
                except ShardError as exc:
                    yield exc
    return manifest, shards()

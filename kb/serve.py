"""Serving the knowledge base with Datasette: metadata, canned queries, settings.

Everything Datasette is told comes from data: table and column descriptions from ``kb.schema``,
canned queries from ``queries/*.sql`` (each file starts with ``-- title:`` and
``-- description:`` comment lines and uses ``:named`` parameters).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from newskb.kb.dashboards import dashboards
from newskb.kb.schema import SEARCH_ROWID, TABLES

TITLE = "newskb"
DESCRIPTION = ("A knowledge base of AI-infrastructure market news: entities, money, dates, GPU specs and "
               "deals extracted from Japanese and English articles. Every fact links to its article and "
               "sentence.")

# Safe defaults: read-only (Datasette 0.65 writes only through canned write queries, and we
# define none), a SQL time limit, and no facet suggestions on huge tables.
SETTINGS = {
    "sql_time_limit_ms": 1000,
    "facet_time_limit_ms": 200,
    "suggest_facets": False,
    "default_page_size": 50,
    "max_returned_rows": 1000,
}

HERE = Path(__file__).parent


# A ``:named`` parameter (not the second colon of a ``::`` or part of a word).
PARAMETER = re.compile(r"(?<![:\w]):([a-z_]+)")
# A parameter the SQL compares with '' has a default: left empty, its filter is skipped.
DEFAULTED = re.compile(r"coalesce\(:([a-z_]+),\s*''\)|nullif\(:([a-z_]+),\s*''\)|:([a-z_]+)\s*=\s*''")


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title: str
    description: str
    sql: str

    @property
    def params(self) -> tuple[str, ...]:
        """Its ``:named`` parameters, in order of first use (not the magic ones)."""
        return tuple(p for p in dict.fromkeys(PARAMETER.findall(self.sql)) if not p.startswith("_"))

    @property
    def magic_params(self) -> tuple[str, ...]:
        """Its parameters Datasette fills from the request (``:_newskb_root``, kb/plugin.py): outside
        Datasette they are empty."""
        return tuple(p for p in dict.fromkeys(PARAMETER.findall(self.sql)) if p.startswith("_"))

    @property
    def optional_params(self) -> frozenset[str]:
        """The parameters that may be left empty (the SQL tests them against '')."""
        return frozenset(name for match in DEFAULTED.findall(self.sql) for name in match if name)


def queries_dir() -> Path:
    return Path(str(resources.files("newskb.queries")))


def read_query(path: Path) -> CannedQuery:
    sql = path.read_text(encoding="utf-8")
    header = dict(re.findall(r"^--\s*(title|description):\s*(.+)$", sql, flags=re.MULTILINE))
    return CannedQuery(path.stem, header.get("title", path.stem), header.get("description", ""), sql.strip())


def canned_queries() -> list[CannedQuery]:
    return [read_query(p) for p in sorted(queries_dir().glob("*.sql"))]


def table_metadata() -> dict[str, Any]:
    tables: dict[str, Any] = {}
    for table in TABLES:
        meta: dict[str, Any] = {
            "description": table.description,
            "columns": {c.name: c.description for c in table.columns},
        }
        if table.label_column:
            meta["label_column"] = table.label_column
        facets = table.facets if table.default_facets is None else table.default_facets
        if facets:
            meta["facets"] = list(facets)
        if table.sort_desc:
            meta["sort_desc"] = table.sort_desc
        tables[table.name] = meta
    tables["articles"].update({"fts_table": "articles_fts", "fts_pk": SEARCH_ROWID, "searchmode": "escaped"})
    tables["articles_fts"] = {"hidden": True}
    for hidden in ("_sqlite_migrations",):
        tables[hidden] = {"hidden": True}
    return tables


def metadata(db_name: str, landing: str | None = None) -> dict[str, Any]:
    """Datasette metadata for a knowledge base served under ``db_name``; ``landing`` is where
    ``/`` sends a visitor (``newskb demo`` lands on the dashboard), else Datasette's index."""
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "about": "newskb",
        "databases": {
            db_name: {
                "description": DESCRIPTION,
                "tables": table_metadata(),
                "queries": {
                    q.name: {"sql": q.sql, "title": q.title, "description": q.description}
                    for q in canned_queries()
                },
            }
        },
        "plugins": {"datasette-dashboards": dashboards(db_name), "newskb": {"landing": landing}},
    }


def db_name(path: str | Path) -> str:
    return Path(path).stem


def datasette_args(db_path: str | Path, metadata_path: Path, host: str = "127.0.0.1", port: int = 8001,
                   get: str | None = None, inspect_file: Path | None = None) -> list[str]:
    """Arguments for ``datasette serve`` on the knowledge base with newskb's configuration; with an
    ``inspect_file`` (``ensure_inspect_file``), in Datasette's immutable mode."""
    served = ["-i", str(db_path), "--inspect-file", str(inspect_file)] if inspect_file else [str(db_path)]
    args = ["serve", *served, "--metadata", str(metadata_path), "--host", host, "--port", str(port)]
    for name, value in SETTINGS.items():
        args += ["--setting", name, ("on" if value else "off") if isinstance(value, bool) else str(value)]
    templates = HERE / "templates"
    if templates.is_dir():
        args += ["--template-dir", str(templates)]
    if get:
        args += ["--get", get]
    return args


def make_datasette(db_path: str | Path, landing: str | None = None,
                   inspect_file: Path | None = None):  # -> datasette.app.Datasette
    """An in-process Datasette on the knowledge base, configured as ``newskb serve`` configures it
    (with an ``inspect_file``, as ``newskb serve --immutable`` does)."""
    from datasette.app import Datasette

    templates = HERE / "templates"
    files: dict[str, Any] = {"files": [str(db_path)]}
    if inspect_file:
        inspected = json.loads(inspect_file.read_text(encoding="utf-8"))
        files = {"immutables": [str(db_path)], "inspect_data": inspected}
    return Datasette(
        **files,
        metadata=metadata(db_name(db_path), landing),
        settings=SETTINGS,
        template_dir=str(templates) if templates.is_dir() else None,
    )


# --------------------------------------------------------------------------- immutable serving


class StillWritten(Exception):
    """A knowledge base with a write-ahead log still open: not finished, so not to be served immutable."""


def inspect_path(db_path: str | Path) -> Path:
    """Where Datasette's inspect data of a knowledge base is kept: beside it (market.db.inspect.json)."""
    return Path(f"{db_path}.inspect.json")


def _stamp(db_path: Path) -> dict[str, int]:
    stat = db_path.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def current_inspect_file(db_path: str | Path) -> Path | None:
    """The inspect file beside the knowledge base, if it was made from the file as it is now."""
    path = inspect_path(db_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return path if data[db_name(db_path)].get("newskb_file") == _stamp(Path(db_path)) else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def make_inspect_file(db_path: str | Path) -> Path:
    """Datasette's inspect data (table counts, size, hash: ``datasette inspect``), written beside
    the knowledge base with the size and modification time of the file it was made from, so that
    it is reused while the file is unchanged. The knowledge base must be finished: a write-ahead
    log with pages in it means a writer is at work (StillWritten)."""
    from datasette.cli import cli as datasette_cli

    db_path = Path(db_path)
    wal = Path(f"{db_path}-wal")
    if wal.exists() and wal.stat().st_size:
        raise StillWritten(f"{db_path}: still being written (its {wal.name} holds pages): serve it without "
                           "--immutable, or once the writer is done")
    path = inspect_path(db_path)
    partial = path.with_name(path.name + ".partial")
    datasette_cli.main(["inspect", str(db_path), "--inspect-file", str(partial)], standalone_mode=False)
    data = json.loads(partial.read_text(encoding="utf-8"))
    data[db_name(db_path)]["newskb_file"] = _stamp(db_path)
    partial.write_text(json.dumps(data, indent=2), encoding="utf-8")
    partial.replace(path)
    return path

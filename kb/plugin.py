"""newskb's Datasette plugin: full-text search that understands Japanese words.

The index holds the text as space-separated words (see ``ingest.search_tokens``), but a user
types 設備投資 with no spaces. So a search is split into the same words before it reaches
SQLite: ``?_search=設備投資`` becomes ``設備 投資`` (both words must be there), and canned
queries can call the SQL function ``fts_query(:q)`` to do the same.
"""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl

from ingest.search_tokens import query_words


def fts_query(q: str | None) -> str:
    """An FTS5 query matching every word of ``q`` (each quoted, so no FTS syntax gets through)."""
    words = query_words(q or "")
    if not words:
        return '""'
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


@hookimpl
def prepare_connection(conn) -> None:
    conn.create_function("fts_query", 1, fts_query, deterministic=True)


def _rewrite_search(query_string: bytes) -> bytes:
    pairs = parse_qsl(query_string.decode("utf-8", "replace"), keep_blank_values=True)
    if not any(k == "_search" or k.startswith("_search_") for k, _ in pairs):
        return query_string
    rewritten = [(k, " ".join(query_words(v)) if (k == "_search" or k.startswith("_search_")) else v)
                 for k, v in pairs]
    return urlencode(rewritten).encode()


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def rewrite(scope, receive, send):
            if scope.get("type") == "http" and scope.get("query_string"):
                scope = dict(scope, query_string=_rewrite_search(scope["query_string"]))
            await app(scope, receive, send)

        return rewrite

    return wrap


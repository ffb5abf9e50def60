"""newskb's Datasette plugin: full-text search that understands Japanese words.

The index holds the text as space-separated words (see ``ingest.search_tokens``), but a user
types 設備投資 with no spaces. So a search is split into the same words before it reaches
SQLite: ``?_search=設備投資`` becomes ``設備 投資`` (both words must be there), and canned
queries can call the SQL function ``fts_query(:q)`` to do the same.
"""
from __future__ import annotations

import asyncio
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from markupsafe import Markup

from newskb.ingest.search_tokens import query_words


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
def register_magic_parameters(datasette):
    """``:_newskb_root`` and ``:_newskb_database``: the absolute URLs of the site and of the database a
    canned query runs in, for the links of the alert feeds (queries/new_*.sql), which feed readers
    need absolute."""

    def newskb(key: str, request) -> str:
        if key == "root":
            return datasette.absolute_url(request, datasette.urls.path("/"))
        if key == "database":
            database = request.url_vars.get("database") or _kb_database(datasette)
            return datasette.absolute_url(request, datasette.urls.database(database))
        raise KeyError(key)

    return [("newskb", newskb)]


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def rewrite(scope, receive, send):
            if scope.get("type") == "http":
                landing = (datasette.plugin_config("newskb") or {}).get("landing")
                if landing and scope.get("path") == "/":
                    await send({"type": "http.response.start", "status": 302,
                                "headers": [(b"location", landing.encode()), (b"content-length", b"0")]})
                    await send({"type": "http.response.body", "body": b""})
                    return
                if scope.get("query_string"):
                    scope = dict(scope, query_string=_rewrite_search(scope["query_string"]))
            await app(scope, receive, send)

        return rewrite

    return wrap



# --- Browsing: entity and article pages, links from query results, navigation -------------------
#
# The pages (kb/templates/pages/entity/{id}.html, pages/article/{id}.html) are Datasette custom
# pages; they read the knowledge base through the canned queries in queries/*.sql, so every
# section of a page is also a query an analyst can open, change and export.

# Columns of canned-query results that hold a row id, and where that row is shown. A "page" is
# one of ours; a table name is Datasette's row page for that table.
ID_COLUMN_TARGETS = {
    "article_id": "page:article",
    "entity_id": "page:entity",
    "event_id": "deal_events",
    "deal_id": "deals",
    "money_id": "money",
    "mention_id": "mentions",
}
# Tables a result's "table" column may name, for its "row_id" column.
FACT_TABLES = frozenset({"mentions", "money", "dates", "durations", "percents", "gpu_specs", "capacities",
                         "deals", "deal_events", "entities", "articles"})


def _kb_database(datasette) -> str:
    return datasette.get_database().name


def row_url(datasette, database: str, target: str, row_id: int | str) -> str:
    """The address where a row is shown: our page for articles and entities, else Datasette's row page."""
    if target.startswith("page:"):
        return datasette.urls.path(f"/{target[5:]}/{row_id}")
    return datasette.urls.row(database, target, str(row_id))


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    # Only query results: table pages already link foreign keys to their rows.
    if table is not None or isinstance(value, bool) or not isinstance(value, int):
        return None
    target = ID_COLUMN_TARGETS.get(column)
    if column == "row_id":
        keys = row.keys() if hasattr(row, "keys") else ()
        named = row["table"] if "table" in keys else None
        target = named if named in FACT_TABLES else None
    if target is None:
        return None
    label = f"{target[5:]} {value}" if target.startswith("page:") else str(value)
    return Markup('<a href="{}">{}</a>').format(row_url(datasette, database, target, value), label)


@hookimpl
def menu_links(datasette):
    from newskb.kb.dashboards import DASHBOARD

    db = _kb_database(datasette)
    return [
        {"href": datasette.urls.path(f"/-/dashboards/{DASHBOARD}"), "label": "newskb dashboard"},
        {"href": datasette.urls.path("/entity"), "label": "Entities"},
        {"href": datasette.urls.table(db, "articles"), "label": "Articles"},
        {"href": datasette.urls.database(db) + "/search?_hide_sql=1", "label": "Search"},
    ]


@hookimpl
def extra_template_vars(datasette):
    from newskb.kb.dashboards import DASHBOARD

    async def kb_query(query: str, /, **params: object) -> list[dict]:
        """Rows of the canned query named ``query``, as Datasette serves it (parameters as strings, as a
        URL would give them)."""
        canned = await datasette.get_canned_query(_kb_database(datasette), query, None)
        if canned is None:
            raise KeyError(f"no canned query {query!r}")
        result = await datasette.get_database().execute(
            canned["sql"], {k: "" if v is None else str(v) for k, v in params.items()})
        return [dict(r) for r in result.rows]

    async def kb_queries(*names: str, **params: object) -> dict[str, list[dict]]:
        """Rows of several canned queries with the same parameters, by name, run at once on Datasette's
        SQL threads: a page of sections waits for about its slowest query, not for their sum."""
        return dict(zip(names, await asyncio.gather(*(kb_query(name, **params) for name in names))))

    async def kb_article(article_id: str) -> dict | None:
        if not article_id.isdigit():
            return None
        result = await datasette.get_database().execute(
            "select id, title, url, published, source, lang, text from articles where id = ?",
            [int(article_id)])
        return dict(result.rows[0]) if result.rows else None

    return {
        "kb_query": kb_query,
        "kb_queries": kb_queries,
        "kb_article": kb_article,
        "kb_segments": text_segments,
        "kb_database": _kb_database(datasette),
        "kb_dashboard": DASHBOARD,
        "kb_row_url": lambda target, row_id: row_url(datasette, _kb_database(datasette), target, row_id),
    }


def text_segments(text: str, facts: list[dict]) -> list[tuple[str, dict | None]]:
    """Cut ``text`` into plain pieces and pieces covered by a fact (by its start/end offsets).

    Facts are taken in order of their start; one overlapping an earlier one is left out (an
    entity inside a money phrase), so each character is shown once. The template escapes every
    piece: the text is never trusted as HTML.
    """
    pieces: list[tuple[str, dict | None]] = []
    at = 0
    for fact in sorted((f for f in facts if f.get("start") is not None and f.get("end") is not None),
                       key=lambda f: (f["start"], -f["end"])):
        start, end = int(fact["start"]), int(fact["end"])
        if start < at or end <= start or end > len(text):
            continue
        if start > at:
            pieces.append((text[at:start], None))
        pieces.append((text[start:end], fact))
        at = end
    if at < len(text):
        pieces.append((text[at:], None))
    return pieces

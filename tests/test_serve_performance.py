"""What keeps pages fast at 100,000 articles: default facets, covering indexes, query plans."""
from __future__ import annotations

import re

import pytest
from sqlite_utils import Database

from newskb.kb.schema import (
    COVERING_INDEXES,
    MONEY_ENTITY_INDEX,
    MONEY_RANKED_INDEX,
    TABLES_BY_NAME,
)
from newskb.kb.serve import canned_queries, table_metadata


@pytest.mark.parametrize("table, facets", [
    ("mentions", None),  # 1.2M rows: every facet on request only
    ("money", None),
    ("articles", None),  # searches count their matches once, not once per facet
    ("entities", ["type"]),  # tables without default_facets keep all their facets
    ("deals", ["kind", "status", "currency"]),
])
def test_default_facets(table: str, facets: list[str] | None) -> None:
    assert table_metadata()[table].get("facets") == facets


def test_facets_on_request_stay_indexed(fresh_db: Database) -> None:
    for table in ("mentions", "money", "articles"):
        indexed = {i.columns[0] for i in fresh_db[table].indexes}  # type: ignore[union-attr]
        assert set(TABLES_BY_NAME[table].facets) <= indexed, table


def test_covering_indexes_exist(fresh_db: Database) -> None:
    for table, columns in COVERING_INDEXES:
        assert list(columns) in [i.columns for i in fresh_db[table].indexes], (table, columns)  # type: ignore[union-attr]
    sql = fresh_db.execute("SELECT sql FROM sqlite_master WHERE name = ?",
                           [MONEY_RANKED_INDEX[0]]).fetchone()[0]
    assert "WHERE converted_from IS NULL AND per IS NULL AND usd IS NOT NULL" in sql


@pytest.mark.parametrize("query, index", [
    ("money_biggest_by_role", MONEY_RANKED_INDEX[0]),
    ("articles_mentioning", "idx_article_entities_entity_id_published_article_id_mentions"),
])
def test_query_plan_uses_index(  # plans that hold without statistics too
        fresh_db: Database, query: str, index: str) -> None:
    sql = next(q.sql for q in canned_queries() if q.name == query)
    fresh_db.conn.create_function("fts_query", 1, lambda q: q)
    rows = fresh_db.execute("EXPLAIN QUERY PLAN " + sql, {"name": "x", "role": "", "top": ""})
    plan = " ".join(r[3] for r in rows)
    assert index in plan, plan


@pytest.mark.parametrize("query, indexes", [
    ("entity_deals", ["idx_entity_events_entity_id_usd_first_reported_event_id"]),
    ("entity_mentions", ["idx_article_entities_entity_id_published_article_id_mentions"]),
    ("entity_money", [MONEY_ENTITY_INDEX[0]]),
    ("entity_hardware", ["idx_gpu_specs_entity_id_article_id", "idx_capacities_entity_id_article_id"]),
])
def test_entity_sections_read_each_entity_in_order(
        fresh_db: Database, query: str, indexes: list[str]) -> None:
    """Each section of the entity page takes an entity's first rows from an index, in order, without
    sorting all of them (an entity named in a third of 100,000 articles has 70,000 figures)."""
    sql = next(q.sql for q in canned_queries() if q.name == query)
    plan = fresh_db.execute("EXPLAIN QUERY PLAN " + sql, {"name": "1"}).fetchall()
    per_entity = {node for node, _, _, detail in plan if detail.startswith("CORRELATED LIST SUBQUERY")}
    steps = [detail for _, parent, _, detail in plan if parent in per_entity]
    assert len(steps) == len(indexes), steps
    for step, index in zip(steps, indexes):
        assert re.fullmatch(rf"SEARCH x USING (COVERING )?INDEX {index} \(entity_id=\?.*\)", step), steps


@pytest.mark.parametrize("query", ["articles_mentioning", "entity_mentions", "entity_money", "deals_by_party",
                                   "entity_deals", "entity_hardware"])
def test_list_queries_state_their_cap(query: str) -> None:
    q = next(q for q in canned_queries() if q.name == query)
    assert "limit 1000" in q.sql.lower() and "1,000" in q.description


@pytest.mark.asyncio
async def test_table_search_sorts_through_the_search_index(tmp_path) -> None:
    """Datasette's search of the articles table, newest first, finds each match's date in the index on
    (fts_rowid, published) instead of the article's row."""
    from newskb.kb.schema import SEARCH_ROWID_INDEX
    from newskb.kb.serve import make_datasette
    from newskb.kb.store import open_db

    open_db(tmp_path / "kb.db").close()  # no statistics: the plan holds on its shape alone
    ds = make_datasette(tmp_path / "kb.db")
    query = (await ds.client.get("/kb/articles.json?_search=契約")).json()["query"]
    plan = " ".join(r[3] for r in (await ds.get_database("kb").execute("EXPLAIN QUERY PLAN " + query["sql"],
                                                                        query["params"])).rows)
    assert f"USING INDEX {SEARCH_ROWID_INDEX[0]}" in plan, plan

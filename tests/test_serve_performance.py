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


def test_new_articles_about_reads_each_entity_newest_first_and_skips_copies(tmp_path) -> None:
    """The alert feed of an entity takes its newest stories from the index of article_entities, in
    order, skipping copies as they come (not grouping every article of the entity, which timed out for
    an entity named in a third of 1,000,000 articles), and lists what the plain definition lists: the
    50 newest articles that name the entity and are the first of their story."""
    import random
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from serve import generate  # the benchmark's generator: template-made articles, no NLP

    path = tmp_path / "gen.db"
    generate(path, 1500)
    db = Database(path)
    rng = random.Random(7)
    ids = [r[0] for r in db.execute("select id from articles order by id")]
    with db.conn:  # a third of the articles become copies of an earlier one
        for i in rng.sample(ids[1:], len(ids) // 3):
            db.execute("update articles set story_id = ? where id = ?", [rng.randrange(1, i), i])
    sql = next(q.sql for q in canned_queries() if q.name == "new_articles_about")
    params = {"_newskb_root": "http://x/", "_newskb_database": "http://x/gen"}
    plan = " ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql, {**params, "name": "x"}))
    assert "CORRELATED LIST SUBQUERY" in plan
    assert "INDEX idx_article_entities_entity_id_published_article_id_mentions (entity_id=?)" in plan, plan
    busiest = [r[0] for r in db.execute("select e.name from article_entities ae join entities e on e.id ="
                                          " ae.entity_id group by e.id order by count(*) desc limit 3")]
    for name in (*busiest, "1"):  # by name, by id
        got = [r[0] for r in db.execute(f"select article_id from ({sql})", {**params, "name": name})]
        want = [r[0] for r in db.execute(
            "select a.id from articles a where coalesce(a.story_id, a.id) = a.id and exists ("
            " select 1 from article_entities ae where ae.article_id = a.id and ae.entity_id in ("
            "  select id from entities where name = :name collate nocase or cast(id as text) = :name"
            "  union select entity_id from entity_aliases where alias = :name collate nocase))"
            " order by a.published desc, a.id desc limit 50", {"name": name})]
        assert len(want) == 50 and got == want, name

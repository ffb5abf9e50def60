"""Serving: Datasette's JSON API over the knowledge base, metadata, search and every canned query."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from newskb.kb.schema import TABLES
from newskb.kb.serve import canned_queries, make_datasette, metadata
from newskb.kb.store import open_db

pytestmark = pytest.mark.ginza


@pytest.fixture(scope="module")
def ds(seed_kb: Path, tmp_path_factory: pytest.TempPathFactory):
    """Datasette on a copy of the seed knowledge base plus a small English article that has 出資."""
    from newskb.kb.build import ingest_sources

    path = tmp_path_factory.mktemp("serve") / "newskb.db"
    shutil.copy(seed_kb, path)
    extra = path.parent / "softbank.md"
    extra.write_text("---\ntitle: ソフトバンクGがOpenAIに出資\npublished: 2025-10-01\n"
                     "source: Test Wire\n---\n"
                     "ソフトバンクグループはOpenAIに225億ドルを出資すると発表した。\n", encoding="utf-8")
    ingest_sources(open_db(path), [str(extra)])
    return make_datasette(path)


async def get_json(ds, path: str):
    response = await ds.client.get(path)
    assert response.status_code == 200, (path, response.text[:500])
    return response.json()


@pytest.mark.asyncio
async def test_entities_and_their_mentions(ds) -> None:
    rows = await get_json(ds, "/newskb/entities.json?type=ORG&_shape=array&_size=max")
    names = {r["name"] for r in rows}
    assert {"OpenAI", "Amazon Web Services", "IREN", "CP Group", "True Corporation"} <= names
    aws = next(r for r in rows if r["name"] == "Amazon Web Services")
    url = f"/newskb/mentions.json?entity_id={aws['id']}&_shape=array&_size=max&_labels=on"
    mentions = await get_json(ds, url)
    assert {m["text"] for m in mentions} == {"AWS", "Amazon Web Services"}
    assert all(m["entity_id"]["label"] == "Amazon Web Services" for m in mentions)  # foreign key label
    assert all(m["text"] in m["sentence"] for m in mentions)


@pytest.mark.asyncio
@pytest.mark.parametrize("word,title_part", [("契約", "OpenAIとAWS"), ("出資", "ソフトバンクG"),
                                             ("設備投資", "OpenAIとAWS"), ("投資", "OpenAIとAWS")])
async def test_full_text_search_finds_short_japanese_words(ds, word: str, title_part: str) -> None:
    rows = await get_json(ds, f"/newskb/articles.json?_search={word}&_shape=array&_col=title")
    assert any(title_part in r["title"] for r in rows)


@pytest.mark.asyncio
async def test_search_matches_by_fts_rowid_newest_first(ds) -> None:
    from newskb.kb.schema import SEARCH_ROWID

    data = await get_json(ds, "/newskb/articles.json?_search=OpenAI&_shape=objects")
    assert f"{SEARCH_ROWID} in (select rowid from articles_fts" in data["query"]["sql"]
    db = ds.get_database("newskb")
    matches = await db.execute("SELECT a.id, a.published FROM articles a "
                               "JOIN articles_fts f ON f.rowid = a.id "
                               "WHERE articles_fts MATCH 'OpenAI' ORDER BY a.published DESC")
    assert [(r["id"], r["published"]) for r in data["rows"]] == [tuple(r) for r in matches.rows]
    assert len(data["rows"]) == 2 and all(r[SEARCH_ROWID] == r["id"] for r in data["rows"])


@pytest.mark.asyncio
async def test_search_for_a_missing_word_is_empty(ds) -> None:
    assert await get_json(ds, "/newskb/articles.json?_search=量子暗号&_shape=array") == []


@pytest.mark.asyncio
async def test_metadata_describes_every_table_and_column(ds) -> None:
    data = await get_json(ds, "/-/metadata.json")
    tables = data["databases"]["newskb"]["tables"]
    for table in TABLES:
        assert tables[table.name]["description"]
        for column in table.columns:
            assert tables[table.name]["columns"][column.name], (table.name, column.name)


@pytest.mark.asyncio
async def test_every_canned_query_runs(ds) -> None:
    queries = canned_queries()
    assert len(queries) >= 3
    for query in queries:
        assert query.title and query.description, query.name
        params = {p: "" for p in re.findall(r"(?<!:):([a-z_]+)", query.sql)}
        sample = {"name": "OpenAI", "q": "契約", "article_id": "1", "entity": "OpenAI",
                  "min_usd": "1000000000", "since": "2000-01-01", "until": "2100-01-01", "year": "2025"}
        for p in params:
            params[p] = sample.get(p, "")
        response = await ds.client.get(f"/newskb/{query.name}.json", params={**params, "_shape": "objects"})
        assert response.status_code == 200, (query.name, response.text[:300])


@pytest.mark.asyncio
async def test_articles_mentioning_query_finds_by_alias(ds) -> None:
    data = await get_json(ds, "/newskb/articles_mentioning.json?name=AWS&_shape=array")
    assert data and "OpenAIとAWS" in data[0]["title"]


@pytest.mark.asyncio
async def test_co_mentioned_entities(ds) -> None:
    data = await get_json(ds, "/newskb/co_mentioned.json?name=OpenAI&_shape=array")
    names = [r["name"] for r in data]
    assert "Amazon Web Services" in names and "Microsoft" in names and "OpenAI" not in names


@pytest.mark.asyncio
async def test_ranked_search_shows_the_sentence(ds) -> None:
    data = await get_json(ds, "/newskb/search.json?q=出資&_shape=array")
    assert data[0]["title"].startswith("ソフトバンクG")
    assert "出資" in data[0]["passage"]


def test_metadata_of_a_renamed_database() -> None:
    assert "market" in metadata("market")["databases"]

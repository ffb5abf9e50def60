"""Browsing: entity and article pages, the dashboard, search with sentences, links in query results.

Everything goes through ``Datasette(...).client`` on a copy of the samples knowledge base (plus one
English article whose text looks like HTML), as ``newskb serve`` configures Datasette.
"""
from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from datasette_dashboards import replace_opts_in_query

from newskb.kb.dashboards import DASHBOARD, dashboards, html_text
from newskb.kb.plugin import text_segments
from newskb.kb.serve import canned_queries, make_datasette

DB = "samples"
HOSTILE_TITLE = "Acme <script>alert(1)</script> signs a deal"

# The canned queries this feature adds, with parameters that find something in the samples.
OURS = {
    "entity_profile": {"name": "OpenAI"},
    "entity_deals": {"name": "OpenAI"},
    "entity_money": {"name": "OpenAI"},
    "entity_hardware": {"name": "Anthropic"},
    "entity_mentions": {"name": "AWS"},
    "article_facts": {"article_id": "1"},
    "article_deals": {"article_id": "7"},
    "search": {"q": "契約"},
}


@pytest.fixture(scope="module")
def kb_path(samples_kb: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from newskb.kb.build import ingest_sources
    from newskb.kb.store import open_db

    path = tmp_path_factory.mktemp("browse") / f"{DB}.db"
    shutil.copy(samples_kb, path)
    extra = path.parent / "hostile.md"
    extra.write_text(f"---\ntitle: \"{HOSTILE_TITLE}\"\npublished: 2025-12-01\nsource: Test Wire\nlang: en\n"
                     "url: \"javascript:alert(2)\"\n---\n"
                     "Acme <b>Corp</b> said on Monday it will pay $5 billion to Nebius for "
                     "<script>alert(3)</script> GPU capacity.\n", encoding="utf-8")
    db = open_db(path)
    summary = ingest_sources(db, [str(extra)])
    db.close()
    assert summary.failed == 0, summary.errors
    return path


@pytest.fixture(scope="module")
def ds(kb_path: Path):
    return make_datasette(kb_path)


def entity_id(kb_path: Path, name: str) -> int:
    with sqlite3.connect(kb_path) as con:
        return int(con.execute("select id from entities where name = ?", [name]).fetchone()[0])


def article_id(kb_path: Path, title_part: str) -> int:
    with sqlite3.connect(kb_path) as con:
        return int(con.execute("select id from articles where instr(title, ?)", [title_part]).fetchone()[0])


async def html(ds, path: str, status: int = 200) -> str:
    response = await ds.client.get(path)
    assert response.status_code == status, (path, response.status_code, response.text[:500])
    return response.text


async def rows(ds, query: str, **params: str) -> list[dict]:
    response = await ds.client.get(f"/{DB}/{query}.json", params={**params, "_shape": "array"})
    assert response.status_code == 200, (query, response.text[:500])
    return response.json()


# --- pure helpers (no model) ----------------------------------------------------------------------

@pytest.mark.parametrize("text,facts,expected", [
    ("AWS and OpenAI", [{"start": 0, "end": 3}, {"start": 8, "end": 14}],
     [("AWS", 0), (" and ", None), ("OpenAI", 1)]),
    ("380億ドルの契約", [{"start": 0, "end": 6}, {"start": 3, "end": 6}],
     [("380億ドル", 0), ("の契約", None)]),
    ("abc", [{"start": 1, "end": 9}, {"start": None, "end": None}], [("abc", None)]),
    ("", [], []),
])
def test_text_segments_cover_the_text_once(text: str, facts: list[dict], expected: list) -> None:
    pieces = text_segments(text, facts)
    assert "".join(p for p, _ in pieces) == text
    assert [(p, None if f is None else facts.index(f)) for p, f in pieces] == expected


@pytest.mark.parametrize("value,shown", [
    ("<b>&x</b>", "&lt;b&gt;&amp;x&lt;/b&gt;"), (None, ""), ("AWS", "AWS"),
])
def test_table_chart_text_is_escaped(value: str | None, shown: str) -> None:
    assert sqlite3.connect(":memory:").execute(f"select {html_text('?')}", [value]).fetchone()[0] == shown


def test_dashboard_layout_places_every_chart() -> None:
    board = dashboards(DB)[DASHBOARD]
    placed = {c for row in board["layout"] for c in row}
    assert placed == set(board["charts"])
    assert len({len(row) for row in board["layout"]}) == 1


def test_every_canned_query_is_described() -> None:
    ours = {q.name: q for q in canned_queries() if q.name in OURS}
    assert set(ours) == set(OURS)
    assert all(q.title and len(q.description) > 40 for q in ours.values())


# --- through Datasette ----------------------------------------------------------------------------

pytestmark_ginza = pytest.mark.ginza


@pytestmark_ginza
@pytest.mark.asyncio
@pytest.mark.parametrize("query", sorted(OURS))
async def test_canned_query_finds_rows_and_nothing_for_an_unknown_entity(ds, query: str) -> None:
    assert await rows(ds, query, **OURS[query])
    unknown = {k: ("no such entity" if k == "name" else "999999" if k == "article_id" else "量子暗号")
               for k in OURS[query]}
    assert await rows(ds, query, **unknown) == []


@pytestmark_ginza
@pytest.mark.asyncio
async def test_entity_queries_accept_alias_and_id(ds, kb_path: Path) -> None:
    aws = entity_id(kb_path, "Amazon Web Services")
    by_alias = await rows(ds, "entity_profile", name="AWS")
    by_id = await rows(ds, "entity_profile", name=str(aws))
    assert [r["entity_id"] for r in by_alias] == [r["entity_id"] for r in by_id] == [aws]
    assert by_id[0]["articles"] >= 1 and by_id[0]["first_mentioned"] <= by_id[0]["last_mentioned"]
    everyone = await rows(ds, "entity_profile", name="")
    assert len(everyone) > 20 and everyone[0]["articles"] >= everyone[-1]["articles"]


@pytestmark_ginza
@pytest.mark.asyncio
async def test_entity_deals_show_counterparty_and_amount(ds) -> None:
    deals = await rows(ds, "entity_deals", name="SoftBank Group")
    openai = [d for d in deals if d["counterparties"] == "OpenAI"]
    assert openai and openai[0]["usd"] == pytest.approx(40e9)
    assert openai[0]["amount_text"] == "40,000,000,000 USD" and openai[0]["usd_text"] == "$40.0B"


@pytestmark_ginza
@pytest.mark.asyncio
async def test_entity_money_is_grouped_by_role_without_conversions(ds) -> None:
    money = await rows(ds, "entity_money", name="OpenAI")
    roles = [m["role"] for m in money]
    assert roles == sorted(roles, key=lambda r: r or "")
    assert all(m["money_id"] for m in money)


@pytestmark_ginza
@pytest.mark.asyncio
async def test_search_shows_the_matching_sentence(ds) -> None:
    for q in ("契約", "出資", "Microsoft"):
        found = await rows(ds, "search", q=q)
        assert found, q
        for row in found:
            assert q.lower() in row["passage"].lower(), (q, row["passage"])
            # One sentence: no sentence end before its last character.
            assert not re.search(r"[。！？](?=.)", row["passage"]), row["passage"]


@pytestmark_ginza
@pytest.mark.asyncio
async def test_entity_page(ds, kb_path: Path) -> None:
    softbank = entity_id(kb_path, "SoftBank Group")
    page = await html(ds, f"/entity/{softbank}")
    assert "<h1>SoftBank Group" in page
    for section in ('id="deals"', 'id="money"', 'id="hardware"', 'id="co-mentioned"', 'id="mentions"'):
        assert section in page
    assert "40,000,000,000 USD" in page and "$40.0B" in page
    # co-mentioned entities link to their pages
    assert f'href="/entity/{entity_id(kb_path, "OpenAI")}"' in page
    assert re.search(r'href="/samples/money/\d+"', page)
    assert re.search(r'href="/article/\d+"', page)
    assert f"/-/dashboards/{DASHBOARD}/mentions-over-time/embed?entity=SoftBank%20Group" in page


@pytestmark_ginza
@pytest.mark.asyncio
@pytest.mark.parametrize("path,message", [
    ("/entity/999999", "No entity 999999"),
    ("/entity/not-a-number", "No entity not-a-number"),
    ("/article/999999", "No article 999999"),
    ("/article/abc", "No article abc"),
])
async def test_pages_for_missing_rows_are_404_with_a_message(ds, path: str, message: str) -> None:
    page = await html(ds, path, status=404)
    assert message in page and "Traceback" not in page


@pytestmark_ginza
@pytest.mark.asyncio
async def test_entity_lookup_by_name(ds, kb_path: Path) -> None:
    response = await ds.client.get("/entity", params={"name": "アマゾン・ウェブ・サービス"})
    assert response.status_code == 302
    assert response.headers["location"] == f"/entity/{entity_id(kb_path, 'Amazon Web Services')}"
    missing = await html(ds, "/entity?name=no+such+company")
    assert "No entity is named “no such company”" in missing
    listing = await html(ds, "/entity")
    assert f'href="/entity/{entity_id(kb_path, "OpenAI")}"' in listing


@pytestmark_ginza
@pytest.mark.asyncio
async def test_article_page_lists_facts_beside_the_text(ds, kb_path: Path) -> None:
    softbank = article_id(kb_path, "ソフトバンクグループ、OpenAIに")
    page = await html(ds, f"/article/{softbank}")
    assert 'id="article-text"' in page and 'id="article-facts"' in page
    assert re.search(r'<a class="fact fact-money" href="/samples/money/\d+"', page)
    assert re.search(r'href="/samples/dates/\d+"', page)
    deals = page.split('id="article-deals"')[1].split("</ul>")[0]
    assert "40,000,000,000 USD" in deals
    assert f'href="/entity/{entity_id(kb_path, "SoftBank Group")}"' in deals


@pytestmark_ginza
@pytest.mark.asyncio
async def test_article_text_and_title_are_escaped(ds, kb_path: Path) -> None:
    page = await html(ds, f"/article/{article_id(kb_path, 'Acme')}")
    assert "<script>alert" not in page and "<b>Corp</b>" not in page
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in page and "&lt;b&gt;Corp&lt;/b&gt;" in page
    assert "javascript:alert(2)" not in page  # only http(s) URLs become links


@pytestmark_ginza
@pytest.mark.asyncio
async def test_query_results_link_to_pages_and_rows(ds) -> None:
    page = await html(ds, f"/{DB}/search?q=契約")
    assert re.search(r'<a href="/article/\d+">article \d+</a>', page)
    facts = await html(ds, f"/{DB}/article_facts?article_id=1")
    assert re.search(r'<a href="/samples/mentions/\d+">\d+</a>', facts)
    assert re.search(r'<a href="/entity/\d+">entity \d+</a>', facts)


@pytestmark_ginza
@pytest.mark.asyncio
async def test_index_and_menu_lead_to_the_pages(ds) -> None:
    index = await html(ds, "/")
    for link in (f'href="/-/dashboards/{DASHBOARD}"', 'href="/entity"', f'action="/{DB}/search"'):
        assert link in index
    table = await html(ds, f"/{DB}/entities")
    assert f'href="/-/dashboards/{DASHBOARD}"' in table  # the navigation menu, on every page


@pytestmark_ginza
@pytest.mark.asyncio
async def test_dashboard_page_and_every_chart_query(ds) -> None:
    page = await html(ds, f"/-/dashboards/{DASHBOARD}")
    board = dashboards(DB)[DASHBOARD]
    for slug in board["charts"]:
        assert f"chart-{slug}" in page
    for slug, chart in board["charts"].items():
        if "query" not in chart:
            continue
        for filters in ({}, {"entity": "OpenAI"}, {"entity": "no such entity"}):
            sql = replace_opts_in_query(chart["query"], filters)
            response = await ds.client.get(f"/{DB}.json", params={"sql": sql, **filters, "_shape": "array"})
            assert response.status_code == 200, (slug, filters, response.text[:300])
            data = response.json()
            if filters.get("entity") != "no such entity" and slug != "deal-value-by-month":
                assert data, (slug, filters)
    followed = await ds.client.get(f"/{DB}.json", params={
        "sql": replace_opts_in_query(board["charts"]["mentions-over-time"]["query"], {"entity": "AWS"}),
        "entity": "AWS", "_shape": "array"})
    assert {r["entity"] for r in followed.json()} == {"Amazon Web Services"}


@pytestmark_ginza
@pytest.mark.asyncio
@pytest.mark.parametrize("table", ["money", "gpu_specs", "capacities", "mentions", "deal_parties"])
async def test_facts_facet_by_organization_with_its_name(ds, table: str) -> None:
    # a default facet on some tables, on request on the biggest (mentions, money)
    response = await ds.client.get(f"/{DB}/{table}.json", params={"_size": "0", "_facet": "entity_id"})
    facet = response.json()["facet_results"]["entity_id"]
    labels = {r["label"] for r in facet["results"]}
    assert labels and not all(str(label).isdigit() for label in labels), labels


@pytest.mark.asyncio
async def test_the_demo_lands_on_the_dashboard(tmp_path) -> None:
    from newskb.kb.serve import make_datasette
    from newskb.kb.store import open_db

    path = tmp_path / "demo.db"
    open_db(path).close()
    demo = make_datasette(path, landing="/-/dashboards/newskb")
    response = await demo.client.get("/")
    assert response.status_code == 302 and response.headers["location"] == "/-/dashboards/newskb"
    assert (await demo.client.get("/-/dashboards/newskb")).status_code == 200
    plain = make_datasette(path)
    assert (await plain.client.get("/")).status_code == 200


@pytest.mark.asyncio
async def test_entity_page_lists_the_largest_figures_of_each_role(tmp_path) -> None:
    """An entity with many figures: the ten largest of each role on its page, how many more the query
    gives (50 of each role at most) and a link to all of that role's figures in the money table."""
    from newskb.kb.store import open_db
    from newskb.kb.summaries import rebuild

    path = tmp_path / "kb.db"
    db = open_db(path)
    db["entities"].insert({"id": 1, "name": "Oracle", "type": "ORG", "key": "oracle"})  # type: ignore[union-attr]
    db["articles"].insert({"id": 1, "title": "t", "text": "x", "key": "1", "search_text": "x",  # type: ignore[union-attr]
                           "published": "2025-11-03"})
    db["mentions"].insert({"article_id": 1, "entity_id": 1, "text": "Oracle"})  # type: ignore[union-attr]
    figures = [("capex", k) for k in range(1, 61)] + [("contract", k) for k in range(1, 13)]
    db["money"].insert_all([{"article_id": 1, "entity_id": 1, "role": role, "text": f"${k} billion",  # type: ignore[union-attr]
                             "amount": k * 1e9, "currency": "USD", "usd": k * 1e9} for role, k in figures])
    with db.conn:
        rebuild(db)
    db.close()
    ds = make_datasette(path)
    money = (await ds.client.get("/kb/entity_money.json", params={"name": "1", "_shape": "array"})).json()
    assert [(m["role"], m["usd"]) for m in money] == (
        [("capex", k * 1e9) for k in range(60, 10, -1)] + [("contract", k * 1e9) for k in range(12, 0, -1)])
    page = await html(ds, "/entity/1")
    assert "$60.0B" in page and "$51.0B" in page and "$50.0B" not in page  # capex: the ten largest
    assert "40+ more" in page and "2 more" in page
    link = re.search(r'href="(/kb/money\?entity_id=1&amp;role=capex[^"]*)"', page)
    assert link, page
    table = await ds.client.get(link.group(1).replace("&amp;", "&").replace("/money?", "/money.json?"))
    assert table.json()["filtered_table_rows_count"] == 60

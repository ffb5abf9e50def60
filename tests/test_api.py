"""The Python API (``newskb.open``): each method's frame holds the rows of the canned query it wraps,
with typed columns; names resolve through aliases as the store folds them; errors name the input."""
from __future__ import annotations

import datetime as dt
import math
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import newskb
from newskb.kb.api import (
    BadParameters,
    KnowledgeBase,
    NoKnowledgeBase,
    NotAKnowledgeBase,
    UnknownEntity,
    UnknownQuery,
)
from newskb.kb.frames import DATE_COLUMNS
from newskb.kb.plugin import fts_query
from newskb.kb.serve import canned_queries

QUERIES = {q.name: q for q in canned_queries()}

# Names that find something in each knowledge base: a party known by an alias, an organization, a
# deal kind and a money role it has, a chip model (typed in lower case) and a word to search for.
NAMES = {
    "analyst": {"party": "Lumen", "org": "ノースウインド・クラウド", "kind": "investment",
                "role": "investment", "model": "h100", "word": "contract",
                "since": "2025-11", "until": "2025"},
    "samples": {"party": "AWS", "org": "OpenAI", "kind": "compute contract", "role": "contract",
                "model": "gb200", "word": "契約", "since": "2025-10", "until": "2025-12"},
}


@pytest.fixture(params=["analyst", pytest.param("samples", marks=pytest.mark.ginza)])
def kb_case(request: pytest.FixtureRequest) -> tuple[Path, dict[str, str]]:
    return request.getfixturevalue(f"{request.param}_kb"), NAMES[request.param]


@pytest.fixture
def kb(analyst_kb: Path) -> Iterator[KnowledgeBase]:
    with newskb.open(analyst_kb) as opened:
        yield opened


def canned(path: Path, query: str, **params: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The canned query run by sqlite3 as Datasette runs it: every parameter as text, '' when not given."""
    con = sqlite3.connect(path)
    con.create_function("fts_query", 1, fts_query)
    try:
        cursor = con.execute(QUERIES[query].sql, {p: params.get(p, "") for p in QUERIES[query].params})
        return [d[0] for d in cursor.description], cursor.fetchall()
    finally:
        con.close()


def plain(value: Any) -> Any:
    """A frame's value as SQLite gave it: a day as YYYY-MM-DD, a flag as 0/1, missing as None."""
    if isinstance(value, list):
        return " · ".join(value) or None
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, (bool, np.bool_)):
        return int(value)
    return value.item() if isinstance(value, np.generic) else value


def assert_same_rows(frame: pd.DataFrame, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    assert list(frame.columns) == columns
    expected = [tuple(v[:10] if c in DATE_COLUMNS and isinstance(v, str) else v for c, v in zip(columns, row))
                for row in rows]
    assert [tuple(plain(v) for v in row) for row in frame.itertuples(index=False)] == expected


# (method call, the canned query it wraps and its parameters), both from a knowledge base's NAMES
CASES: list[tuple[str, Callable[[KnowledgeBase, dict[str, str]], pd.DataFrame], str,
                  Callable[[dict[str, str]], dict[str, str]]]] = [
    ("deals", lambda kb, n: kb.deals(), "deal_list", lambda n: {"limit": "-1"}),
    ("deals of a party", lambda kb, n: kb.deals(party=n["party"]), "deal_list",
     lambda n: {"party": n["party"], "limit": "-1"}),
    ("deals of a kind", lambda kb, n: kb.deals(kind=n["kind"]), "deal_list",
     lambda n: {"kind": n["kind"], "limit": "-1"}),
    ("deals of a period", lambda kb, n: kb.deals(since=n["since"], until=n["until"]), "deal_list",
     lambda n: {"since": n["since"], "until": n["until"], "limit": "-1"}),
    ("money", lambda kb, n: kb.money(), "money_figures", lambda n: {"limit": "-1"}),
    ("money of a role", lambda kb, n: kb.money(role=n["role"]), "money_figures",
     lambda n: {"role": n["role"], "limit": "-1"}),
    ("money of an entity", lambda kb, n: kb.money(entity=n["org"]), "money_figures",
     lambda n: {"entity": n["org"], "limit": "-1"}),
    ("chips", lambda kb, n: kb.chips(), "chip_mentions", lambda n: {"limit": "-1"}),
    ("chips of a model", lambda kb, n: kb.chips(n["model"]), "chip_mentions",
     lambda n: {"model": n["model"], "limit": "-1"}),
    ("entity", lambda kb, n: kb.entity(n["party"]), "entity_profile", lambda n: {"name": n["party"]}),
    ("mentions", lambda kb, n: kb.mentions(n["party"]), "entity_mentions", lambda n: {"name": n["party"]}),
    ("search", lambda kb, n: kb.search(n["word"]), "search", lambda n: {"q": n["word"]}),
    ("query", lambda kb, n: kb.query("money_by_entity", role=n["role"]), "money_by_entity",
     lambda n: {"role": n["role"]}),
]


@pytest.mark.parametrize("label, call, query, params", CASES, ids=[c[0] for c in CASES])
def test_each_method_returns_its_canned_query(kb_case: tuple[Path, dict[str, str]], label: str,
                                              call: Callable, query: str, params: Callable) -> None:
    path, names = kb_case
    columns, rows = canned(path, query, **params(names))
    assert rows, f"{query} finds nothing: the case tests nothing"
    with newskb.open(path) as kb:
        assert_same_rows(call(kb, names), columns, rows)


def test_sql_runs_any_query_with_named_parameters(kb_case: tuple[Path, dict[str, str]]) -> None:
    path, names = kb_case
    sql = ("select id, kind, usd, first_reported, amounts_disagree from deal_events "
           "where kind = :kind order by id")
    with sqlite3.connect(path) as con:
        cursor = con.execute(sql, {"kind": names["kind"]})
        columns, rows = [d[0] for d in cursor.description], cursor.fetchall()
    with newskb.open(path) as kb:
        assert_same_rows(kb.sql(sql, kind=names["kind"]), columns, rows)


def test_timeline_adds_up_the_days_of_its_query(kb_case: tuple[Path, dict[str, str]]) -> None:
    path, names = kb_case
    _, rows = canned(path, "entity_timeline", name=names["org"])
    by_month: dict[str, list[float]] = {}
    for day, articles, mentions, deals, usd in rows:
        totals = by_month.setdefault(day[:7], [0, 0, 0, 0.0])
        for i, value in enumerate((articles, mentions, deals, usd or 0.0)):
            totals[i] += value
    with newskb.open(path) as kb:
        frame = kb.timeline(names["org"])
    assert isinstance(frame.index, pd.DatetimeIndex)
    assert list(frame.columns) == ["articles", "mentions", "deals", "deal_usd"]
    months = pd.period_range(min(by_month), max(by_month), freq="M")
    assert list(frame.index) == list(months.to_timestamp())  # every month, those without news too
    nonzero = {f"{t:%Y-%m}": [plain(v) for v in row]
               for t, row in zip(frame.index, frame.itertuples(index=False)) if any(row)}
    assert nonzero == by_month


# --- typed columns --------------------------------------------------------------------------------

def datetime_(s: pd.Series) -> bool:
    return pd.api.types.is_datetime64_any_dtype(s)


def bool_(s: pd.Series) -> bool:
    return pd.api.types.is_bool_dtype(s)


def float_(s: pd.Series) -> bool:
    return s.dtype == "float64"


def int_(s: pd.Series) -> bool:
    return s.dtype == "Int64"


@pytest.mark.parametrize("call, checks", [
    (lambda kb: kb.deals(), {"event_id": int_, "amount": float_, "usd": float_, "day": datetime_,
                             "first_reported": datetime_, "sources": int_, "amounts_disagree": bool_}),
    (lambda kb: kb.money(), {"money_id": int_, "article_id": int_, "entity_id": int_, "published": datetime_,
                             "amount": float_, "usd": float_, "low": float_, "approx": bool_}),
    (lambda kb: kb.chips(), {"spec_id": int_, "published": datetime_, "count": int_, "count_low": int_,
                             "count_approx": bool_, "memory_bytes": float_}),
    (lambda kb: kb.entity("Lumen Labs"), {"entity_id": int_, "articles": int_, "mentions": int_,
                                          "first_mentioned": datetime_, "last_mentioned": datetime_}),
    (lambda kb: kb.mentions("Lumen Labs"), {"mention_id": int_, "article_id": int_, "published": datetime_}),
    (lambda kb: kb.search("contract"), {"article_id": int_, "published": datetime_, "rank": float_}),
    (lambda kb: kb.timeline("Lumen Labs"), {"articles": int_, "mentions": int_, "deals": int_,
                                            "deal_usd": float_}),
    (lambda kb: kb.table("dates"), {"id": int_, "start_date": datetime_, "end_date": datetime_,
                                    "relative": bool_}),
    (lambda kb: kb.table("articles"), {"published": datetime_, "ingested_at": datetime_, "fts_rowid": int_}),
    (lambda kb: kb.table("article_months"), {"published": bool_, "date_mentions": int_}),
], ids=["deals", "money", "chips", "entity", "mentions", "search", "timeline", "dates", "articles",
        "article_months"])
def test_columns_are_typed(kb: KnowledgeBase, call: Callable, checks: dict[str, Callable]) -> None:
    frame = call(kb)
    assert len(frame)
    for column, check in checks.items():
        assert check(frame[column]), (column, frame[column].dtype)


def test_flags_with_gaps_are_nullable_booleans(kb: KnowledgeBase) -> None:
    frame = kb.sql("select approx from money union all select null")
    assert frame["approx"].dtype == "boolean" and frame["approx"].isna().sum() == 1


def test_timestamps_keep_their_time(kb: KnowledgeBase) -> None:
    stored = kb.sql("select ingested_at from articles order by id limit 1")["ingested_at"][0]
    raw = kb.db.execute("select ingested_at from articles order by id limit 1").fetchone()[0]
    assert stored == pd.Timestamp(raw).tz_convert(None)


# --- names and filters ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Lumen Labs", "Lumen", "ルーメン・ラボ", "lumen labs",
                                  "ＬＵＭＥＮ　ＬＡＢＳ", "Lumen-Labs", "2", 2])
def test_entities_resolve_by_any_alias_folded(kb: KnowledgeBase, name: str | int) -> None:
    (entity,) = kb.entity(name).itertuples()
    assert (entity.entity_id, entity.name, entity.aliases) == (2, "Lumen Labs", ["Lumen", "ルーメン・ラボ"])
    assert list(kb.deals(party=name)["event_id"]) == [1, 2]


def test_a_name_two_entities_go_by(analyst_kb: Path, tmp_path: Path) -> None:
    copy = tmp_path / "shared-name.db"
    copy.write_bytes(analyst_kb.read_bytes())
    with newskb.open(copy) as kb:
        kb.db["entity_aliases"].insert({"entity_id": 3, "alias": "LUMEN"})  # Acme Power goes by it too
        assert kb.entity("lumen")["name"].tolist() == ["Lumen Labs", "Acme Power"]
        assert kb.deals(party="Lumen")["event_id"].tolist() == [1, 2, 3]  # each deal once, largest first
        assert kb.money(entity="Lumen")["text"].tolist() == ["約50億ドル", "$3 billion"]
        assert kb.mentions("Lumen")["published"].is_monotonic_decreasing
        assert kb.timeline("Lumen", freq="Y")["articles"].tolist() == [2, 1]  # their counts add up


def test_entity_profile(kb: KnowledgeBase) -> None:
    (entity,) = kb.entity("Northwind Cloud").itertuples()
    assert (entity.type, entity.articles, entity.mentions) == ("ORG", 3, 3)
    assert entity.first_mentioned == pd.Timestamp("2025-10-05")
    assert entity.last_mentioned == pd.Timestamp("2026-01-15")


@pytest.mark.parametrize("since, until, kinds", [
    ("2025-11", None, ["investment", "capex"]),  # a deal without a date falls on the day it was reported
    (None, "2025", ["compute contract", "investment"]),  # a year or month includes all its days
    (dt.date(2025, 10, 3), dt.date(2025, 10, 3), ["compute contract"]),  # the deal's own date
    ("2026", "2026", ["capex"]),
    (pd.Timestamp("2025-11-20"), dt.datetime(2025, 12, 31, 23, 0), ["investment"]),
    ("2027", None, []),
])
def test_deals_of_a_period(kb: KnowledgeBase, since: Any, until: Any, kinds: list[str]) -> None:
    assert list(kb.deals(since=since, until=until)["kind"]) == kinds


@pytest.mark.parametrize("date, start_date, day", [
    ("2025-10-03", "2025-10-03", "2025-10-03"),
    ("2025-10", "2025-10-01", "2025-10-01"),
    ("2025", "2025-01-01", "2025-01-01"),
    ("2025-Q4", "2025-10-01", "2025-10-01"),  # from the statements' first day
    ("FY2025", "2025-04-01", "2025-04-01"),
    (None, None, "2025-10-05"),  # the day it was first reported
])
def test_a_deals_day(analyst_kb: Path, tmp_path: Path, date: str | None, start_date: str | None,
                     day: str) -> None:
    copy = tmp_path / "dated.db"
    copy.write_bytes(analyst_kb.read_bytes())
    with newskb.open(copy) as kb:
        kb.db.execute("update deals set date = ?, start_date = ? where event_id = 1", [date, start_date])
        kb.db.execute("update deal_events set date = ? where id = 1", [date])
        kb.db.conn.commit()
        deals = kb.deals(kind="compute contract")
    assert deals["day"].tolist() == [pd.Timestamp(day)]


@pytest.mark.parametrize("kind, parties", [
    ("capex", ["Acme Power"]),
    ("compute contract", ["Lumen Labs / Northwind Cloud"]),
    ("loan", []),
])
def test_deals_of_a_kind(kb: KnowledgeBase, kind: str, parties: list[str]) -> None:
    assert list(kb.deals(kind=kind)["parties"]) == parties


def test_deal_filters_combine(kb: KnowledgeBase) -> None:
    assert list(kb.deals(party="Northwind Cloud", kind="investment", since="2025-11")["event_id"]) == [2]
    assert kb.deals(party="Acme Power", kind="investment").empty


@pytest.mark.parametrize("role, entity, texts", [
    (None, None, ["$12 billion", "約50億ドル", "$3 billion"]),  # the conversion 約7500億円 left out
    ("investment", None, ["約50億ドル"]),
    (None, "ノースウインド・クラウド", ["$12 billion"]),
    ("capex", "Lumen", []),
])
def test_money_filters(kb: KnowledgeBase, role: str | None, entity: str | None, texts: list[str]) -> None:
    assert list(kb.money(role=role, entity=entity)["text"]) == texts


@pytest.mark.parametrize("model, rows", [
    (None, [("H100", 20000, "Lumen Labs"), ("GB200", None, "Lumen Labs"), ("H100", None, "Northwind Cloud")]),
    ("h100", [("H100", 20000, "Lumen Labs"), ("H100", None, "Northwind Cloud")]),
    ("MI450", []),
])
def test_chips(kb: KnowledgeBase, model: str | None, rows: list[tuple[Any, ...]]) -> None:
    frame = kb.chips(model)[["model", "count", "organization"]]
    assert [tuple(plain(v) for v in r) for r in frame.itertuples(index=False)] == rows


@pytest.mark.parametrize("freq, periods, rows", [
    ("M", ["2025-10-01", "2025-11-01", "2025-12-01", "2026-01-01"],
     [(1, 1, 1, 12e9), (1, 1, 1, 5e9), (0, 0, 0, 0.0), (1, 1, 0, 0.0)]),
    ("Q", ["2025-10-01", "2026-01-01"], [(2, 2, 2, 17e9), (1, 1, 0, 0.0)]),
    ("Y", ["2025-01-01", "2026-01-01"], [(2, 2, 2, 17e9), (1, 1, 0, 0.0)]),
])
def test_timeline(kb: KnowledgeBase, freq: str, periods: list[str], rows: list[tuple[Any, ...]]) -> None:
    frame = kb.timeline("northwind cloud", freq=freq)
    assert list(frame.index) == [pd.Timestamp(p) for p in periods]
    assert [tuple(plain(v) for v in r) for r in frame.itertuples(index=False)] == rows


def test_timeline_of_an_entity_without_dated_news_is_empty(analyst_kb: Path, tmp_path: Path) -> None:
    copy = tmp_path / "undated.db"
    copy.write_bytes(analyst_kb.read_bytes())
    with newskb.open(copy) as other:
        other.db["entities"].insert({"name": "Quiet Co", "type": "ORG", "key": "quietco"})
        frame = other.timeline("Quiet Co")
    assert frame.empty and isinstance(frame.index, pd.DatetimeIndex) and list(frame.columns) == [
        "articles", "mentions", "deals", "deal_usd"]


@pytest.mark.parametrize("word, titles", [
    ("出資", ["ルーメン・ラボ、ノースウインドに50億ドル出資"]),
    ("contract", ["Northwind Cloud wins $12 billion Lumen Labs contract"]),
    ("量子", []),
])
def test_search(kb: KnowledgeBase, word: str, titles: list[str]) -> None:
    frame = kb.search(word)
    assert list(frame["title"]) == titles
    assert all(word in passage for passage in frame["passage"])


# --- errors ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("call, error, message", [
    (lambda kb: kb.entity("Lumen Lab"), UnknownEntity,
     "Lumen Lab: no entity of that name, alias or id (did you mean Lumen Labs, Lumen?)"),
    (lambda kb: kb.deals(party="Zephyr"), UnknownEntity, "Zephyr: no entity of that name, alias or id"),
    (lambda kb: kb.mentions(99), UnknownEntity, "99: no entity of that name, alias or id"),
    (lambda kb: kb.query("deal_lists"), UnknownQuery,
     "deal_lists: no canned query of that name (did you mean deal_list?)"),
    (lambda kb: kb.table("deal"), UnknownQuery, "deal: no table of that name (did you mean deals?)"),
    (lambda kb: kb.query("entity_timeline"), BadParameters,
     "entity_timeline: missing parameter name (it takes: name)"),
    (lambda kb: kb.query("search", q="x", lang="ja"), BadParameters,
     "search: no parameter lang (it takes: q)"),
    (lambda kb: kb.frame("money", role="capex"), BadParameters, "money: takes no parameters (given: role)"),
], ids=["close names", "unknown party", "unknown id", "unknown query", "unknown table", "missing parameter",
        "unknown parameter", "table parameter"])
def test_errors_name_the_input(kb: KnowledgeBase, call: Callable, error: type[Exception],
                               message: str) -> None:
    with pytest.raises(error) as raised:
        call(kb)
    assert str(raised.value) == message


@pytest.mark.parametrize("query, params, optional", [
    ("search", ("q",), set()),
    ("articles_by_month", ("lang",), {"lang"}),  # :lang = ''
    ("biggest_deals", ("since", "until"), {"since", "until"}),  # coalesce(:since, '') = ''
    ("money_above_usd", ("min_usd",), {"min_usd"}),  # nullif(:min_usd, '')
    ("entity_deals", ("name",), set()),  # :name <> '' is no default
    ("deal_list", ("party", "kind", "since", "until", "limit"), {"party", "kind", "since", "until", "limit"}),
])
def test_parameters_an_empty_value_serves(query: str, params: tuple[str, ...], optional: set[str]) -> None:
    assert (QUERIES[query].params, QUERIES[query].optional_params) == (params, optional)


def test_a_query_may_leave_out_what_it_can_go_without(kb: KnowledgeBase) -> None:
    everything = kb.query("deal_list", party="", kind=None, since="", until="", limit="")
    assert kb.query("deal_list").equals(everything)
    assert kb.query("deal_list", limit=1)["event_id"].tolist() == [1]


def test_opening_a_missing_file_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(NoKnowledgeBase, match="missing.db: no such knowledge base"):
        newskb.open(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()
    with newskb.open(tmp_path / "new.db", create=True) as kb:
        assert kb.deals().empty and list(kb.deals().columns)[:3] == ["event_id", "kind", "parties"]


def test_a_file_that_is_not_a_knowledge_base(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not sqlite at all " * 100, encoding="utf-8")
    with pytest.raises(NotAKnowledgeBase, match="notes.db: cannot be opened as a newskb knowledge base"):
        newskb.open(path)


# --- ingest, and import newskb ---------------------------------------------------------------------

ARTICLE = "---\ntitle: Oracle signs with Nebius\npublished: 2025-09-01\nlang: en\n---\n" \
          "Oracle and Nebius signed a $5 billion contract.\n"
BLANK = {"ja": None, "en": None}


def test_ingest_stores_what_the_cli_stores(tmp_path: Path) -> None:
    source = tmp_path / "oracle.md"
    source.write_text(ARTICLE, encoding="utf-8")
    with newskb.open(tmp_path / "api.db", create=True) as kb:
        with pytest.raises(UnknownEntity):
            kb.entity("Nebius")
        summary = kb.ingest(source, models=BLANK)
        assert summary.line() == "1 added, 0 updated, 0 unchanged, 0 failed"
        assert kb.entity("nebius")["name"].tolist() == ["Nebius"]  # the names read since are found
        assert kb.ingest([source], models=BLANK).unchanged == 1
        ours = {t: kb.table(t) for t in ("money", "deals", "mentions", "entity_aliases")}
    from newskb.kb.cli import cli

    result = CliRunner().invoke(cli, ["ingest", str(source), "--db", str(tmp_path / "cli.db"),
                                      "--model", "ja=blank", "--model", "en=blank", "--workers", "1"])
    assert result.exit_code == 0, result.output
    with newskb.open(tmp_path / "cli.db") as kb:
        for table, frame in ours.items():
            pd.testing.assert_frame_equal(kb.table(table), frame)


def test_ingest_refuses_a_bad_date_before_reading(kb: KnowledgeBase, tmp_path: Path) -> None:
    from newskb.ingest.sources import SourceError

    with pytest.raises(SourceError, match="'published' is not a date: 'soon'"):
        kb.ingest(tmp_path / "nothing-here", published="soon")


def test_import_newskb_stays_light() -> None:
    heavy = ("pandas", "spacy", "sqlite_utils", "datasette", "pyarrow")
    check = ("import sys, newskb, newskb.ingest.names; "
             f"print(sorted(m for m in {heavy} if m in sys.modules)); "
             "print(newskb.KnowledgeBase.__name__); "
             "print(sorted(m for m in ('pandas',) if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", check], check=True, capture_output=True, text=True)
    assert result.stdout.splitlines() == ["[]", "KnowledgeBase", "['pandas']"]  # pandas on first use


def test_the_package_offers_the_api() -> None:
    from newskb.kb import api

    assert all(getattr(newskb, name) is getattr(api, name) for name in newskb.__all__ if name != "open")
    with pytest.raises(AttributeError, match="no attribute 'Knowledge'"):
        newskb.Knowledge  # noqa: B018


def test_the_new_queries_are_served_by_datasette_as_the_api_reads_them(analyst_kb: Path) -> None:
    import asyncio

    from newskb.kb.serve import make_datasette

    ds = make_datasette(analyst_kb)

    async def rows(query: str, **params: str) -> list[dict[str, Any]]:
        response = await ds.client.get(f"/analyst/{query}.json", params={**params, "_shape": "array"})
        assert response.status_code == 200, response.text[:300]
        return response.json()

    with newskb.open(analyst_kb) as kb:
        for query, params in [("deal_list", {"party": "Lumen"}), ("money_figures", {"role": "investment"}),
                              ("chip_mentions", {"model": "H100"}),
                              ("entity_timeline", {"name": "Lumen Labs"})]:
            served = asyncio.run(rows(query, **params))
            frame = kb.query(query, **params)
            assert served and [r[frame.columns[0]] for r in served] == [plain(v) for v in frame.iloc[:, 0]]

"""Deal events: deals consolidated across articles (kb.events), the view and the canned queries."""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from newskb.ingest.records import Deal, Mention, Money, Party, Records
from newskb.ingest.settings import PipelineConfig
from newskb.ingest.sources import Article
from newskb.kb.build import ingest_sources
from newskb.kb.dashboards import charts
from newskb.kb.events import same_deal
from newskb.kb.store import open_db, save_article

FIXTURES = Path(__file__).parent / "fixtures" / "deals"
QUERIES = Path(__file__).resolve().parent.parent / "queries"
# Blank pipelines: the extractors read characters, so the test needs no trained model.
BLANK = PipelineConfig(models=(("ja", None), ("en", None)))
SAME_DEAL = ("openai_aws_en", "openai_aws_ja")
WRONG = "openai_aws_wrong_figure"


def ingest(db: Database, tmp_path: Path, *names: str) -> None:
    paths = []
    for name in names:
        for suffix in (".txt", ".meta.json"):
            shutil.copy(FIXTURES / (name + suffix), tmp_path / (name + suffix))
        paths.append(str(tmp_path / (name + ".txt")))
    summary = ingest_sources(db, paths, config=BLANK)
    assert summary.failed == 0, summary.errors


@pytest.fixture
def db() -> Database:
    return open_db(Database(memory=True))


def events(db: Database) -> list[dict[str, Any]]:
    return list(db.query("SELECT * FROM deal_events ORDER BY id"))


def test_two_articles_one_event(db: Database, tmp_path: Path) -> None:
    ingest(db, tmp_path, *SAME_DEAL)
    (event,) = events(db)
    assert event["parties"] == "Amazon Web Services / OpenAI"
    assert (event["sources"], event["amount"], event["currency"]) == (2, 38e9, "USD")
    assert (event["kind"], event["duration"], event["date"]) == ("compute contract", "P7Y", "2025-11-03")
    assert event["amounts_disagree"] == 0
    assert event["first_reported"] == "2025-11-03"


def test_wrong_figure_joins_and_is_flagged(db: Database, tmp_path: Path) -> None:
    ingest(db, tmp_path, *SAME_DEAL, WRONG)
    (event,) = events(db)
    assert event["sources"] == 3
    assert event["amount"] == 38e9  # what most sources say
    assert event["amounts_disagree"] == 1


def test_view_lists_sources_and_their_amounts(db: Database, tmp_path: Path) -> None:
    ingest(db, tmp_path, *SAME_DEAL, WRONG)
    (row,) = db.query("SELECT * FROM deal_events_view")
    assert row["source_titles"].split(" | ") == [
        "OpenAI signs $38 billion cloud deal with Amazon", "AWS、OpenAIと380億ドルのクラウド契約",
        "OpenAIがAWSと大型契約"]
    assert "OpenAIがAWSと大型契約: 3800000000.0 USD" in row["amounts_by_source"]


def test_reextracted_article_recomputes_its_event(db: Database, tmp_path: Path) -> None:
    ingest(db, tmp_path, *SAME_DEAL, WRONG)
    # the misreport is corrected: same key, new text; the event stops disagreeing
    text = (FIXTURES / (WRONG + ".txt")).read_text(encoding="utf-8").replace("38億ドル", "380億ドル")
    (tmp_path / (WRONG + ".txt")).write_text(text, encoding="utf-8")
    assert ingest_sources(db, [str(tmp_path / (WRONG + ".txt"))], config=BLANK).updated == 1
    (event,) = events(db)
    assert (event["sources"], event["amounts_disagree"]) == (3, 0)


def test_event_without_deals_is_deleted(db: Database, tmp_path: Path) -> None:
    ingest(db, tmp_path, "openai_aws_ja")
    (tmp_path / "openai_aws_ja.txt").write_text("AWS、新サービス\n\nAWSは新サービスを発表した。\n",
                                                encoding="utf-8")
    ingest_sources(db, [str(tmp_path / "openai_aws_ja.txt")], config=BLANK)
    assert events(db) == []


def test_second_run_is_harmless(db: Database, tmp_path: Path) -> None:
    ingest(db, tmp_path, *SAME_DEAL)
    ingest(db, tmp_path, *SAME_DEAL)
    assert [e["sources"] for e in events(db)] == [2]


def statement(**values: Any) -> dict[str, Any]:
    base = {"kind": "compute contract", "amount": 38e9, "currency": "USD", "usd": 38e9, "date": None,
            "duration": None}
    return {**base, **values}


@pytest.mark.parametrize("a,b,same", [
    (statement(), statement(usd=40e9, amount=40e9), True),  # within 10%
    (statement(), statement(usd=None, amount=None), True),  # one source gives no figure
    (statement(), statement(usd=3.8e9, amount=3.8e9), False),  # another deal of the same parties
    (statement(date="2025-11-03"), statement(date="2025-11-03", usd=3.8e9, amount=3.8e9), True),  # misreport
    (statement(duration="P7Y"), statement(duration="P7Y", usd=3.8e9, amount=3.8e9), True),
    (statement(date="2025-11"), statement(date="2025-11-03"), True),
    (statement(date="2024"), statement(date="2025-11-03"), False),
    (statement(kind="partnership"), statement(), True),  # headline 提携, lead 契約: amounts agree
    (statement(kind="partnership", usd=None, amount=None), statement(), False),
    (statement(kind="investment"), statement(), False),
])
def test_same_deal(a: dict[str, Any], b: dict[str, Any], same: bool) -> None:
    assert same_deal(a, b) is same


@pytest.mark.parametrize("name,params,column", [
    ("deals_by_party", {"name": "AWS"}, "counterparty"),
    ("biggest_deals", {"since": "2025-01-01", "until": "2025-12-31"}, "parties"),
    ("deal_network", {"name": "OpenAI"}, "counterparty"),
])
def test_canned_queries(db: Database, tmp_path: Path, name: str, params: dict[str, str], column: str) -> None:
    ingest(db, tmp_path, *SAME_DEAL, WRONG)
    sql = (QUERIES / f"{name}.sql").read_text(encoding="utf-8")
    assert sql.startswith("-- title: ") and "\n-- description: " in sql
    rows = list(db.query(sql, params))
    assert len(rows) == 1
    assert "OpenAI" in rows[0][column] or "Amazon Web Services" in rows[0][column]


# ---------------------------------------------------------------- parts of a total (deals.part_of)
# Written for these tests: "Lanyard Capital will invest $40 billion in Corvid AI in two tranches, $10
# billion now and $30 billion in 2027", as the extractors would give it, the total's figure optional.
TRANCHES = ("Lanyard Capital will invest $40 billion in Corvid AI in two tranches, $10 billion now and "
            "$30 billion in 2027.")


def tranches(total_amount: float | None = 40e9, total_parties: bool = True) -> Records:
    figures = [("money1", "$40 billion", 40e9, 28), ("money2", "$10 billion", 10e9, 80),
               ("money3", "$30 billion", 30e9, 101)]
    if total_amount is None:
        figures = figures[1:]
    parties = [Party(mention="m1", role="investor"), Party(mention="m2", role="investee")]

    def deal(deal_id: str, amount: float | None, money: str | None, part_of: str | None = None,
             with_parties: bool = True) -> Deal:
        return Deal(id=deal_id, kind="investment", amount=amount, currency="USD" if amount else None,
                    usd=amount, money=money, part_of=part_of, start=0, end=len(TRANCHES),
                    parties=list(parties) if with_parties else [])

    return Records(
        mentions=[Mention(id="m1", text="Lanyard Capital", name="Lanyard Capital", type="ORG", start=0,
                          end=15),
                  Mention(id="m2", text="Corvid AI", name="Corvid AI", type="ORG", start=44, end=53)],
        money=[Money(id=i, text=t, amount=a, currency="USD", usd=a, role="investment", entity="m1", start=s,
                     end=s + len(t)) for i, t, a, s in figures],
        deals=[deal("deal1", total_amount, "money1" if total_amount else None, with_parties=total_parties),
               deal("deal2", 10e9, "money2", "deal1"), deal("deal3", 30e9, "money3", "deal1")],
    )


def save(db: Database, records: Records, key: str = "tranches", text: str = TRANCHES) -> int:
    article = Article(text=text, origin=f"{key}.txt", key=key, title="Lanyard invests",
                      published=dt.date(2026, 1, 12), lang="en")
    return save_article(db, article, records, "test")[0]


def query(db: Database, query_name: str, **params: str) -> list[dict[str, Any]]:
    return list(db.query((QUERIES / f"{query_name}.sql").read_text(encoding="utf-8"), params))


def chart(db: Database, name: str) -> list[tuple[Any, ...]]:
    """A dashboard chart's rows with its entity filter empty (datasette-dashboards drops [[ … ]])."""
    sql = charts("kb")[name]["query"]
    return db.execute(re.sub(r"\[\[.*?\]\]", "", sql)).fetchall()


@pytest.mark.parametrize("total_amount", [40e9, None], ids=["the total's figure", "its parts' sum"])
def test_totals_count_a_total_or_its_parts_never_both(db: Database, total_amount: float | None) -> None:
    save(db, tranches(total_amount))
    rows = db.execute("SELECT id, amount, part_of, event_id FROM deals ORDER BY id").fetchall()
    total = rows[0][0]
    assert [(amount, part_of) for _, amount, part_of, _ in rows] == [
        (total_amount, None), (10e9, total), (30e9, total)]
    assert [event_id is None for *_, event_id in rows] == [False, True, True]  # the parts join no event
    (event,) = events(db)
    assert (event["amount"], event["usd"], event["sources"]) == (40e9, 40e9, 1)
    assert db.execute("SELECT usd FROM entity_events").fetchall() == [(40e9,), (40e9,)]
    figures = 1 if total_amount else 2  # the total's figure, else its parts'
    totals = db.execute("SELECT role, figures, total_usd FROM entity_money_totals ORDER BY role").fetchall()
    assert totals == [("", figures, 40e9), ("investment", figures, 40e9)]
    assert [(r["parties"], r["usd"]) for r in query(db, "biggest_deals", since="", until="")] == [
        ("Corvid AI / Lanyard Capital", 40e9)]
    network = query(db, "deal_network", name="Lanyard Capital")
    assert [(r["counterparty"], r["deals"], r["total_usd"]) for r in network] == [("Corvid AI", 1, 40e9)]
    deals = query(db, "deal_list", party="Lanyard Capital", kind="", since="", until="", limit="")
    assert [d["usd"] for d in deals] == [40e9]
    timeline = query(db, "entity_timeline", name="Lanyard Capital")
    assert [(t["deals"], t["deal_usd"]) for t in timeline if t["deals"]] == [(1, 40e9)]
    assert chart(db, "deal-value") == [(40.0,)]
    assert chart(db, "money-by-role") == [("Lanyard Capital", "investment", 40.0, figures)]


def test_another_report_of_the_total_joins_its_event(db: Database) -> None:
    save(db, tranches())
    report = tranches()
    report.money, report.deals = report.money[:1], report.deals[:1]
    save(db, report, key="report")
    (event,) = events(db)
    assert (event["sources"], event["amount"], event["amounts_disagree"]) == (2, 40e9, 0)


def test_a_part_whose_total_has_no_parties_is_a_deal_of_its_own(db: Database) -> None:
    save(db, tranches(total_parties=False))
    assert sorted(e["amount"] for e in events(db)) == [10e9, 30e9]


def test_an_article_with_parts_is_replaced_whole(db: Database) -> None:
    article_id = save(db, tranches())
    assert save(db, tranches(None)) == article_id  # re-extracted: the parts' links go with their rows
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("SELECT count(*), count(part_of) FROM deals").fetchone() == (3, 2)
    (event,) = events(db)
    assert event["amount"] == 40e9

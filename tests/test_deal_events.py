"""Deal events: deals consolidated across articles (kb.events), the view and the canned queries."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from newskb.ingest.settings import PipelineConfig
from newskb.kb.build import ingest_sources
from newskb.kb.events import same_deal
from newskb.kb.store import open_db

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

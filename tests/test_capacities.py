"""The power / data-centre capacity extractor (newskb_capacities) on blank pipelines."""
from __future__ import annotations

import functools
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

import newskb.ingest.components.capacities  # noqa: F401  (registers the factory)

# shared/ sits beside the repository, here and in CI.
SEED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seed_openai_aws.txt"


@functools.cache
def pipeline(lang: str) -> spacy.Language:
    nlp = spacy.blank(lang)
    nlp.add_pipe("newskb_capacities")
    return nlp


def run(text: str) -> Doc:
    japanese = any("\u3040" <= c <= "\u9fff" for c in text)
    return pipeline("ja" if japanese else "en")(text)


CASES: list[tuple[str, list[tuple[str, float | None, bool, str]]]] = [
    ("30ギガワットの電力を供給する", [("30ギガワット", 30e9, False, "power")]),
    ("OpenAI will deploy 6GW of AMD GPUs.", [("6GW", 6e9, False, "power")]),
    ("a 1.5 gigawatts campus in Texas", [("1.5 gigawatts", 1.5e9, False, "data-center")]),
    ("a 100MW data center", [("100MW", 100e6, False, "data-center")]),
    ("1.2ギガワットのデータセンター", [("1.2ギガワット", 1.2e9, False, "data-center")]),
    ("数ギガワット規模の電力", [("数ギガワット規模", None, True, "power")]),
    ("500メガワットの発電所", [("500メガワット", 500e6, False, "power")]),
    ("約1ギガワット", [("約1ギガワット", 1e9, True, "power")]),
    ("about 10 gigawatts of Nvidia systems", [("about 10 gigawatts", 10e9, True, "power")]),
    ("more than 1 gigawatt", [("more than 1 gigawatt", 1e9, True, "power")]),
    ("６ＧＷ分のMI450", [("６ＧＷ", 6e9, False, "power")]),
    ("1.5GW", [("1.5GW", 1.5e9, False, "power")]),
    ("a 120 kW rack", [("120 kW", 120e3, False, "power")]),
    ("2~3ギガワット", [("2~3ギガワット", 2e9, True, "power")]),
    ("東京電力は100万キロワットの発電所を建設する。", [("100万キロワット", 1e9, False, "power")]),
    ("数百メガワット規模のデータセンター", [("数百メガワット規模", None, True, "data-center")]),
    ("5GW超の電力", [("5GW超", 5e9, True, "power")]),
    ("1ギガワット(GW)級のデータセンター", [("1ギガワット", 1e9, False, "data-center")]),
    ("10 GWh of storage", []),
    ("100ギガワット時の電力量", []),
    ("the gwen cluster", []),
    ("NVIDIA GW200", []),
    ("In 2025 the company grew.", []),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_capacities(text: str, expected: list[tuple]) -> None:
    rows = run(text)._.capacities
    assert [(r["text"], r["watts"], r["approx"], r["kind"]) for r in rows] == expected
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)


@pytest.mark.parametrize("text,orgs,owner", [
    ("OpenAIは2030年までに30ギガワットを確保する。", ["OpenAI"], "OpenAI"),
    ("Nvidia will invest in OpenAI as the lab deploys at least 10 gigawatts.",
     ["Nvidia", "OpenAI"], "OpenAI"),
    ("Reliance will build a 3 GW data center in Jamnagar.", ["Reliance"], "Reliance"),
    ("データセンターの電力容量は1.5GWに達する。", [], None),
])
def test_entity_is_the_subject(text: str, orgs: list[str], owner: str | None) -> None:
    lang = "ja" if any("\u3040" <= c <= "\u9fff" for c in text) else "en"
    doc = pipeline(lang).make_doc(text)
    if not Doc.has_extension("mentions"):
        Doc.set_extension("mentions", default=None)
    doc._.mentions = [{"start": text.index(o), "end": text.index(o) + len(o), "text": o, "label": "Company",
                       "type": "ORG", "name": o, "source": "gazetteer"} for o in orgs]
    (row,) = pipeline(lang).get_pipe("newskb_capacities")(doc)._.capacities
    assert row["entity"] == ((text.index(owner), text.index(owner) + len(owner)) if owner else None)


def test_seed_article() -> None:
    if not SEED.exists():
        pytest.skip("shared corpus not mounted")
    rows = pipeline("ja")(SEED.read_text(encoding="utf-8"))._.capacities
    assert [(r["text"], r["watts"]) for r in rows] == [("30ギガワット", 30e9)]


@pytest.mark.parametrize("year,expected", [(None, 31.0), ("", 31.0), ("2025", 30.0), ("2023", None)])
def test_gigawatts_by_org_query(year: str | None, expected: float | None) -> None:
    import sqlite3
    db = sqlite3.connect(":memory:")
    db.executescript(
        "create table articles(id integer primary key, title, published);"
        "create table entities(id integer primary key, name, type);"
        "create table capacities(id integer primary key, article_id, entity_id, text, watts, approx, kind,"
        " start, [end], sentence);"
        "insert into articles values (1, 'a', '2025-11-03'), (2, 'b', '2024-01-05');"
        "insert into entities values (1, 'OpenAI', 'ORG');"
        "insert into capacities(article_id, entity_id, watts, approx, kind) values"
        " (1, 1, 30e9, 0, 'power'), (2, 1, 1e9, 1, 'data-center');")
    sql = (Path(__file__).parent.parent / "queries" / "gigawatts_by_org.sql").read_text(encoding="utf-8")
    assert sql.startswith("-- title: ") and "\n-- description: " in sql
    rows = db.execute(sql, {"year": year}).fetchall()
    assert (rows[0][:3] if rows else None) == (("OpenAI", "ORG", expected) if expected else None)

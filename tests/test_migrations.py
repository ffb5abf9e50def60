"""Migrations from real older schemas: knowledge bases written by newskb 0.1.0 and 0.2.0
(tests/fixtures/migrations, made as its README says) open with today's code, keep every fact and
pass SQLite's integrity and foreign-key checks."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from newskb.ingest.settings import PipelineConfig
from newskb.kb.build import ingest_sources, reextract
from newskb.kb.schema import MIGRATIONS, SUMMARY_TABLES, TABLES
from newskb.kb.store import open_db
from newskb.kb.summaries import rebuild

FIXTURES = Path(__file__).parent / "fixtures" / "migrations"
RELEASES = ("0.1.0", "0.2.0")
# The facts: every table but the summaries (rebuilt from these) and the reference accelerators.
FACT_TABLES = tuple(t.name for t in TABLES if t.name not in SUMMARY_TABLES and t.name != "accelerators")
BLANK = PipelineConfig(models=(("ja", None), ("en", None)))


def load(release: str, path: Path) -> Path:
    """The knowledge base release ``release`` wrote, as a file at ``path``."""
    con = sqlite3.connect(path)
    con.executescript((FIXTURES / f"kb-{release}.sql").read_text(encoding="utf-8"))
    con.close()
    return path


def facts(con: sqlite3.Connection | Database,
          columns: dict[str, list[str]]) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the fact tables, in the given columns of each."""
    return {table: rows(con, f"SELECT {', '.join(f'[{c}]' for c in cols)} FROM [{table}]")
            for table, cols in columns.items()}


def rows(con: sqlite3.Connection | Database, sql: str) -> list[tuple[Any, ...]]:
    return sorted(con.execute(sql).fetchall(), key=repr)


def columns_of(con: sqlite3.Connection) -> dict[str, list[str]]:
    """The columns of each fact table the knowledge base has (an older one lacks the newer tables)."""
    found = {t: [row[1] for row in con.execute(f"PRAGMA table_info([{t}])")] for t in FACT_TABLES}
    return {t: columns for t, columns in found.items() if columns}


@pytest.fixture(params=RELEASES)
def old_kb(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path]:
    return request.param, load(request.param, tmp_path / f"kb-{request.param}.db")


def test_an_older_knowledge_base_upgrades_with_the_same_facts(old_kb: tuple[str, Path]) -> None:
    release, path = old_kb
    con = sqlite3.connect(path)
    before_columns = columns_of(con)
    before = facts(con, before_columns)
    applied_before = {r[0] for r in con.execute("SELECT name FROM _sqlite_migrations")}
    con.close()
    assert before["articles"] and before["mentions"] and before["money"] and before["deals"], release

    db = open_db(path)
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert not MIGRATIONS.pending(db)
    assert {m.name for m in MIGRATIONS.applied(db)} >= applied_before
    assert facts(db, before_columns) == before
    for table in TABLES:  # every column declared today is there, with its foreign key
        have = [row[1] for row in db.execute(f"PRAGMA table_xinfo([{table.name}])")]
        assert set(have) >= {c.name for c in table.columns}, table.name
        foreign_keys = {(fk.column, fk.other_table) for fk in db[table.name].foreign_keys}  # type: ignore[union-attr]
        assert foreign_keys == {(c.name, c.references) for c in table.columns if c.references}, table.name
    # the summaries are what the facts give
    kept = {t: rows(db, f"SELECT * FROM [{t}]") for t in SUMMARY_TABLES}
    with db.conn:
        rebuild(db)
    assert {t: rows(db, f"SELECT * FROM [{t}]") for t in SUMMARY_TABLES} == kept
    # and full-text search still finds the articles
    assert [r["title"] for r in db["articles"].search("Brightwater")][:1]


def test_how_each_release_stored_a_range_is_kept(old_kb: tuple[str, Path]) -> None:
    """0.1.0 stored a money range as one row (low, high, no amount); 0.2.0 as its two bounds."""
    release, path = old_kb
    db = open_db(path)
    rows = db.execute("SELECT amount, low, high, bound FROM money WHERE text = '$12 billion to $14 billion' "
                      "ORDER BY id").fetchall()
    assert rows == ({"0.1.0": [(None, 12e9, 14e9, None)],
                     "0.2.0": [(12e9, 12e9, 14e9, "min"), (14e9, 12e9, 14e9, "max")]}[release])


def test_an_upgraded_knowledge_base_takes_new_articles_and_reextracts(old_kb: tuple[str, Path],
                                                                       tmp_path: Path) -> None:
    _, path = old_kb
    db = open_db(path)
    article = tmp_path / "new.md"
    article.write_text("---\ntitle: Harbor Grid\npublished: 2026-02-14\nlang: en\n---\n"
                       "Harbor Grid signed a $3 billion contract with CoreWeave.", encoding="utf-8")
    summary = ingest_sources(db, [str(article)], config=BLANK)
    assert summary.line() == "1 added, 0 updated, 0 unchanged, 0 failed"
    assert reextract(db, BLANK, everything=True).updated == 3  # the old articles' facts replaced too
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.close()
    again = open_db(path)
    assert again["articles"].count == 3 and not MIGRATIONS.pending(again)

"""The schema: declared once, applied idempotently, foreign keys and full-text search in place."""
from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from newskb.kb.schema import MIGRATIONS, TABLES, ensure_schema
from newskb.kb.store import open_db


def test_every_declared_table_and_column_exists(fresh_db: Database) -> None:
    for table in TABLES:
        assert fresh_db[table.name].exists(), table.name
        # table_xinfo, not table_info: generated columns too
        have = [row[1] for row in fresh_db.execute(f"PRAGMA table_xinfo([{table.name}])")]
        assert have == [c.name for c in table.columns]


def test_foreign_keys_are_declared_and_indexed(fresh_db: Database) -> None:
    for table in TABLES:
        declared = {(fk.column, fk.other_table) for fk in fresh_db[table.name].foreign_keys}
        assert declared == {(c.name, c.references) for c in table.columns if c.references}, table.name
        indexed = {i.columns[0] for i in fresh_db[table.name].indexes}
        for column, _ in declared:
            leads_the_pk = isinstance(table.pk, tuple) and table.pk[0] == column
            assert column in indexed or leads_the_pk, (table.name, column)


def test_ensure_schema_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "kb.db"
    db = open_db(path)
    db["articles"].insert({"title": "t", "text": "x", "key": "k", "content_hash": "h",
                           "search_text": "契約 x"})
    schema = db.schema
    db.close()
    db = open_db(path)
    assert db.schema == schema and db["articles"].count == 1
    assert [m.name for m in MIGRATIONS.applied(db)] == [m.name for m in MIGRATIONS._migrations]


def test_wal_mode_and_full_text_search(tmp_path: Path) -> None:
    db = open_db(tmp_path / "kb.db")
    assert db.journal_mode == "wal"
    db["articles"].insert({"title": "t", "text": "x", "key": "k", "content_hash": "h",
                           "search_text": "総額 契約 を 締結"})
    assert [r["title"] for r in db["articles"].search("契約")] == ["t"]
    assert db["articles"].detect_fts() == "articles_fts"


def test_an_older_database_is_upgraded(tmp_path: Path) -> None:
    """A knowledge base that has only the first migration gets the rest when opened."""
    path = tmp_path / "old.db"
    db = Database(path)
    first = MIGRATIONS._migrations[0].name
    MIGRATIONS.apply(db, stop_before=[m.name for m in MIGRATIONS._migrations[1:]] or None)
    assert next(m.name for m in MIGRATIONS.applied(db)) == first
    db.close()
    db = open_db(path)
    assert not MIGRATIONS.pending(db)
    ensure_schema(db)


def test_reference_accelerators_are_loaded(fresh_db: Database) -> None:
    row = fresh_db["accelerators"].get("H100")
    assert row["vendor"] == "NVIDIA" and row["memory_gb"] == 80


def test_migration_adds_the_search_rowid_to_an_existing_kb(tmp_path: Path) -> None:
    from newskb.kb.schema import SEARCH_ROWID, SEARCH_ROWID_INDEX

    old = Database(tmp_path / "old.db")
    MIGRATIONS.apply(old, stop_before="m014_generated_columns")
    old["articles"].insert({"id": 7, "text": "x", "key": "k", "search_text": "契約"})  # type: ignore[union-attr]
    assert SEARCH_ROWID not in {row[1] for row in old.execute("PRAGMA table_xinfo(articles)")}
    old.close()
    db = open_db(tmp_path / "old.db")
    assert db.execute(f"SELECT id, {SEARCH_ROWID} FROM articles").fetchall() == [(7, 7)]
    assert SEARCH_ROWID_INDEX[0] in {i.name for i in db["articles"].indexes}  # type: ignore[union-attr]
    db["articles"].insert({"id": 8, "text": "y", "key": "k2", "search_text": "y"})  # type: ignore[union-attr]
    assert db.execute(f"SELECT {SEARCH_ROWID} FROM articles WHERE id = 8").fetchone() == (8,)

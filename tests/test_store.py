"""Storing articles: re-extraction replaces facts, leaves no orphans, keeps ids stable."""
from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from newskb.ingest.sources import Article
from newskb.kb.build import ingest_sources
from newskb.kb.store import classify, remove_orphan_entities


def article(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "a.md"
    path.write_text(f"---\ntitle: T\nurl: https://example.com/a\nlang: en\n---\n{text}", encoding="utf-8")
    return path


def test_entities_no_longer_mentioned_are_removed(fresh_db: Database, tmp_path: Path) -> None:
    path = article(tmp_path, "Oracle and Nebius signed a $5 billion contract.")
    ingest_sources(fresh_db, [str(path)])
    assert {r["name"] for r in fresh_db["entities"].rows} >= {"Oracle", "Nebius"}
    article(tmp_path, "Oracle signed a $6 billion contract.")
    summary = ingest_sources(fresh_db, [str(path)])
    assert summary.updated == 1 and fresh_db["articles"].count == 1
    names = {r["name"] for r in fresh_db["entities"].rows}
    assert "Oracle" in names and "Nebius" not in names
    assert fresh_db.execute("select count(*) from entity_aliases where entity_id not in (select id from entities)"
                            ).fetchone()[0] == 0
    assert fresh_db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_ids_are_stable_across_unchanged_reingest(fresh_db: Database, tmp_path: Path) -> None:
    path = article(tmp_path, "Oracle and Nebius signed a $5 billion contract.")
    ingest_sources(fresh_db, [str(path)])
    before = {t: [r["id"] for r in fresh_db[t].rows] for t in ("articles", "entities", "mentions", "money")}
    summary = ingest_sources(fresh_db, [str(path)])
    assert summary.unchanged == 1
    assert before == {t: [r["id"] for r in fresh_db[t].rows] for t in before}


def test_same_text_from_another_file_is_unchanged(fresh_db: Database, tmp_path: Path) -> None:
    ingest_sources(fresh_db, [str(article(tmp_path, "Oracle grows."))])
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "a.md").write_text((tmp_path / "a.md").read_text(encoding="utf-8").replace("url: https://example.com/a\n", ""),
                               encoding="utf-8")
    stored = fresh_db.execute("select text from articles").fetchone()[0]
    assert classify(fresh_db, Article(text=stored, origin="x", key="other")) == "unchanged"
    assert classify(fresh_db, Article(text=stored + " More.", origin="x", key="other")) == "added"
    assert ingest_sources(fresh_db, [str(copy / "a.md")]).line() == "0 added, 0 updated, 1 unchanged, 0 failed"
    assert fresh_db.execute("select url from articles").fetchall() == [("https://example.com/a",)]


def test_remove_orphans_keeps_referenced_entities(fresh_db: Database) -> None:
    fresh_db["entities"].insert_all([{"id": 1, "name": "A", "type": "ORG", "key": "a"},
                                     {"id": 2, "name": "B", "type": "ORG", "key": "b"}])
    fresh_db["articles"].insert({"id": 1, "text": "A", "key": "k", "content_hash": "h", "search_text": "A"})
    fresh_db["mentions"].insert({"article_id": 1, "entity_id": 1, "text": "A", "start": 0, "end": 1})
    assert remove_orphan_entities(fresh_db) == 1
    assert [r["name"] for r in fresh_db["entities"].rows] == ["A"]

"""Storing articles: re-extraction replaces facts, leaves no orphans, keeps ids stable."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlite_utils import Database

from newskb.ingest.records import Records
from newskb.ingest.sources import Article
from newskb.kb.build import ingest_sources, stale_articles
from newskb.kb.store import classify, open_db, remove_orphan_entities


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
    orphan_aliases = "select count(*) from entity_aliases where entity_id not in (select id from entities)"
    assert fresh_db.execute(orphan_aliases).fetchone()[0] == 0
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
    without_url = (tmp_path / "a.md").read_text(encoding="utf-8").replace("url: https://example.com/a\n", "")
    (copy / "a.md").write_text(without_url, encoding="utf-8")
    stored = fresh_db.execute("select text from articles").fetchone()[0]
    assert classify(fresh_db, Article(text=stored, origin="x", key="other")) == "unchanged"
    assert classify(fresh_db, Article(text=stored + " More.", origin="x", key="other")) == "added"
    summary = ingest_sources(fresh_db, [str(copy / "a.md")])
    assert summary.line() == "0 added, 0 updated, 1 unchanged, 0 failed"
    assert fresh_db.execute("select url from articles").fetchall() == [("https://example.com/a",)]


def test_a_stored_article_reads_back_with_its_date(fresh_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T\npublished: 2026-02-14\nlang: en\n---\nOracle grows.", encoding="utf-8")
    ingest_sources(fresh_db, [str(path)])
    assert fresh_db.execute("select published from articles").fetchall() == [("2026-02-14",)]
    [stored] = stale_articles(fresh_db, "another version")
    assert stored.published == dt.date(2026, 2, 14)
    assert classify(fresh_db, stored) == "unchanged"


def test_remove_orphans_keeps_referenced_entities(fresh_db: Database) -> None:
    fresh_db["entities"].insert_all([{"id": 1, "name": "A", "type": "ORG", "key": "a"},
                                     {"id": 2, "name": "B", "type": "ORG", "key": "b"}])
    fresh_db["articles"].insert({"id": 1, "text": "A", "key": "k", "content_hash": "h", "search_text": "A"})
    fresh_db["mentions"].insert({"article_id": 1, "entity_id": 1, "text": "A", "start": 0, "end": 1})
    assert remove_orphan_entities(fresh_db) == 1
    assert [r["name"] for r in fresh_db["entities"].rows] == ["A"]


# Saves one article into the knowledge base given as argv[1] through kb.store alone (no other module of
# kb imported first), and prints the number of rows of every summary table. An article that gives every
# summary something: two organizations, a figure of one of them, a date of month precision, a
# chip model and a deal between them.
SAVE_THROUGH_THE_STORE = """
import datetime as dt, json, sys

from newskb.ingest.records import Date, Deal, GpuSpec, Mention, Money, Party, Records
from newskb.ingest.sources import Article
from newskb.kb.store import open_db, save_article

text = "Calder Systems signed a $3 billion contract with Brightwater in March 2026 for 5,000 H200 chips."
records = Records(
    mentions=[Mention(id="m1", text="Calder Systems", name="Calder Systems", type="ORG", start=0, end=14),
              Mention(id="m2", text="Brightwater", name="Brightwater", type="ORG", start=50, end=61)],
    money=[Money(id="money1", text="$3 billion", amount=3e9, currency="USD", usd=3e9, role="contract",
                 entity="m1", start=24, end=34)],
    dates=[Date(id="date1", text="March 2026", value="2026-03", start_date="2026-03-01",
                end_date="2026-03-31", precision="month", start=65, end=75)],
    gpu_specs=[GpuSpec(id="gpu1", text="5,000 H200", model="H200", vendor="NVIDIA", kind="chip", count=5000,
                       entity="m1", start=80, end=90)],
    deals=[Deal(id="deal1", kind="contract", amount=3e9, currency="USD", usd=3e9, date="2026-03",
                money="money1", start=0, end=len(text),
                parties=[Party(mention="m1", role="buyer"), Party(mention="m2", role="provider")])],
)
db = open_db(sys.argv[1])
article = Article(text=text, origin="fresh.txt", key="fresh.txt", title="Calder signs",
                  published=dt.date(2026, 3, 2), lang="en")
save_article(db, article, records, "test")
print(json.dumps({t: db[t].count for t in json.loads(sys.argv[2])}))
"""


def test_a_fresh_interpreter_saving_through_the_store_keeps_every_summary(tmp_path: Path) -> None:
    """Opening an existing knowledge base with kb.store alone and saving an article fills every summary
    table (what runs after a save is registered where the store is opened, not by importing a module)."""
    import json
    import subprocess
    import sys

    from newskb.kb.schema import SUMMARY_TABLES
    from newskb.kb.summaries import rebuild

    path = tmp_path / "kb.db"
    open_db(path).close()  # an existing, up-to-date knowledge base
    command = [sys.executable, "-c", SAVE_THROUGH_THE_STORE, str(path), json.dumps(SUMMARY_TABLES)]
    run = subprocess.run(command, check=False, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    counts = json.loads(run.stdout)
    assert [t for t, n in counts.items() if not n] == []
    db = open_db(path)

    def rows() -> dict[str, list[tuple]]:
        return {t: sorted(db.execute(f"SELECT * FROM [{t}]").fetchall(), key=repr) for t in SUMMARY_TABLES}

    kept = rows()
    with db.conn:
        rebuild(db)
    assert kept == rows()


def test_saving_into_a_database_open_db_did_not_open_is_refused(tmp_path: Path) -> None:
    from newskb.kb.schema import ensure_schema
    from newskb.kb.store import NotOpened, save_article

    db = Database(tmp_path / "kb.db")
    ensure_schema(db)
    with pytest.raises(NotOpened, match="open the knowledge base with newskb.kb.store.open_db"):
        save_article(db, Article(text="x", origin="x", key="x"), Records(), "test")
    assert db["articles"].count == 0

"""Saving articles and their facts: one transaction per article, re-ingest replaces, nothing orphaned."""
from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from sqlite_utils import Database

from newskb.ingest import lexicons
from newskb.ingest.names import name_key
from newskb.ingest.records import Records
from newskb.ingest.search_tokens import search_text
from newskb.ingest.sources import Article
from newskb.kb.schema import ARTICLE_FACT_TABLES, TABLES_BY_NAME, ensure_schema
from newskb.kb.stories import assign_missing, assign_story

Status = Literal["added", "updated", "unchanged"]

# Consolidation of deals into deal events runs after each article is saved, when installed; the
# article's story first, so that they count stories.
_after_save: list[Callable[[Database, int], None]] = [assign_story]


def after_save(hook: Callable[[Database, int], None]) -> Callable[[Database, int], None]:
    """Register a function run inside each article's transaction once its facts are stored."""
    _after_save.append(hook)
    return hook


def open_db(path: str | Path) -> Database:
    """The knowledge base at ``path``, created or upgraded to the current schema."""
    db = Database(path)
    ensure_schema(db)
    load_reference_data(db)
    if assign_missing(db):
        # copies found among articles stored before stories: the counts of stories change
        from newskb.kb.events import recompute
        from newskb.kb.summaries import rebuild

        with db.atomic():
            rebuild(db)
            recompute(db, {r[0] for r in db.execute("SELECT id FROM deal_events")})
    return db


def load_reference_data(db: Database) -> None:
    """Bring the ``accelerators`` reference table up to the shipped figures; rows a user added stay."""
    table = TABLES_BY_NAME["accelerators"]
    types = {c.name: c.type for c in table.columns}
    rows = []
    for raw in lexicons.load_csv("accelerators.csv"):
        row: dict[str, Any] = {}
        for name, kind in types.items():
            value = (raw.get(name) or "").strip()
            row[name] = kind(value) if value and kind is not str else (value or None)
        rows.append(row)
    with db.atomic():
        db["accelerators"].upsert_all(rows, pk="model")  # type: ignore[union-attr]


def _first(db: Database, where: str, value: str) -> dict[str, Any] | None:
    return next(db["articles"].rows_where(where, [value], limit=1), None)  # type: ignore[union-attr]


def existing(db: Database, article: Article) -> dict[str, Any] | None:
    """The stored article with the same identity (URL, else file and record), or None."""
    return _first(db, "key = ?", article.key)


def classify(db: Database, article: Article) -> Status:
    """Before any NLP: is the article new, changed or already stored as it is?

    The same text under another identity (a copied file, a syndicated story) is already stored:
    the first source read keeps it.
    """
    row = existing(db, article)
    if row is None:
        return "unchanged" if _first(db, "content_hash = ?", article.content_hash) else "added"
    if row["content_hash"] == article.content_hash and _same_metadata(row, article):
        return "unchanged"
    return "updated"


def _same_metadata(row: dict[str, Any], article: Article) -> bool:
    return all(row.get(k) == getattr(article, k) for k in ("title", "url", "published", "source", "lang"))


def _entity_id(db: Database, ref: dict[str, Any] | None, cache: dict[str, int]) -> int | None:
    if not ref:
        return None
    key = name_key(ref["name"])
    if not key:
        return None
    if key not in cache:
        table = db["entities"]
        row = next(table.rows_where("key = ?", [key], limit=1), None)  # type: ignore[union-attr]
        if row is None:
            cache[key] = table.insert({"name": ref["name"], "type": ref["type"], "key": key}).last_pk  # type: ignore[union-attr]
        else:
            cache[key] = row["id"]
    entity_id = cache[key]
    aliases = {ref["name"], unicodedata.normalize("NFKC", ref.get("text") or ref["name"]).strip()}
    db["entity_aliases"].insert_all(  # type: ignore[union-attr]
        [{"entity_id": entity_id, "alias": a} for a in sorted(aliases) if a], ignore=True
    )
    return entity_id


def _columns(table: str) -> set[str]:
    return {c.name for c in TABLES_BY_NAME[table].columns}


def _delete_facts(db: Database, article_id: int) -> None:
    db.execute("DELETE FROM deal_parties WHERE deal_id IN (SELECT id FROM deals WHERE article_id = ?)", [article_id])
    # money rows point at each other (converted_from): clear the links before the rows.
    db.execute("UPDATE money SET converted_from = NULL WHERE article_id = ?", [article_id])
    db.execute("UPDATE deals SET money_id = NULL WHERE article_id = ?", [article_id])
    for table in ARTICLE_FACT_TABLES:
        if table != "deal_parties":
            db.execute(f"DELETE FROM [{table}] WHERE article_id = ?", [article_id])


def remove_orphan_entities(db: Database) -> int:
    """Delete entities nothing refers to any more (after a re-extraction dropped their last mention)."""
    referenced = " UNION ".join(
        [f"SELECT entity_id FROM [{t}] WHERE entity_id IS NOT NULL"
         for t in ("mentions", "money", "gpu_specs", "capacities", "deal_parties")]
    )
    orphans = f"SELECT id FROM entities WHERE id NOT IN ({referenced})"
    db.execute(f"DELETE FROM entity_aliases WHERE entity_id IN ({orphans})")
    cursor = db.execute(f"DELETE FROM entities WHERE id IN ({orphans})")
    return cursor.rowcount


def save_article(db: Database, article: Article, records: Records, extractor_version: str) -> tuple[int, Status]:
    """Store one article and everything extracted from it, in one transaction.

    A changed article (same key, new content) has its old facts replaced; entities that nothing
    mentions any more are removed.
    """
    with db.atomic():
        row = existing(db, article)
        status: Status = "added" if row is None else "updated"
        values = {
            "url": article.url,
            "title": article.title,
            "published": article.published,
            "lang": article.lang,
            "source": article.source,
            "text": article.text,
            "content_hash": article.content_hash,
            "ingested_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "origin": article.origin,
            "key": article.key,
            "extractor_version": extractor_version,
            "search_text": (records.search_text if records.search_text is not None
                            else search_text(article.title, article.text)),
        }
        if row is None:
            article_id = int(db["articles"].insert(values).last_pk)  # type: ignore[union-attr]
        else:
            article_id = row["id"]
            _delete_facts(db, article_id)
            db["articles"].update(article_id, values)  # type: ignore[union-attr]
        _save_records(db, article_id, records)
        for hook in _after_save:
            hook(db, article_id)
        if row is not None:
            remove_orphan_entities(db)
    return article_id, status


def _save_records(db: Database, article_id: int, records: Records) -> None:
    cache: dict[str, int] = {}
    mention_cols = _columns("mentions")
    db["mentions"].insert_all(  # type: ignore[union-attr]
        [
            {**{k: v for k, v in m.items() if k in mention_cols}, "article_id": article_id,
             "entity_id": _entity_id(db, m, cache)}
            for m in records.mentions
        ]
    )
    money_ids: list[int] = []
    for table, rows in records.facts.items():
        cols = _columns(table)
        ids = []
        for fact in rows:
            row = {k: v for k, v in fact.items() if k in cols and k not in ("id", "converted_from")}
            row["article_id"] = article_id
            if "entity_id" in cols:
                row["entity_id"] = _entity_id(db, fact.get("entity"), cache)
            ids.append(int(db[table].insert(row).last_pk))  # type: ignore[union-attr]
        if table == "money":
            money_ids = ids
            for fact, money_id in zip(rows, ids):
                if fact.get("converted_from") is not None:
                    db["money"].update(money_id, {"converted_from": ids[fact["converted_from"]]})  # type: ignore[union-attr]
    deal_cols = _columns("deals")
    for deal in records.deals:
        row = {k: v for k, v in deal.items() if k in deal_cols and k not in ("id", "money_id", "event_id")}
        row["article_id"] = article_id
        if deal.get("money") is not None and deal["money"] < len(money_ids):
            row["money_id"] = money_ids[deal["money"]]
        deal_id = int(db["deals"].insert(row).last_pk)  # type: ignore[union-attr]
        parties: dict[int, str | None] = {}
        for party in deal["parties"]:
            entity_id = _entity_id(db, party["entity"], cache)
            if entity_id is not None and entity_id not in parties:
                parties[entity_id] = party.get("role")
        db["deal_parties"].insert_all(  # type: ignore[union-attr]
            [{"deal_id": deal_id, "entity_id": e, "role": r} for e, r in parties.items()]
        )

"""Saving articles and their facts: one transaction per article, re-ingest replaces, nothing orphaned.

``open_db`` opens a knowledge base: it brings the schema up to date and registers what runs inside
each article's transaction once its facts are stored (``AFTER_SAVE``: the summary tables, then the
deal events). ``save_article`` refuses a database that was not opened that way, whose summaries
and deal events would silently fall behind its facts.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Literal
from weakref import WeakKeyDictionary

from sqlite_utils import Database

from newskb.ingest import lexicons
from newskb.ingest.names import name_key
from newskb.ingest.records import RECORD_KINDS, Deal, Mention, Record, Records
from newskb.ingest.search_tokens import search_text
from newskb.ingest.sources import Article
from newskb.kb.events import consolidate_article, recompute
from newskb.kb.schema import ARTICLE_FACT_TABLES, TABLES_BY_NAME, ensure_schema
from newskb.kb.stories import assign_missing, assign_story
from newskb.kb.summaries import rebuild, update_article

Status = Literal["added", "updated", "unchanged"]
AfterSave = Callable[[Database, int], None]

# What runs inside each article's transaction once its facts are stored, in this order: the article's
# story (kb/stories.py), then the summary tables' rows of the article and the deal events its deals
# join (which redo entity_events), which count stories.
AFTER_SAVE: tuple[AfterSave, ...] = (assign_story, update_article, consolidate_article)

# The after-save functions of each open knowledge base (registered by open_db).
_after_save: WeakKeyDictionary[Database, tuple[AfterSave, ...]] = WeakKeyDictionary()


class NotOpened(Exception):
    """A database given to ``save_article`` that ``open_db`` did not open."""


def open_db(path: str | Path | Database, after_save: Iterable[AfterSave] = AFTER_SAVE) -> Database:
    """The knowledge base at ``path`` (or an open ``Database``, e.g. in memory), created or upgraded to
    the current schema, with ``after_save`` registered to run after each article ``save_article``
    stores in it."""
    db = path if isinstance(path, Database) else Database(path)
    ensure_schema(db)
    load_reference_data(db)
    if assign_missing(db):
        # copies found among articles stored before stories: the counts of stories change
        with db.atomic():
            rebuild(db)
            recompute(db, {r[0] for r in db.execute("SELECT id FROM deal_events")})
    _after_save[db] = tuple(after_save)
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


def _metadata(article: Article) -> dict[str, Any]:
    """What the articles table holds of where the article came from (the date as YYYY-MM-DD)."""
    return {"url": article.url, "title": article.title,
            "published": article.published.isoformat() if article.published else None,
            "lang": article.lang, "source": article.source}


def _same_metadata(row: dict[str, Any], article: Article) -> bool:
    return all(row.get(k) == v for k, v in _metadata(article).items())


class _Entities:
    """The entity of each mention, created the first time its name is seen; its name and the text of
    each mention of it are its aliases."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.ids: dict[str, int] = {}

    def of(self, mention: Mention | None) -> int | None:
        if mention is None:
            return None
        key = name_key(mention.name)
        if not key:
            return None
        if key not in self.ids:
            table = self.db["entities"]
            row = next(table.rows_where("key = ?", [key], limit=1), None)  # type: ignore[union-attr]
            if row is None:
                row = {"id": table.insert({"name": mention.name, "type": mention.type, "key": key}).last_pk}  # type: ignore[union-attr]
            self.ids[key] = row["id"]
        entity_id = self.ids[key]
        aliases = {mention.name, unicodedata.normalize("NFKC", mention.text or mention.name).strip()}
        self.db["entity_aliases"].insert_all(  # type: ignore[union-attr]
            [{"entity_id": entity_id, "alias": a} for a in sorted(aliases) if a], ignore=True
        )
        return entity_id


def _delete_facts(db: Database, article_id: int) -> None:
    db.execute("DELETE FROM deal_parties WHERE deal_id IN (SELECT id FROM deals WHERE article_id = ?)",
               [article_id])
    # money rows point at each other (converted_from), deals too (part_of): clear the links before the rows.
    db.execute("UPDATE money SET converted_from = NULL WHERE article_id = ?", [article_id])
    db.execute("UPDATE deals SET money_id = NULL, part_of = NULL WHERE article_id = ?", [article_id])
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


def save_article(db: Database, article: Article, records: Records,
                 extractor_version: str) -> tuple[int, Status]:
    """Store one article and everything extracted from it, in one transaction.

    A changed article (same key, new content) has its old facts replaced; entities that nothing
    mentions any more are removed. ``db`` must come from ``open_db``.
    """
    hooks = _after_save.get(db)
    if hooks is None:
        raise NotOpened("save_article: open the knowledge base with newskb.kb.store.open_db, which keeps its "
                        "summary tables and deal events current as articles are saved")
    with db.atomic():
        row = existing(db, article)
        status: Status = "added" if row is None else "updated"
        values = {
            **_metadata(article),
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
        for hook in hooks:
            hook(db, article_id)
        if row is not None:
            remove_orphan_entities(db)
    return article_id, status


# Where a reference between records is stored: a mention's by the entity it names (entity_id), the
# others by the row id of the record they name.
REFERENCE_COLUMNS = {"entity": "entity_id", "money": "money_id", "converted_from": "converted_from",
                     "part_of": "part_of"}
# What a mention says of the entity it names, stored in entities rather than in mentions.
ENTITY_FIELDS = ("name", "type")


def _save_records(db: Database, article_id: int, records: Records) -> None:
    """Insert the records, kind after kind (RECORD_KINDS), each reference resolved to a row id; a
    reference to a record of the same kind (a conversion, a part of a total) once all have one."""
    records.check()
    entities = _Entities(db)
    mentions = {m.id: m for m in records.mentions}
    db["mentions"].insert_all(  # type: ignore[union-attr]
        [{**_values(m, skip=ENTITY_FIELDS), "article_id": article_id, "entity_id": entities.of(m)}
         for m in records.mentions]
    )
    row_ids: dict[str, dict[str, int]] = {}
    for kind in RECORD_KINDS[1:]:
        ids = row_ids[kind] = {}
        for record in records.of_kind(kind):
            row = {**_values(record), "article_id": article_id}
            for name, target in record.references().items():
                value = getattr(record, name)
                if target == "mentions":
                    row[REFERENCE_COLUMNS[name]] = entities.of(mentions.get(value))
                elif target != kind:
                    row[REFERENCE_COLUMNS[name]] = row_ids[target][value] if value is not None else None
            ids[record.id] = int(db[kind].insert(row).last_pk)  # type: ignore[union-attr]
            if isinstance(record, Deal):
                _save_parties(db, ids[record.id], record, mentions, entities)
        for record in records.of_kind(kind):
            links = {REFERENCE_COLUMNS[name]: ids[getattr(record, name)]
                     for name, target in record.references().items()
                     if target == kind and getattr(record, name) is not None}
            if links:
                db[kind].update(ids[record.id], links)  # type: ignore[union-attr]


def _values(record: Record, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {name: getattr(record, name) for name in record.values() if name not in skip}


def _save_parties(db: Database, deal_id: int, deal: Deal, mentions: dict[str, Mention],
                  entities: _Entities) -> None:
    """Each entity a party of the deal once, with the role of its first mention."""
    parties: dict[int, str | None] = {}
    for party in deal.parties:
        entity_id = entities.of(mentions[party.mention])
        if entity_id is not None and entity_id not in parties:
            parties[entity_id] = party.role
    db["deal_parties"].insert_all(  # type: ignore[union-attr]
        [{"deal_id": deal_id, "entity_id": e, "role": r} for e, r in parties.items()]
    )

"""Summary tables kept current as articles are saved, for queries that aggregate much of the corpus.

Two levels each, so that saving one article touches only a few rows:

- per article: ``entity_money_articles`` (an organization's distinct figures in one article, per
  role and for all roles together, role ''), ``article_months`` (the months an article was
  published in or names), ``article_entities`` (the entities it names) and ``article_models`` (the
  accelerator models it names); replaced whenever the article is saved (added, changed,
  re-extracted);
- totals: ``entity_money_totals`` (per organization and role), ``month_totals`` (per month and
  language), ``entity_totals`` (per entity) and ``model_totals`` (per model and vendor),
  recomputed from the per-article rows for the organizations, months, entities and models the
  article had or has; ``entity_pairs`` (per pair of entities named in the same articles), where
  the article's old pairs are subtracted and its new ones added, since an entity named in a third
  of the corpus has too many articles to recount its pairs.

One summary follows deal events rather than articles: ``entity_events`` (per entity and the deal
events it is a party to), redone for the events ``kb.events`` recomputes after each save.

What each table holds is declared in ``kb.schema`` (its columns and the SQL that computes it);
this module runs that SQL for the rows one save touched. ``kb.store.open_db`` registers
``update_article`` to run after every save. The per-article rows are not article facts
(``kb.schema.ARTICLE_FACT_TABLES``): when it runs they still hold what the article contributed
before, which is how it knows which totals to redo. ``rebuild`` recomputes everything from the base
tables (the migrations, and writers that bypass ``kb.store.save_article``, such as
benchmarks/serve.py's generator).
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

from newskb.kb.schema import (
    ARTICLE_ENTITIES_SQL,
    ARTICLE_MODELS_SQL,
    ARTICLE_MONTHS_SQL,
    ENTITY_EVENTS_SQL,
    ENTITY_MONEY_TOTALS_SQL,
    ENTITY_ROLES_SQL,
    ENTITY_TOTALS_SQL,
    FIGURES_SQL,
    MODEL_TOTALS_SQL,
    MONEY,
    MONTH_TOTALS_SQL,
    ORIGINAL_SQL,
    SUMMARIES,
    Summary,
    create_summary_tables,
    rebuild_summaries,
)

# One article's pairs added to (sign 1) or taken from (sign -1) the totals.
_PAIRS_DELTA = """
insert into entity_pairs (entity_id, other_id, shared_articles, mentions)
select a.entity_id, b.entity_id, {sign}, {sign} * b.mentions
from article_entities a
join article_entities b on b.article_id = a.article_id and b.entity_id <> a.entity_id
where a.article_id = ?
on conflict (entity_id, other_id) do update
set shared_articles = shared_articles + excluded.shared_articles, mentions = mentions + excluded.mentions
"""


def _marks(values: Iterable[object]) -> tuple[str, list[object]]:
    values = list(values)
    return ",".join("?" * len(values)), values


def _replace_article_rows(db: Database, article_id: int, table: str, key: str, insert: str,
                          params: list[object]) -> tuple[str, list[object]] | None:
    """Replace the article's rows of the per-article summary ``table`` (``insert`` with ``params``
    writes them); the placeholders and values of the ``key`` values its rows had or now have, the
    totals to redo, or None when there are none."""
    keys = f"SELECT DISTINCT [{key}] FROM [{table}] WHERE article_id = ?"
    touched = {r[0] for r in db.execute(keys, [article_id])}
    db.execute(f"DELETE FROM [{table}] WHERE article_id = ?", [article_id])
    db.execute(insert, params)
    touched |= {r[0] for r in db.execute(keys, [article_id])}
    return _marks(sorted(touched)) if touched else None


def _redo_totals(db: Database, touched: tuple[str, list[object]], table: str, key: str, insert: str,
                 column: str) -> None:
    """Recompute the rows of ``table`` whose ``key`` is one of ``touched`` (placeholders, values):
    delete them, then ``insert`` them again, its ``{where}`` restricting ``column`` to those values."""
    marks, values = touched
    db.execute(f"DELETE FROM [{table}] WHERE [{key}] IN ({marks})", values)
    db.execute(insert.format(where=f"{column} IN ({marks})"), values)


def _one(column: str) -> str:
    """The article ``column`` names is the one saved, and the first of its story: a copy of a story
    (articles.story_id) adds nothing to the summaries, which count stories."""
    return f"{column} = ? AND " + ORIGINAL_SQL.format(article=column)


def update_money(db: Database, article_id: int) -> None:
    touched = _replace_article_rows(db, article_id, "entity_money_articles", "entity_id",
                                    FIGURES_SQL.format(where=_one("m.article_id")), [article_id, article_id])
    if touched:
        _redo_totals(db, touched, "entity_money_totals", "entity_id", ENTITY_MONEY_TOTALS_SQL, "a.entity_id")
        marks, values = touched
        db.execute(ENTITY_ROLES_SQL.format(where=f"t.entity_id IN ({marks})"), values)


def update_months(db: Database, article_id: int) -> None:
    touched = _replace_article_rows(
        db, article_id, "article_months", "month",
        ARTICLE_MONTHS_SQL.format(where_articles=_one("a.id"), where_dates=_one("d.article_id")),
        [article_id, article_id])
    if touched:
        _redo_totals(db, touched, "month_totals", "month", MONTH_TOTALS_SQL, "month")


def update_pairs(db: Database, article_id: int) -> None:
    db.execute(_PAIRS_DELTA.format(sign=-1), [article_id])  # from the article's rows as they were
    touched = _replace_article_rows(db, article_id, "article_entities", "entity_id",
                                    ARTICLE_ENTITIES_SQL.format(where=_one("m.article_id")), [article_id])
    db.execute(_PAIRS_DELTA.format(sign=1), [article_id])
    if touched:
        marks, values = touched
        # pairs no article shares any more
        db.execute(f"DELETE FROM entity_pairs WHERE entity_id IN ({marks}) AND shared_articles = 0", values)
        _redo_totals(db, touched, "entity_totals", "entity_id", ENTITY_TOTALS_SQL, "ae.entity_id")


def update_models(db: Database, article_id: int) -> None:
    touched = _replace_article_rows(db, article_id, "article_models", "model",
                                    ARTICLE_MODELS_SQL.format(where=_one("g.article_id")), [article_id])
    if touched:
        _redo_totals(db, touched, "model_totals", "model", MODEL_TOTALS_SQL, "model")


def update_events(db: Database, event_ids: Iterable[int]) -> None:
    """Redo the entity_events rows of these deal events, after kb.events has recomputed (or deleted)
    them: called by kb.events.recompute, which knows the events that saving an article touched."""
    touched = _marks(event_ids)
    if touched[1]:
        _redo_totals(db, touched, "entity_events", "event_id", ENTITY_EVENTS_SQL, "d.event_id")


# What keeps each summary current after one article is saved (entity_events: kb.events, per deal event).
ARTICLE_UPDATES = (update_money, update_months, update_pairs, update_models)


def update_article(db: Database, article_id: int) -> None:
    """Replace the article's per-article summary rows and redo the totals they touch (run after each
    save: ``kb.store.open_db`` registers it)."""
    for update in ARTICLE_UPDATES:
        update(db, article_id)


def rebuild_money(db: Database) -> None:
    """entity_money_articles and entity_money_totals from money (and entities)."""
    MONEY.rebuild(db)


def create_tables(db: Database, summaries: Iterable[Summary] = SUMMARIES) -> None:
    """The tables of these summaries, empty, as kb.schema declares them (a second call is harmless)."""
    create_summary_tables(db, summaries)


def rebuild(db: Database) -> None:
    """Every summary table recomputed from the base tables (in the caller's transaction)."""
    rebuild_summaries(db)

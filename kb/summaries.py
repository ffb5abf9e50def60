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

The per-article rows are not article facts (``kb.schema.ARTICLE_FACT_TABLES``): when the hook runs
they still hold what the article contributed before, which is how it knows which totals to redo.
``rebuild`` recomputes everything from the base tables (the migration, and writers that bypass
``kb.store.save_article``, such as benchmarks/serve.py's generator).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from newskb.kb.schema import TABLES_BY_NAME, _create
from newskb.kb.store import after_save

# The distinct figures of each (organization, article): the same amount named twice in an article is
# one figure, conversions in parentheses are left out (as money_by_entity has always counted them), and
# a range is one figure, counted by its lower bound (its upper bound's row, amount = high, is left out).
# {where} restricts the money rows (one article, or 1 = 1 for all).
_FIGURES = """
with figures as (
    select m.entity_id, m.article_id, '' as role, max(m.usd) as usd, max(m.approx) as approx,
           max(case when m.amount is null then 1 else 0 end) as vague, m.per
    from money m
    where m.converted_from is null and m.entity_id is not null and {where}
      and (m.low is null or m.amount is null or m.amount = m.low)
    group by m.entity_id, m.article_id, m.currency, coalesce(m.amount, -m.id), m.per
    union all
    select m.entity_id, m.article_id, m.role, max(m.usd), max(m.approx),
           max(case when m.amount is null then 1 else 0 end), m.per
    from money m
    where m.converted_from is null and m.entity_id is not null and m.role is not null and {where}
      and (m.low is null or m.amount is null or m.amount = m.low)
    group by m.entity_id, m.article_id, m.role, m.currency, coalesce(m.amount, -m.id), m.per
)
insert into entity_money_articles
    (entity_id, article_id, role, figures, total_usd, largest_usd, vague_figures, approximate_figures)
select entity_id, article_id, role, count(*), sum(case when per is null then usd end),
       max(case when per is null then usd end), sum(vague), sum(approx)
from figures
group by entity_id, article_id, role
"""

_ENTITY_TOTALS = """
insert into entity_money_totals
    (entity_id, role, figures, articles, total_usd, largest_usd, vague_figures, approximate_figures, roles)
select
    a.entity_id, a.role, sum(a.figures), count(*), sum(a.total_usd), max(a.largest_usd), sum(a.vague_figures),
    sum(a.approximate_figures), nullif(a.role, '')
from entity_money_articles a
where {where}
group by a.entity_id, a.role
"""
# An organization's roles all together: those of its per-role totals, just inserted.
_ENTITY_ROLES = """
update entity_money_totals as t
set roles = (select group_concat(role) from (select r.role from entity_money_totals r
                                             where r.entity_id = t.entity_id and r.role <> '' order by r.role))
where t.role = '' and {where}
"""

# Months as articles_by_month places them: the first seven characters of the publication date, and
# of the first day of each date of day, week or month precision.
_MONTHS = """
insert into article_months (article_id, month, lang, published, date_mentions)
select article_id, month, lang, max(published), sum(mentions)
from (
    select a.id as article_id, substr(a.published, 1, 7) as month, a.lang, 1 as published, 0 as mentions
    from articles a
    where a.published is not null and {where_articles}
    union all
    select d.article_id, substr(d.start_date, 1, 7), a.lang, 0, 1
    from dates d join articles a on a.id = d.article_id
    where d.start_date is not null and d.precision in ('day', 'week', 'month') and {where_dates}
)
group by article_id, month
"""

_MONTH_TOTALS = """
insert into month_totals (month, lang, articles_published, articles_mentioning, mentions)
select month, lang, sum(published), sum(date_mentions > 0), sum(date_mentions)
from article_months
where {where}
group by month, lang
"""


# The entities of each article, with their mentions and its publication date; entity_pairs counts
# their pairs.
_ENTITIES = """
insert into article_entities (article_id, entity_id, mentions, published)
select m.article_id, m.entity_id, count(*), a.published
from mentions m
join articles a on a.id = m.article_id
where m.entity_id is not null and {where}
group by m.article_id, m.entity_id
"""

_PAIRS = """
insert into entity_pairs (entity_id, other_id, shared_articles, mentions)
select a.entity_id, b.entity_id, count(*), sum(b.mentions)
from article_entities a
join article_entities b on b.article_id = a.article_id and b.entity_id <> a.entity_id
group by a.entity_id, b.entity_id
"""
# Each entity's articles, mentions and first and last publication dates, from the index on
# article_entities alone.
_ENTITY_TOTALS_OF_ARTICLES = """
insert into entity_totals (entity_id, articles, mentions, first_mentioned, last_mentioned)
select ae.entity_id, count(*), sum(ae.mentions), min(ae.published), max(ae.published)
from article_entities ae
where {where}
group by ae.entity_id
"""
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

# The accelerator models of each article as accelerators_by_model counts them: exact counts summed,
# vague ones (数十万基) by their low end. One row per model, so that the query, which takes the
# reference table's vendor where the article named none, counts each article once.
_MODELS = """
insert into article_models (article_id, model, vendor, mentions, counted_units, units_at_least)
select g.article_id, g.model, coalesce(max(g.vendor), ''), count(*), sum(g.count), sum(coalesce(g.count, g.count_low))
from gpu_specs g
where g.model is not null and {where}
group by g.article_id, g.model
"""

_MODEL_TOTALS = """
insert into model_totals (model, vendor, articles, mentions, counted_units, units_at_least)
select model, vendor, count(*), sum(mentions), sum(counted_units), sum(units_at_least)
from article_models
where {where}
group by model, vendor
"""


# Each entity's deal events, with the amount entity_deals ranks them by: the event's, else the largest
# of the entity's statements of it. {where} restricts the deals (some events, or 1 = 1 for all).
_ENTITY_EVENTS = """
insert into entity_events (entity_id, event_id, usd, first_reported)
select dp.entity_id, d.event_id, coalesce(max(de.usd), max(d.usd)), max(de.first_reported)
from deals d
join deal_parties dp on dp.deal_id = d.id
join deal_events de on de.id = d.event_id
where {where}
group by dp.entity_id, d.event_id
"""


def _original(column: str) -> str:
    """SQL true when the article ``column`` names is the first of its story: copies of a story
    (articles.story_id, kb/stories.py) add nothing to the summaries, which count stories."""
    return (f"EXISTS (SELECT 1 FROM articles o WHERE o.id = {column} "
            "AND (o.story_id IS NULL OR o.story_id = o.id))")


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


@dataclass(frozen=True)
class Summary:
    """A summary: its tables (per article, then totals), how to compute them all from the base
    tables, and how to bring them up to date after one article is saved."""

    tables: tuple[str, ...]
    rebuild: Callable[[Database], None]
    update: Callable[[Database, int], None] | None  # None: kept current elsewhere


def rebuild_money(db: Database) -> None:
    """entity_money_articles and entity_money_totals from money (and entities)."""
    db.execute("DELETE FROM entity_money_totals")
    db.execute("DELETE FROM entity_money_articles")
    db.execute(_FIGURES.format(where=_original("m.article_id")))
    db.execute(_ENTITY_TOTALS.format(where="1 = 1"))
    db.execute(_ENTITY_ROLES.format(where="1 = 1"))


def update_money(db: Database, article_id: int) -> None:
    where = "m.article_id = ? AND " + _original("m.article_id")
    touched = _replace_article_rows(db, article_id, "entity_money_articles", "entity_id",
                                    _FIGURES.format(where=where), [article_id, article_id])
    if touched:
        _redo_totals(db, touched, "entity_money_totals", "entity_id", _ENTITY_TOTALS, "a.entity_id")
        marks, values = touched
        db.execute(_ENTITY_ROLES.format(where=f"t.entity_id IN ({marks})"), values)


def rebuild_months(db: Database) -> None:
    """article_months and month_totals from articles and dates."""
    db.execute("DELETE FROM month_totals")
    db.execute("DELETE FROM article_months")
    db.execute(_MONTHS.format(where_articles=_original("a.id"), where_dates=_original("d.article_id")))
    db.execute(_MONTH_TOTALS.format(where="1 = 1"))


def update_months(db: Database, article_id: int) -> None:
    touched = _replace_article_rows(
        db, article_id, "article_months", "month",
        _MONTHS.format(where_articles="a.id = ? AND " + _original("a.id"),
                       where_dates="d.article_id = ? AND " + _original("d.article_id")),
        [article_id, article_id])
    if touched:
        _redo_totals(db, touched, "month_totals", "month", _MONTH_TOTALS, "month")


def rebuild_pairs(db: Database) -> None:
    """article_entities, entity_pairs and entity_totals from mentions (and articles)."""
    db.execute("DELETE FROM entity_pairs")
    db.execute("DELETE FROM entity_totals")
    db.execute("DELETE FROM article_entities")
    db.execute(_ENTITIES.format(where=_original("m.article_id")))
    db.execute(_PAIRS)
    db.execute(_ENTITY_TOTALS_OF_ARTICLES.format(where="1 = 1"))


def update_pairs(db: Database, article_id: int) -> None:
    db.execute(_PAIRS_DELTA.format(sign=-1), [article_id])  # from the article's rows as they were
    where = "m.article_id = ? AND " + _original("m.article_id")
    touched = _replace_article_rows(db, article_id, "article_entities", "entity_id",
                                    _ENTITIES.format(where=where), [article_id])
    db.execute(_PAIRS_DELTA.format(sign=1), [article_id])
    if touched:
        marks, values = touched
        # pairs no article shares any more
        db.execute(f"DELETE FROM entity_pairs WHERE entity_id IN ({marks}) AND shared_articles = 0", values)
        _redo_totals(db, touched, "entity_totals", "entity_id", _ENTITY_TOTALS_OF_ARTICLES, "ae.entity_id")


def rebuild_models(db: Database) -> None:
    """article_models and model_totals from gpu_specs."""
    db.execute("DELETE FROM model_totals")
    db.execute("DELETE FROM article_models")
    db.execute(_MODELS.format(where=_original("g.article_id")))
    db.execute(_MODEL_TOTALS.format(where="1 = 1"))


def update_models(db: Database, article_id: int) -> None:
    touched = _replace_article_rows(db, article_id, "article_models", "model",
                                    _MODELS.format(where="g.article_id = ? AND " + _original("g.article_id")),
                                    [article_id])
    if touched:
        _redo_totals(db, touched, "model_totals", "model", _MODEL_TOTALS, "model")


def rebuild_events(db: Database) -> None:
    """entity_events from deals, deal_parties and deal_events."""
    db.execute("DELETE FROM entity_events")
    db.execute(_ENTITY_EVENTS.format(where="1 = 1"))


def update_events(db: Database, event_ids: Iterable[int]) -> None:
    """Redo the entity_events rows of these deal events, after kb.events has recomputed (or deleted)
    them: called by kb.events.recompute, which knows the events that saving an article touched."""
    touched = _marks(event_ids)
    if touched[1]:
        _redo_totals(db, touched, "entity_events", "event_id", _ENTITY_EVENTS, "d.event_id")


MONEY = Summary(("entity_money_articles", "entity_money_totals"), rebuild_money, update_money)
MONTHS = Summary(("article_months", "month_totals"), rebuild_months, update_months)
PAIRS = Summary(("article_entities", "entity_pairs", "entity_totals"), rebuild_pairs, update_pairs)
MODELS = Summary(("article_models", "model_totals"), rebuild_models, update_models)
EVENTS = Summary(("entity_events",), rebuild_events, None)  # update_events, per event
SUMMARIES = (MONEY, MONTHS, PAIRS, MODELS, EVENTS)


@after_save
def update_article(db: Database, article_id: int) -> None:
    """Replace the article's per-article summary rows and redo the totals they touch."""
    for summary in SUMMARIES:
        if summary.update is not None:
            summary.update(db, article_id)


def create_tables(db: Database, summaries: Iterable[Summary] = SUMMARIES) -> None:
    """The tables of these summaries, empty, as kb.schema declares them (a second call is harmless)."""
    for summary in summaries:
        for name in summary.tables:
            _create(db, TABLES_BY_NAME[name])


def rebuild(db: Database) -> None:
    """Every summary table recomputed from the base tables (in the caller's transaction)."""
    for summary in SUMMARIES:
        summary.rebuild(db)

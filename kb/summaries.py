"""Summary tables kept current as articles are saved, for queries that aggregate much of the corpus.

Two levels each, so that saving one article touches only a few rows:

- per article: ``entity_money_articles`` (an organization's distinct figures in one article, per
  role and for all roles together, role '') and ``article_months`` (the months an article was
  published in or names); replaced whenever the article is saved (added, changed, re-extracted);
- totals: ``entity_money_totals`` (per organization and role) and ``month_totals`` (per month and
  language), recomputed from the per-article rows for the organizations and months the article
  had or has.

The per-article rows are not article facts (``kb.schema.ARTICLE_FACT_TABLES``): when the hook runs
they still hold what the article contributed before, which is how it knows which totals to redo.
``rebuild`` recomputes everything from the base tables (the migration, and writers that bypass
``kb.store.save_article``, such as benchmarks/serve.py's generator).
"""
from __future__ import annotations

from typing import Iterable

from sqlite_utils import Database

from kb.schema import SUMMARY_TABLES, TABLES_BY_NAME, _create
from kb.store import after_save

# The distinct figures of each (organization, article): the same amount named twice in an article is
# one figure, conversions in parentheses are left out (as money_by_entity has always counted them).
# {where} restricts the money rows (one article, or 1 = 1 for all).
_FIGURES = """
with figures as (
    select m.entity_id, m.article_id, '' as role, max(m.usd) as usd, max(m.approx) as approx,
           max(case when m.amount is null then 1 else 0 end) as vague, m.per
    from money m
    where m.converted_from is null and m.entity_id is not null and {where}
    group by m.entity_id, m.article_id, m.currency, coalesce(m.amount, -m.id), m.per
    union all
    select m.entity_id, m.article_id, m.role, max(m.usd), max(m.approx),
           max(case when m.amount is null then 1 else 0 end), m.per
    from money m
    where m.converted_from is null and m.entity_id is not null and m.role is not null and {where}
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


def _marks(values: Iterable[object]) -> tuple[str, list[object]]:
    values = list(values)
    return ",".join("?" * len(values)), values


@after_save
def update_article(db: Database, article_id: int) -> None:
    """Replace the article's per-article summary rows and redo the totals they touch."""
    entities = {r[0] for r in db.execute(
        "SELECT DISTINCT entity_id FROM entity_money_articles WHERE article_id = ?", [article_id])}
    months = {r[0] for r in db.execute("SELECT month FROM article_months WHERE article_id = ?", [article_id])}
    db.execute("DELETE FROM entity_money_articles WHERE article_id = ?", [article_id])
    db.execute("DELETE FROM article_months WHERE article_id = ?", [article_id])
    db.execute(_FIGURES.format(where="m.article_id = ?"), [article_id, article_id])
    db.execute(_MONTHS.format(where_articles="a.id = ?", where_dates="d.article_id = ?"), [article_id, article_id])
    entities |= {r[0] for r in db.execute(
        "SELECT DISTINCT entity_id FROM entity_money_articles WHERE article_id = ?", [article_id])}
    months |= {r[0] for r in db.execute("SELECT month FROM article_months WHERE article_id = ?", [article_id])}
    if entities:
        marks, values = _marks(sorted(entities))
        db.execute(f"DELETE FROM entity_money_totals WHERE entity_id IN ({marks})", values)
        db.execute(_ENTITY_TOTALS.format(where=f"a.entity_id IN ({marks})"), values)
        db.execute(_ENTITY_ROLES.format(where=f"t.entity_id IN ({marks})"), values)
    if months:
        marks, values = _marks(sorted(months))
        db.execute(f"DELETE FROM month_totals WHERE month IN ({marks})", values)
        db.execute(_MONTH_TOTALS.format(where=f"month IN ({marks})"), values)


def create_tables(db: Database) -> None:
    """The summary tables, empty, as kb.schema declares them (a second call is harmless)."""
    for name in SUMMARY_TABLES:
        _create(db, TABLES_BY_NAME[name])


def rebuild(db: Database) -> None:
    """Every summary table recomputed from the base tables (in the caller's transaction)."""
    rebuild_money(db)
    rebuild_months(db)


def rebuild_money(db: Database) -> None:
    """entity_money_articles and entity_money_totals from money (and entities)."""
    db.execute("DELETE FROM entity_money_totals")
    db.execute("DELETE FROM entity_money_articles")
    db.execute(_FIGURES.format(where="1 = 1"))
    db.execute(_ENTITY_TOTALS.format(where="1 = 1"))
    db.execute(_ENTITY_ROLES.format(where="1 = 1"))


def rebuild_months(db: Database) -> None:
    """article_months and month_totals from articles and dates."""
    db.execute("DELETE FROM month_totals")
    db.execute("DELETE FROM article_months")
    db.execute(_MONTHS.format(where_articles="1 = 1", where_dates="1 = 1"))
    db.execute(_MONTH_TOTALS.format(where="1 = 1"))

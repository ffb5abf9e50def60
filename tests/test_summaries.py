"""Summary tables (kb/summaries.py): equal to a recomputation from the base tables after every kind of
write, and the canned queries that read them return what their former SQL over the base tables did."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from newskb.kb.build import ingest_sources, reextract
from newskb.kb.schema import SUMMARY_TABLES
from newskb.kb.serve import canned_queries
from newskb.kb.store import open_db
from newskb.kb.summaries import SUMMARIES, rebuild

# What money_by_entity and articles_by_month computed from the base tables on every request before
# the summary tables: the reference the summaries must reproduce.
MONEY_BY_ENTITY_FROM_MONEY = """
with figures as (
    select m.entity_id, m.article_id, max(m.usd) as usd, max(m.approx) as approx,
           max(case when m.amount is null then 1 else 0 end) as vague, m.per
    from money m
    where m.converted_from is null and m.entity_id is not null
      and (coalesce(:role, '') = '' or m.role = :role)
      and (m.low is null or m.amount is null or m.amount = m.low)  -- a range: its lower bound
    group by m.entity_id, m.article_id, m.currency, coalesce(m.amount, -m.id), m.per
)
select
    e.name as organization, count(*) as figures, count(distinct f.article_id) as articles,
    round(sum(case when f.per is null then f.usd end)) as total_usd,
    round(max(case when f.per is null then f.usd end)) as largest_usd,
    sum(f.vague) as vague_figures, sum(f.approx) as approximate_figures,
    (select group_concat(role) from (select distinct r.role from money r
     where r.entity_id = e.id and r.converted_from is null
       and (coalesce(:role, '') = '' or r.role = :role) order by r.role)) as roles
from figures f join entities e on e.id = f.entity_id
group by e.id, e.name
order by total_usd desc nulls last, figures desc, organization
"""

ARTICLES_BY_MONTH_FROM_DATES = """
with published_per_month as (
    select substr(published, 1, 7) as month, count(*) as articles_published
    from articles where published is not null and (:lang = '' or lang = :lang) group by month
),
mentioned_per_month as (
    select substr(d.start_date, 1, 7) as month, count(distinct d.article_id) as articles_mentioning,
           count(*) as mentions
    from dates d join articles a on a.id = d.article_id
    where d.start_date is not null and d.precision in ('day', 'week', 'month')
      and (:lang = '' or a.lang = :lang)
    group by month
),
months as (select month from published_per_month union select month from mentioned_per_month)
select m.month, coalesce(p.articles_published, 0) as articles_published,
       coalesce(t.articles_mentioning, 0) as articles_mentioning, coalesce(t.mentions, 0) as mentions
from months m
left join published_per_month p on p.month = m.month
left join mentioned_per_month t on t.month = m.month
order by m.month
"""

CO_MENTIONED_FROM_MENTIONS = """
with target as (
  select id from entities where name = :name collate nocase
  union
  select entity_id from entity_aliases where alias = :name collate nocase
),
-- each other entity of each article that names the target, with its mentions there
per_article as (
  select m.entity_id, m.article_id, count(*) as mentions
  from mentions m
  where m.article_id in (select article_id from mentions where entity_id in (select id from target))
    and m.entity_id not in (select id from target)
  group by m.article_id, m.entity_id
),
counted as (
  select entity_id, count(*) as shared_articles, sum(mentions) as mentions
  from per_article
  group by entity_id
  order by shared_articles desc, mentions desc, entity_id desc
  limit 50
)
select
  e.id as entity_id,
  e.name,
  e.type,
  c.shared_articles,
  c.mentions
from counted c
join entities e on e.id = c.entity_id
order by c.shared_articles desc, c.mentions desc, e.name
"""

ACCELERATORS_BY_MODEL_FROM_GPU_SPECS = """
with per_model as (
    select
        g.model,
        coalesce(g.vendor, a.vendor) as vendor,
        count(*) as mentions,
        count(distinct g.article_id) as articles,
        sum(g.count) as counted_units,
        sum(coalesce(g.count, g.count_low)) as units_at_least
    from gpu_specs g
    left join accelerators a on a.model = g.model
    where g.model is not null
    group by g.model, coalesce(g.vendor, a.vendor)
)
select
    p.model,
    p.vendor,
    a.architecture,
    a.kind,
    p.articles,
    p.mentions,
    p.counted_units,
    p.units_at_least,
    a.memory_gb,
    a.memory_type,
    round(p.units_at_least * a.memory_gb / 1000.0, 1) as est_total_memory_tb,
    round(p.units_at_least * a.fp8_pflops / 1000.0, 1) as est_total_fp8_exaflops
from per_model p
left join accelerators a on a.model = p.model
order by p.articles desc, p.units_at_least desc, p.model
"""

# The entities :name names (an id, a name or an alias), as the entity queries find them.
TARGET = """
with target as (select id from entities
    where :name <> '' and :name not glob '*[^0-9]*' and id = cast(:name as integer)
  union select id from entities where name = :name collate nocase and :name glob '*[^0-9]*'
  union select entity_id from entity_aliases where alias = :name collate nocase and :name glob '*[^0-9]*')
"""

ENTITY_PROFILE_FROM_MENTIONS = TARGET + """
select
  e.id as entity_id,
  e.name,
  e.type,
  (select group_concat(alias, ' · ') from (
     select alias from entity_aliases where entity_id = e.id and alias <> e.name order by alias)) as aliases,
  count(distinct m.article_id) as articles,
  count(m.id) as mentions,
  min(a.published) as first_mentioned,
  max(a.published) as last_mentioned
from entities e
left join mentions m on m.entity_id = e.id
left join articles a on a.id = m.article_id
where :name = '' or e.id in (select id from target)
group by e.id
order by articles desc, mentions desc, e.name
"""

# The entity page's sections as plain SQL over the base tables: every row of the entity sorted, then
# the first ones. The canned queries read the first rows of each entity in order from indexes
# (entity_events, article_entities.published, kb.schema.ENTITY_INDEXES) and must give the same rows
# (the columns named here).
ENTITY_DEALS_FROM_DEALS = TARGET + """,
statements as (
  select d.*, dp.role from deals d join deal_parties dp on dp.deal_id = d.id
  where dp.entity_id in (select id from target) and d.event_id is not null
),
events as (
  select event_id, group_concat(distinct role) as role, max(amount) as amount,
         min(case when amount is not null then currency end) as currency, max(usd) as usd,
         min(article_id) as article_id
  from statements group by event_id
)
select
  ev.event_id, de.kind, ev.role,
  (select group_concat(name, ' / ') from (
     select distinct e.name from deals d join deal_parties dp on dp.deal_id = d.id
     join entities e on e.id = dp.entity_id
     where d.event_id = ev.event_id and dp.entity_id not in (select id from target)
     order by e.name)) as counterparties,
  coalesce(de.amount, ev.amount) as amount, coalesce(de.currency, ev.currency) as currency,
  coalesce(de.usd, ev.usd) as usd, de.duration as term, de.date, de.first_reported, de.sources, ev.article_id
from events ev join deal_events de on de.id = ev.event_id
order by coalesce(de.usd, ev.usd) desc nulls last, de.first_reported, ev.event_id
limit 1000
"""

ENTITY_MENTIONS_FROM_MENTIONS = TARGET + """
select m.id as mention_id, m.text, m.label, m.sentence, m.article_id, a.title, a.published
from mentions m join articles a on a.id = m.article_id
where m.entity_id in (select id from target)
order by a.published desc, a.id, m.start
limit 1000
"""

ENTITY_MONEY_FROM_MONEY = TARGET + """,
ranked as (
  select m.*, row_number() over (partition by m.role order by m.usd desc nulls last, m.id) as rank
  from money m
  where m.entity_id in (select id from target) and m.converted_from is null
)
select r.role, r.id as money_id, r.text, r.amount, r.currency, r.usd, r.per, r.approx, r.sentence,
    r.article_id,
       a.published
from ranked r join articles a on a.id = r.article_id
where r.rank <= 50
order by r.role, r.usd desc nulls last, r.id
limit 1000
"""

ENTITY_HARDWARE_FROM_SPECS = TARGET + """
select 'gpu_specs' as "table", g.id as row_id, g.text, coalesce(g.count, g.count_low) as units,
    null as gigawatts,
       g.article_id
from gpu_specs g where g.entity_id in (select id from target)
union all
select 'capacities', c.id, c.text, null, round(c.watts / 1e9, 3), c.article_id
from capacities c where c.entity_id in (select id from target)
order by 1 desc, 6, 2
limit 1000
"""

ENTITY_SECTIONS = (("entity_deals", ENTITY_DEALS_FROM_DEALS),
                   ("entity_mentions", ENTITY_MENTIONS_FROM_MENTIONS),
                   ("entity_money", ENTITY_MONEY_FROM_MONEY), ("entity_hardware", ENTITY_HARDWARE_FROM_SPECS))

REFERENCES = [
    ("money_by_entity", MONEY_BY_ENTITY_FROM_MONEY, {"role": ""}),
    ("money_by_entity", MONEY_BY_ENTITY_FROM_MONEY, {"role": "contract"}),
    ("money_by_entity", MONEY_BY_ENTITY_FROM_MONEY, {"role": "investment"}),
    ("money_by_entity", MONEY_BY_ENTITY_FROM_MONEY, {"role": "no such role"}),
    ("articles_by_month", ARTICLES_BY_MONTH_FROM_DATES, {"lang": ""}),
    ("articles_by_month", ARTICLES_BY_MONTH_FROM_DATES, {"lang": "ja"}),
    ("articles_by_month", ARTICLES_BY_MONTH_FROM_DATES, {"lang": "en"}),
    ("co_mentioned", CO_MENTIONED_FROM_MENTIONS, {"name": "Oracle"}),
    ("co_mentioned", CO_MENTIONED_FROM_MENTIONS, {"name": "OpenAI"}),
    ("co_mentioned", CO_MENTIONED_FROM_MENTIONS, {"name": "Nebius"}),
    ("co_mentioned", CO_MENTIONED_FROM_MENTIONS, {"name": "no such entity"}),
    ("accelerators_by_model", ACCELERATORS_BY_MODEL_FROM_GPU_SPECS, {}),
    ("entity_profile", ENTITY_PROFILE_FROM_MENTIONS, {"name": "Oracle"}),
    ("entity_profile", ENTITY_PROFILE_FROM_MENTIONS, {"name": "1"}),
    ("entity_profile", ENTITY_PROFILE_FROM_MENTIONS, {"name": ""}),
    *((query, reference, {"name": name}) for query, reference in ENTITY_SECTIONS
      for name in ("Oracle", "OpenAI", "Nebius", "1", "no such entity", "")),
]


def test_every_summary_table_is_declared_as_one() -> None:
    assert sorted(SUMMARY_TABLES) == sorted(t for summary in SUMMARIES for t in summary.tables)


def summaries(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    return {t: sorted(db.execute(f"SELECT * FROM [{t}]").fetchall(), key=repr) for t in SUMMARY_TABLES}


def without_event_ids(tables: dict[str, list[tuple[Any, ...]]]) -> dict[str, list[tuple[Any, ...]]]:
    """entity_events without its event ids (entity_id, usd, first_reported)."""
    events = sorted(((e, usd, first) for e, _, usd, first in tables["entity_events"]), key=repr)
    return {**tables, "entity_events": events}


def assert_current(db: Database) -> None:
    """The summary tables hold exactly what rebuilding them from the base tables gives."""
    kept = summaries(db)
    with db.conn:
        rebuild(db)
    assert summaries(db) == kept


def assert_queries_match(db: Database,
                         references: list[tuple[str, str, dict[str, str]]] = REFERENCES) -> None:
    """Each canned query returns the rows of its reference, in its order (the columns the reference names)."""
    sql = {q.name: q.sql for q in canned_queries()}
    for name, reference, params in references:
        expected = db.execute(reference, params)
        columns = [c[0] for c in expected.description]
        got = db.execute(sql[name], params)
        index = [[c[0] for c in got.description].index(c) for c in columns]
        assert [tuple(row[i] for i in index) for row in got] == expected.fetchall(), (name, params)


def article(folder: Path, name: str, text: str, published: str = "2025-11-03", lang: str = "en") -> Path:
    path = folder / f"{name}.md"
    path.write_text(f"---\ntitle: {name}\nurl: https://example.com/{name}\nlang: {lang}\n"
                    f"published: {published}\n---\n{text}", encoding="utf-8")
    return path


ORACLE = ("Oracle signed a $5 billion contract with Nebius on October 2, 2025. Oracle will invest $2 "
          "billion. Oracle will deploy 50,000 AMD MI450 GPUs and tens of thousands of Nvidia GB200 chips.")
OPENAI = ("OpenAI signed a $38 billion contract with Amazon Web Services on November 3, 2025. OpenAI also "
          "works with Oracle and Nebius, and will use 100,000 Nvidia GB200 GPUs.")


@pytest.mark.parametrize("change, text, published", [
    ("same figures, another date", ORACLE.replace("October 2", "December 5"), "2025-11-03"),
    ("another figure, an entity dropped", "Oracle signed a $6 billion contract in January 2026.",
     "2025-11-03"),
    ("another publication month", ORACLE, "2024-02-01"),
    ("no figures, no dates left", "Oracle grows.", "2025-11-03"),
    ("a figure named twice", ORACLE + " The $5 billion contract with Nebius runs five years.", "2025-11-03"),
    ("other chips", ORACLE.replace("50,000 AMD MI450", "20,000 Nvidia H100"), "2025-11-03"),
    ("more entities", ORACLE + " Microsoft and Nebius watched; OpenAI said nothing.", "2025-11-03"),
])
def test_summaries_follow_a_changed_article(fresh_db: Database, tmp_path: Path, change: str, text: str,
                                            published: str) -> None:
    ingest_sources(fresh_db, [str(article(tmp_path, "a", ORACLE)), str(article(tmp_path, "b", OPENAI))])
    for table in SUMMARY_TABLES:
        assert fresh_db[table].count, table
    assert_current(fresh_db)
    summary = ingest_sources(fresh_db, [str(article(tmp_path, "a", text, published))])
    assert summary.updated == 1, change
    assert_current(fresh_db)
    assert_queries_match(fresh_db)
    assert fresh_db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_orphaned_entities_leave_no_totals(fresh_db: Database, tmp_path: Path) -> None:
    ingest_sources(fresh_db, [str(article(tmp_path, "a", "Oracle signed a $5 billion contract with Nebius. "
                                                         "Nebius will invest $2 billion."))])
    nebius = fresh_db.execute("SELECT t.entity_id, t.role FROM entity_money_totals t JOIN entities e "
                              "ON e.id = t.entity_id WHERE e.name = 'Nebius' ORDER BY t.role").fetchall()
    assert [role for _, role in nebius] == ["", "investment"]
    ingest_sources(fresh_db, [str(article(tmp_path, "a", "Oracle signed a $6 billion contract."))])
    assert not fresh_db.execute("SELECT 1 FROM entities WHERE name = 'Nebius'").fetchall()
    for table in ("entity_money_totals", "entity_money_articles", "article_entities", "entity_pairs",
                  "entity_events"):
        assert not fresh_db.execute(f"SELECT 1 FROM {table} WHERE entity_id = ?", [nebius[0][0]]).fetchall()
    assert not fresh_db.execute("SELECT 1 FROM entity_pairs WHERE other_id = ?", [nebius[0][0]]).fetchall()
    assert_current(fresh_db)


def test_co_mentioned_with_a_name_of_two_entities(fresh_db: Database, tmp_path: Path) -> None:
    """A name two entities share: their articles are counted once, whichever of them they name."""
    ingest_sources(fresh_db, [str(article(tmp_path, "a", ORACLE)), str(article(tmp_path, "b", OPENAI))])
    ids = {name: i for i, name in fresh_db.execute("SELECT id, name FROM entities")}
    fresh_db["entity_aliases"].insert_all(  # type: ignore[union-attr]
        [{"entity_id": ids["Oracle"], "alias": "Big Cloud"}, {"entity_id": ids["Amazon Web Services"],
                                                              "alias": "Big Cloud"}])
    sql = next(q.sql for q in canned_queries() if q.name == "co_mentioned")
    rows = fresh_db.execute(sql, {"name": "Big Cloud"}).fetchall()
    assert rows == fresh_db.execute(CO_MENTIONED_FROM_MENTIONS, {"name": "Big Cloud"}).fetchall()
    shared = {name: n for _, name, _, n, _ in rows}
    assert shared["OpenAI"] == 1 and shared["Nebius"] == 2  # Nebius: in both articles, counted once each


def test_entity_sections_with_a_name_of_two_entities(fresh_db: Database, tmp_path: Path) -> None:
    """A name two entities share: the entity page's queries merge the first rows of each, as the plain
    SQL over all their rows does; a deal between the two is listed once."""
    ingest_sources(fresh_db, [str(article(tmp_path, "a", ORACLE)), str(article(tmp_path, "b", OPENAI))])
    ids = {name: i for i, name in fresh_db.execute("SELECT id, name FROM entities")}
    fresh_db["entity_aliases"].insert_all(  # type: ignore[union-attr]
        [{"entity_id": ids[name], "alias": alias} for alias, names in
         [("Big Cloud", ("Oracle", "Amazon Web Services")), ("Both Sides", ("OpenAI", "Amazon Web Services"))]
         for name in names])
    assert_queries_match(fresh_db, [(query, reference, {"name": name}) for query, reference in ENTITY_SECTIONS
                                    for name in ("Big Cloud", "Both Sides")])
    sql = next(q.sql for q in canned_queries() if q.name == "entity_deals")
    deals = fresh_db.execute(sql, {"name": "Both Sides"}).fetchall()
    assert len(deals) == len({row[0] for row in deals}) >= 1


@pytest.mark.ginza
def test_sample_kb_summaries_and_queries(samples_kb: Path, tmp_path: Path) -> None:
    path = tmp_path / "kb.db"
    shutil.copy(samples_kb, path)
    db = open_db(path)  # which registers what keeps the summaries current as reextract saves
    assert db["entity_money_totals"].count > 5 and db["month_totals"].count > 3
    assert_queries_match(db)
    assert_current(db)
    before = summaries(db)
    assert reextract(db, everything=True).updated == db["articles"].count
    # the same text re-extracted: the same summaries (deal events are made anew, with new ids)
    assert without_event_ids(summaries(db)) == without_event_ids(before)


def test_migration_builds_summaries_of_an_existing_kb(tmp_path: Path) -> None:
    """A knowledge base written before the summary tables gets them filled from its rows."""
    from newskb.kb.schema import MIGRATIONS

    path = tmp_path / "old.db"
    old = Database(path)
    MIGRATIONS.apply(old, stop_before="m012_summary_tables")
    old["entities"].insert({"id": 1, "name": "Oracle", "type": "ORG", "key": "oracle"})
    old["articles"].insert({"id": 1, "text": "x", "key": "k", "content_hash": "h", "search_text": "x",
                            "published": "2025-11-03", "lang": "en"})
    old["money"].insert_all([{"id": 1, "article_id": 1, "entity_id": 1, "amount": 5e9, "currency": "USD",
                              "usd": 5e9,
                              "role": "contract", "approx": 0},
                             {"id": 2, "article_id": 1, "entity_id": 1, "amount": 5e9, "currency": "USD",
                              "usd": 5e9,
                              "role": "contract", "approx": 0}])
    old["dates"].insert({"article_id": 1, "value": "2025-10", "start_date": "2025-10-01",
                         "precision": "month"})
    old.close()
    db = open_db(path)
    assert db.execute("SELECT role, figures, articles, total_usd, roles FROM entity_money_totals "
                      "ORDER BY role"
                      ).fetchall() == [("", 1, 1, 5e9, "contract"), ("contract", 1, 1, 5e9, "contract")]
    assert db.execute("SELECT * FROM month_totals ORDER BY month").fetchall() == [
        ("2025-10", "en", 0, 1, 1), ("2025-11", "en", 1, 0, 0)]
    assert_queries_match(db)


def test_migration_builds_pair_and_model_summaries_of_an_existing_kb(tmp_path: Path) -> None:
    """A knowledge base written before entity_pairs and model_totals gets them filled from its rows."""
    from newskb.kb.schema import MIGRATIONS

    path = tmp_path / "old.db"
    old = Database(path)
    MIGRATIONS.apply(old, stop_before="m013_pair_and_model_summaries")
    for table in ("entity_pairs", "entity_totals", "article_entities", "model_totals", "article_models"):
        old[table].drop()  # as a release before them had it  # type: ignore[union-attr]
    old["entities"].insert_all([{"id": i, "name": n, "type": "ORG", "key": n.lower()}  # type: ignore[union-attr]
                                for i, n in [(1, "Oracle"), (2, "Nebius"), (3, "OpenAI")]])
    old["articles"].insert_all([{"id": i, "text": "x", "key": str(i), "search_text": "x"}  # type: ignore[union-attr]
                                for i in (1, 2)])
    old["mentions"].insert_all([{"article_id": a, "entity_id": e}  # type: ignore[union-attr]
                                for a, e in [(1, 1), (1, 1), (1, 2), (2, 1), (2, 2), (2, 3)]])
    old["gpu_specs"].insert_all([{"article_id": 1, "model": "GB200", "vendor": "NVIDIA", "count": 72},  # type: ignore[union-attr]
                                 {"article_id": 2, "model": "GB200", "vendor": "NVIDIA",
                                  "count_low": 100000}])
    old.close()
    db = open_db(path)
    assert db.execute("SELECT entity_id, other_id, shared_articles, mentions FROM entity_pairs "
                      "WHERE entity_id = 1 ORDER BY other_id").fetchall() == [(1, 2, 2, 2), (1, 3, 1, 1)]
    assert db.execute("SELECT * FROM entity_totals ORDER BY entity_id").fetchall() == [
        (1, 2, 3, None, None), (2, 2, 2, None, None), (3, 1, 1, None, None)]
    assert db.execute("SELECT * FROM model_totals").fetchall() == [("GB200", "NVIDIA", 2, 2, 72, 100072)]
    assert_queries_match(db)


def test_migration_gives_an_existing_kb_the_entity_page_summaries(tmp_path: Path) -> None:
    """A knowledge base of the release before m015 gets article_entities.published and its index (instead
    of the one on entity_id, article_id) and entity_events, filled from its rows."""
    from newskb.kb.schema import MIGRATIONS

    path = tmp_path / "old.db"
    old = Database(path)
    MIGRATIONS.apply(old, stop_before="m015_entity_page_indexes")
    # as that release had them: article_entities without publication dates, no entity_events
    old.execute("DROP INDEX idx_article_entities_entity_id_published_article_id_mentions")
    old.execute("ALTER TABLE article_entities DROP COLUMN published")
    old["article_entities"].create_index(["entity_id", "article_id"])  # type: ignore[union-attr]
    old["entity_events"].drop()  # type: ignore[union-attr]
    old["entities"].insert_all([{"id": 1, "name": "Oracle", "type": "ORG", "key": "oracle"},  # type: ignore[union-attr]
                                {"id": 2, "name": "Nebius", "type": "ORG", "key": "nebius"}])
    old["articles"].insert_all([{"id": i, "text": "x", "key": str(i), "search_text": "x",  # type: ignore[union-attr]
                                 "published": published}
                                for i, published in [(1, "2025-11-03"), (2, "2025-12-01")]])
    old["mentions"].insert_all([{"article_id": a, "entity_id": e}  # type: ignore[union-attr]
                                for a, e in [(1, 1), (1, 2), (2, 1)]])
    old["article_entities"].insert_all([{"article_id": a, "entity_id": e, "mentions": 1}  # type: ignore[union-attr]
                                        for a, e in [(1, 1), (1, 2), (2, 1)]])
    old["deal_events"].insert_all([{"id": 1, "kind": "contract", "usd": 5e9, "first_reported": "2025-11-03"},  # type: ignore[union-attr]
                                   {"id": 2, "kind": "investment", "usd": None,
                                    "first_reported": "2025-12-01"}])
    old["deals"].insert_all([{"id": 1, "article_id": 1, "event_id": 1, "usd": 5e9},  # type: ignore[union-attr]
                             {"id": 2, "article_id": 2, "event_id": 2, "usd": 2e9}])
    old["deal_parties"].insert_all([{"deal_id": d, "entity_id": e, "role": r}  # type: ignore[union-attr]
                                    for d, e, r in [(1, 1, "buyer"), (1, 2, "provider"), (2, 1, "investor")]])
    old.close()
    db = open_db(path)
    assert db.execute("SELECT article_id, entity_id, published FROM article_entities "
                      "ORDER BY 1, 2").fetchall() == [
        (1, 1, "2025-11-03"), (1, 2, "2025-11-03"), (2, 1, "2025-12-01")]
    indexes = {i.name for i in db["article_entities"].indexes}  # type: ignore[union-attr]
    assert "idx_article_entities_entity_id_published_article_id_mentions" in indexes
    assert "idx_article_entities_entity_id_article_id" not in indexes
    # an event without an amount of its own is ranked by its statement's (2e9)
    assert db.execute("SELECT * FROM entity_events ORDER BY entity_id, event_id").fetchall() == [
        (1, 1, 5e9, "2025-11-03"), (1, 2, 2e9, "2025-12-01"), (2, 1, 5e9, "2025-11-03")]
    assert_queries_match(db, [(query, reference, {"name": name}) for query, reference in ENTITY_SECTIONS
                              for name in ("Oracle", "Nebius")])

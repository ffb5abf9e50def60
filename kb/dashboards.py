"""The knowledge base's dashboard (datasette-dashboards), as data.

``dashboards(db)`` returns the ``plugins: datasette-dashboards`` section of Datasette's metadata
for a knowledge base served under the name ``db``; ``kb.serve.metadata`` merges it in. Charts are
Vega-Lite specifications, metrics, tables and a Markdown header; their SQL uses the dashboard
filter ``:entity`` inside ``[[ … ]]`` blocks, which datasette-dashboards drops when it is empty.

Table charts are inserted into the page as HTML, so every text value they show goes through
``html_text`` (SQL that escapes &, < and >): article titles and entity names are data, not markup.
"""
from __future__ import annotations

from typing import Any

from newskb.kb.schema import PART_FIGURE

DASHBOARD = "newskb"

# Money that may be summed: one value per figure, no conversions in parentheses, no per-unit
# amounts, no vague magnitudes, no part of a deal whose total has a figure of its own (the rules of
# queries/money_by_entity.sql). Deal totals come from deal_events, which count a total or its parts.
SUMMABLE_MONEY = ("m.converted_from is null and m.per is null and m.amount is not null and m.usd is not null "
                  f"and not {PART_FIGURE}")

# The entity the dashboard filter names, by its name or an alias; for use inside a [[ … ]] block
# (blocks cannot nest).
FILTERED_ENTITY = ("select id from entities where name = :entity collate nocase "
                   "union select entity_id from entity_aliases where alias = :entity collate nocase")

# The entities a chart follows: the one the filter names, else the most written-about (in the most
# stories: entity_totals counts stories, not copies).
CHOSEN_ENTITIES = """
  select e.id from entities e
  where 1 [[ and e.id in (select id from entities where name = :entity collate nocase
                          union select entity_id from entity_aliases where alias = :entity collate nocase) ]]
  order by (select articles from entity_totals where entity_id = e.id) desc
  limit 8"""

# The first article of each story: the charts count stories, so copies of a story (articles.story_id) are
# left out. ``{a}`` is the alias of the articles table.
ORIGINAL = "coalesce({a}.story_id, {a}.id) = {a}.id"


def html_text(expr: str) -> str:
    """SQL that HTML-escapes the text value of ``expr`` (for table charts, shown as HTML)."""
    return f"replace(replace(replace(coalesce({expr}, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;')"


def _link(path_expr: str, text_expr: str) -> str:
    return f"""'<a href="' || {path_expr} || '">' || {html_text(text_expr)} || '</a>'"""


def _bar(x: dict[str, Any], y: dict[str, Any], color: dict[str, Any],
         tooltip: list[dict[str, Any]]) -> dict[str, Any]:
    return {"mark": {"type": "bar", "tooltip": True},
            "encoding": {"x": x, "y": y, "color": color, "tooltip": tooltip}}


def _search_form(db: str) -> str:
    return (f'<form action="/{db}/search" method="get"><input type="hidden" name="_hide_sql" value="1">'
            '<input type="search" name="q" placeholder="Search: 契約, 出資, GPU…"> '
            '<button type="submit">Search</button></form>')


def _intro(db: str) -> str:
    return f"""# newskb

AI-infrastructure market news as data: who contracted with, invested in or bought whom, for how
much, with which chips and how many gigawatts. Every figure links back to its article and sentence.

{_search_form(db)}

[Entities](/entity) · [Articles](/{db}/articles) · [Deals](/{db}/deal_events) ·
[Money](/{db}/money) · [Canned queries](/{db})
"""


def charts(db: str) -> dict[str, dict[str, Any]]:
    def q(sql: str) -> dict[str, Any]:
        return {"db": db, "query": " ".join(sql.split())}

    deal_month = ("case when de.date glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]*' then substr(de.date, 1, 7) "
                  "else substr(de.first_reported, 1, 7) end")
    return {
        "intro": {
            "library": "markdown",
            "settings": {"extra_tags": ["form", "input", "button"],
                         "extra_attrs": {"form": ["action", "method"],
                                         "input": ["type", "name", "placeholder", "value"],
                                         "button": ["type"]}},
            "display": _intro(db),
        },
        "articles": {"title": "Stories", "library": "metric", "display": {"field": "n"},
                     **q(f"select count(*) as n from articles a where {ORIGINAL.format(a='a')}")},
        "entities": {"title": "Organizations", "library": "metric", "display": {"field": "n"},
                     **q("select count(*) as n from entities where type = 'ORG'")},
        "deals": {"title": "Deals", "library": "metric", "display": {"field": "n"},
                  **q("select count(*) as n from deal_events")},
        "deal-value": {"title": "Deal value (US$ bn)", "library": "metric",
                       "display": {"field": "bn", "prefix": "$", "suffix": " bn"},
                       **q("select round(coalesce(sum(usd), 0) / 1e9, 1) as bn from deal_events")},
        "deal-value-by-month": {
            "title": "Deal value by month (US$ bn, by the deal's date, else when first reported)",
            "library": "vega-lite",
            **q(f"""select {deal_month} as month, de.kind, round(sum(de.usd) / 1e9, 2) as usd_bn,
                      count(*) as deals
                    from deal_events de
                    where de.usd is not null and {deal_month} is not null
                    [[ and de.id in (select d.event_id from deals d join deal_parties dp on dp.deal_id = d.id
                                     where dp.entity_id in ({FILTERED_ENTITY})) ]]
                    group by month, de.kind order by month"""),
            "display": _bar({"field": "month", "type": "ordinal", "title": "month"},
                            {"field": "usd_bn", "type": "quantitative", "title": "US$ bn"},
                            {"field": "kind", "type": "nominal"},
                            [{"field": "month"}, {"field": "kind"}, {"field": "usd_bn"}, {"field": "deals"}]),
        },
        "money-by-role": {
            "title": "Money by role per organization (US$ bn, top 12 organizations)",
            "library": "vega-lite",
            **q(f"""with figures as (
                      select distinct m.article_id, m.entity_id, m.role, m.amount, m.currency, m.usd
                      from money m where m.entity_id is not null and {SUMMABLE_MONEY}),
                    top as (
                      select entity_id from figures
                      where 1 [[ and entity_id in ({FILTERED_ENTITY}) ]]
                      group by entity_id order by sum(usd) desc limit 12)
                    select e.name as organization, f.role, round(sum(f.usd) / 1e9, 2) as usd_bn,
                      count(*) as figures
                    from figures f join entities e on e.id = f.entity_id
                    where f.entity_id in (select entity_id from top)
                    group by e.id, f.role order by e.name"""),
            "display": _bar({"field": "usd_bn", "type": "quantitative", "title": "US$ bn",
                             "aggregate": "sum"},
                            {"field": "organization", "type": "nominal", "sort": "-x"},
                            {"field": "role", "type": "nominal"},
                            [{"field": "organization"}, {"field": "role"}, {"field": "usd_bn"},
                             {"field": "figures"}]),
        },
        "accelerators": {
            "title": "Accelerators by vendor and model (articles naming them; units counted in the tooltip)",
            "library": "vega-lite",
            **q(f"""select g.model, coalesce(g.vendor, a.vendor, 'unknown') as vendor,
                      count(distinct g.article_id) as articles, count(*) as mentions,
                      sum(coalesce(g.count, g.count_low)) as units
                    from gpu_specs g left join accelerators a on a.model = g.model
                    join articles s on s.id = g.article_id
                    where g.model is not null and {ORIGINAL.format(a='s')}
                    [[ and g.entity_id in ({FILTERED_ENTITY}) ]]
                    group by 1, 2 order by 2, 3 desc"""),
            "display": _bar({"field": "model", "type": "nominal", "sort": "-y"},
                            {"field": "articles", "type": "quantitative", "title": "articles"},
                            {"field": "vendor", "type": "nominal"},
                            [{"field": "vendor"}, {"field": "model"}, {"field": "articles"},
                             {"field": "mentions"}, {"field": "units"}]),
        },
        "mentions-over-time": {
            "title": "Mentions over time (the entity filter, else the eight most written-about)",
            "library": "vega-lite",
            **q(f"""select substr(a.published, 1, 7) as month, e.name as entity, count(*) as mentions,
                      count(distinct a.id) as articles
                    from mentions m join entities e on e.id = m.entity_id
                      join articles a on a.id = m.article_id
                    where a.published is not null and {ORIGINAL.format(a='a')} and e.id in ({CHOSEN_ENTITIES})
                    group by month, e.id order by month"""),
            "display": {"mark": {"type": "line", "point": True, "tooltip": True},
                        "encoding": {"x": {"field": "month", "type": "ordinal"},
                                     "y": {"field": "mentions", "type": "quantitative"},
                                     "color": {"field": "entity", "type": "nominal"},
                                     "tooltip": [{"field": "entity"}, {"field": "month"},
                                                 {"field": "mentions"}, {"field": "articles"}]}},
        },
        "biggest-deals": {
            "title": "Biggest deals",
            "library": "table",
            **q(f"""select {_link("'/" + db + "/deal_events/' || de.id", "de.parties")} as deal,
                      {html_text("de.kind")} as kind,
                      printf('$%.1f bn', de.usd / 1e9) as usd, {html_text("de.date")} as date,
                      de.sources as sources
                    from deal_events de where de.usd is not null
                    [[ and de.id in (select d.event_id from deals d join deal_parties dp on dp.deal_id = d.id
                                     where dp.entity_id in ({FILTERED_ENTITY})) ]]
                    order by de.usd desc limit 10"""),
        },
        "top-entities": {
            "title": "Most written-about organizations",
            "library": "table",
            **q(f"""select {_link("'/entity/' || e.id", "e.name")} as organization,
                      count(distinct m.article_id) as articles, count(*) as mentions
                    from entities e join mentions m on m.entity_id = e.id
                    join articles a on a.id = m.article_id
                    where e.type = 'ORG' and {ORIGINAL.format(a='a')}
                    group by e.id order by articles desc, mentions desc limit 12"""),
        },
        "latest-articles": {
            "title": "Latest articles",
            "library": "table",
            **q(f"""select {_link("'/article/' || a.id", "a.title")} as article,
                      {html_text("a.published")} as published, {html_text("a.source")} as source
                    from articles a where {ORIGINAL.format(a='a')}
                    order by a.published is null, a.published desc, a.id desc limit 12"""),
        },
    }


def dashboards(db: str) -> dict[str, Any]:
    """The ``datasette-dashboards`` plugin configuration for a knowledge base served as ``db``."""
    return {
        DASHBOARD: {
            "title": "newskb: AI-infrastructure deals, money and chips",
            "description": "The whole knowledge base at a glance. Pick an entity to follow one company.",
            "settings": {"allow_fullscreen": True},
            "layout": [
                ["intro", "intro", "intro", "intro"],
                ["articles", "entities", "deals", "deal-value"],
                ["deal-value-by-month", "deal-value-by-month", "money-by-role", "money-by-role"],
                ["accelerators", "accelerators", "mentions-over-time", "mentions-over-time"],
                ["biggest-deals", "biggest-deals", "top-entities", "top-entities"],
                ["latest-articles", "latest-articles", "latest-articles", "latest-articles"],
            ],
            "filters": {
                "entity": {"name": "Entity", "type": "select", "db": db,
                           "query": "select name from entities where type in ('ORG', 'PERSON', 'PRODUCT') "
                                    "order by name"},
            },
            "charts": charts(db),
        }
    }

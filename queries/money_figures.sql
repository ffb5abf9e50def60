-- title: Money figures
-- description: Every monetary figure, largest in US dollars first, kept by :role (contract, investment, capex, revenue, valuation…) and :entity (the organization it belongs to: its canonical name, any alias, or its id); leave either empty for all. With its amount in its currency and in US dollars, hedges and bounds, the sentence and the article. Conversions in parentheses are left out, so a converted figure is listed once. At most :limit figures (empty: 1,000; -1: all).
-- :entity of digits only is an id; anything else a canonical name or an alias.
with target as (select id from entities where :entity <> '' and :entity not glob '*[^0-9]*' and id = cast(:entity as integer)
  union select id from entities where name = :entity collate nocase and :entity glob '*[^0-9]*'
  union select entity_id from entity_aliases where alias = :entity collate nocase and :entity glob '*[^0-9]*'),
chosen as materialized (
  select m.id from money m
  where m.converted_from is null
    and (:role = '' or m.role = :role)
    and (:entity = '' or m.entity_id in (select id from target))
  order by m.usd desc nulls last, m.id
  limit coalesce(cast(nullif(:limit, '') as integer), 1000)
)
select
  m.id as money_id,
  m.article_id,
  a.published,
  m.entity_id,
  e.name as organization,
  m.role,
  m.text,
  m.amount,
  m.currency,
  m.usd,
  m.approx,
  m.low,
  m.high,
  m.bound,
  m.per,
  m.sentence
from chosen c
join money m on m.id = c.id
join articles a on a.id = m.article_id
left join entities e on e.id = m.entity_id
order by m.usd desc nulls last, m.id

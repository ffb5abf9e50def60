-- title: Money of an entity by role
-- description: Every monetary figure the articles attach to an entity (:name is its canonical name, any alias, or its id), grouped by role (contract, investment, capex, revenue…) and largest first within a role, with the amount in US dollars, the sentence and the article; the first 1,000 figures at most. Conversions in parentheses are left out, so a converted figure is listed once.
-- :name of digits only is an id; anything else a canonical name or an alias.
with target as (select id from entities where :name <> '' and :name not glob '*[^0-9]*' and id = cast(:name as integer)
  union select id from entities where name = :name collate nocase and :name glob '*[^0-9]*'
  union select entity_id from entity_aliases where alias = :name collate nocase and :name glob '*[^0-9]*'),
-- the first 1,000 figures, from the money index alone (the publication date orders only the rows shown:
-- joined here, it cost 100 ms for an entity with 70,000 figures); the rest only for the rows shown
firsts as materialized (
  select m.id
  from money m
  where m.entity_id in (select id from target) and m.converted_from is null
  order by m.role, m.usd is null, m.usd desc, m.id
  limit 1000
)
select
  m.role,
  m.id as money_id,
  m.text,
  m.amount,
  m.currency,
  m.usd,
  case when m.usd >= 1e9 then printf('$%.1fB', m.usd / 1e9)
       when m.usd >= 1e6 then printf('$%.1fM', m.usd / 1e6)
       when m.usd is not null then printf('$%,d', cast(round(m.usd) as integer)) end as usd_text,
  m.per,
  m.approx,
  m.sentence,
  m.article_id,
  a.published
from firsts f
join money m on m.id = f.id
join articles a on a.id = m.article_id
order by m.role, m.usd is null, m.usd desc, a.published, m.id

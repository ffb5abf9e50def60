-- title: Deals of an entity
-- description: The consolidated deals an entity (:name is its canonical name, any alias, or its id) is a party to, with its role, the counterparties, the amount (the deal's, else the largest its statements give) in its currency and in US dollars, the term, the date, and how many articles report it. Largest first; the 1,000 largest at most.
-- :name of digits only is an id; anything else a canonical name or an alias.
with target as (select id from entities where :name <> '' and :name not glob '*[^0-9]*' and id = cast(:name as integer)
  union select id from entities where name = :name collate nocase and :name glob '*[^0-9]*'
  union select entity_id from entity_aliases where alias = :name collate nocase and :name glob '*[^0-9]*'),
-- the 1,000 largest events: each entity's largest read in order from the entity_events index, then
-- the largest of them all (an entity named in a third of the corpus is a party to 20,000 events)
largest as materialized (
  select ee.event_id, max(ee.usd) as usd, ee.first_reported
  from target t
  join entity_events ee on ee.rowid in (
    select x.rowid from entity_events x where x.entity_id = t.id
    order by x.usd desc nulls last, x.first_reported, x.event_id
    limit 1000)
  group by ee.event_id
  order by usd desc nulls last, ee.first_reported, ee.event_id
  limit 1000
),
-- the target's statements of those events
statements as (
  select d.*, dp.role
  from largest l
  join deals d on d.event_id = l.event_id
  join deal_parties dp on dp.deal_id = d.id
  where dp.entity_id in (select id from target)
),
events as (
  select
    s.event_id,
    group_concat(distinct s.role) as role,
    max(s.amount) as amount,
    min(case when s.amount is not null then s.currency end) as currency,
    max(s.usd) as usd,
    min(s.article_id) as article_id
  from statements s
  group by s.event_id
),
priced as (
  select
    ev.event_id,
    ev.role,
    de.kind,
    coalesce(de.amount, ev.amount) as amount,
    coalesce(de.currency, ev.currency) as currency,
    coalesce(de.usd, ev.usd) as usd,
    de.duration as term,
    de.date,
    de.first_reported,
    de.sources,
    ev.article_id
  from events ev join deal_events de on de.id = ev.event_id
)
select
  p.event_id,
  p.kind,
  p.role,
  (select group_concat(name, ' / ') from (
     select distinct e.name from deals d
     join deal_parties dp on dp.deal_id = d.id
     join entities e on e.id = dp.entity_id
     where d.event_id = p.event_id and dp.entity_id not in (select id from target)
     order by e.name)) as counterparties,
  case when p.amount is not null
       then printf('%,d', cast(round(p.amount) as integer)) || ' ' || coalesce(p.currency, '') end as amount_text,
  p.amount,
  p.currency,
  p.usd,
  case when p.usd >= 1e9 then printf('$%.1fB', p.usd / 1e9)
       when p.usd >= 1e6 then printf('$%.1fM', p.usd / 1e6)
       when p.usd is not null then printf('$%,d', cast(round(p.usd) as integer)) end as usd_text,
  p.term,
  p.date,
  p.first_reported,
  p.sources,
  p.article_id
from priced p
order by p.usd desc nulls last, p.first_reported, p.event_id

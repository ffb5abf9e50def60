-- title: Timeline of an entity
-- description: Day by day, how many articles name an entity (:name is its canonical name, any alias, or its id) and how often, how many deals it is a party to were first reported, and their value in US dollars (deals without a dollar value add nothing to it). Days with neither are left out; articles without a publication date are not counted.
-- :name of digits only is an id; anything else a canonical name or an alias.
with target as (select id from entities where :name <> '' and :name not glob '*[^0-9]*' and id = cast(:name as integer)
  union select id from entities where name = :name collate nocase and :name glob '*[^0-9]*'
  union select entity_id from entity_aliases where alias = :name collate nocase and :name glob '*[^0-9]*'),
-- the article_entities and entity_events summaries, kept as articles are saved
named as (
  select ae.published as day, count(distinct ae.article_id) as articles, sum(ae.mentions) as mentions,
         0 as deals, null as deal_usd
  from article_entities ae
  where ae.entity_id in (select id from target) and ae.published is not null
  group by ae.published
),
events as (
  select ee.event_id, max(ee.usd) as usd, min(ee.first_reported) as first_reported
  from entity_events ee
  where ee.entity_id in (select id from target)
  group by ee.event_id
),
reported as (
  select substr(first_reported, 1, 10) as day, 0 as articles, 0 as mentions, count(*) as deals, sum(usd) as deal_usd
  from events
  where first_reported is not null
  group by substr(first_reported, 1, 10)
)
-- the two added up by day (a join of them would compare every day with every other)
select day, sum(articles) as articles, sum(mentions) as mentions, sum(deals) as deals, sum(deal_usd) as deal_usd
from (select * from named union all select * from reported)
group by day
order by day

-- title: Entities mentioned together with an entity
-- description: The 50 entities most often named in the same articles as a given entity (by name or alias), with the number of shared articles and how often those articles name them.
with target as (
  select id from entities where name = :name collate nocase
  union
  select entity_id from entity_aliases where alias = :name collate nocase
),
-- one entity: its pairs, counted as articles are saved (the entity_pairs summary)
from_pairs as (
  select p.other_id as entity_id, p.shared_articles, p.mentions
  from entity_pairs p
  where (select count(*) from target) = 1 and p.entity_id = (select id from target)
  order by p.shared_articles desc, p.mentions desc, p.other_id desc
  limit 50
),
-- several entities of that name or alias: an article naming two of them counts once
several as (
  select id from target where (select count(*) from target) > 1
),
from_articles as (
  select ae.entity_id, count(*) as shared_articles, sum(ae.mentions) as mentions
  from article_entities ae
  where ae.article_id in (select article_id from article_entities where entity_id in (select id from several))
    and ae.entity_id not in (select id from several)
  group by ae.entity_id
  order by shared_articles desc, mentions desc, ae.entity_id desc
  limit 50
),
counted as (
  select * from from_pairs
  union all
  select * from from_articles
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

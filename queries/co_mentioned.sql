-- title: Entities mentioned together with an entity
-- description: The entities most often named in the same articles as a given entity (by name or alias), with the number of shared articles.
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
  order by shared_articles desc, mentions desc
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
order by c.shared_articles desc, c.mentions desc

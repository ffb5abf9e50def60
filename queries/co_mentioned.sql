-- title: Entities mentioned together with an entity
-- description: The entities most often named in the same articles as a given entity (by name or alias), with the number of shared articles.
with target as (
  select id from entities where name = :name collate nocase
  union
  select entity_id from entity_aliases where alias = :name collate nocase
),
target_articles as (
  select distinct article_id from mentions where entity_id in (select id from target)
)
select
  e.id as entity_id,
  e.name,
  e.type,
  count(distinct m.article_id) as shared_articles,
  count(*) as mentions
from mentions m
join entities e on e.id = m.entity_id
where m.article_id in (select article_id from target_articles)
  and e.id not in (select id from target)
group by e.id
order by shared_articles desc, mentions desc
limit 50

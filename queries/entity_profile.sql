-- title: Entity profile
-- description: One entity (:name is its canonical name, any alias, or its id) with its type, aliases, the number of articles and mentions naming it, and its first and last mention by article publication date. Leave :name empty to list every entity, most written-about first.
-- :name of digits only is an id; anything else a canonical name or an alias.
with target as (select id from entities where :name <> '' and :name not glob '*[^0-9]*' and id = cast(:name as integer)
  union select id from entities where name = :name collate nocase and :name glob '*[^0-9]*'
  union select entity_id from entity_aliases where alias = :name collate nocase and :name glob '*[^0-9]*')
select
  e.id as entity_id,
  e.name,
  e.type,
  (select group_concat(alias, ' · ') from (
     select alias from entity_aliases where entity_id = e.id and alias <> e.name order by alias)) as aliases,
  count(ae.article_id) as articles,
  coalesce(sum(ae.mentions), 0) as mentions,
  min(a.published) as first_mentioned,
  max(a.published) as last_mentioned
from entities e
-- the article_entities summary: one row per article naming the entity, with its mentions there
left join article_entities ae on ae.entity_id = e.id
left join articles a on a.id = ae.article_id
where :name = '' or e.id in (select id from target)
group by e.id
order by articles desc, mentions desc, e.name

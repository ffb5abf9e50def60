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
  coalesce(t.articles, 0) as articles,
  coalesce(t.mentions, 0) as mentions,
  t.first_mentioned,
  t.last_mentioned
from entities e
-- the entity_totals summary, kept as articles are saved
left join entity_totals t on t.entity_id = e.id
where :name = '' or e.id in (select id from target)
order by articles desc, mentions desc, e.name

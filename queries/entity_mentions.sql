-- title: Mentions of an entity
-- description: Every place an article names an entity (:name is its canonical name, any alias, or its id): the words used, the sentence, and the article, newest article first; the first 1,000 mentions at most.
-- :name of digits only is an id; anything else a canonical name or an alias.
with target as (select id from entities where :name <> '' and :name not glob '*[^0-9]*' and id = cast(:name as integer)
  union select id from entities where name = :name collate nocase and :name glob '*[^0-9]*'
  union select entity_id from entity_aliases where alias = :name collate nocase and :name glob '*[^0-9]*'),
-- the newest 1,000 articles naming it (each names it at least once), from indexes alone
newest as materialized (
  select a.id, a.published
  from articles a
  where a.id in (select m.article_id from mentions m where m.entity_id in (select id from target))
  order by a.published desc, a.id
  limit 1000
)
select
  m.id as mention_id,
  m.text,
  m.label,
  m.sentence,
  m.article_id,
  a.title,
  a.published
from newest n
join mentions m on m.article_id = n.id
join articles a on a.id = n.id
where m.entity_id in (select id from target)
order by n.published desc, n.id, m.start
limit 1000

-- title: Mentions of an entity
-- description: Every place an article names an entity (:name is its canonical name, any alias, or its id): the words used, the sentence, and the article, newest article first; the first 1,000 mentions at most.
-- :name of digits only is an id; anything else a canonical name or an alias.
with target as (select id from entities where :name <> '' and :name not glob '*[^0-9]*' and id = cast(:name as integer)
  union select id from entities where name = :name collate nocase and :name glob '*[^0-9]*'
  union select entity_id from entity_aliases where alias = :name collate nocase and :name glob '*[^0-9]*'),
-- the newest 1,000 articles naming it: each entity's newest read in order from the index on
-- article_entities, then the newest of them all (each names it at least once)
newest as materialized (
  select ae.article_id as id, ae.published
  from target t
  join article_entities ae on ae.rowid in (
    select x.rowid from article_entities x where x.entity_id = t.id
    order by x.published desc, x.article_id
    limit 1000)
  group by ae.article_id
  order by ae.published desc, ae.article_id
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

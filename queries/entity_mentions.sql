-- title: Mentions of an entity
-- description: Every place an article names an entity (:name is its canonical name, any alias, or its id): the words used, the sentence, and the article, newest article first.
-- :name of digits only is an id; anything else a canonical name or an alias.
with target as (select id from entities where :name <> '' and :name not glob '*[^0-9]*' and id = cast(:name as integer)
  union select id from entities where name = :name collate nocase and :name glob '*[^0-9]*'
  union select entity_id from entity_aliases where alias = :name collate nocase and :name glob '*[^0-9]*')
select
  m.id as mention_id,
  m.text,
  m.label,
  m.sentence,
  m.article_id,
  a.title,
  a.published
from mentions m
join articles a on a.id = m.article_id
where m.entity_id in (select id from target)
order by a.published desc, a.id, m.start

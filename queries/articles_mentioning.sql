-- title: Articles mentioning an entity
-- description: Every article that names an entity, found by its canonical name or any alias (AWS finds Amazon Web Services), with how often and the first sentence that names it. Newest first; the 1,000 newest articles at most.
with target as (
  select id from entities where name = :name collate nocase
  union
  select entity_id from entity_aliases where alias = :name collate nocase
),
-- articles and counts from the (entity_id, article_id) index alone; the rest only for the rows shown
counted as (
  select m.article_id, m.entity_id, count(*) as mentions
  from mentions m
  where m.entity_id in (select id from target)
  group by m.entity_id, m.article_id
),
newest as materialized (
  select c.article_id, c.entity_id, c.mentions, a.published
  from counted c join articles a on a.id = c.article_id
  order by a.published desc, c.mentions desc, c.article_id
  limit 1000
)
select
  a.id as article_id,
  a.title,
  a.published,
  a.source,
  e.name as entity,
  n.mentions,
  (select min(m.sentence) from mentions m
   where m.article_id = n.article_id and m.entity_id = n.entity_id) as sentence
from newest n
join entities e on e.id = n.entity_id
join articles a on a.id = n.article_id
order by n.published desc, n.mentions desc, n.article_id

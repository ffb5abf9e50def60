-- title: Articles mentioning an entity
-- description: Every article that names an entity, found by its canonical name or any alias (AWS finds Amazon Web Services), with how often and the first sentence that names it. Newest first; the 1,000 newest articles at most.
with target as (
  select id from entities where name = :name collate nocase
  union
  select entity_id from entity_aliases where alias = :name collate nocase
),
-- articles and counts from the (entity_id, article_id) index alone; the rest only for the rows shown
-- the newest 1,000: each entity's read in order from the index on article_entities (its mentions
-- per article, kept as articles are saved), then the newest of them all
newest as materialized (
  select ae.article_id, ae.entity_id, ae.mentions, ae.published
  from target t
  join article_entities ae on ae.rowid in (
    select x.rowid from article_entities x where x.entity_id = t.id
    order by x.published desc, x.mentions desc, x.article_id
    limit 1000)
  order by ae.published desc, ae.mentions desc, ae.article_id
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

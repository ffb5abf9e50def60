-- title: Articles mentioning an entity
-- description: Every article that names an entity, found by its canonical name or any alias (AWS finds Amazon Web Services), with how often and the first sentence that names it.
select
  a.id as article_id,
  a.title,
  a.published,
  a.source,
  e.name as entity,
  count(*) as mentions,
  min(m.sentence) as sentence
from mentions m
join entities e on e.id = m.entity_id
join articles a on a.id = m.article_id
where e.id in (
  select id from entities where name = :name collate nocase
  union
  select entity_id from entity_aliases where alias = :name collate nocase
)
group by a.id, e.id
order by a.published desc, mentions desc

-- title: Chips and gigawatts of an entity
-- description: The accelerators (model, vendor, units) and the power or data-centre capacity (in gigawatts) the articles attach to an entity (:name is its canonical name, any alias, or its id), one row per figure, with its sentence and article. The table column says which table the row comes from (gpu_specs or capacities). At most 1,000 rows, chips first.
-- :name of digits only is an id; anything else a canonical name or an alias.
with target as (select id from entities where :name <> '' and :name not glob '*[^0-9]*' and id = cast(:name as integer)
  union select id from entities where name = :name collate nocase and :name glob '*[^0-9]*'
  union select entity_id from entity_aliases where alias = :name collate nocase and :name glob '*[^0-9]*'),
-- each entity's first 1,000 chips and capacities by article, read in order from the indexes on
-- (entity_id, article_id); then the first 1,000 of them all
chips as (
  select g.* from target t
  join gpu_specs g on g.id in (
    select x.id from gpu_specs x where x.entity_id = t.id order by x.article_id, x.id limit 1000)
),
power as (
  select c.* from target t
  join capacities c on c.id in (
    select x.id from capacities x where x.entity_id = t.id order by x.article_id, x.id limit 1000)
)
select
  'gpu_specs' as "table",
  g.id as row_id,
  g.text,
  coalesce(g.model, 'GPU') || coalesce(' (' || g.vendor || ')', '') as what,
  coalesce(g.count, g.count_low) as units,
  null as gigawatts,
  g.sentence,
  g.article_id
from chips g
union all
select
  'capacities',
  c.id,
  c.text,
  c.kind,
  null,
  round(c.watts / 1e9, 3),
  c.sentence,
  c.article_id
from power c
order by 1 desc, 8, 2
limit 1000

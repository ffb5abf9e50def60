-- title: Money of an entity by role
-- description: The monetary figures the articles attach to an entity (:name is its canonical name, any alias, or its id), grouped by role (contract, investment, capex, revenue…) and largest first within a role, with the amount in US dollars, the sentence and the article: the 50 largest of each role (figures without a dollar value last), 1,000 figures at most. Conversions in parentheses are left out, so a converted figure is listed once.
-- :name of digits only is an id; anything else a canonical name or an alias.
with target as (select id from entities where :name <> '' and :name not glob '*[^0-9]*' and id = cast(:name as integer)
  union select id from entities where name = :name collate nocase and :name glob '*[^0-9]*'
  union select entity_id from entity_aliases where alias = :name collate nocase and :name glob '*[^0-9]*'),
-- each entity's roles, and the 50 largest figures of each, read in order from the index on
-- money (entity_id, role, usd desc); then the 50 largest of each role of them all
roles as (
  select distinct m.entity_id, m.role from money m where m.entity_id in (select id from target)
),
candidates as (
  select m.id, m.role, m.usd
  from roles r
  join money m on m.id in (
    select x.id from money x
    where x.entity_id = r.entity_id and x.role is r.role and x.converted_from is null
    order by x.usd desc nulls last, x.id
    limit 50)
),
largest as materialized (
  select id from (
    select c.id, row_number() over (partition by c.role order by c.usd desc nulls last, c.id) as rank
    from candidates c)
  where rank <= 50
)
select
  m.role,
  m.id as money_id,
  m.text,
  m.amount,
  m.currency,
  m.usd,
  case when m.usd >= 1e9 then printf('$%.1fB', m.usd / 1e9)
       when m.usd >= 1e6 then printf('$%.1fM', m.usd / 1e6)
       when m.usd is not null then printf('$%,d', cast(round(m.usd) as integer)) end as usd_text,
  m.per,
  m.approx,
  m.sentence,
  m.article_id,
  a.published
from largest l
join money m on m.id = l.id
join articles a on a.id = m.article_id
order by m.role, m.usd desc nulls last, m.id
limit 1000

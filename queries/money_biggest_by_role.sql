-- title: Biggest amounts by role
-- description: The largest monetary figures of each kind (contract, investment, capex, revenue, valuation…), ranked in US dollars at the publication year's average rate, with the organization they belong to and the sentence they come from. Conversions in parentheses and per-unit amounts (per GW, per share) are left out. Set :role (e.g. capex) to see one kind only, :top for how many per kind (default 5).
-- Each role's largest figures are read from the partial index on money (role, usd), one role after another.
with recursive roles(role) as (
    select :role where coalesce(:role, '') <> ''  -- the role asked for (found, or not, in ranked)
    union all
    select min(role) from money
    where coalesce(:role, '') = '' and converted_from is null and per is null and usd is not null
    union all
    select (select min(m.role) from money m
            where m.converted_from is null and m.per is null and m.usd is not null
              and m.role > roles.role and (coalesce(:role, '') = '' or m.role = :role))
    from roles
    where roles.role is not null
      and coalesce(:role, '') = ''  -- one role asked for: no next role to look for (a scan of the others)
),
kinds(role) as (
    select role from roles where role is not null
    union all  -- figures without a role rank among themselves
    select null where coalesce(:role, '') = '' and exists (
        select 1 from money
        where role is null and converted_from is null and per is null and usd is not null)
),
ranked as (
    select
        m.id,
        row_number() over (partition by m.role order by m.usd desc, m.id) as rank
    from kinds k
    join money m on m.id in (
        select b.id from money b
        where b.role is k.role and b.converted_from is null and b.per is null and b.usd is not null
        order by b.usd desc, b.id
        limit coalesce(cast(nullif(:top, '') as integer), 5))
)
select m.role, r.rank, m.text, m.amount, m.currency, round(m.usd) as usd, m.approx, m.bound,
       e.name as organization, a.title as article, a.published, a.url, m.sentence
from ranked r
join money m on m.id = r.id
join articles a on a.id = m.article_id
left join entities e on e.id = m.entity_id
order by m.role, r.rank

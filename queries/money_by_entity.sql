-- title: Money by organization
-- description: For each organization, the monetary figures the articles attach to it: how many distinct figures, in how many articles, their sum and largest value in US dollars, and the roles they play. A figure repeated in one article counts once; conversions in parentheses, per-unit amounts (per GW, per share) and vague magnitudes (数兆ドル, no single figure) are not summed. Set :role (e.g. contract) to count one kind only.
with figures as (
    -- one row per distinct figure of an article: the same amount named twice is one figure
    select
        m.entity_id,
        m.article_id,
        max(m.usd) as usd,
        max(m.approx) as approx,
        max(case when m.amount is null then 1 else 0 end) as vague,
        m.per
    from money m
    where m.converted_from is null
      and m.entity_id is not null
      and (coalesce(:role, '') = '' or m.role = :role)
    group by m.entity_id, m.article_id, m.currency, coalesce(m.amount, -m.id), m.per
)
select
    e.name as organization,
    count(*) as figures,
    count(distinct f.article_id) as articles,
    round(sum(case when f.per is null then f.usd end)) as total_usd,
    round(max(case when f.per is null then f.usd end)) as largest_usd,
    sum(f.vague) as vague_figures,
    sum(f.approx) as approximate_figures,
    (select group_concat(distinct r.role) from money r
     where r.entity_id = e.id and r.converted_from is null
       and (coalesce(:role, '') = '' or r.role = :role)) as roles
from figures f
join entities e on e.id = f.entity_id
group by e.id, e.name
order by total_usd desc nulls last, figures desc

-- title: Money by organization
-- description: For each organization, the monetary figures the articles attach to it: how many, in how many articles, their sum and largest value in US dollars, and the roles they play. Conversions in parentheses, per-unit amounts and vague magnitudes (数兆ドル, no single figure) are not summed. Set :role (e.g. contract) to count one kind only.
select
    e.name as organization,
    count(*) as figures,
    count(distinct m.article_id) as articles,
    round(sum(case when m.per is null then m.usd end)) as total_usd,
    round(max(case when m.per is null then m.usd end)) as largest_usd,
    sum(case when m.amount is null then 1 else 0 end) as vague_figures,
    sum(m.approx) as approximate_figures,
    group_concat(distinct m.role) as roles
from money m
join entities e on e.id = m.entity_id
where m.converted_from is null
  and (coalesce(:role, '') = '' or m.role = :role)
group by e.id, e.name
order by total_usd desc nulls last, figures desc

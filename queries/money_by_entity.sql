-- title: Money by organization
-- description: For each organization, the monetary figures the articles attach to it: how many distinct figures, in how many articles, their sum and largest value in US dollars, and the roles they play. A figure repeated in one article counts once, and a range (300億〜400億ドル) once, by its lower bound; conversions in parentheses, per-unit amounts (per GW, per share) and vague magnitudes (数兆ドル, no single figure) are not summed. Set :role (e.g. contract) to count one kind only.
-- Read from the summary table entity_money_totals (kept current as articles are saved): role '' is every role together.
select
    e.name as organization,
    t.figures,
    t.articles,
    round(t.total_usd) as total_usd,
    round(t.largest_usd) as largest_usd,
    t.vague_figures,
    t.approximate_figures,
    t.roles
from entity_money_totals t
join entities e on e.id = t.entity_id
where t.role = coalesce(:role, '')
order by total_usd desc nulls last, figures desc, organization

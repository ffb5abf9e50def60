-- title: Gigawatts by organization
-- description: Power and data-centre capacity the articles attach to each organization, in gigawatts, with how many figures are approximate and how many articles state them. Set :year (e.g. 2025) to keep articles published that year; leave it empty for all.
select
    e.name as organization,
    e.type,
    round(sum(c.watts) / 1e9, 3) as gigawatts,
    round(sum(case when c.kind = 'data-center' then c.watts end) / 1e9, 3) as data_center_gigawatts,
    count(*) as figures,
    sum(c.approx) as approximate_figures,
    sum(case when c.watts is null then 1 else 0 end) as vague_figures,
    count(distinct c.article_id) as articles
from capacities c
join entities e on e.id = c.entity_id
join articles ar on ar.id = c.article_id
where coalesce(:year, '') = '' or strftime('%Y', ar.published) = cast(:year as text)
group by e.id, e.name, e.type
order by gigawatts desc nulls last, figures desc

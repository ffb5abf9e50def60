-- title: Amounts above a threshold
-- description: Every monetary figure worth at least :min_usd US dollars (e.g. 10000000000 for $10 billion; empty for all), at the publication year's average rate, largest first, with its role, organization, article and sentence. Conversions in parentheses are left out, so a converted figure is not listed twice.
select
    round(m.usd) as usd,
    m.text,
    m.amount,
    m.currency,
    m.approx,
    m.bound,
    m.per,
    m.role,
    e.name as organization,
    a.title as article,
    a.published,
    a.url,
    m.sentence
from money m
join articles a on a.id = m.article_id
left join entities e on e.id = m.entity_id
where m.converted_from is null
  and m.usd is not null
  and m.usd >= coalesce(cast(nullif(:min_usd, '') as real), 0)
order by m.usd desc

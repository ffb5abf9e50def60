-- title: Biggest amounts by role
-- description: The largest monetary figures of each kind (contract, investment, capex, revenue, valuation…), ranked in US dollars at the publication year's average rate, with the organization they belong to and the sentence they come from. Conversions in parentheses and per-unit amounts (per GW, per share) are left out. Set :role (e.g. capex) to see one kind only, :top for how many per kind (default 5).
with ranked as (
    select
        m.role,
        m.text,
        m.amount,
        m.currency,
        m.usd,
        m.approx,
        m.bound,
        e.name as organization,
        a.title as article,
        a.published,
        a.url,
        m.sentence,
        row_number() over (partition by m.role order by m.usd desc) as rank
    from money m
    join articles a on a.id = m.article_id
    left join entities e on e.id = m.entity_id
    where m.converted_from is null
      and m.per is null
      and m.usd is not null
      and (coalesce(:role, '') = '' or m.role = :role)
)
select role, rank, text, amount, currency, round(usd) as usd, approx, bound, organization,
       article, published, url, sentence
from ranked
where rank <= coalesce(cast(nullif(:top, '') as integer), 5)
order by role, rank

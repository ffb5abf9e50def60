-- title: Deals of an article
-- description: The deal statements one article (:article_id) makes, one row per party: the kind of deal, its amount in its currency and in US dollars, term, date and status, the party and its role, and the consolidated deal (event_id) it reports.
select
  d.id as deal_id,
  d.event_id,
  d.kind,
  case when d.amount is not null
       then printf('%,d', cast(round(d.amount) as integer)) || ' ' || coalesce(d.currency, '') end as amount_text,
  d.usd,
  case when d.usd >= 1e9 then printf('$%.1fB', d.usd / 1e9)
       when d.usd >= 1e6 then printf('$%.1fM', d.usd / 1e6)
       when d.usd is not null then printf('$%,d', cast(round(d.usd) as integer)) end as usd_text,
  d.duration as term,
  d.date,
  d.status,
  dp.entity_id,
  e.name as party,
  dp.role,
  d.sentence
from deals d
left join deal_parties dp on dp.deal_id = d.id
left join entities e on e.id = dp.entity_id
where d.article_id = :article_id
order by d.start, d.id, dp.role, e.name

-- title: Deals
-- description: Consolidated deals, largest in US dollars first, with the number of articles reporting each, kept by any of: :party (a party's canonical name, any alias, or its id), :kind (compute contract, investment, acquisition, capex, loan…), :since and :until (YYYY, YYYY-MM or YYYY-MM-DD, both ends included) on the deal's day: the first day of its date, else the day it was first reported. Leave a filter empty to skip it. At most :limit deals (empty: 1,000; -1: all).
-- :party of digits only is an id; anything else a canonical name or an alias.
with target as (select id from entities where :party <> '' and :party not glob '*[^0-9]*' and id = cast(:party as integer)
  union select id from entities where name = :party collate nocase and :party glob '*[^0-9]*'
  union select entity_id from entity_aliases where alias = :party collate nocase and :party glob '*[^0-9]*'),
-- not materialized: the day is worked out only for the deals a since or until is tested on, and the deals listed
dated as not materialized (
  select
    de.id,
    de.usd,
    de.first_reported,
    -- the first day of its date, else the day it was first reported; a day, month or year is read from
    -- the date itself, a quarter, half, week or fiscal year from its statements' deals.start_date
    coalesce(
      case
        when de.date glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' then de.date
        when de.date glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]' then de.date || '-01'
        when de.date glob '[0-9][0-9][0-9][0-9]' then de.date || '-01-01'
        when de.date is not null
          then (select min(d.start_date) from deals d where d.event_id = de.id and d.date = de.date)
      end,
      substr(de.first_reported, 1, 10)) as day
  from deal_events de
  where (:party = '' or de.id in (select ee.event_id from entity_events ee where ee.entity_id in (select id from target)))
    and (:kind = '' or de.kind = :kind)
),
chosen as materialized (
  select id from dated
  -- a year or month compares with the day's first characters: until 2025 keeps all of 2025
  where (:since = '' or substr(day, 1, length(:since)) >= :since)
    and (:until = '' or substr(day, 1, length(:until)) <= :until)
  order by usd desc nulls last, first_reported, id
  limit coalesce(cast(nullif(:limit, '') as integer), 1000)
)
-- deal_events itself: the titles of the articles (deal_events_view.source_titles) cost a lookup of
-- every report, too much for all the deals at once
select
  v.id as event_id,
  v.kind,
  v.parties,
  v.amount,
  v.currency,
  v.usd,
  v.duration as term,
  v.date,
  d.day,
  v.first_reported,
  v.sources,
  v.amounts_disagree
from chosen c
join dated d on d.id = c.id
join deal_events v on v.id = c.id
order by v.usd desc nulls last, v.first_reported, v.id

-- title: Facts of an article
-- description: Everything extracted from one article (:article_id), in reading order: entities named, money, dates, durations, percentages, chips, capacities and deals, each with its table and row id (open /DB/TABLE/ROW_ID), the words as written, the normalized value, the organization it belongs to, and its character offsets.
select * from (
  select 'entity' as fact, 'mentions' as "table", m.id as row_id, m.text,
         e.name || ' (' || e.type || ')' as value, e.id as entity_id, e.name as entity, m.start, m."end"
  from mentions m join entities e on e.id = m.entity_id where m.article_id = :article_id
  union all
  select 'money', 'money', m.id, m.text,
         coalesce(case when m.amount is not null then printf('%,d', cast(round(m.amount) as integer)) || ' ' end, '')
           || coalesce(m.currency, '') || coalesce(' · ' || m.role, ''),
         e.id, e.name, m.start, m."end"
  from money m left join entities e on e.id = m.entity_id where m.article_id = :article_id
  union all
  select 'date', 'dates', d.id, d.text, d.value, null, null, d.start, d."end"
  from dates d where d.article_id = :article_id
  union all
  select 'duration', 'durations', d.id, d.text, d.value, null, null, d.start, d."end"
  from durations d where d.article_id = :article_id
  union all
  select 'percent', 'percents', p.id, p.text, coalesce(p.value, p.low || '–' || p.high) || '%', null, null, p.start, p."end"
  from percents p where p.article_id = :article_id
  union all
  select 'chip', 'gpu_specs', g.id, g.text,
         coalesce(g.model, 'GPU') || coalesce(' × ' || coalesce(g.count, g.count_low), ''),
         e.id, e.name, g.start, g."end"
  from gpu_specs g left join entities e on e.id = g.entity_id where g.article_id = :article_id
  union all
  select 'capacity', 'capacities', c.id, c.text,
         case when c.watts >= 1e8 then round(c.watts / 1e9, 3) || ' GW'
              when c.watts is not null then round(c.watts / 1e6, 3) || ' MW' else c.kind end, e.id, e.name, c.start, c."end"
  from capacities c left join entities e on e.id = c.entity_id where c.article_id = :article_id
  union all
  select 'deal', 'deals', d.id, coalesce(mo.text, d.kind),
         d.kind || ': ' || coalesce((select group_concat(e.name || ' (' || dp.role || ')', ', ')
                                     from deal_parties dp join entities e on e.id = dp.entity_id
                                     where dp.deal_id = d.id), '')
           || case when d.amount is not null
                   then ' · ' || printf('%,d', cast(round(d.amount) as integer)) || ' ' || coalesce(d.currency, '') else '' end,
         null, null, d.start, d."end"
  from deals d left join money mo on mo.id = d.money_id where d.article_id = :article_id
)
order by start, fact

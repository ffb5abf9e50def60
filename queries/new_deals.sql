-- title: New deals
-- description: The 50 deals newskb recorded last, newest first — of every party, or of one (:name, its canonical name, any alias or its id) — with their parties and roles, amount, date, the stories reporting them and links to the articles: an alert feed. Point a feed reader at /DB/new_deals.atom (every deal) or /DB/new_deals.atom?name=AWS (an organization's) and it shows each new deal once: its id stays the same however many articles report it.
-- Atom columns for datasette-atom (atom_id, atom_title, atom_updated, atom_link, atom_content_html);
-- :_newskb_root and :_newskb_database are this site's and this database's absolute URLs (kb/plugin.py).
-- :name of digits only is an id; anything else a canonical name or an alias; empty: every deal.
with target as (select id from entities where :name <> '' and :name not glob '*[^0-9]*' and id = cast(:name as integer)
  union select id from entities where name = :name collate nocase and :name glob '*[^0-9]*'
  union select entity_id from entity_aliases where alias = :name collate nocase and :name glob '*[^0-9]*'),
latest as materialized (
  select * from deal_events
  where :name = '' or id in (select event_id from entity_events where entity_id in (select id from target))
  order by id desc limit 50
),
described as (
  select
    l.*,
    (select min(a.ingested_at) from deals d join articles a on a.id = d.article_id where d.event_id = l.id)
      as recorded,
    (select min(d.article_id) from deals d where d.event_id = l.id) as article_id,
    (select group_concat(party, ', ') from (
       select distinct e.name || coalesce(' (' || dp.role || ')', '') as party
       from deals d join deal_parties dp on dp.deal_id = d.id join entities e on e.id = dp.entity_id
       where d.event_id = l.id order by e.name)) as party_roles,
    (select m.text from deals d join money m on m.id = d.money_id
     where d.event_id = l.id order by d.id limit 1) as amount_text,
    (select count(distinct coalesce(a.story_id, a.id)) from deals d join articles a on a.id = d.article_id
     where d.event_id = l.id) as stories,
    (select group_concat(item, '') from (
       select '<li><a href="' || :_newskb_root || 'article/' || a.id || '">'
              || replace(replace(replace(coalesce(a.title, 'article ' || a.id), '&', '&amp;'), '<', '&lt;'), '>', '&gt;')
              || '</a> (' || replace(replace(replace(coalesce(a.source, 'unknown source'), '&', '&amp;'), '<', '&lt;'),
                                     '>', '&gt;')
              || coalesce(', ' || a.published, '') || ')</li>' as item
       from articles a where a.id in (select article_id from deals where event_id = l.id)
       order by a.published, a.id)) as reports
  from latest l
),
priced as (
  select
    *,
    case
      when amount_text is not null and (currency = 'USD' or usd is null) then amount_text
      when amount_text is not null then amount_text || ' (' || usd_text || ')'
      else coalesce(usd_text, '') end as amount_shown
  from (select *, case when usd >= 1e9 then printf('$%.1f bn', usd / 1e9)
                       when usd is not null then printf('$%.0f m', usd / 1e6) end as usd_text
        from described)
)
select
  :_newskb_database || '/deal_events/' || id as atom_id,
  coalesce(kind, 'deal') || ': ' || coalesce(parties, '?')
    || case when amount_shown <> '' then ' — ' || amount_shown else '' end as atom_title,
  coalesce(recorded, first_reported || 'T00:00:00+00:00') as atom_updated,
  :_newskb_root || 'article/' || article_id as atom_link,
  'newskb' as atom_author_name,
  '<p><strong>' || coalesce(kind, 'deal') || '</strong>: '
    || replace(replace(replace(coalesce(party_roles, parties, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;')
    || '</p><p>Amount: ' || coalesce(nullif(amount_shown, ''), 'not given')
    || coalesce(' · term ' || duration, '') || coalesce(' · date ' || date, '')
    || ' · reported by ' || stories || case stories when 1 then ' story' else ' stories' end
    || case when amounts_disagree then ' (their amounts disagree)' else '' end
    || '</p><ul>' || coalesce(reports, '') || '</ul>' as atom_content_html,
  id as event_id,
  kind,
  parties,
  usd,
  date,
  stories
from priced
union all
select
  :_newskb_database || '/new_deals#none', 'No deals' || coalesce(' of ' || nullif(:name, ''), '') || ' yet',
  '2000-01-01T00:00:00+00:00', :_newskb_root, 'newskb',
  '<p>The knowledge base holds no such deal yet: new ones will appear here.</p>', null, null, null, null, null, null
where not exists (select 1 from latest)
order by event_id desc

-- title: New articles about an entity
-- description: The 50 newest stories naming an entity (:name, its canonical name, any alias or its id), newest first, each with the sentence that first names it and the other outlets that carried a copy: an alert feed. Point a feed reader at /DB/new_articles_about.atom?name=AWS. A story reprinted by several outlets is one entry, its first article.
-- Atom columns for datasette-atom; :_newskb_root and :_newskb_database are absolute URLs (kb/plugin.py).
with target as (select id from entities where :name <> '' and :name not glob '*[^0-9]*' and id = cast(:name as integer)
  union select id from entities where name = :name collate nocase and :name glob '*[^0-9]*'
  union select entity_id from entity_aliases where alias = :name collate nocase and :name glob '*[^0-9]*'),
-- the newest 50 stories: each entity's read in order from the (entity_id, published, article_id) index
-- of article_entities, copies of a story skipped as they come, then the newest of them all
newest as materialized (
  select ae.article_id, min(ae.entity_id) as entity_id, ae.published
  from target t
  join article_entities ae on ae.rowid in (
    select x.rowid from article_entities x join articles c on c.id = x.article_id
    where x.entity_id = t.id and coalesce(c.story_id, c.id) = c.id
    order by x.published desc, x.article_id desc
    limit 50)
  group by ae.article_id
  order by ae.published desc, ae.article_id desc
  limit 50
)
select
  :_newskb_database || '/articles/' || a.id as atom_id,
  coalesce(a.title, 'article ' || a.id) as atom_title,
  coalesce(a.ingested_at, a.published || 'T00:00:00+00:00') as atom_updated,
  :_newskb_root || 'article/' || a.id as atom_link,
  coalesce(a.source, 'newskb') as atom_author_name,
  '<p>' || coalesce(a.published, 'undated') || ' · '
    || replace(replace(replace(coalesce(a.source, 'unknown source'), '&', '&amp;'), '<', '&lt;'), '>', '&gt;')
    || '</p><p>' || replace(replace(replace(coalesce(
         (select min(m.sentence) from mentions m where m.article_id = a.id and m.entity_id in (select id from target)),
         ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;') || '</p>'
    || coalesce('<p>Also carried by: ' || (
         select group_concat(replace(replace(replace(coalesce(c.source, c.url, 'article ' || c.id), '&', '&amp;'),
                                             '<', '&lt;'), '>', '&gt;'), ', ')
         from articles c where c.story_id = a.id and c.id != a.id) || '</p>', '') as atom_content_html,
  a.id as article_id,
  a.published as published,
  a.source as source,
  e.name as entity
from newest n
join articles a on a.id = n.article_id
join entities e on e.id = n.entity_id
union all
select
  :_newskb_database || '/new_articles_about#none', 'No articles about ' || coalesce(nullif(:name, ''), '(no name)')
    || ' yet', '2000-01-01T00:00:00+00:00', :_newskb_root, 'newskb',
  '<p>No article in the knowledge base names it yet: new ones will appear here.</p>', null, null, null, null
where not exists (select 1 from newest)
order by published desc, article_id desc

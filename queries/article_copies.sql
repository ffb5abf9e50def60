-- title: Other copies of an article
-- description: The other copies of the story one article (:article_id) tells: articles stored with a copy of its text (another outlet's, a reissue, an edited update; articles.story_id), and feed entries that carried exactly its text under another address. Oldest first.
select
  c.id as article_id,
  c.title as title,
  c.source as source,
  c.published as published,
  c.url as url,
  case when c.id = c.story_id then 'first of the story' else 'copy' end as copy
from articles a
join articles c on c.story_id = coalesce(a.story_id, a.id) and c.id != a.id
where a.id = cast(:article_id as integer)
union all
select
  null, e.title, f.name, substr(e.first_seen, 1, 10), e.url, 'same text, in a feed'
from feed_entries e
join feeds f on f.id = e.feed_id
join articles a on a.id = e.article_id
where e.article_id = cast(:article_id as integer) and e.url is not null and e.url != coalesce(a.url, '')
order by published, article_id

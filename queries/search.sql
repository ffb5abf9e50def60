-- title: Ranked full-text search
-- description: Articles matching a word or phrase (Japanese words of any length, or English), best first (BM25), with the passage around the first match.
select
  a.id as article_id,
  a.title,
  a.published,
  a.source,
  round(articles_fts.rank, 3) as rank,
  trim(substr(
    a.text,
    max(1, instr(lower(a.text), lower(:q)) - 60),
    60 + length(:q) + 80
  )) as passage
from articles_fts
join articles a on a.id = articles_fts.rowid
where articles_fts match fts_query(:q)
order by articles_fts.rank
limit 100

-- title: Ranked full-text search
-- description: Articles matching a word or phrase (Japanese words of any length, or English), best first (BM25), with the sentence where the search (else its first word) first appears, in the passage column.
with recursive hits as (
  select rowid as article_id, rank
  from articles_fts
  where articles_fts match fts_query(:q)
  order by rank
  limit 100
),
-- Where the match is: the whole search as typed, else its first word (English words may not be adjacent).
located as (
  select
    h.article_id,
    h.rank,
    a.text,
    coalesce(
      nullif(instr(lower(a.text), lower(trim(:q))), 0),
      nullif(instr(lower(a.text), lower(substr(trim(:q) || ' ', 1, instr(trim(:q) || ' ', ' ') - 1))), 0),
      1) as hit
  from hits h join articles a on a.id = h.article_id
),
-- Cut a window around the match into sentences at 。！？, '. ', '! ', '? ' and line breaks.
pieces(article_id, hit_at, sentence, rest, offset) as (
  select article_id, hit - max(1, hit - 400), null,
         substr(text, max(1, hit - 400), 800) || char(10), 0
  from located
  union all
  select article_id, hit_at,
    substr(rest, 1, min(
      coalesce(nullif(instr(rest, '。'), 0), 1e9), coalesce(nullif(instr(rest, '！'), 0), 1e9),
      coalesce(nullif(instr(rest, '？'), 0), 1e9), coalesce(nullif(instr(rest, '. '), 0), 1e9),
      coalesce(nullif(instr(rest, '! '), 0), 1e9), coalesce(nullif(instr(rest, '? '), 0), 1e9),
      instr(rest, char(10)))),
    substr(rest, 1 + min(
      coalesce(nullif(instr(rest, '。'), 0), 1e9), coalesce(nullif(instr(rest, '！'), 0), 1e9),
      coalesce(nullif(instr(rest, '？'), 0), 1e9), coalesce(nullif(instr(rest, '. '), 0), 1e9),
      coalesce(nullif(instr(rest, '! '), 0), 1e9), coalesce(nullif(instr(rest, '? '), 0), 1e9),
      instr(rest, char(10)))),
    offset + coalesce(length(sentence), 0)
  from pieces
  where rest <> ''
)
select
  l.article_id,
  a.title,
  a.published,
  a.source,
  a.lang,
  round(l.rank, 3) as rank,
  (select trim(p.sentence, ' ' || char(10) || char(13) || char(9))
   from pieces p
   where p.article_id = l.article_id and p.sentence is not null
     and p.offset + length(p.sentence) > p.hit_at
   order by p.offset limit 1) as passage
from located l
join articles a on a.id = l.article_id
order by l.rank

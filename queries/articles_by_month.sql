-- title: Articles by month
-- description: For each month, how many articles were published in it, and how many articles mention a date falling in it (dates of day, week or month precision, by the month of their first day; years and quarters are too coarse to place), with the number of such mentions. Set :lang (ja or en) to count one language only; leave it empty for all.
with published_per_month as (
    select substr(published, 1, 7) as month, count(*) as articles_published
    from articles
    where published is not null and (:lang = '' or lang = :lang)
    group by month
),
mentioned_per_month as (
    select
        substr(d.start_date, 1, 7) as month,
        count(distinct d.article_id) as articles_mentioning,
        count(*) as mentions
    from dates d
    join articles a on a.id = d.article_id
    where d.start_date is not null
        and d.precision in ('day', 'week', 'month')
        and (:lang = '' or a.lang = :lang)
    group by month
),
months as (
    select month from published_per_month
    union
    select month from mentioned_per_month
)
select
    m.month,
    coalesce(p.articles_published, 0) as articles_published,
    coalesce(t.articles_mentioning, 0) as articles_mentioning,
    coalesce(t.mentions, 0) as mentions
from months m
left join published_per_month p on p.month = m.month
left join mentioned_per_month t on t.month = m.month
order by m.month

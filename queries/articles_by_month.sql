-- title: Articles by month
-- description: For each month, how many articles were published in it, and how many articles mention a date falling in it (dates of day, week or month precision, by the month of their first day; years and quarters are too coarse to place), with the number of such mentions. Set :lang (ja or en) to count one language only; leave it empty for all.
-- Read from the summary table month_totals (kept current as articles are saved): one row per month and language.
select
    month,
    sum(articles_published) as articles_published,
    sum(articles_mentioning) as articles_mentioning,
    sum(mentions) as mentions
from month_totals
where :lang = '' or lang = :lang
group by month
order by month

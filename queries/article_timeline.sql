-- title: Article timeline
-- description: The dates one article (:article_id) mentions, in calendar order by the first day each covers, with the normalized value, its precision, what a relative date was resolved against, and the sentence it comes from. Dates the article left unresolvable (a relative date with nothing to anchor it) come last.
select
    d.start_date,
    d.end_date,
    d.value,
    d.precision,
    d.text,
    case
        when not d.relative then 'absolute'
        else coalesce(d.anchor, 'unresolved')
    end as resolved_against,
    d.sentence,
    a.title,
    a.published
from dates d
join articles a on a.id = d.article_id
where d.article_id = :article_id
order by d.start_date is null, d.start_date, d.end_date, d."start"

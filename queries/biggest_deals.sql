-- title: Biggest deals of a period
-- description: Deal events dated (else first reported) between :since and :until (YYYY, YYYY-MM or YYYY-MM-DD; leave one empty for an open end), largest in US dollars first, with their parties and sources. A deal stated with its parts (tranches, phases, each recipient's share) is the one event of its total.
SELECT
  v.id AS event_id,
  v.parties,
  v.kind,
  v.amount,
  v.currency,
  v.usd,
  v.duration AS term,
  v.date,
  v.first_reported,
  v.sources,
  v.amounts_disagree,
  v.source_titles
FROM deal_events_view v
WHERE v.usd IS NOT NULL
  -- a year or month is padded to its first day, so 2025 falls within 2025-01-01 … 2025-12-31
  AND (coalesce(:since, '') = '' OR substr(coalesce(v.date, v.first_reported) || '-01-01', 1, 10) >= :since)
  AND (coalesce(:until, '') = '' OR substr(coalesce(v.date, v.first_reported) || '-01-01', 1, 10) <= :until)
ORDER BY v.usd DESC
LIMIT 100

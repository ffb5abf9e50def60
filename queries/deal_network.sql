-- title: Deal network of an organization
-- description: The counterparties of an organization (:name, its canonical name or any alias), each with the number of deals between them, their total and largest amount in US dollars, and the kinds of deal. A deal's parts (tranches, phases) count within its total, never beside it.
WITH party AS (
  SELECT e.id FROM entities e WHERE e.name = :name COLLATE NOCASE
  UNION
  SELECT a.entity_id FROM entity_aliases a WHERE a.alias = :name COLLATE NOCASE
),
links AS (
  -- one row per (event, counterparty), however many articles report the event
  SELECT DISTINCT d.event_id, other.entity_id AS counterparty_id
  FROM deals d
  JOIN deal_parties mine ON mine.deal_id = d.id AND mine.entity_id IN (SELECT id FROM party)
  JOIN deal_parties other ON other.deal_id = d.id AND other.entity_id NOT IN (SELECT id FROM party)
  WHERE d.event_id IS NOT NULL
)
SELECT
  e.name AS counterparty,
  count(*) AS deals,
  sum(v.usd) AS total_usd,
  max(v.usd) AS largest_usd,
  group_concat(DISTINCT v.kind) AS kinds,
  sum(v.sources) AS reports
FROM links l
JOIN entities e ON e.id = l.counterparty_id
JOIN deal_events v ON v.id = l.event_id
GROUP BY e.id
ORDER BY total_usd IS NULL, total_usd DESC, deals DESC

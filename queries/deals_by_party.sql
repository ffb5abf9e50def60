-- title: Deals by party
-- description: Every deal an organization (:name, its canonical name or any alias: AWS, アマゾン・ウェブ・サービス) is a party to, with its counterparties, amount, term, and the articles that report it. Largest first; the 1,000 largest at most.
WITH party AS (
  SELECT e.id FROM entities e WHERE e.name = :name COLLATE NOCASE
  UNION
  SELECT a.entity_id FROM entity_aliases a WHERE a.alias = :name COLLATE NOCASE
),
events AS (
  SELECT DISTINCT d.event_id AS id FROM deals d JOIN deal_parties dp ON dp.deal_id = d.id
  WHERE dp.entity_id IN (SELECT id FROM party) AND d.event_id IS NOT NULL
),
-- the largest 1,000 from deal_events alone; their sources and counterparties only for those
largest AS MATERIALIZED (
  SELECT de.id FROM deal_events de
  WHERE de.id IN (SELECT id FROM events)
  ORDER BY de.usd IS NULL, de.usd DESC, de.first_reported, de.id
  LIMIT 1000
)
SELECT
  v.id AS event_id,
  v.kind,
  (SELECT group_concat(name, ' / ') FROM (
     SELECT DISTINCT e.name FROM deals d JOIN deal_parties dp ON dp.deal_id = d.id
     JOIN entities e ON e.id = dp.entity_id
     WHERE d.event_id = v.id AND dp.entity_id NOT IN (SELECT id FROM party) ORDER BY e.name)) AS counterparty,
  v.amount,
  v.currency,
  v.usd,
  v.duration AS term,
  v.date,
  v.first_reported,
  v.sources,
  v.amounts_disagree,
  v.source_titles,
  v.amounts_by_source
FROM deal_events_view v
WHERE v.id IN (SELECT id FROM largest)
ORDER BY v.usd IS NULL, v.usd DESC, v.first_reported, v.id

-- title: Chips named in the articles
-- description: Every accelerator the articles name, in the order the articles were stored and then as each reads, with its model, vendor, architecture and kind, the units and specs the text attaches to it, the organization buying or running the chips, and the sentence. Set :model (H100, GB200, TPU v7…, as gpu_specs.model; case ignored) for one model; leave it empty for all. At most :limit rows (empty: 1,000; -1: all).
select
  g.id as spec_id,
  g.article_id,
  a.published,
  g.model,
  g.vendor,
  g.architecture,
  g.kind,
  g.count,
  g.count_approx,
  g.count_low,
  g.count_high,
  g.count_bound,
  g.memory_bytes,
  g.compute_flops,
  g.compute_precision,
  g.interconnect,
  g.system,
  g.entity_id,
  e.name as organization,
  g.text,
  g.sentence
from gpu_specs g
join articles a on a.id = g.article_id
left join entities e on e.id = g.entity_id
where :model = '' or g.model = :model collate nocase
order by g.article_id, g.start, g.id
limit coalesce(cast(nullif(:limit, '') as integer), 1000)

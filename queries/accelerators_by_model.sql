-- title: Accelerators by model
-- description: Each accelerator model named in the articles, with its vendor, the units the articles count (exact counts summed; vague ones such as 数十万基 add their low end), the number of articles naming it, and an estimate of the memory and FP8 compute those units hold, from the reference figures in the accelerators table.
with per_model as (
    select
        g.model,
        coalesce(g.vendor, a.vendor) as vendor,
        count(*) as mentions,
        count(distinct g.article_id) as articles,
        sum(g.count) as counted_units,
        sum(coalesce(g.count, g.count_low)) as units_at_least
    from gpu_specs g
    left join accelerators a on a.model = g.model
    where g.model is not null
    group by g.model, coalesce(g.vendor, a.vendor)
)
select
    p.model,
    p.vendor,
    a.architecture,
    a.kind,
    p.articles,
    p.mentions,
    p.counted_units,
    p.units_at_least,
    a.memory_gb,
    a.memory_type,
    round(p.units_at_least * a.memory_gb / 1000.0, 1) as est_total_memory_tb,
    round(p.units_at_least * a.fp8_pflops / 1000.0, 1) as est_total_fp8_exaflops
from per_model p
left join accelerators a on a.model = p.model
order by p.articles desc, p.units_at_least desc, p.model

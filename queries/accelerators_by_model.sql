-- title: Accelerators by model
-- description: Each accelerator model named in the articles, with its vendor, the units the articles count (exact counts summed; vague ones such as 数十万基 add their low end), the number of articles naming it, and an estimate of the memory and FP8 compute those units hold, from the reference figures in the accelerators table.
-- the model_totals summary, kept as articles are saved; a vendor the article did not name is the
-- reference table's
with per_model as (
    select
        t.model,
        coalesce(nullif(t.vendor, ''), a.vendor) as vendor,
        sum(t.mentions) as mentions,
        sum(t.articles) as articles,
        sum(t.counted_units) as counted_units,
        sum(t.units_at_least) as units_at_least
    from model_totals t
    left join accelerators a on a.model = t.model
    group by t.model, coalesce(nullif(t.vendor, ''), a.vendor)
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

{#-
    Ratio metrics re-aggregate as sum(numerator) / sum(denominator), so the stored value must
    be exactly that ratio (times 100 for percentages and per-100 rates). Returns offending rows.
-#}
{{ config(meta={'dagster': {'ref': {'name': 'fct_cx_metrics'}}}) }}

with

metrics as (

    select * from {{ ref('fct_cx_metrics') }}

),

catalog as (

    select metric_name, unit, additivity from {{ ref('metric_catalog') }}

),

checked as (

    select
        metrics.metric_name,
        metrics.period_grain,
        metrics.period_start,
        metrics.segment_type,
        metrics.segment_value,
        metrics.value,
        metrics.numerator / metrics.denominator
        * case when catalog.unit in ('percent', 'per_100') then 100 else 1 end as expected_value
    from metrics
    inner join catalog on metrics.metric_name = catalog.metric_name
    where catalog.additivity = 'ratio' and metrics.denominator > 0

)

select * from checked
where abs(value - expected_value) > 1e-6 * (1 + abs(expected_value))

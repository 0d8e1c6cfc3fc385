{#-
    Metric sanity: every value lies in the range its unit allows: percentages 0..100, NPS
    points -100..100, counts, times, means, ratios and per-100 rates not negative. Net
    revenue, customer value and revenue at risk (eur) may be negative (refunds, margins).
    Returns offending rows; an error blocks the warehouse swap, so the report never shows an
    impossible figure.
-#}
{{ config(meta={'dagster': {'ref': {'name': 'fct_cx_metrics'}}}) }}

with

metrics as (

    select * from {{ ref('fct_cx_metrics') }}

),

catalog as (

    select metric_name, unit from {{ ref('metric_catalog') }}

)

select
    metrics.metric_name,
    catalog.unit,
    metrics.period_grain,
    metrics.period_start,
    metrics.segment_type,
    metrics.segment_value,
    metrics.value
from metrics
inner join catalog on metrics.metric_name = catalog.metric_name
where
    (catalog.unit = 'percent' and (metrics.value < 0 or metrics.value > 100))
    or (catalog.unit = 'points' and (metrics.value < -100 or metrics.value > 100))
    or (catalog.unit in ('count', 'minutes', 'mean', 'ratio', 'per_100') and metrics.value < 0)

{#- The period grains every metric is computed at (var metric_grains). -#}
{% macro grain_values() -%}
    {%- for grain in var('metric_grains') %}
    select '{{ grain }}' as period_grain{% if not loop.last %} union all{% endif %}
    {%- endfor %}
{%- endmacro %}

{#- First day of the period (ISO week starts Monday) a local date falls in. -#}
{% macro period_start(grain_column, date_column) -%}
    case {{ grain_column }}
        when 'day' then cast({{ date_column }} as date)
        when 'week' then cast({{ dbt.date_trunc('week', date_column) }} as date)
        when 'month' then cast({{ dbt.date_trunc('month', date_column) }} as date)
    end
{%- endmacro %}

{#- Last day of a period. -#}
{% macro period_end(grain_column, start_column) -%}
    case {{ grain_column }}
        when 'day' then {{ start_column }}
        when 'week' then cast({{ dbt.dateadd('day', 6, start_column) }} as date)
        when 'month' then cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 1, start_column)) }} as date)
    end
{%- endmacro %}

{#-
    Repeat each row of `relation` once per period grain and once per segment, so one
    GROUP BY gives a metric at every grain and segment. `segments` maps a segment type to
    the column holding its value; the segment 'all' is always there.
-#}
{% macro expand_grains_and_segments(relation, date_column, segments={}) -%}
select
    base.*,
    grains.period_grain,
    {{ period_start('grains.period_grain', 'base.' ~ date_column) }} as period_start,
    segment_types.segment_type,
    case segment_types.segment_type
        when 'all' then 'all'
        {%- for segment_type, column in segments.items() %}
        when '{{ segment_type }}' then coalesce(cast(base.{{ column }} as {{ dbt.type_string() }}), 'unknown')
        {%- endfor %}
    end as segment_value
from {{ relation }} as base
cross join ({{ grain_values() }}) as grains
cross join (
    select 'all' as segment_type
    {%- for segment_type in segments %}
    union all select '{{ segment_type }}'
    {%- endfor %}
) as segment_types
{%- endmacro %}

{#- The grouping columns of every metric model. -#}
{% macro metric_keys() -%}
    period_grain, period_start, segment_type, segment_value
{%- endmacro %}

{#-
    The customer-service segments (var usage_segment_types) out of `candidates`, a mapping of
    segment type to column: a company that does not report per agent leaves 'agent' out.
-#}
{% macro usage_segments(candidates) -%}
    {%- set picked = {} -%}
    {%- for segment_type, column in candidates.items() -%}
        {%- if segment_type in var('usage_segment_types') -%}
            {%- do picked.update({segment_type: column}) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(picked) }}
{%- endmacro %}

{#- Every (grain, period) that has a day between the bounds' start and end dates. -#}
{% macro period_grid(bounds, start_column='start_date', end_column='end_date') -%}
select distinct
    grains.period_grain,
    {{ period_start('grains.period_grain', 'days.date_day') }} as period_start
from ({{ day_spine(bounds, start_column, end_column) }}) as days
cross join ({{ grain_values() }}) as grains
{%- endmacro %}

{#- A UTC instant (naive timestamp in UTC) on the reporting time zone's wall clock, DST-aware. -#}
{% macro to_local_timestamp(ts) -%}
    {{ return(adapter.dispatch('to_local_timestamp', 'cx_pipeline')(ts)) }}
{%- endmacro %}

{% macro default__to_local_timestamp(ts) -%}
    (({{ ts }} at time zone 'UTC') at time zone '{{ var("reporting_timezone") }}')
{%- endmacro %}

{% macro spark__to_local_timestamp(ts) -%}
    from_utc_timestamp({{ ts }}, '{{ var("reporting_timezone") }}')
{%- endmacro %}

{% macro trino__to_local_timestamp(ts) -%}
    cast(with_timezone({{ ts }}, 'UTC') at time zone '{{ var("reporting_timezone") }}' as timestamp)
{%- endmacro %}

{% macro to_local_date(ts) -%}
    cast({{ to_local_timestamp(ts) }} as date)
{%- endmacro %}

{#- Raw timestamps arrive as UTC instants; staging keeps them as naive UTC timestamps. -#}
{% macro utc_timestamp(column) -%}
    cast({{ column }} as {{ dbt.type_timestamp() }})
{%- endmacro %}

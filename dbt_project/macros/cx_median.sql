{#- Exact (interpolated) percentile of a column within a group; engines spell it differently. -#}
{% macro cx_percentile(column, fraction) -%}
    {{ return(adapter.dispatch('cx_percentile', 'cx_pipeline')(column, fraction)) }}
{%- endmacro %}

{% macro default__cx_percentile(column, fraction) -%}
    percentile_cont({{ fraction }}) within group (order by {{ column }})
{%- endmacro %}

{% macro duckdb__cx_percentile(column, fraction) -%}
    quantile_cont({{ column }}, {{ fraction }})
{%- endmacro %}

{% macro spark__cx_percentile(column, fraction) -%}
    percentile({{ column }}, {{ fraction }})
{%- endmacro %}

{% macro cx_median(column) -%}
    {{ cx_percentile(column, 0.5) }}
{%- endmacro %}

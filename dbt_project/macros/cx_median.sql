{#- Exact median; engines spell it differently. -#}
{% macro cx_median(column) -%}
    {{ return(adapter.dispatch('cx_median', 'cx_pipeline')(column)) }}
{%- endmacro %}

{% macro default__cx_median(column) -%}
    percentile_cont(0.5) within group (order by {{ column }})
{%- endmacro %}

{% macro duckdb__cx_median(column) -%}
    median({{ column }})
{%- endmacro %}

{% macro spark__cx_median(column) -%}
    percentile({{ column }}, 0.5)
{%- endmacro %}

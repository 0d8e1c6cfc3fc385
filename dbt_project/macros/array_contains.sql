{#- True when an array column holds a value (Zendesk tags arrive as a list). -#}
{% macro array_contains(array_column, value) -%}
    {{ return(adapter.dispatch('array_contains', 'cx_pipeline')(array_column, value)) }}
{%- endmacro %}

{#- Postgres. -#}
{% macro default__array_contains(array_column, value) -%}
    coalesce({{ value }} = any({{ array_column }}), false)
{%- endmacro %}

{% macro duckdb__array_contains(array_column, value) -%}
    coalesce(list_contains({{ array_column }}, {{ value }}), false)
{%- endmacro %}

{% macro spark__array_contains(array_column, value) -%}
    coalesce(array_contains({{ array_column }}, {{ value }}), false)
{%- endmacro %}

{% macro trino__array_contains(array_column, value) -%}
    coalesce(contains({{ array_column }}, {{ value }}), false)
{%- endmacro %}

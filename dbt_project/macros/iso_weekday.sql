{#- ISO day of the week of a date: 1 = Monday ... 7 = Sunday. -#}
{% macro iso_weekday(date_expression) -%}
    {{ return(adapter.dispatch('iso_weekday', 'cx_pipeline')(date_expression)) }}
{%- endmacro %}

{#- Postgres and DuckDB. -#}
{% macro default__iso_weekday(date_expression) -%}
    cast(extract(isodow from {{ date_expression }}) as {{ dbt.type_int() }})
{%- endmacro %}

{#- Spark's weekday() counts Monday as 0. -#}
{% macro spark__iso_weekday(date_expression) -%}
    (weekday({{ date_expression }}) + 1)
{%- endmacro %}

{% macro trino__iso_weekday(date_expression) -%}
    day_of_week({{ date_expression }})
{%- endmacro %}

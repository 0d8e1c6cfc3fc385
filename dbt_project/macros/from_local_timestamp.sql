{#-
    The inverse of to_local_timestamp: a wall-clock time in the reporting time zone (naive)
    to its UTC instant (naive timestamp in UTC), DST-aware. A wall-clock time that does not
    exist (the skipped hour of a spring-forward night) or occurs twice (the repeated hour of
    a fall-back night) is resolved by the engine's time-zone library; business schedules
    that open and close outside 03:00-04:00 local never meet either.
-#}
{% macro from_local_timestamp(ts) -%}
    {{ return(adapter.dispatch('from_local_timestamp', 'cx_pipeline')(ts)) }}
{%- endmacro %}

{#- Postgres and DuckDB (ICU): naive `at time zone` reads the wall clock of that zone. -#}
{% macro default__from_local_timestamp(ts) -%}
    (({{ ts }} at time zone '{{ var("reporting_timezone") }}') at time zone 'UTC')
{%- endmacro %}

{% macro spark__from_local_timestamp(ts) -%}
    to_utc_timestamp({{ ts }}, '{{ var("reporting_timezone") }}')
{%- endmacro %}

{% macro trino__from_local_timestamp(ts) -%}
    cast(with_timezone({{ ts }}, '{{ var("reporting_timezone") }}') at time zone 'UTC' as timestamp)
{%- endmacro %}

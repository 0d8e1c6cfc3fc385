{#-
    An 'HH:MM' wall-clock text as minutes after midnight: '08:00' -> 480. '24:00' (1440) is
    allowed, so a day open around the clock reads 00:00-24:00.
-#}
{% macro minute_of_day(hhmm) -%}
    (
        cast(substring({{ hhmm }}, 1, 2) as {{ dbt.type_int() }}) * 60
        + cast(substring({{ hhmm }}, 4, 2) as {{ dbt.type_int() }})
    )
{%- endmacro %}

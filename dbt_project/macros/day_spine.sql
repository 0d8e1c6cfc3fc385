{#-
    One row per day (date_day) from start_column to end_column inclusive, both columns of
    the one-row relation `bounds`; at most 10^digits days (default 100 000, 273 years).
    Portable: cross joins of a ten-row list of digits instead of an engine's generate_series.
-#}
{% macro day_spine(bounds, start_column='start_date', end_column='end_date', digits=5) -%}
    select
        cast({{ dbt.dateadd('day', 'day_numbers.day_number', bounds ~ '.' ~ start_column) }} as date)
            as date_day
    from {{ bounds }}
    cross join (
        select
            {%- for position in range(digits) %}
            {% if not loop.first %}+ {% endif %}{{ 10 ** position }} * digit_{{ position }}.digit
            {%- endfor %} as day_number
        from
            {%- for position in range(digits) %}
            {% if not loop.first %}cross join {% endif -%}
            ({% for digit in range(10) %}select {{ digit }} as digit{% if not loop.last %} union all {% endif %}{% endfor %}) as digit_{{ position }}
            {%- endfor %}
    ) as day_numbers
    where day_numbers.day_number
        <= {{ dbt.datediff(bounds ~ '.' ~ start_column, bounds ~ '.' ~ end_column, 'day') }}
{%- endmacro %}

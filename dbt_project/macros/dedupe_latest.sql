{#-
    Keep one row per key: the latest by the given order. The landing zone holds every load
    date and exports repeat rows, so each staging model reads the source through this.
-#}
{% macro dedupe_latest(relation, key, order_by) -%}
select * from (
    select
        src.*,
        row_number() over (partition by {{ key }} order by {{ order_by }}) as _cx_row_number
    from {{ relation }} as src
) as ranked
where _cx_row_number = 1
{%- endmacro %}

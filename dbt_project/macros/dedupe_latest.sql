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

{#-
    The latest copy of every record that changed in the run's partition window (environment
    variables CX_PARTITION_START, inclusive, and CX_PARTITION_END, exclusive, as YYYY-MM-DD;
    load dates are the days records changed), read from every day so an older day never wins
    over a newer one. For incremental models (delete+insert on `key`): a run touches only the
    records of its days. Without a window, or on a full refresh, every record. Environment
    variables rather than vars, because a change of vars makes dbt parse the whole project.
-#}
{% macro latest_changed_in_window(relation, key, order_by) -%}
{%- set start = env_var('CX_PARTITION_START', '') -%}
{%- set end = env_var('CX_PARTITION_END', '') -%}
{%- if is_incremental() and start and end -%}
{%- set changed -%}
(
    select * from {{ relation }}
    where {{ key }} in (
        select {{ key }} from {{ relation }}
        where load_date >= cast('{{ start }}' as date) and load_date < cast('{{ end }}' as date)
    )
)
{%- endset -%}
{{ dedupe_latest(changed, key, order_by) }}
{%- else -%}
{{ dedupe_latest(relation, key, order_by) }}
{%- endif -%}
{%- endmacro %}

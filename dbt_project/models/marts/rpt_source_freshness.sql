{#-
    Freshness and completeness of every raw source table, for the report's cover and
    data-quality notes and for analysts: rows landed (all load dates), distinct records,
    how many load dates, the latest load date and the latest change a record carries.
    raw_rows - records = older copies and duplicate export rows that staging drops.
    The tables are the raw contract's (macro raw_tables).
-#}
{%- set tables = raw_tables() -%}

with

{% for system, name, key, updated_at in tables %}
{{ system }}__{{ name }} as (

    select
        '{{ system }}' as source_system,
        '{{ name }}' as source_table,
        count(*) as raw_rows,
        count(distinct {{ adapter.quote(key) }}) as records,
        count(distinct load_date) as load_dates,
        max(cast(load_date as date)) as latest_load_date,
        {% if updated_at -%}
        max({{ utc_timestamp(adapter.quote(updated_at)) }}) as latest_record_change_at
        {%- else -%}
        cast(null as timestamp) as latest_record_change_at
        {%- endif %}

    from {{ source(system, name) }}

),

{% endfor %}
unioned as (

    {% for system, name, key, updated_at in tables %}
    select * from {{ system }}__{{ name }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select
    source_system,
    source_table,
    raw_rows,
    records,
    raw_rows - records as dropped_copies,
    load_dates,
    latest_load_date,
    latest_record_change_at
from unioned
order by source_system, source_table

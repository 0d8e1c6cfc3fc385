{#-
    The export rows the extract step set aside instead of loading, with the reason (line,
    column, value). Read from the quarantine files every extract writes beside the landing
    zone, <landing_root>/_quarantine/<system>/<table>/load_date=<day>/data.parquet (empty
    when nothing was set aside, so the glob always matches). The rows' text stays in those
    files: it may hold personal data. The depends_on lines order this model after the
    extracts that write the files.
-#}
{%- for system, name, key, updated_at in raw_tables() %}
-- depends_on: {{ source(system, name) }}
{%- endfor %}

select
    system as source_system,
    table_name as source_table,
    source as source_file,
    line,
    column_name,
    reason,
    cast(load_date as date) as load_date
from {{ quarantine_files() }}
order by source_system, source_table, load_date, line

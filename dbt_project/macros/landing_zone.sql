{#-
    Where a raw source table is read from. DuckDB reads the landing zone through the
    sources' external_location (read_parquet over the load_date=* folders). Spark has no such
    source option, so on Spark a source is the table's folder itself, parquet.`<folder>`:
    Spark discovers the load_date=* partitions and merges the files' schemas
    (spark.sql.parquet.mergeSchema in the spark profile), as union_by_name does on DuckDB.
-#}
{% macro source(source_name, table_name) -%}
    {%- set relation = builtins.source(source_name, table_name) -%}
    {%- if target.type == 'spark' -%}
        {{ return(landing_relation(source_name ~ '/' ~ table_name)) }}
    {%- endif -%}
    {{ return(relation) }}
{%- endmacro %}

{#- A folder under the landing root as a relation Spark reads directly: parquet.`<folder>`. -#}
{% macro landing_relation(folder) -%}
    {{ return(api.Relation.create(
        schema='parquet',
        identifier=var('landing_root') ~ '/' ~ folder,
        quote_policy={'schema': false, 'identifier': true}
    )) }}
{%- endmacro %}

{#- Every quarantine file: <landing_root>/_quarantine/<system>/<table>/load_date=*/. -#}
{% macro quarantine_files() -%}
    {{ return(adapter.dispatch('quarantine_files', 'cx_pipeline')()) }}
{%- endmacro %}

{% macro duckdb__quarantine_files() -%}
read_parquet(
    '{{ var("landing_root") }}/_quarantine/*/*/load_date=*/*.parquet',
    hive_partitioning = true,
    union_by_name = true
)
{%- endmacro %}

{#- Spark infers partition columns only below one root folder, and here system and table
    folders come first, so the glob names the load_date=* folders and the date is read from
    each file's path. -#}
{% macro spark__quarantine_files() -%}
(
    select
        *,
        cast(regexp_extract(input_file_name(), 'load_date=([0-9]{4}-[0-9]{2}-[0-9]{2})', 1) as date)
            as load_date
    from parquet.`{{ var("landing_root") }}/_quarantine/*/*/load_date=*`
)
{%- endmacro %}

{#-
    delete+insert on Spark. The incremental staging models replace the rows of the keys a
    run re-read (unique_key); dbt-spark offers that only as merge, which needs Delta,
    Iceberg or Hudi tables, and plain Parquet tables cannot delete rows. So on Spark the
    strategy writes the kept rows (the table less the re-read keys) and the new rows to a
    staging table and overwrites the model's table from it: the same rows as DuckDB's
    delete+insert, at the cost of rewriting the table (fine for these staging tables; on
    Delta or Iceberg use merge instead).
-#}
{% macro dbt_spark_validate_get_incremental_strategy(raw_strategy, file_format) %}
    {%- if raw_strategy == 'delete+insert' -%}
        {{ return(raw_strategy) }}
    {%- endif -%}
    {{ return(dbt_spark.dbt_spark_validate_get_incremental_strategy(raw_strategy, file_format)) }}
{% endmacro %}

{% macro dbt_spark_get_incremental_sql(strategy, source, target, existing, unique_key, incremental_predicates) %}
    {%- if strategy == 'delete+insert' -%}
        {{ return(spark_delete_insert_sql(source, target, unique_key)) }}
    {%- endif -%}
    {{ return(dbt_spark.dbt_spark_get_incremental_sql(strategy, source, target, existing, unique_key, incremental_predicates)) }}
{% endmacro %}

{% macro spark_delete_insert_sql(source, target, unique_key) %}
    {%- if not unique_key -%}
        {% do exceptions.raise_compiler_error('delete+insert needs a unique_key: ' ~ target) %}
    {%- endif -%}
    {%- set keys = [unique_key] if unique_key is string else unique_key -%}
    {%- set columns = adapter.get_columns_in_relation(target) | map(attribute='quoted') | join(', ') -%}
    {%- set staged = target.incorporate(path={'identifier': target.identifier ~ '__dbt_staged'}) -%}
    {%- do run_query('drop table if exists ' ~ staged) -%}
    {%- set kept_and_new -%}
        create table {{ staged }} using parquet as
        select {{ columns }} from {{ target }} as kept
        left anti join {{ source }} as changed
            on {% for key in keys %}kept.{{ key }} = changed.{{ key }}{% if not loop.last %} and {% endif %}{% endfor %}
        union all
        select {{ columns }} from {{ source }}
    {%- endset -%}
    {%- do run_query(kept_and_new) -%}
    {%- do run_query('insert overwrite table ' ~ target ~ ' select ' ~ columns ~ ' from ' ~ staged) -%}
    {%- do run_query('drop table if exists ' ~ staged) -%}
    {#- The materialization's main statement: the table's files changed under Spark's cache. -#}
    refresh table {{ target }}
{% endmacro %}

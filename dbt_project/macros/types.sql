{#-
    Column types the metric tables share. dbt.type_float() is a 4-byte float on DuckDB, too
    coarse for sums of money and minutes, so doubles get their own dispatch.
-#}
{% macro type_double() -%}
    {{ return(adapter.dispatch('type_double', 'cx_pipeline')()) }}
{%- endmacro %}

{#- Standard SQL spelling (Postgres, Snowflake). -#}
{% macro default__type_double() -%}
    double precision
{%- endmacro %}

{% macro duckdb__type_double() -%}
    double
{%- endmacro %}

{% macro spark__type_double() -%}
    double
{%- endmacro %}

{% macro trino__type_double() -%}
    double
{%- endmacro %}

{#- Money: exact decimal, so sums do not depend on the order an engine adds them in. -#}
{% macro type_money() -%}
    decimal(18, 2)
{%- endmacro %}

{#-
    A numeric literal of floating-point arithmetic. DuckDB turns decimal division into
    doubles; Spark keeps decimals and, past 38 digits, cuts intermediate results to 6
    decimals, which moved Wilson margins in the 7th digit. Spark's D suffix makes the literal
    a double; DuckDB gets the literal as written, so its numbers stay as they were.
-#}
{% macro float_literal(number) -%}
    {{ return(adapter.dispatch('float_literal', 'cx_pipeline')(number)) }}
{%- endmacro %}

{% macro default__float_literal(number) -%}
    {{ number }}
{%- endmacro %}

{% macro spark__float_literal(number) -%}
    {{ number }}D
{%- endmacro %}

{#-
    Comment text for keyword matching: lower case, punctuation turned into spaces and the
    whole padded with a space on each side, so `like '% ' || keyword || '%'` matches a
    keyword at the start of any word (a stem catches every inflection: 'toimitu' matches
    toimitus, toimituksen, toimitukset). Portable: nested replace() only.
-#}
{% macro text_for_matching(column) -%}
    {%- set punctuation = ['.', ',', '!', '?', ';', ':', '(', ')', '"', "''", '-', '/', '\n', '\t', '\r', '…', '–'] -%}
    {%- set ns = namespace(expression='lower(' ~ column ~ ')') -%}
    {%- for mark in punctuation -%}
        {%- set ns.expression = "replace(" ~ ns.expression ~ ", '" ~ mark ~ "', ' ')" -%}
    {%- endfor -%}
    {{ dbt.concat(["' '", ns.expression, "' '"]) }}
{%- endmacro %}

{#-
    Mask personal data in a free-text comment: e-mail addresses -> [email], phone-like
    digit runs (7+ digits, spaces or dashes allowed) -> [phone], and a capitalised word
    that does not start a sentence -> [name] (a name at the start of a sentence is not
    detected). Engines spell regular-expression replacement differently.
-#}
{% macro mask_personal_data(column) -%}
    {{ return(adapter.dispatch('mask_personal_data', 'cx_pipeline')(column)) }}
{%- endmacro %}


{#- Postgres and DuckDB: a 'g' flag replaces every match. -#}
{% macro default__mask_personal_data(column) -%}
    regexp_replace(
        regexp_replace(
            regexp_replace({{ column }}, '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+[.][A-Za-z]+', '[email]', 'g'),
            '[+]?[0-9][0-9 -]{5,}[0-9]', '[phone]', 'g'
        ),
        '([^.!?[:space:]][[:space:]]+)[A-ZÅÄÖ][a-zåäöé]+([[:space:]]+[A-ZÅÄÖ][a-zåäöé]+)*', '\1[name]', 'g'
    )
{%- endmacro %}

{#- Spark and Trino replace every match by default and write the group as $1. -#}
{% macro spark__mask_personal_data(column) -%}
    regexp_replace(
        regexp_replace(
            regexp_replace({{ column }}, '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+[.][A-Za-z]+', '[email]'),
            '[+]?[0-9][0-9 -]{5,}[0-9]', '[phone]'
        ),
        '([^.!?\\s]\\s+)[A-ZÅÄÖ][a-zåäöé]+(\\s+[A-ZÅÄÖ][a-zåäöé]+)*', '$1[name]'
    )
{%- endmacro %}

{% macro trino__mask_personal_data(column) -%}
    regexp_replace(
        regexp_replace(
            regexp_replace({{ column }}, '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+[.][A-Za-z]+', '[email]'),
            '[+]?[0-9][0-9 -]{5,}[0-9]', '[phone]'
        ),
        '([^.!?\s]\s+)[A-ZÅÄÖ][a-zåäöé]+(\s+[A-ZÅÄÖ][a-zåäöé]+)*', '$1[name]'
    )
{%- endmacro %}

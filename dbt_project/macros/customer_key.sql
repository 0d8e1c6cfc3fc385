{#-
    The cross-system customer key: a hash of the normalised e-mail when there is one, else of
    the system and its own id. Pseudonymous, so reports can reference a customer by it.
-#}
{% macro customer_key(email, source_system, source_id) -%}
    {{ dbt.hash(
        "coalesce(" ~ email ~ ", " ~ dbt.concat([source_system, "':'", "cast(" ~ source_id ~ " as " ~ dbt.type_string() ~ ")"]) ~ ")"
    ) }}
{%- endmacro %}

{#-
    One answer per respondent per period and segment: the latest. A respondent without a
    customer key counts once per answer. `relation` comes from expand_grains_and_segments.
-#}
{% macro latest_answer_per_respondent(relation) -%}
select * from (
    select
        {{ relation }}.*,
        row_number() over (
            partition by
                {{ metric_keys() }},
                coalesce(customer_key, answer_id)
            order by answered_at desc, answer_id desc
        ) as answer_number
    from {{ relation }}
) as ranked
where answer_number = 1
{%- endmacro %}

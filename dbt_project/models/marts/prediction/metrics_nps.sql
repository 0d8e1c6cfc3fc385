{#-
    Relationship NPS: % promoters (9-10) - % detractors (0-6), one answer per respondent per
    period (the latest), with the adjusted-Wald 95 % margin of error. Relationship and
    touchpoint NPS are never blended: only relationship-level surveys count here.
-#}
with

answers as (

    select answer_id, customer_key, customer_segment, score, answered_at, answered_date
    from {{ ref('fct_survey_answers') }}
    where survey_type = 'NPS' and survey_level = 'relationship' and score is not null

),

expanded as (

    {{ expand_grains_and_segments('answers', 'answered_date', {'customer_segment': 'customer_segment'}) }}

),

latest_per_respondent as (

    {{ latest_answer_per_respondent('expanded') }}

),

counted as (

    select
        {{ metric_keys() }},
        count(*) as n,
        sum(case when score >= 9 then 1 else 0 end) as promoters,
        sum(case when score <= 6 then 1 else 0 end) as detractors
    from latest_per_respondent
    group by {{ metric_keys() }}

),

final as (

    select
        'nps' as metric_name,
        {{ metric_keys() }},
        {{ safe_ratio('promoters - detractors', 'n', 100) }} as value,
        promoters - detractors as numerator,
        n as denominator,
        n,
        {{ nps_margin_of_error('promoters', 'detractors', 'n') }} as margin_of_error
    from counted

)

select * from final

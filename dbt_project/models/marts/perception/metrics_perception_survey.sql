{#-
    perception_score: the perception (brand) survey's satisfied share, answers in the top two
    of the survey's 1-5 scale / answers x 100, by answer date, with the Wilson 95 % margin of
    error. One answer per respondent per period (the latest), as for every journey-level
    survey. The survey is any non-NPS survey whose journey stage is perception.
-#}
with

answers as (

    select
        answer_id,
        customer_key,
        customer_segment,
        score,
        scale_max,
        answered_at,
        answered_date
    from {{ ref('fct_survey_answers') }}
    where journey_stage = 'perception' and survey_type <> 'NPS' and score is not null

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
        sum(case when score >= scale_max - 1 then 1 else 0 end) as top_box,
        count(*) as n
    from latest_per_respondent
    group by {{ metric_keys() }}

),

final as (

    select
        'perception_score' as metric_name,
        {{ metric_keys() }},
        {{ safe_ratio('top_box', 'n', 100) }} as value,
        top_box as numerator,
        n as denominator,
        n,
        {{ wilson_margin_of_error('top_box', 'n') }} as margin_of_error
    from counted

)

select * from final

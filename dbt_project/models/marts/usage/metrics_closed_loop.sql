{#-
    Closed-loop metrics by the negative answer's local date: negative_feedback_follow_up_rate
    (followed up within the catalog window / negative answers), follow_up_time (median
    minutes to the first follow-up of the followed-up answers, computed at each grain: a
    median never re-aggregates) and recovery_rate (followed-up answers whose respondent came
    back, see fct_negative_feedback / followed-up answers). Every negative answer counts,
    not one per respondent: each one asks for its own follow-up. Operational rates over all
    negative answers, not samples: no margin of error.
-#}
with

negative as (

    select
        customer_segment,
        survey_name,
        feedback_type,
        answered_date,
        follow_up_minutes,
        case when follow_up_status = 'followed_up_within_48h' then 1 else 0 end as is_in_time,
        case when follow_up_at is not null then 1 else 0 end as is_followed_up,
        case when is_recovered then 1 else 0 end as is_recovered
    from {{ ref('fct_negative_feedback') }}

),

expanded as (

    {{ expand_grains_and_segments('negative', 'answered_date', {
        'customer_segment': 'customer_segment',
        'survey': 'survey_name',
        'feedback_type': 'feedback_type',
    }) }}

),

counted as (

    select
        {{ metric_keys() }},
        count(*) as negative_answers,
        sum(is_in_time) as in_time,
        sum(is_followed_up) as followed_up,
        sum(is_recovered) as recovered
    from expanded
    group by {{ metric_keys() }}

),

medians as (

    select
        {{ metric_keys() }},
        {{ cx_median('follow_up_minutes') }} as median_minutes,
        count(*) as followed_up
    from expanded
    where is_followed_up = 1
    group by {{ metric_keys() }}

),

final as (

    select
        'negative_feedback_follow_up_rate' as metric_name,
        {{ metric_keys() }},
        {{ safe_ratio('in_time', 'negative_answers', 100) }} as value,
        in_time as numerator,
        negative_answers as denominator,
        negative_answers as n,
        cast(null as {{ dbt.type_float() }}) as margin_of_error
    from counted

    union all

    select
        'follow_up_time',
        {{ metric_keys() }},
        median_minutes,
        null,
        null,
        followed_up,
        null
    from medians

    union all

    select
        'recovery_rate',
        {{ metric_keys() }},
        {{ safe_ratio('recovered', 'followed_up', 100) }},
        recovered,
        followed_up,
        followed_up,
        null
    from counted
    where followed_up > 0

)

select * from final

{#-
    The B2B post-meeting pulse survey (answers tied to a CRM meeting in the purchase stage),
    by answer date, for the whole company and per salesperson (the meeting owner's name):

    - sales_meeting_score: mean usefulness on the 1-5 scale; numerator is the sum of scores,
      margin of error 1.96 x sample standard deviation / sqrt(n).
    - sales_meeting_top_box_rate: answers in the top two of the scale / answers x 100, with
      the Wilson 95 % margin of error.

    The latest answer per meeting counts.
-#}
with

answers as (

    select
        answer_id,
        score,
        scale_max,
        answered_at,
        answered_date,
        associated_object_id as meeting_id
    from {{ ref('fct_survey_answers') }}
    where source_system = 'crm'
        and journey_stage = 'purchase'
        and associated_object_type = 'MEETING'
        and score is not null

),

meetings as (

    select meeting_id, owner_id from {{ ref('stg_crm__meetings') }}

),

owners as (

    select owner_id, first_name, last_name from {{ ref('stg_crm__owners') }}

),

latest_per_meeting as (

    select * from (
        select
            answers.*,
            row_number() over (
                partition by answers.meeting_id
                order by answers.answered_at desc, answers.answer_id desc
            ) as answer_number
        from answers
    ) as ranked
    where answer_number = 1

),

rated_meetings as (

    select
        latest_per_meeting.score,
        latest_per_meeting.answered_date,
        case when latest_per_meeting.score >= latest_per_meeting.scale_max - 1 then 1 else 0 end as is_top_box,
        nullif(
            trim({{ dbt.concat(["coalesce(owners.first_name, '')", "' '", "coalesce(owners.last_name, '')"]) }}),
            ''
        ) as salesperson
    from latest_per_meeting
    left join meetings on latest_per_meeting.meeting_id = meetings.meeting_id
    left join owners on meetings.owner_id = owners.owner_id

),

expanded as (

    {{ expand_grains_and_segments('rated_meetings', 'answered_date', {'salesperson': 'salesperson'}) }}

),

counted as (

    select
        {{ metric_keys() }},
        sum(score) as score_sum,
        stddev_samp(score) as score_stddev,
        sum(is_top_box) as top_box,
        count(*) as n
    from expanded
    group by {{ metric_keys() }}

),

final as (

    select
        'sales_meeting_score' as metric_name,
        {{ metric_keys() }},
        {{ safe_ratio('score_sum', 'n') }} as value,
        score_sum as numerator,
        n as denominator,
        n,
        {{ mean_margin_of_error('score_stddev', 'n') }} as margin_of_error
    from counted

    union all

    select
        'sales_meeting_top_box_rate' as metric_name,
        {{ metric_keys() }},
        {{ safe_ratio('top_box', 'n', 100) }} as value,
        top_box as numerator,
        n as denominator,
        n,
        {{ wilson_margin_of_error('top_box', 'n') }} as margin_of_error
    from counted

)

select * from final

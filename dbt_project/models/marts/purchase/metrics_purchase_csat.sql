{#-
    purchase_csat: the post-purchase survey's satisfied answers (top two of the survey's 1-5
    scale) / answers x 100, by answer date, with the Wilson 95 % margin of error. The latest
    answer per order counts (as the latest rating per ticket does for support CSAT); the
    channel is the surveyed order's channel.
-#}
with

answers as (

    select
        answer_id,
        customer_segment,
        score,
        scale_max,
        answered_at,
        answered_date,
        case when associated_object_type = 'ORDER' then associated_object_id end as order_id
    from {{ ref('fct_survey_answers') }}
    where source_system = 'crm'
        and journey_stage = 'purchase'
        and survey_type = 'CSAT'
        and score is not null

),

orders as (

    select order_id, order_channel from {{ ref('fct_orders') }}

),

latest_per_order as (

    select * from (
        select
            answers.*,
            row_number() over (
                partition by coalesce(
                    {{ dbt.concat(["'order:'", "cast(answers.order_id as " ~ dbt.type_string() ~ ")"]) }},
                    answers.answer_id
                )
                order by answers.answered_at desc, answers.answer_id desc
            ) as answer_number
        from answers
    ) as ranked
    where answer_number = 1

),

rated_orders as (

    select
        latest_per_order.customer_segment,
        latest_per_order.answered_date,
        orders.order_channel,
        case when latest_per_order.score >= latest_per_order.scale_max - 1 then 1 else 0 end as is_top_box
    from latest_per_order
    left join orders on latest_per_order.order_id = orders.order_id

),

expanded as (

    {{ expand_grains_and_segments('rated_orders', 'answered_date', {'channel': 'order_channel', 'customer_segment': 'customer_segment'}) }}

),

counted as (

    select
        {{ metric_keys() }},
        sum(is_top_box) as top_box,
        count(*) as n
    from expanded
    group by {{ metric_keys() }}

),

final as (

    select
        'purchase_csat' as metric_name,
        {{ metric_keys() }},
        {{ safe_ratio('top_box', 'n', 100) }} as value,
        top_box as numerator,
        n as denominator,
        n,
        {{ wilson_margin_of_error('top_box', 'n') }} as margin_of_error
    from counted

)

select * from final

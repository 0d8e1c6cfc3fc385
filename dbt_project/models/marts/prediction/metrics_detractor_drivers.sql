{#-
    detractor_drivers: which operational experiences go with a detractor answer. For each
    driver, among relationship-NPS respondents of the last detractor_driver_window_days up
    to the month end (latest answer per person), the detractor (0-6) share of those who had
    the experience in the detractor_driver_lookback_days before answering minus the share of
    comparable respondents who did not, in percentage points, with the 95 % margin of the
    difference (normal approximation). Comparable: ticket drivers compare respondents who
    contacted support, order drivers respondents who ordered, 'any_ticket' all
    respondents. A difference, not a causal effect: read it with n. Month grain only.
-#}
{%- set lookback = var('detractor_driver_lookback_days') -%}
with

catalog as (

    select target as frt_target_minutes from {{ ref('metric_catalog') }}
    where metric_name = 'first_response_time_business'

),

answers as (

    select answer_id, customer_key, score, answered_at, answered_date
    from {{ ref('fct_survey_answers') }}
    where survey_type = 'NPS'
        and survey_level = 'relationship'
        and score is not null
        and customer_key is not null

),

tickets as (

    select
        tickets.ticket_id,
        tickets.customer_key,
        tickets.created_at,
        tickets.channel,
        tickets.contact_reason,
        tickets.reopen_count,
        tickets.public_agent_replies,
        {#- Never answered counts as over target. -#}
        case
            when not tickets.is_answered then 1
            when business.first_response_business_minutes > catalog.frt_target_minutes then 1
            else 0
        end as is_over_target
    from {{ ref('fct_tickets') }} as tickets
    left join {{ ref('fct_ticket_business_times') }} as business
        on tickets.ticket_id = business.ticket_id
    cross join catalog
    where not tickets.is_agent_created and tickets.customer_key is not null

),

orders as (

    select order_id, customer_key, created_at
    from {{ ref('fct_orders') }}
    where is_counted

),

refunds as (

    select customer_key, processed_at from {{ ref('fct_refunds') }}

),

answer_tickets as (

    select answers.answer_id, tickets.*
    from answers
    inner join tickets
        on answers.customer_key = tickets.customer_key
        and tickets.created_at < answers.answered_at
        and tickets.created_at >= {{ dbt.dateadd('day', -lookback, 'answers.answered_at') }}

),

{#- Each answer's experiences: (answer, driver, comparison base). The shop data has no
    delivery dates: a delivery complaint (reason delivery_problem or where_is_my_order)
    stands for a late or failed delivery. -#}
experiences as (

    select answer_id, 'any_ticket' as driver, 'all' as base from answer_tickets
    union all
    select answer_id, 'first_response_over_target', 'ticket' from answer_tickets where is_over_target = 1
    union all
    select answer_id, 'reopened_ticket', 'ticket' from answer_tickets where reopen_count > 0
    union all
    select answer_id, 'more_than_one_touch', 'ticket' from answer_tickets where public_agent_replies > 1
    union all
    select answer_id, {{ dbt.concat(["'contact_reason:'", 'contact_reason']) }}, 'ticket' from answer_tickets
    union all
    select answer_id, {{ dbt.concat(["'channel:'", 'channel']) }}, 'ticket' from answer_tickets
    union all
    select answer_id, 'delivery_issue', 'order' from answer_tickets
    where contact_reason in ('delivery_problem', 'where_is_my_order')
    union all
    select answers.answer_id, 'refund', 'order'
    from answers
    inner join refunds
        on answers.customer_key = refunds.customer_key
        and refunds.processed_at < answers.answered_at
        and refunds.processed_at >= {{ dbt.dateadd('day', -lookback, 'answers.answered_at') }}

),

answer_drivers as (

    select distinct answer_id, driver, base from experiences

),

{#- Who is in each comparison base: everyone; respondents with a ticket; respondents with a
    counted order in the lookback (or the order driver itself). -#}
answer_bases as (

    select answer_id, 'all' as base from answers
    union
    select answer_id, 'ticket' from answer_tickets
    union
    select answers.answer_id, 'order'
    from answers
    inner join orders
        on answers.customer_key = orders.customer_key
        and orders.created_at < answers.answered_at
        and orders.created_at >= {{ dbt.dateadd('day', -lookback, 'answers.answered_at') }}
    union
    select answer_id, base from answer_drivers where base = 'order'

),

months as (

    select distinct
        cast({{ dbt.date_trunc('month', 'answered_date') }} as date) as period_start
    from answers

),

windows as (

    select
        period_start,
        {{ period_end("'month'", 'period_start') }} as window_end
    from months

),

window_answers as (

    select * from (
        select
            windows.period_start,
            answers.answer_id,
            case when answers.score <= 6 then 1 else 0 end as is_detractor,
            row_number() over (
                partition by windows.period_start, answers.customer_key
                order by answers.answered_at desc, answers.answer_id desc
            ) as answer_number
        from windows
        inner join answers
            on answers.answered_date <= windows.window_end
            and answers.answered_date > {{ dbt.dateadd('day', -var('detractor_driver_window_days'), 'windows.window_end') }}
    ) as ranked
    where answer_number = 1

),

drivers as (

    select distinct driver, base from answer_drivers

),

compared as (

    select
        window_answers.period_start,
        drivers.driver,
        sum(case when answer_drivers.answer_id is not null then 1 else 0 end) as n_with,
        sum(case when answer_drivers.answer_id is not null then window_answers.is_detractor else 0 end) as detractors_with,
        sum(case when answer_drivers.answer_id is null then 1 else 0 end) as n_without,
        sum(case when answer_drivers.answer_id is null then window_answers.is_detractor else 0 end) as detractors_without
    from window_answers
    cross join drivers
    inner join answer_bases
        on window_answers.answer_id = answer_bases.answer_id
        and drivers.base = answer_bases.base
    left join answer_drivers
        on window_answers.answer_id = answer_drivers.answer_id
        and drivers.driver = answer_drivers.driver
    group by window_answers.period_start, drivers.driver

),

final as (

    select
        'detractor_drivers' as metric_name,
        'month' as period_grain,
        period_start,
        'driver' as segment_type,
        driver as segment_value,
        case when n_with > 0 and n_without > 0 then
            100.0 * (detractors_with * 1.0 / n_with - detractors_without * 1.0 / n_without)
        end as value,
        detractors_with as numerator,
        n_with as denominator,
        n_with as n,
        case when n_with > 0 and n_without > 0 then
            {{ float_literal('100.0') }} * {{ float_literal('1.96') }} * sqrt(
                (detractors_with * {{ float_literal('1.0') }} / n_with) * (1 - detractors_with * {{ float_literal('1.0') }} / n_with) / n_with
                + (detractors_without * {{ float_literal('1.0') }} / n_without) * (1 - detractors_without * {{ float_literal('1.0') }} / n_without) / n_without
            )
        end as margin_of_error
    from compared
    where n_with > 0
    {%- if 'month' not in var('metric_grains') %}
        and 1 = 0
    {%- endif %}

)

select * from final

{#-
    Sums run over whole seconds and are turned into minutes afterwards: sums of doubles
    depend on the order a parallel engine adds them in, and a re-run must match exactly.

    Customer-service efficiency: first response time (mean and median, by creation date;
    unanswered and agent-created tickets left out; also in business minutes of the
    configured schedule), average handling time (logged agent
    minutes per ticket, by final solve date) and first-contact resolution (by first solve
    date; solves with no agent reply and agent-created outbound tickets out of the
    denominator).
-#}
with

tickets as (

    select * from {{ ref('fct_tickets') }}

),

business_times as (

    select ticket_id, first_response_business_seconds
    from {{ ref('fct_ticket_business_times') }}

),

responded as (

    select
        tickets.channel,
        tickets.customer_segment,
        tickets.created_date,
        tickets.first_response_seconds,
        tickets.first_response_minutes,
        business_times.first_response_business_seconds
    from tickets
    left join business_times on tickets.ticket_id = business_times.ticket_id
    where tickets.is_answered and not tickets.is_agent_created

),

handled as (

    select channel, customer_segment, last_solved_date, handling_seconds
    from tickets
    where last_solved_date is not null and handling_seconds is not null

),

resolved as (

    select
        channel,
        customer_segment,
        first_solved_date,
        case when is_first_contact_resolved then 1 else 0 end as is_resolved_first
    from tickets
    where first_solved_date is not null and public_agent_replies >= 1 and not is_agent_created

),

responded_expanded as (

    {{ expand_grains_and_segments('responded', 'created_date', {'channel': 'channel', 'customer_segment': 'customer_segment'}) }}

),

handled_expanded as (

    {{ expand_grains_and_segments('handled', 'last_solved_date', {'channel': 'channel', 'customer_segment': 'customer_segment'}) }}

),

resolved_expanded as (

    {{ expand_grains_and_segments('resolved', 'first_solved_date', {'channel': 'channel', 'customer_segment': 'customer_segment'}) }}

),

final as (

    select
        'first_response_time' as metric_name,
        {{ metric_keys() }},
        sum(first_response_seconds) / 60.0 / count(*) as value,
        sum(first_response_seconds) / 60.0 as numerator,
        count(*) as denominator,
        count(*) as n,
        cast(null as double) as margin_of_error
    from responded_expanded
    group by {{ metric_keys() }}

    union all

    select
        'first_response_time_median',
        {{ metric_keys() }},
        {{ cx_median('first_response_minutes') }},
        null,
        null,
        count(*),
        null
    from responded_expanded
    group by {{ metric_keys() }}

    union all

    select
        'first_response_time_business',
        {{ metric_keys() }},
        sum(first_response_business_seconds) / 60.0 / count(*),
        sum(first_response_business_seconds) / 60.0,
        count(*),
        count(*),
        null
    from responded_expanded
    group by {{ metric_keys() }}

    union all

    select
        'average_handling_time',
        {{ metric_keys() }},
        sum(handling_seconds) / 60.0 / count(*),
        sum(handling_seconds) / 60.0,
        count(*),
        count(*),
        null
    from handled_expanded
    group by {{ metric_keys() }}

    union all

    select
        'first_contact_resolution_rate',
        {{ metric_keys() }},
        {{ safe_ratio('sum(is_resolved_first)', 'count(*)', 100) }},
        sum(is_resolved_first),
        count(*),
        count(*),
        null
    from resolved_expanded
    group by {{ metric_keys() }}

)

select * from final

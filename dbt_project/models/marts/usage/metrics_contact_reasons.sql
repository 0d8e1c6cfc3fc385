{#-
    contact_reasons_by_stage: where demand piles up on the journey. Customer-started tickets
    (agent-created outbound tickets are the company's contact, not demand) counted by
    creation date per contact reason x journey stage (fct_interactions). fct_cx_metrics has
    one segment dimension, so the cross is the segment 'journey_stage_contact_reason' with
    the value '<stage>|<reason>'; the segment types 'journey_stage' and 'contact_reason'
    give the margins. value = numerator = tickets of the segment; denominator = all such
    tickets of the period, so numerator / denominator is the segment's share.
-#}
with

tickets as (

    select
        customer_segment,
        channel,
        coalesce(contact_reason, 'unknown') as contact_reason,
        journey_stage,
        {{ dbt.concat(["journey_stage", "'|'", "coalesce(contact_reason, 'unknown')"]) }} as stage_reason,
        occurred_date
    from {{ ref('fct_interactions') }}
    where interaction_type = 'ticket' and is_customer_initiated

),

expanded as (

    {{ expand_grains_and_segments('tickets', 'occurred_date', {
        'channel': 'channel',
        'customer_segment': 'customer_segment',
        'journey_stage': 'journey_stage',
        'contact_reason': 'contact_reason',
        'journey_stage_contact_reason': 'stage_reason',
    }) }}

),

counted as (

    select {{ metric_keys() }}, count(*) as ticket_count
    from expanded
    group by {{ metric_keys() }}

),

period_totals as (

    select period_grain, period_start, ticket_count as total_count
    from counted
    where segment_type = 'all'

),

final as (

    select
        'contact_reasons_by_stage' as metric_name,
        counted.period_grain,
        counted.period_start,
        counted.segment_type,
        counted.segment_value,
        counted.ticket_count as value,
        counted.ticket_count as numerator,
        period_totals.total_count as denominator,
        counted.ticket_count as n,
        cast(null as {{ type_double() }}) as margin_of_error
    from counted
    inner join period_totals
        on counted.period_grain = period_totals.period_grain
        and counted.period_start = period_totals.period_start

)

select * from final

{#-
    backlog_unsolved: tickets in an unsolved status (new, open, pending, hold) at the end of
    each period (the instant the period's last local day ends), for periods that end on or
    before the data horizon. A stock, not a flow: it is not summed over periods. Segments:
    all, age_bucket (the ticket's age at period end: under 1 day, 1-3, 3-7, over 7 days) and
    those of var usage_segment_types among channel, customer_segment and team.
-#}
with

tickets as (

    select ticket_id, channel, customer_segment, team_name, created_at
    from {{ ref('fct_tickets') }}

),

unsolved_intervals as (

    select ticket_id, started_at, ended_at
    from {{ ref('fct_ticket_status_intervals') }}
    where is_unsolved

),

horizon as (

    select as_of_date from {{ ref('int_data_horizon') }}

),

bounds as (

    select
        min({{ to_local_date('tickets.created_at') }}) as start_date,
        max(horizon.as_of_date) as end_date
    from tickets
    cross join horizon

),

periods as (

    {{ period_grid('bounds') }}

),

period_ends as (

    select
        periods.period_grain,
        periods.period_start,
        {{ from_local_timestamp(dbt.dateadd('day', 1, 'cast(' ~ period_end('periods.period_grain', 'periods.period_start') ~ ' as ' ~ dbt.type_timestamp() ~ ')')) }}
            as period_end_at
    from periods
    cross join horizon
    where {{ period_end('periods.period_grain', 'periods.period_start') }} <= horizon.as_of_date

),

open_at_period_end as (

    select
        period_ends.period_grain,
        period_ends.period_start,
        tickets.channel,
        tickets.customer_segment,
        tickets.team_name,
        {{ dbt.datediff('tickets.created_at', 'period_ends.period_end_at', 'second') }} as age_seconds
    from period_ends
    inner join unsolved_intervals
        on unsolved_intervals.started_at < period_ends.period_end_at
        and (unsolved_intervals.ended_at is null or unsolved_intervals.ended_at >= period_ends.period_end_at)
    inner join tickets on unsolved_intervals.ticket_id = tickets.ticket_id

),

bucketed as (

    select
        *,
        case
            when age_seconds < 86400 then 'under_1_day'
            when age_seconds < 3 * 86400 then '1_3_days'
            when age_seconds < 7 * 86400 then '3_7_days'
            else 'over_7_days'
        end as age_bucket
    from open_at_period_end

),

segmented as (

    select period_grain, period_start, 'all' as segment_type, 'all' as segment_value from bucketed
    {%- for segment_type, column in usage_segments({
        'channel': 'channel',
        'customer_segment': 'customer_segment',
        'team': 'team_name',
    }).items() %}
    union all
    select period_grain, period_start, '{{ segment_type }}', {{ column }} from bucketed
    {%- endfor %}
    union all
    select period_grain, period_start, 'age_bucket', age_bucket from bucketed

),

final as (

    {{ count_rows('backlog_unsolved', 'segmented') }}

)

select * from final

{#-
    One row per ticket: first response, first resolution and full resolution in business
    minutes beside the same durations in calendar minutes.

    Business time is the overlap of [created_at, stop) with the business intervals: the
    opening hours of the seed business_schedule on each local date (weekday 1-7, wall clock
    of var reporting_timezone), none on a holiday of the seed business_holidays and closing
    at var business_half_day_close_time on a half day, turned into UTC instants date by date
    so each side of a DST change gets its own offset. A ticket created outside hours so
    starts its clock at the next opening. Downstream of fct_tickets (it reads the reply and
    solve instants from there) so "reply" and "solve" have one definition.
-#}
{%- set half_day_close = var('business_half_day_close_time').split(':') -%}
{%- set half_day_close_minute = (half_day_close[0] | int) * 60 + (half_day_close[1] | int) -%}

with

tickets as (

    select ticket_id, created_at, first_reply_at, first_solved_at, last_solved_at
    from {{ ref('fct_tickets') }}

),

{#- The end of the data horizon's last day, as a UTC instant: how long an unanswered ticket
    has waited so far. -#}
horizon as (

    select
        {{ from_local_timestamp(dbt.dateadd('day', 1, 'cast(as_of_date as ' ~ dbt.type_timestamp() ~ ')')) }}
            as horizon_at
    from {{ ref('int_data_horizon') }}

),

schedule as (

    select
        cast(weekday as {{ dbt.type_int() }}) as iso_weekday,
        {{ minute_of_day('open_time') }} as open_minute,
        {{ minute_of_day('close_time') }} as close_minute
    from {{ ref('business_schedule') }}

),

holidays as (

    select cast(date as date) as holiday_date, kind
    from {{ ref('business_holidays') }}

),

clocks as (

    select ticket_id, 'first_response' as clock, created_at as started_at, first_reply_at as stopped_at
    from tickets

    union all

    select ticket_id, 'first_resolution' as clock, created_at as started_at, first_solved_at as stopped_at
    from tickets

    union all

    select ticket_id, 'full_resolution' as clock, created_at as started_at, last_solved_at as stopped_at
    from tickets

    union all

    select tickets.ticket_id, 'awaiting_first_response', tickets.created_at, horizon.horizon_at
    from tickets
    cross join horizon
    where tickets.first_reply_at is null and tickets.created_at < horizon.horizon_at

),

calendar_bounds as (

    select
        min({{ to_local_date('started_at') }}) as start_date,
        max({{ to_local_date('stopped_at') }}) as end_date
    from clocks
    where stopped_at is not null

),

calendar_days as (

    {{ day_spine('calendar_bounds') }}

),

opening_hours as (

    select
        calendar_days.date_day,
        schedule.open_minute,
        schedule.close_minute
    from calendar_days
    inner join schedule
        on {{ iso_weekday('calendar_days.date_day') }} = schedule.iso_weekday

),

business_hours as (

    select
        opening_hours.date_day,
        opening_hours.open_minute,
        case
            when holidays.kind = 'half_day' and opening_hours.close_minute > {{ half_day_close_minute }}
                then {{ half_day_close_minute }}
            else opening_hours.close_minute
        end as close_minute
    from opening_hours
    left join holidays on opening_hours.date_day = holidays.holiday_date
    where holidays.kind is null or holidays.kind <> 'holiday'

),

local_business_intervals as (

    select
        date_day,
        {{ dbt.dateadd('minute', 'open_minute', 'cast(date_day as ' ~ dbt.type_timestamp() ~ ')') }} as opens_at_local,
        {{ dbt.dateadd('minute', 'close_minute', 'cast(date_day as ' ~ dbt.type_timestamp() ~ ')') }} as closes_at_local
    from business_hours
    where open_minute < close_minute

),

business_intervals as (

    select
        date_day,
        {{ from_local_timestamp('opens_at_local') }} as opens_at,
        {{ from_local_timestamp('closes_at_local') }} as closes_at
    from local_business_intervals

),

clock_overlaps as (

    select
        clocks.ticket_id,
        clocks.clock,
        {{ dbt.datediff(
            'greatest(clocks.started_at, business_intervals.opens_at)',
            'least(clocks.stopped_at, business_intervals.closes_at)',
            'second'
        ) }} as overlap_seconds
    from clocks
    inner join business_intervals
        on business_intervals.opens_at < clocks.stopped_at
        and business_intervals.closes_at > clocks.started_at

),

business_seconds as (

    select ticket_id, clock, cast(sum(overlap_seconds) as {{ dbt.type_bigint() }}) as business_seconds
    from clock_overlaps
    group by ticket_id, clock

),

clock_durations as (

    select
        clocks.ticket_id,
        clocks.clock,
        case
            when clocks.stopped_at is not null then coalesce(business_seconds.business_seconds, 0)
        end as business_seconds,
        {{ dbt.datediff('clocks.started_at', 'clocks.stopped_at', 'second') }} as calendar_seconds
    from clocks
    left join business_seconds
        on clocks.ticket_id = business_seconds.ticket_id
        and clocks.clock = business_seconds.clock

),

pivoted as (

    select
        ticket_id,
        max(case when clock = 'first_response' then business_seconds end) as first_response_business_seconds,
        max(case when clock = 'first_response' then calendar_seconds end) as first_response_calendar_seconds,
        max(case when clock = 'first_resolution' then business_seconds end) as first_resolution_business_seconds,
        max(case when clock = 'first_resolution' then calendar_seconds end) as first_resolution_calendar_seconds,
        max(case when clock = 'full_resolution' then business_seconds end) as full_resolution_business_seconds,
        max(case when clock = 'full_resolution' then calendar_seconds end) as full_resolution_calendar_seconds,
        max(case when clock = 'awaiting_first_response' then business_seconds end)
            as awaiting_first_response_business_seconds
    from clock_durations
    group by ticket_id

),

final as (

    select
        ticket_id,
        first_response_business_seconds / 60.0 as first_response_business_minutes,
        first_response_calendar_seconds / 60.0 as first_response_calendar_minutes,
        first_resolution_business_seconds / 60.0 as first_resolution_business_minutes,
        first_resolution_calendar_seconds / 60.0 as first_resolution_calendar_minutes,
        full_resolution_business_seconds / 60.0 as full_resolution_business_minutes,
        full_resolution_calendar_seconds / 60.0 as full_resolution_calendar_minutes,
        first_response_business_seconds,
        first_response_calendar_seconds,
        first_resolution_business_seconds,
        first_resolution_calendar_seconds,
        full_resolution_business_seconds,
        full_resolution_calendar_seconds,
        awaiting_first_response_business_seconds
    from pivoted

)

select * from final

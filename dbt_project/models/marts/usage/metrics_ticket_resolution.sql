{#-
    Cases handled and how they were resolved:

    - tickets_created (by creation date) and tickets_solved (by first solve date);
    - first_resolution_time (created -> first solve, by first solve date) and
      full_resolution_time (created -> final solve after any reopen, by final solve date):
      mean and median calendar minutes, mean business minutes;
    - requester_wait_time: minutes a solved ticket spent new, open or on hold (waiting on
      the company, not on the customer) up to its final solve, by final solve date;
    - one_touch_resolution_rate: solved tickets with exactly one public agent reply and no
      reopen / solved tickets with at least one reply, by first solve date;
    - reopen_rate: solved tickets reopened at least once / solved tickets, by first solve
      date (a later reopen restates the period);
    - repeat_contact_rate: solved tickets of a known customer followed by another contact on
      any channel within var repeat_contact_window_days of the final solve / such tickets
      whose window has closed at the data horizon, by final solve date.

    Solve-based metrics are credited to the final assignee (segment agent) and the ticket's
    group (segment team).
-#}
{%- set segments = usage_segments({
    'channel': 'channel',
    'customer_segment': 'customer_segment',
    'team': 'team_name',
    'agent': 'agent_name',
}) -%}

with

tickets as (

    select
        *,
        coalesce(assignee_name, 'unassigned') as agent_name
    from {{ ref('fct_tickets') }}

),

business_times as (

    select * from {{ ref('fct_ticket_business_times') }}

),

intervals as (

    select * from {{ ref('fct_ticket_status_intervals') }}

),

next_contacts as (

    select ticket_id, next_contact_after_final_solve_at
    from {{ ref('fct_ticket_next_contacts') }}

),

horizon as (

    select
        {{ from_local_timestamp(dbt.dateadd('day', 1, 'cast(as_of_date as ' ~ dbt.type_timestamp() ~ ')')) }}
            as horizon_at
    from {{ ref('int_data_horizon') }}

),

created as (

    select channel, customer_segment, team_name, agent_name, created_date
    from tickets

),

first_solved as (

    select
        tickets.channel,
        tickets.customer_segment,
        tickets.team_name,
        tickets.agent_name,
        tickets.first_solved_date,
        business_times.first_resolution_calendar_seconds,
        business_times.first_resolution_calendar_minutes,
        business_times.first_resolution_business_seconds,
        case when tickets.is_reopened then 1 else 0 end as is_reopened,
        case when tickets.public_agent_replies >= 1 then 1 else 0 end as has_reply,
        case when tickets.is_one_touch then 1 else 0 end as is_one_touch
    from tickets
    inner join business_times on tickets.ticket_id = business_times.ticket_id
    where tickets.first_solved_date is not null

),

waiting as (

    select
        intervals.ticket_id,
        sum(
            {{ dbt.datediff(
                'intervals.started_at',
                'case when intervals.ended_at is null or intervals.ended_at > tickets.last_solved_at then tickets.last_solved_at else intervals.ended_at end',
                'second'
            ) }}
        ) as waiting_seconds
    from intervals
    inner join tickets on intervals.ticket_id = tickets.ticket_id
    where
        intervals.is_requester_waiting
        and tickets.last_solved_at is not null
        and intervals.started_at < tickets.last_solved_at
    group by intervals.ticket_id

),

final_solved as (

    select
        tickets.channel,
        tickets.customer_segment,
        tickets.team_name,
        tickets.agent_name,
        tickets.last_solved_date,
        business_times.full_resolution_calendar_seconds,
        business_times.full_resolution_calendar_minutes,
        business_times.full_resolution_business_seconds,
        coalesce(waiting.waiting_seconds, 0) as waiting_seconds
    from tickets
    inner join business_times on tickets.ticket_id = business_times.ticket_id
    left join waiting on tickets.ticket_id = waiting.ticket_id
    where tickets.last_solved_date is not null

),

repeat_eligible as (

    select
        tickets.channel,
        tickets.customer_segment,
        tickets.team_name,
        tickets.agent_name,
        tickets.last_solved_date,
        case
            when next_contacts.next_contact_after_final_solve_at
                <= {{ dbt.dateadd('day', var('repeat_contact_window_days'), 'tickets.last_solved_at') }}
                then 1
            else 0
        end as has_repeat_contact
    from tickets
    inner join next_contacts on tickets.ticket_id = next_contacts.ticket_id
    cross join horizon
    where {{ dbt.dateadd('day', var('repeat_contact_window_days'), 'tickets.last_solved_at') }} <= horizon.horizon_at

),

created_expanded as (

    {{ expand_grains_and_segments('created', 'created_date', segments) }}

),

first_solved_expanded as (

    {{ expand_grains_and_segments('first_solved', 'first_solved_date', segments) }}

),

final_solved_expanded as (

    {{ expand_grains_and_segments('final_solved', 'last_solved_date', segments) }}

),

repeat_expanded as (

    {{ expand_grains_and_segments('repeat_eligible', 'last_solved_date', segments) }}

),

final as (

    {{ count_rows('tickets_created', 'created_expanded', where="segment_type <> 'agent'") }}
    union all
    {{ count_rows('tickets_solved', 'first_solved_expanded') }}
    union all
    {{ mean_minutes_rows('first_resolution_time', 'first_solved_expanded', 'first_resolution_calendar_seconds') }}
    union all
    {{ percentile_minutes_rows('first_resolution_time_median', 'first_solved_expanded', 'first_resolution_calendar_minutes') }}
    union all
    {{ mean_minutes_rows('first_resolution_time_business', 'first_solved_expanded', 'first_resolution_business_seconds') }}
    union all
    {{ mean_minutes_rows('full_resolution_time', 'final_solved_expanded', 'full_resolution_calendar_seconds') }}
    union all
    {{ percentile_minutes_rows('full_resolution_time_median', 'final_solved_expanded', 'full_resolution_calendar_minutes') }}
    union all
    {{ mean_minutes_rows('full_resolution_time_business', 'final_solved_expanded', 'full_resolution_business_seconds') }}
    union all
    {{ mean_minutes_rows('requester_wait_time', 'final_solved_expanded', 'waiting_seconds') }}
    union all
    {{ rate_rows('one_touch_resolution_rate', 'first_solved_expanded', 'is_one_touch', where='has_reply = 1') }}
    union all
    {{ rate_rows('reopen_rate', 'first_solved_expanded', 'is_reopened') }}
    union all
    {{ rate_rows('repeat_contact_rate', 'repeat_expanded', 'has_repeat_contact') }}

)

select * from final

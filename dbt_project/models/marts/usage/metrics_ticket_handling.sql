{#-
    Customer-service efficiency, by ticket creation date (first response) or solve date:

    - first_response_time (mean, median, p90 in calendar minutes; mean in business minutes)
      and frt_within_target_rate: unanswered and agent-created outbound tickets are out of
      the durations. For the target rate an unanswered ticket whose business-minute wait has
      already passed the target is a breach; a younger one is pending and left out.
      Credited to the agent who replied first.
    - average_handling_time: logged agent minutes per ticket, by final solve date; per agent
      the agent's own logged minutes per ticket they logged time on.
    - first_contact_resolution_rate: solved tickets with one public agent reply, no reopen and
      no new contact from the customer on any channel within var fcr_window_days of the solve
      / solved tickets with a reply, by first solve date; agent-created tickets out.

    Sums run over whole seconds and are turned into minutes afterwards: sums of doubles
    depend on the order a parallel engine adds them in, and a re-run must match exactly.
-#}
{%- set segments = usage_segments({
    'channel': 'channel',
    'customer_segment': 'customer_segment',
    'team': 'team_name',
}) -%}
{%- set segments_with_agent = usage_segments({
    'channel': 'channel',
    'customer_segment': 'customer_segment',
    'team': 'team_name',
    'agent': 'agent_name',
}) -%}

with

tickets as (

    select * from {{ ref('fct_tickets') }}

),

business_times as (

    select ticket_id, first_response_business_seconds, awaiting_first_response_business_seconds
    from {{ ref('fct_ticket_business_times') }}

),

next_contacts as (

    select ticket_id, next_contact_after_first_solve_at
    from {{ ref('fct_ticket_next_contacts') }}

),

handling_events as (

    select
        events.ticket_id,
        coalesce(users.user_name, 'unknown') as agent_name,
        sum(cast(events.value as {{ dbt.type_bigint() }})) as handling_seconds
    from {{ ref('stg_helpdesk__ticket_events') }} as events
    left join {{ ref('stg_helpdesk__users') }} as users on events.author_id = users.user_id
    where events.event_type = 'Change' and events.field_name = 'time_spent_last_update_sec'
    group by events.ticket_id, coalesce(users.user_name, 'unknown')

),

responded as (

    select
        tickets.channel,
        tickets.customer_segment,
        tickets.team_name,
        coalesce(tickets.first_reply_agent_name, 'unknown') as agent_name,
        tickets.created_date,
        tickets.first_response_seconds,
        tickets.first_response_minutes,
        business_times.first_response_business_seconds
    from tickets
    left join business_times on tickets.ticket_id = business_times.ticket_id
    where tickets.is_answered and not tickets.is_agent_created

),

{#- Answered tickets, and unanswered ones already past the target: the target's population. -#}
target_due as (

    select
        tickets.channel,
        tickets.customer_segment,
        tickets.team_name,
        coalesce(tickets.first_reply_agent_name, 'unanswered') as agent_name,
        tickets.created_date,
        case
            when tickets.is_answered
                and business_times.first_response_business_seconds
                <= {{ var('frt_target_business_minutes') }} * 60
                then 1
            else 0
        end as is_within_target
    from tickets
    left join business_times on tickets.ticket_id = business_times.ticket_id
    where
        not tickets.is_agent_created
        and (
            tickets.is_answered
            or business_times.awaiting_first_response_business_seconds
            > {{ var('frt_target_business_minutes') }} * 60
        )

),

handled as (

    select
        tickets.channel,
        tickets.customer_segment,
        tickets.team_name,
        tickets.last_solved_date,
        tickets.handling_seconds
    from tickets
    where tickets.last_solved_date is not null and tickets.handling_seconds is not null

),

handled_by_agent as (

    select
        handling_events.agent_name,
        tickets.last_solved_date,
        handling_events.handling_seconds
    from handling_events
    inner join tickets on handling_events.ticket_id = tickets.ticket_id
    where tickets.last_solved_date is not null

),

resolved as (

    select
        tickets.channel,
        tickets.customer_segment,
        tickets.team_name,
        coalesce(tickets.assignee_name, 'unassigned') as agent_name,
        tickets.first_solved_date,
        case
            when
                tickets.is_one_touch
                and (
                    next_contacts.next_contact_after_first_solve_at is null
                    or next_contacts.next_contact_after_first_solve_at > {{ dbt.dateadd('day', var('fcr_window_days'), 'tickets.first_solved_at') }}
                )
                then 1
            else 0
        end as is_resolved_first
    from tickets
    left join next_contacts on tickets.ticket_id = next_contacts.ticket_id
    where
        tickets.first_solved_date is not null
        and tickets.public_agent_replies >= 1
        and not tickets.is_agent_created

),

responded_expanded as (

    {{ expand_grains_and_segments('responded', 'created_date', segments_with_agent) }}

),

target_expanded as (

    {{ expand_grains_and_segments('target_due', 'created_date', segments_with_agent) }}

),

handled_expanded as (

    {{ expand_grains_and_segments('handled', 'last_solved_date', segments) }}

),

handled_by_agent_expanded as (

    {{ expand_grains_and_segments('handled_by_agent', 'last_solved_date', usage_segments({'agent': 'agent_name'})) }}

),

resolved_expanded as (

    {{ expand_grains_and_segments('resolved', 'first_solved_date', segments_with_agent) }}

),

final as (

    {{ mean_minutes_rows('first_response_time', 'responded_expanded', 'first_response_seconds') }}
    union all
    {{ percentile_minutes_rows('first_response_time_median', 'responded_expanded', 'first_response_minutes') }}
    union all
    {{ percentile_minutes_rows('first_response_time_p90', 'responded_expanded', 'first_response_minutes', 0.9) }}
    union all
    {{ mean_minutes_rows('first_response_time_business', 'responded_expanded', 'first_response_business_seconds') }}
    union all
    {{ rate_rows('frt_within_target_rate', 'target_expanded', 'is_within_target') }}
    union all
    {{ mean_minutes_rows('average_handling_time', 'handled_expanded', 'handling_seconds') }}
    union all
    {{ mean_minutes_rows('average_handling_time', 'handled_by_agent_expanded', 'handling_seconds', where="segment_type = 'agent'") }}
    union all
    {{ rate_rows('first_contact_resolution_rate', 'resolved_expanded', 'is_resolved_first') }}

)

select * from final

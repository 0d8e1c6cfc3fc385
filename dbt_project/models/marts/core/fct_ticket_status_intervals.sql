{#-
    One row per stretch of time a ticket spent in one status: from a status change to the
    next (open-ended for the current status). Requester wait time sums the new, open and
    hold stretches; the unsolved backlog at an instant is the tickets whose stretch then is
    in an unsolved status. A ticket's first stretch starts at its creation even when the
    helpdesk logged no status event for it.
-#}
with

tickets as (

    select ticket_id, created_at from {{ ref('fct_tickets') }}

),

changes as (

    select
        events.ticket_id,
        events.created_at as changed_at,
        events.ticket_event_id,
        events.value as status
    from {{ ref('stg_helpdesk__ticket_events') }} as events
    inner join tickets on events.ticket_id = tickets.ticket_id
    where events.event_type = 'Change' and events.field_name = 'status'

),

{#- A ticket whose first logged status change is later than its creation was 'new' until then. -#}
first_changes as (

    select ticket_id, min(changed_at) as first_changed_at
    from changes
    group by ticket_id

),

implicit_new as (

    select
        tickets.ticket_id,
        tickets.created_at as changed_at,
        cast(null as {{ dbt.type_bigint() }}) as ticket_event_id,
        'new' as status
    from tickets
    left join first_changes on tickets.ticket_id = first_changes.ticket_id
    where first_changes.first_changed_at is null or first_changes.first_changed_at > tickets.created_at

),

all_changes as (

    select * from changes
    union all
    select * from implicit_new

),

ordered as (

    select
        ticket_id,
        status,
        changed_at as started_at,
        lead(changed_at) over (
            partition by ticket_id order by changed_at, ticket_event_id
        ) as ended_at,
        row_number() over (
            partition by ticket_id order by changed_at, ticket_event_id
        ) as interval_number
    from all_changes

),

final as (

    select
        ticket_id,
        interval_number,
        status,
        started_at,
        ended_at,
        status in ('new', 'open', 'hold') as is_requester_waiting,
        status in ('new', 'open', 'pending', 'hold') as is_unsolved
    from ordered

)

select * from final

{#-
    One row per ticket (deleted, spam and merged-into tickets out) with its reply, solve and
    handling facts.
    A reply is a public comment by a human agent: automatic acknowledgements (via = 'rule')
    never stop the first-response clock. Agent-created outbound tickets are flagged so
    response-time metrics can leave them out.
-#}
with

tickets as (

    select * from {{ ref('stg_helpdesk__tickets') }}
    where status <> 'deleted' and not is_spam and not is_merged

),

events as (

    select * from {{ ref('stg_helpdesk__ticket_events') }}

),

agents as (

    select user_id, user_name from {{ ref('stg_helpdesk__users') }}
    where is_agent

),

teams as (

    select group_id, group_name from {{ ref('stg_helpdesk__groups') }}

),

identities as (

    select source_id, customer_key
    from {{ ref('int_customer_identities') }}
    where source_system = 'helpdesk'

),

customers as (

    select customer_key, customer_segment from {{ ref('dim_customers') }}

),

comments as (

    select
        events.ticket_id,
        events.created_at,
        events.author_id,
        agents.user_id is not null as is_by_agent,
        events.is_public,
        coalesce(events.via, '') = 'rule' as is_automatic,
        row_number() over (
            partition by events.ticket_id order by events.created_at, events.ticket_event_id
        ) as comment_number
    from events
    left join agents on events.author_id = agents.user_id
    where events.event_type = 'Comment'

),

agent_replies as (

    select
        ticket_id,
        created_at,
        author_id,
        row_number() over (partition by ticket_id order by created_at) as reply_number
    from comments
    where is_by_agent and is_public and not is_automatic

),

reply_facts as (

    select
        ticket_id,
        min(created_at) as first_reply_at,
        max(case when reply_number = 1 then author_id end) as first_reply_agent_id,
        count(*) as public_agent_replies
    from agent_replies
    group by ticket_id

),

first_comments as (

    select ticket_id, is_by_agent as first_comment_by_agent
    from comments
    where comment_number = 1

),

status_changes as (

    select ticket_id, created_at, previous_value, value
    from events
    where event_type = 'Change' and field_name = 'status'

),

solve_facts as (

    select
        ticket_id,
        min(case when value = 'solved' then created_at end) as first_solved_at,
        max(case when value = 'solved' then created_at end) as last_solved_at,
        sum(
            case
                when previous_value in ('solved', 'closed') and value in ('new', 'open', 'pending', 'hold')
                    then 1
                else 0
            end
        ) as reopen_count
    from status_changes
    group by ticket_id

),

handling_facts as (

    select
        ticket_id,
        sum(cast(value as {{ dbt.type_bigint() }})) as handling_seconds
    from events
    where event_type = 'Change' and field_name = 'time_spent_last_update_sec'
    group by ticket_id

),

joined as (

    select
        tickets.ticket_id,
        identities.customer_key,
        coalesce(customers.customer_segment, 'B2C') as customer_segment,
        coalesce(tickets.channel, 'unknown') as channel,
        coalesce(tickets.contact_reason, 'unknown') as contact_reason,
        tickets.status,
        tickets.group_id,
        coalesce(teams.group_name, 'unknown') as team_name,
        tickets.assignee_id,
        assignees.user_name as assignee_name,
        tickets.order_id,
        tickets.created_at,
        reply_facts.first_reply_at,
        reply_facts.first_reply_agent_id,
        first_repliers.user_name as first_reply_agent_name,
        coalesce(reply_facts.public_agent_replies, 0) as public_agent_replies,
        solve_facts.first_solved_at,
        solve_facts.last_solved_at,
        coalesce(solve_facts.reopen_count, 0) as reopen_count,
        handling_facts.handling_seconds,
        handling_facts.handling_seconds / 60.0 as handling_minutes,
        submitters.user_id is not null
        and tickets.submitter_id <> tickets.requester_id
        and coalesce(first_comments.first_comment_by_agent, false) as is_agent_created

    from tickets
    left join identities on tickets.requester_id = identities.source_id
    left join customers on identities.customer_key = customers.customer_key
    left join reply_facts on tickets.ticket_id = reply_facts.ticket_id
    left join solve_facts on tickets.ticket_id = solve_facts.ticket_id
    left join handling_facts on tickets.ticket_id = handling_facts.ticket_id
    left join first_comments on tickets.ticket_id = first_comments.ticket_id
    left join agents as submitters on tickets.submitter_id = submitters.user_id
    left join agents as assignees on tickets.assignee_id = assignees.user_id
    left join agents as first_repliers on reply_facts.first_reply_agent_id = first_repliers.user_id
    left join teams on tickets.group_id = teams.group_id

),

final as (

    select
        joined.*,
        joined.first_reply_at is not null as is_answered,
        {{ dbt.datediff('joined.created_at', 'joined.first_reply_at', 'second') }}
            as first_response_seconds,
        {{ dbt.datediff('joined.created_at', 'joined.first_reply_at', 'second') }} / 60.0
            as first_response_minutes,
        joined.first_solved_at is not null as is_solved,
        joined.reopen_count > 0 as is_reopened,
        joined.public_agent_replies = 1 and joined.reopen_count = 0 as is_one_touch,
        {{ to_local_date('joined.created_at') }} as created_date,
        {{ to_local_date('joined.first_solved_at') }} as first_solved_date,
        {{ to_local_date('joined.last_solved_at') }} as last_solved_date

    from joined

)

select * from final

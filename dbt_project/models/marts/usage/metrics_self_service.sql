{#-
    Self-service and chatbot metrics, by the local date the session started:
    self_service_linked_share (sessions linked to a customer / all sessions),
    self_service_success_rate (linked help-centre sessions with no contact from the same
    customer within var self_service_window_hours / linked help-centre sessions),
    bot_containment_rate (chatbot conversations ended without a handover / chatbot
    conversations, small-talk-only out) and bot_resolution_rate (linked contained
    conversations with no contact within var bot_resolution_window_hours / linked chatbot
    conversations, small talk out). "A contact" is any row of fct_customer_contacts that
    starts after the session started. Anonymous sessions cannot be followed, so the
    follow-up rates count linked sessions only; the linked share says how many that is.
-#}
with

sessions as (

    select
        sessions.session_id,
        sessions.channel,
        sessions.outcome,
        sessions.handover_ticket_id,
        sessions.started_at,
        coalesce(sessions.ended_at, sessions.started_at) as ended_at,
        identities.customer_key
    from {{ ref('stg_helpdesk__self_service_sessions') }} as sessions
    left join {{ ref('int_customer_identities') }} as identities
        on identities.source_system = 'helpdesk'
        and sessions.user_id = identities.source_id

),

customers as (

    select customer_key, customer_segment from {{ ref('dim_customers') }}

),

contacts as (

    select customer_key, contacted_at from {{ ref('fct_customer_contacts') }}

),

{#- The first contact after each linked session starts. -#}
next_contacts as (

    select
        sessions.session_id,
        min(contacts.contacted_at) as next_contact_at
    from sessions
    inner join contacts
        on sessions.customer_key = contacts.customer_key
        and contacts.contacted_at >= sessions.started_at
    group by sessions.session_id

),

facts as (

    select
        sessions.session_id,
        sessions.channel,
        coalesce(customers.customer_segment, 'B2C') as customer_segment,
        {{ to_local_date('sessions.started_at') }} as started_date,
        case when sessions.customer_key is not null then 1 else 0 end as is_linked,
        sessions.channel = 'chatbot' and coalesce(sessions.outcome, '') <> 'small_talk' as is_bot_conversation,
        case
            when coalesce(sessions.outcome, '') <> 'handover' and sessions.handover_ticket_id is null then 1
            else 0
        end as is_contained,
        case
            when next_contacts.next_contact_at
                <= {{ dbt.dateadd('hour', var('self_service_window_hours'), 'sessions.ended_at') }}
                then 0
            else 1
        end as is_without_contact_self_service,
        case
            when next_contacts.next_contact_at
                <= {{ dbt.dateadd('hour', var('bot_resolution_window_hours'), 'sessions.ended_at') }}
                then 0
            else 1
        end as is_without_contact_bot
    from sessions
    left join customers on sessions.customer_key = customers.customer_key
    left join next_contacts on sessions.session_id = next_contacts.session_id

),

expanded as (

    {{ expand_grains_and_segments('facts', 'started_date', {'channel': 'channel', 'customer_segment': 'customer_segment'}) }}

),

counted as (

    select
        'self_service_linked_share' as metric_name,
        {{ metric_keys() }},
        sum(is_linked) as numerator,
        count(*) as denominator
    from expanded
    group by {{ metric_keys() }}

    union all

    select
        'self_service_success_rate',
        {{ metric_keys() }},
        sum(is_without_contact_self_service),
        count(*)
    from expanded
    where channel = 'help_center' and is_linked = 1
    group by {{ metric_keys() }}

    union all

    select
        'bot_containment_rate',
        {{ metric_keys() }},
        sum(is_contained),
        count(*)
    from expanded
    where is_bot_conversation
    group by {{ metric_keys() }}

    union all

    select
        'bot_resolution_rate',
        {{ metric_keys() }},
        sum(is_contained * is_without_contact_bot),
        count(*)
    from expanded
    where is_bot_conversation and is_linked = 1
    group by {{ metric_keys() }}

),

final as (

    select
        metric_name,
        {{ metric_keys() }},
        {{ safe_ratio('numerator', 'denominator', 100) }} as value,
        numerator,
        denominator,
        denominator as n,
        cast(null as {{ type_double() }}) as margin_of_error
    from counted

)

select * from final

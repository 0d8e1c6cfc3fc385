{#-
    One row per contact a customer starts, on any channel: helpdesk tickets (agent-created
    outbound tickets out, they are the company's contact) and CRM-logged calls and chats.
    Repeat-contact, first-contact-resolution and self-service metrics ask "did the same
    customer contact us again within N days" against this one list, so a call after an
    e-mail ticket counts as much as a second ticket.
-#}
with

tickets as (

    select ticket_id, customer_key, channel, created_at
    from {{ ref('fct_tickets') }}
    where not is_agent_created and customer_key is not null

),

crm_identities as (

    select source_id, customer_key
    from {{ ref('int_customer_identities') }}
    where source_system = 'crm'

),

crm_contacts as (

    select
        events.event_id,
        crm_identities.customer_key,
        events.channel,
        events.occurred_at
    from {{ ref('stg_crm__events') }} as events
    inner join crm_identities on events.contact_id = crm_identities.source_id
    where events.event_type in ('e_called', 'e_chat')

),

unioned as (

    select
        {{ dbt.concat(["'ticket:'", "cast(ticket_id as " ~ dbt.type_string() ~ ")"]) }} as contact_id,
        'helpdesk' as source_system,
        ticket_id,
        customer_key,
        channel,
        created_at as contacted_at
    from tickets

    union all

    select
        {{ dbt.concat(["'crm_event:'", "cast(event_id as " ~ dbt.type_string() ~ ")"]) }},
        'crm',
        cast(null as {{ dbt.type_bigint() }}),
        customer_key,
        channel,
        occurred_at
    from crm_contacts

),

final as (

    select
        unioned.*,
        {{ to_local_date('unioned.contacted_at') }} as contacted_date
    from unioned

)

select * from final

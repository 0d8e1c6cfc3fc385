{#-
    One row per customer interaction on the journey: tickets, survey answers, marketing
    touches (CRM events; survey sends are the company's message and stay out) and
    self-service sessions (help centre, chatbot), each with its journey stage.

    The stage rule, in order: a survey answer takes its survey's own stage; a ticket whose
    contact reason the seed contact_reason_stages maps to a stage takes that stage; else
    timing against the customer's counted orders: purchase when an order follows within
    var journey_purchase_lead_days or preceded within var journey_post_purchase_days,
    perception before the first counted order, usage after it. Without a customer key
    timing cannot be judged: 'unknown'. Windows run on UTC instants, so they do not depend
    on the time zone. The same timing gives purchase_phase (pre/post purchase), the split
    of contacts_per_100_orders.
-#}
with

customers as (

    select customer_key, customer_segment from {{ ref('dim_customers') }}

),

helpdesk_identities as (

    select source_id, customer_key
    from {{ ref('int_customer_identities') }}
    where source_system = 'helpdesk'

),

crm_identities as (

    select source_id, customer_key
    from {{ ref('int_customer_identities') }}
    where source_system = 'crm'

),

reason_stages as (

    select contact_reason, journey_stage, purchase_phase from {{ ref('contact_reason_stages') }}

),

tickets as (

    select
        {{ dbt.concat(["'ticket:'", "cast(ticket_id as " ~ dbt.type_string() ~ ")"]) }} as interaction_id,
        'ticket' as interaction_type,
        customer_key,
        created_at as occurred_at,
        channel,
        contact_reason,
        not is_agent_created as is_customer_initiated,
        cast(null as {{ dbt.type_string() }}) as survey_stage
    from {{ ref('fct_tickets') }}

),

survey_answers as (

    select
        {{ dbt.concat(["'survey_answer:'", "answer_id"]) }} as interaction_id,
        'survey_answer' as interaction_type,
        customer_key,
        answered_at as occurred_at,
        'survey' as channel,
        cast(null as {{ dbt.type_string() }}) as contact_reason,
        true as is_customer_initiated,
        journey_stage as survey_stage
    from {{ ref('fct_survey_answers') }}

),

marketing_touches as (

    select
        {{ dbt.concat(["'crm_event:'", "cast(events.event_id as " ~ dbt.type_string() ~ ")"]) }} as interaction_id,
        'marketing_touch' as interaction_type,
        crm_identities.customer_key,
        events.occurred_at,
        coalesce(events.channel, 'unknown') as channel,
        cast(null as {{ dbt.type_string() }}) as contact_reason,
        true as is_customer_initiated,
        cast(null as {{ dbt.type_string() }}) as survey_stage
    from {{ ref('stg_crm__events') }} as events
    left join crm_identities on events.contact_id = crm_identities.source_id
    where events.is_marketing_touch

),

sessions as (

    select
        {{ dbt.concat(["'session:'", "cast(sessions.session_id as " ~ dbt.type_string() ~ ")"]) }} as interaction_id,
        'self_service_session' as interaction_type,
        helpdesk_identities.customer_key,
        sessions.started_at as occurred_at,
        sessions.channel,
        cast(null as {{ dbt.type_string() }}) as contact_reason,
        true as is_customer_initiated,
        cast(null as {{ dbt.type_string() }}) as survey_stage
    from {{ ref('stg_helpdesk__self_service_sessions') }} as sessions
    left join helpdesk_identities on sessions.user_id = helpdesk_identities.source_id

),

unioned as (

    select * from tickets
    union all
    select * from survey_answers
    union all
    select * from marketing_touches
    union all
    select * from sessions

),

orders as (

    select customer_key, created_at from {{ ref('fct_orders') }}
    where is_counted

),

{#- The customer's nearest counted orders on each side of the interaction. -#}
nearest as (

    {{ nearest_orders('unioned', 'orders') }}

),

timed as (

    select
        nearest.*,
        coalesce(
            nearest.next_order_at
            <= {{ dbt.dateadd('day', var('journey_purchase_lead_days'), 'nearest.occurred_at') }},
            false
        ) as is_before_order,
        coalesce(
            nearest.previous_order_at
            >= {{ dbt.dateadd('day', -var('journey_post_purchase_days'), 'nearest.occurred_at') }},
            false
        ) as is_after_order
    from nearest

),

staged as (

    select
        timed.*,
        case
            when timed.customer_key is null then 'unknown'
            when timed.is_before_order or timed.is_after_order then 'purchase'
            when timed.previous_order_at is null then 'perception'
            else 'usage'
        end as timing_stage,
        case
            when timed.customer_key is null then 'unknown'
            when timed.is_after_order then 'post_purchase'
            when timed.is_before_order or timed.previous_order_at is null then 'pre_purchase'
            else 'post_purchase'
        end as timing_phase,
        reason_stages.journey_stage as reason_stage,
        reason_stages.purchase_phase as reason_phase
    from timed
    left join reason_stages
        on timed.interaction_type = 'ticket'
        and timed.contact_reason = reason_stages.contact_reason

),

final as (

    select
        staged.interaction_id,
        staged.interaction_type,
        staged.customer_key,
        coalesce(customers.customer_segment, 'B2C') as customer_segment,
        staged.occurred_at,
        {{ to_local_date('staged.occurred_at') }} as occurred_date,
        staged.channel,
        staged.contact_reason,
        staged.is_customer_initiated,
        staged.previous_order_at,
        staged.next_order_at,
        staged.timing_stage,
        case
            when staged.survey_stage is not null then staged.survey_stage
            when staged.reason_stage in ('perception', 'purchase', 'usage') then staged.reason_stage
            else staged.timing_stage
        end as journey_stage,
        case
            when staged.survey_stage is not null then 'survey'
            when staged.reason_stage in ('perception', 'purchase', 'usage') then 'contact_reason'
            when staged.customer_key is null then 'no_customer'
            else 'timing'
        end as stage_rule,
        case
            when staged.reason_phase in ('pre_purchase', 'post_purchase') then staged.reason_phase
            else staged.timing_phase
        end as purchase_phase

    from staged
    left join customers on staged.customer_key = customers.customer_key

)

select * from final

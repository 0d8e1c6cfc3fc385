{#-
    survey_response_rate: answered / offered surveys x 100 per survey, by the local date
    the survey was offered (a CSAT rise can be a response-rate artefact). Offers: support
    CSAT ratings and CES surveys offered on tickets (a row per offer, answered once it has a
    score), and CRM survey sends (e-mailed NPS and post-purchase surveys). A send counts as
    answered when the contact submits that survey after it and before the next send of the
    same survey to them. Surveys without offer records (the perception pop-up, the meeting
    pulse) have no rate. Not a sample, so no margin of error.
-#}
with

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

customers as (

    select customer_key, customer_segment from {{ ref('dim_customers') }}

),

tickets as (

    select ticket_id, channel from {{ ref('fct_tickets') }}

),

helpdesk_offers as (

    select
        'support_csat' as survey,
        ticket_id,
        requester_id,
        offered_at,
        case when is_answered then 1 else 0 end as is_answered
    from {{ ref('stg_helpdesk__satisfaction_ratings') }}

    union all

    select
        'support_ces',
        ticket_id,
        requester_id,
        offered_at,
        case when is_answered then 1 else 0 end
    from {{ ref('stg_helpdesk__ces_responses') }}

),

surveys as (

    select
        survey_id,
        case
            when survey_type = 'NPS' then 'nps'
            when survey_type = 'CSAT' and journey_stage = 'purchase' then 'purchase_csat'
            else {{ dbt.concat(["'crm_survey_'", "cast(survey_id as " ~ dbt.type_string() ~ ")"]) }}
        end as survey
    from {{ ref('stg_crm__feedback_surveys') }}

),

sends as (

    select
        event_id,
        contact_id,
        survey_id,
        channel,
        occurred_at as sent_at,
        lead(occurred_at) over (
            partition by contact_id, survey_id order by occurred_at, event_id
        ) as next_sent_at
    from {{ ref('stg_crm__events') }}
    where survey_id is not null

),

answered_sends as (

    select distinct sends.event_id
    from sends
    inner join {{ ref('stg_crm__feedback_submissions') }} as submissions
        on sends.contact_id = submissions.contact_id
        and sends.survey_id = submissions.survey_id
        and submissions.submitted_at >= sends.sent_at
        and (sends.next_sent_at is null or submissions.submitted_at < sends.next_sent_at)

),

offers as (

    select
        helpdesk_offers.survey,
        helpdesk_identities.customer_key,
        coalesce(tickets.channel, 'unknown') as channel,
        helpdesk_offers.offered_at,
        helpdesk_offers.is_answered
    from helpdesk_offers
    left join helpdesk_identities on helpdesk_offers.requester_id = helpdesk_identities.source_id
    left join tickets on helpdesk_offers.ticket_id = tickets.ticket_id

    union all

    select
        surveys.survey,
        crm_identities.customer_key,
        coalesce(sends.channel, 'unknown'),
        sends.sent_at,
        case when answered_sends.event_id is not null then 1 else 0 end
    from sends
    inner join surveys on sends.survey_id = surveys.survey_id
    left join crm_identities on sends.contact_id = crm_identities.source_id
    left join answered_sends on sends.event_id = answered_sends.event_id

),

dated as (

    select
        offers.survey,
        offers.channel,
        coalesce(customers.customer_segment, 'B2C') as customer_segment,
        {{ to_local_date('offers.offered_at') }} as offered_date,
        offers.is_answered
    from offers
    left join customers on offers.customer_key = customers.customer_key

),

expanded as (

    {{ expand_grains_and_segments('dated', 'offered_date', {'survey': 'survey', 'channel': 'channel', 'customer_segment': 'customer_segment'}) }}

),

counted as (

    select {{ metric_keys() }}, sum(is_answered) as answered, count(*) as offered
    from expanded
    group by {{ metric_keys() }}

),

final as (

    select
        'survey_response_rate' as metric_name,
        {{ metric_keys() }},
        {{ safe_ratio('answered', 'offered', 100) }} as value,
        answered as numerator,
        offered as denominator,
        offered as n,
        cast(null as {{ type_double() }}) as margin_of_error
    from counted

)

select * from final

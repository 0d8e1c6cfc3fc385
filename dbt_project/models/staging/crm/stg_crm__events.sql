with

source as (

    {{ dedupe_latest(source('crm', 'events'), 'id', 'occurredAt desc, load_date desc') }}

),

renamed as (

    select
        id as event_id,
        objectId as contact_id,
        eventType as event_type,
        hs_channel as channel,
        hs_campaign_id as campaign_id,
        hs_survey_id as survey_id,
        eventType <> 'e_feedback_survey_sent' as is_marketing_touch,
        {{ utc_timestamp('occurredAt') }} as occurred_at

    from source
    where objectType = 'CONTACT'

)

select * from renamed

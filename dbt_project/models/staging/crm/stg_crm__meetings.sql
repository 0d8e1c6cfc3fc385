with

source as (

    {{ dedupe_latest(source('crm', 'meetings'), 'hs_object_id', 'hs_lastmodifieddate desc, load_date desc') }}

),

renamed as (

    select
        hs_object_id as meeting_id,
        hs_meeting_title as meeting_title,
        hs_meeting_outcome as meeting_outcome,
        hubspot_owner_id as owner_id,
        associated_contact_id as contact_id,
        associated_company_id as company_id,
        {{ utc_timestamp('hs_meeting_start_time') }} as started_at,
        {{ utc_timestamp('hs_meeting_end_time') }} as ended_at,
        {{ utc_timestamp('hs_lastmodifieddate') }} as updated_at

    from source

)

select * from renamed

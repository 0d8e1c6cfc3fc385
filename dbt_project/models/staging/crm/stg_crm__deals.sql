with

source as (

    {{ dedupe_latest(source('crm', 'deals'), 'hs_object_id', 'hs_lastmodifieddate desc, load_date desc') }}

),

renamed as (

    select
        hs_object_id as deal_id,
        dealname as deal_name,
        amount,
        dealstage as deal_stage,
        dealstage = 'closedwon' as is_won,
        pipeline,
        hubspot_owner_id as owner_id,
        associated_company_id as company_id,
        associated_contact_id as contact_id,
        {{ utc_timestamp('createdate') }} as created_at,
        {{ utc_timestamp('closedate') }} as closed_at,
        {{ utc_timestamp('hs_lastmodifieddate') }} as updated_at

    from source

)

select * from renamed

with

source as (

    {{ dedupe_latest(source('crm', 'contacts'), 'hs_object_id', 'lastmodifieddate desc, load_date desc') }}

),

renamed as (

    select
        hs_object_id as contact_id,
        lower(trim(email)) as email,
        firstname as first_name,
        lastname as last_name,
        phone,
        city,
        lifecyclestage as lifecycle_stage,
        hs_analytics_source as analytics_source,
        associatedcompanyid as company_id,
        {{ utc_timestamp('createdate') }} as created_at,
        {{ utc_timestamp('lastmodifieddate') }} as updated_at

    from source

)

select * from renamed

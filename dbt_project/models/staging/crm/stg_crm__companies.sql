with

source as (

    {{ dedupe_latest(source('crm', 'companies'), 'hs_object_id', 'hs_lastmodifieddate desc, load_date desc') }}

),

renamed as (

    select
        hs_object_id as company_id,
        name as company_name,
        lower(trim(domain)) as domain,
        industry,
        city,
        numberofemployees as employee_count,
        hubspot_owner_id as owner_id,
        {{ utc_timestamp('createdate') }} as created_at,
        {{ utc_timestamp('hs_lastmodifieddate') }} as updated_at

    from source

)

select * from renamed

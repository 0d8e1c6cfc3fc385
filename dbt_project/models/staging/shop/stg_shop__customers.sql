with

source as (

    {{ dedupe_latest(source('shop', 'customers'), 'id', 'updated_at desc, load_date desc') }}

),

renamed as (

    select
        id as customer_id,
        lower(trim(email)) as email,
        first_name,
        last_name,
        phone,
        default_address_city as city,
        tags,
        company as company_name,
        coalesce(lower(tags) like '%b2b%', false) as is_b2b,
        accepts_marketing,
        state as account_state,
        {{ utc_timestamp('created_at') }} as created_at,
        {{ utc_timestamp('updated_at') }} as updated_at

    from source

)

select * from renamed

with

source as (

    {{ dedupe_latest(source('helpdesk', 'users'), 'id', 'updated_at desc, load_date desc') }}

),

renamed as (

    select
        id as user_id,
        name as user_name,
        lower(trim(email)) as email,
        role,
        role in ('agent', 'admin') as is_agent,
        organization_id,
        {{ utc_timestamp('created_at') }} as created_at,
        {{ utc_timestamp('updated_at') }} as updated_at

    from source

)

select * from renamed

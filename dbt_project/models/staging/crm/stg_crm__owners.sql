with

source as (

    {{ dedupe_latest(source('crm', 'owners'), 'id', 'updatedAt desc, load_date desc') }}

),

renamed as (

    select
        id as owner_id,
        lower(trim(email)) as email,
        firstName as first_name,
        lastName as last_name,
        team_name,
        {{ utc_timestamp('createdAt') }} as created_at,
        {{ utc_timestamp('updatedAt') }} as updated_at

    from source

)

select * from renamed

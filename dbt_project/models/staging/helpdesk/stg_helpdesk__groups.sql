with

source as (

    {{ dedupe_latest(source('helpdesk', 'groups'), 'id', 'updated_at desc, load_date desc') }}

),

renamed as (

    select
        id as group_id,
        name as group_name,
        {{ utc_timestamp('created_at') }} as created_at,
        {{ utc_timestamp('updated_at') }} as updated_at

    from source

)

select * from renamed

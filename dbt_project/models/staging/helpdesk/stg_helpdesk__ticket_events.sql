with

source as (

    {{ dedupe_latest(source('helpdesk', 'ticket_events'), 'id', 'created_at desc, load_date desc') }}

),

renamed as (

    select
        id as ticket_event_id,
        ticket_id,
        author_id,
        via,
        event_type,
        coalesce(public, false) as is_public,
        field_name,
        previous_value,
        value,
        {{ utc_timestamp('created_at') }} as created_at

    from source

)

select * from renamed

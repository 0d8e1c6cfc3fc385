with

source as (

    {{ dedupe_latest(source('helpdesk', 'self_service_sessions'), 'id', 'updated_at desc, load_date desc') }}

),

renamed as (

    select
        id as session_id,
        user_id,
        channel,
        article_id,
        search_query,
        outcome,
        handover_ticket_id,
        {{ utc_timestamp('started_at') }} as started_at,
        {{ utc_timestamp('ended_at') }} as ended_at,
        {{ utc_timestamp('updated_at') }} as updated_at

    from source

)

select * from renamed

with

source as (

    {{ dedupe_latest(source('helpdesk', 'ces_responses'), 'id', 'updated_at desc, load_date desc') }}

),

renamed as (

    select
        id as ces_response_id,
        ticket_id,
        requester_id,
        score,
        comment as comment_text,
        score is not null as is_answered,
        {{ utc_timestamp('created_at') }} as offered_at,
        case when score is not null then {{ utc_timestamp('updated_at') }} end as answered_at,
        {{ utc_timestamp('updated_at') }} as updated_at

    from source

)

select * from renamed

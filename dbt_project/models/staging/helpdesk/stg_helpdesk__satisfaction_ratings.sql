with

source as (

    {{ dedupe_latest(source('helpdesk', 'satisfaction_ratings'), 'id', 'updated_at desc, load_date desc') }}

),

renamed as (

    select
        id as satisfaction_rating_id,
        ticket_id,
        requester_id,
        assignee_id,
        group_id,
        score,
        rating,
        rating is not null as is_answered,
        comment as comment_text,
        reason,
        {{ utc_timestamp('created_at') }} as offered_at,
        {{ utc_timestamp('updated_at') }} as updated_at

    from source

)

select * from renamed

with

source as (

    {{ dedupe_latest(source('helpdesk', 'tickets'), 'id', 'updated_at desc, load_date desc') }}

),

renamed as (

    select
        id as ticket_id,
        via_channel as channel,
        status,
        type as ticket_type,
        priority,
        subject,
        requester_id,
        submitter_id,
        assignee_id,
        group_id,
        organization_id,
        custom_contact_reason as contact_reason,
        custom_order_id as order_id,
        {#- Zendesk marks spam and tickets closed by merging into another with tags. -#}
        {{ array_contains('tags', "'spam'") }} as is_spam,
        {{ array_contains('tags', "'closed_by_merge'") }} as is_merged,
        {{ utc_timestamp('created_at') }} as created_at,
        {{ utc_timestamp('updated_at') }} as updated_at

    from source

)

select * from renamed

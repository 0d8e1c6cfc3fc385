with

source as (

    {{ dedupe_latest(source('shop', 'refunds'), 'id', 'processed_at desc, load_date desc') }}

),

renamed as (

    select
        id as refund_id,
        order_id,
        note as refund_note,
        coalesce(restock, false) as is_restock,
        amount as refund_amount,
        {{ utc_timestamp('created_at') }} as created_at,
        {{ utc_timestamp('coalesce(processed_at, created_at)') }} as processed_at

    from source

)

select * from renamed

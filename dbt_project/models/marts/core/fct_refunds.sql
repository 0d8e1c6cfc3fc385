with

refunds as (

    select * from {{ ref('stg_shop__refunds') }}

),

orders as (

    select order_id, customer_key, customer_segment, order_channel, is_counted
    from {{ ref('fct_orders') }}

),

final as (

    select
        refunds.refund_id,
        refunds.order_id,
        orders.customer_key,
        orders.customer_segment,
        orders.order_channel,
        refunds.is_restock,
        refunds.refund_note,
        refunds.refund_amount,
        refunds.processed_at,
        {{ to_local_date('refunds.processed_at') }} as refund_date

    from refunds
    inner join orders on refunds.order_id = orders.order_id
    where orders.is_counted

)

select * from final

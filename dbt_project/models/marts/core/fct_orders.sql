with

orders as (

    select * from {{ ref('stg_shop__orders') }}

),

identities as (

    select source_id, customer_key
    from {{ ref('int_customer_identities') }}
    where source_system = 'shop'

),

customers as (

    select customer_key, customer_segment from {{ ref('dim_customers') }}

),

keyed as (

    select
        orders.*,
        {#- Guest checkouts carry only an e-mail: it leads to the same key as the person's
            other identities. -#}
        coalesce(
            identities.customer_key,
            {{ customer_key('orders.email', "'order'", 'orders.order_id') }}
        ) as customer_key
    from orders
    left join identities on orders.customer_id = identities.source_id

),

final as (

    select
        keyed.order_id,
        keyed.order_name,
        keyed.customer_key,
        coalesce(customers.customer_segment, 'B2C') as customer_segment,
        keyed.order_channel,
        keyed.is_cancelled,
        keyed.is_test,
        not keyed.is_cancelled and not keyed.is_test as is_counted,
        keyed.subtotal_amount,
        keyed.gross_amount,
        keyed.discount_amount,
        keyed.created_at,
        {{ to_local_date('keyed.created_at') }} as order_date

    from keyed
    left join customers on keyed.customer_key = customers.customer_key

)

select * from final

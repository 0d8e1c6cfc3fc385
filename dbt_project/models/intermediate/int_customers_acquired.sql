{#-
    One row per person with a counted order: the first counted order (when and through which
    channel the person became a customer) and the second. Cancelled and test orders never
    count; guest checkouts meet the person's other identities through the e-mail-based
    customer_key. Orders rank by creation instant, then id.
-#}
with

orders as (

    select order_id, customer_key, customer_segment, order_channel, created_at, order_date
    from {{ ref('fct_orders') }}
    where is_counted

),

orders_ranked as (

    select
        orders.*,
        row_number() over (
            partition by customer_key order by created_at, order_id
        ) as order_number
    from orders

),

first_orders as (

    select * from orders_ranked
    where order_number = 1

),

second_orders as (

    select * from orders_ranked
    where order_number = 2

),

final as (

    select
        first_orders.customer_key,
        first_orders.customer_segment,
        first_orders.order_id as first_order_id,
        first_orders.order_channel as first_order_channel,
        first_orders.created_at as first_order_at,
        first_orders.order_date as first_order_date,
        second_orders.order_id as second_order_id,
        second_orders.created_at as second_order_at,
        second_orders.order_date as second_order_date

    from first_orders
    left join second_orders on first_orders.customer_key = second_orders.customer_key

)

select * from final

{#-
    Money is summed as decimal so a re-run gives the same revenue to the cent.

    Orders (cancelled and test orders out) and net revenue: order subtotals after discounts,
    excluding tax and shipping, by order date, minus refunds by refund date.
-#}
with

orders as (

    select order_channel, customer_segment, order_date as anchor_date, cast(subtotal_amount as {{ type_money() }}) as amount, 1 as is_order
    from {{ ref('fct_orders') }}
    where is_counted

),

refunds as (

    select order_channel, customer_segment, refund_date as anchor_date, -cast(refund_amount as {{ type_money() }}) as amount, 0 as is_order
    from {{ ref('fct_refunds') }}

),

revenue_lines as (

    select * from orders
    union all
    select * from refunds

),

orders_expanded as (

    {{ expand_grains_and_segments('orders', 'anchor_date', {'channel': 'order_channel', 'customer_segment': 'customer_segment'}) }}

),

revenue_expanded as (

    {{ expand_grains_and_segments('revenue_lines', 'anchor_date', {'channel': 'order_channel', 'customer_segment': 'customer_segment'}) }}

),

final as (

    select
        'orders' as metric_name,
        {{ metric_keys() }},
        cast(count(*) as {{ type_double() }}) as value,
        cast(count(*) as {{ type_double() }}) as numerator,
        cast(null as {{ type_double() }}) as denominator,
        count(*) as n,
        cast(null as {{ type_double() }}) as margin_of_error
    from orders_expanded
    group by {{ metric_keys() }}

    union all

    select
        'revenue',
        {{ metric_keys() }},
        cast(sum(amount) as {{ type_double() }}),
        cast(sum(amount) as {{ type_double() }}),
        null,
        sum(is_order),
        null
    from revenue_expanded
    group by {{ metric_keys() }}

)

select * from final
